"""Which answers moved, and the smallest set of the changes that moves each (exact, bounded).

The answers are those of the options every command evaluates (roles, then variants and
packages expanded by the pipeline, see ``pairs``): a change to a variant's base or a package's
member moves the variant's or the package's answers, and is found as their cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dsr_options.analyses.diff.answers import Bounds, Consequence, ConsequenceKind
from dsr_options.analyses.diff.kinds import Change
from dsr_options.analyses.diff.pairs import Pair, RolePairs
from dsr_options.analyses.diff.screen import Screen
from dsr_options.analyses.diff.search import (
    Answers,
    CauseSearch,
    Found,
    answer_matches,
    smallest_causes,
)
from dsr_options.analyses.evaluate import MAX_PAIRS_ENV, max_pairs
from dsr_options.errors import DsrOptionsError
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import Catalogue, Role

CAUSES = "diff's search for the causes of moved answers"
"""The run budget's name, as ``bounded: ...`` says it."""


def consequences_of(
    old: Catalogue,
    new: Catalogue,
    changes: Sequence[Change],
    bounds: Bounds | None = None,
    *,
    pairs: RolePairs | None = None,
    budget: Budget | None = None,
    answers: tuple[Answers, Answers] | None = None,
    screen: Screen | None = None,
) -> tuple[Consequence, ...]:
    """Every verdict and standing that differs between ``old`` and ``new`` (as written; their
    options are evaluated as every command evaluates them), with its causes.

    Options are matched by id, a renamed role to its new id. The causes of each are searched
    for among the changes relevant to it: its own (to the role, or the variant and its base,
    or the package and its members, by either id) and every redline change, of a kind that can
    move an answer (``ChangeKind.moves_answers``). Changes to declarations, offices, holders and
    sources, and to a role's text, leads or open questions, cannot move a verdict or a
    standing, so they are never causes. ``budget`` is the run's (shared with the firmness
    search); a search it stops says so (``Consequence.budget_spent``). ``answers`` (of OLD and
    NEW as evaluated) share their evaluations with the caller, and ``screen`` (made on their
    evaluators) what it read.
    """
    bounds = bounds or Bounds()
    pairs = pairs or RolePairs(old, new, changes)
    budget = budget or Budget(CAUSES, bounds.run_limit)
    olds, news = answers or (Answers(pairs.old_x), Answers(pairs.new_x))
    redline_changes = [c for c in pairs.other if c.collection == "redlines"]
    search = CauseSearch(pairs, olds.evaluator, budget)
    # Only an option for which some redline comes out differently can have moved, and only if
    # what its redlines add up to differs (see ``screen``): the others are not re-evaluated, and
    # no answer is missed.
    screen = screen or Screen(pairs, olds.evaluator, news.evaluator)
    old_count, new_count = len(pairs.old_x.redlines), len(pairs.new_x.redlines)
    moving = [pair for pair in pairs.pairs if screen.answers_may_move(pair)]
    check_pairs(len(moving), max(old_count, new_count))
    cost = max(1, old_count)
    found: list[Consequence] = []
    for pair in moving:
        old_role = pairs.old_roles.get(pair.old_id) if pair.old_id is not None else None
        new_role = pairs.new_roles.get(pair.new_id) if pair.new_id is not None else None
        # A change of a kind that cannot move an answer (a title, a lead, a redline's holders)
        # is never needed in a smallest set: leaving such changes out keeps the search exact.
        relevant = [c for c in (*pair.own, *redline_changes) if c.moves_answers]
        if not relevant:
            continue
        if old_role is None or new_role is None:
            for kind in (ConsequenceKind.VERDICT, ConsequenceKind.STANDING):
                before = _answer_text(olds, old_role, kind)
                after = _answer_text(news, new_role, kind)
                found.append(
                    Consequence(
                        kind, pair.role_id, pair.old_id, before, after, pair.own, len(relevant), 0
                    )
                )
            continue
        ov, op, od = olds.verdict(old_role)
        nv, np, nd = news.verdict(new_role)
        if (ov, op) != (nv, np):
            target = (nv.value, tuple(v.value for v in np))
            matches = answer_matches(search, ConsequenceKind.VERDICT, target)
            result = smallest_causes(search, pair, relevant, matches, bounds, cost)
            verdict = _consequence(
                ConsequenceKind.VERDICT, pair, ov.value, nv.value, result, relevant
            )
            found.append(
                replace(
                    verdict,
                    old_possible=tuple(v.value for v in op),
                    new_possible=tuple(v.value for v in np),
                    old_deciding=od,
                    new_deciding=nd,
                )
            )
        old_standing, new_standing = olds.standing(old_role), news.standing(new_role)
        if old_standing != new_standing:
            matches = answer_matches(search, ConsequenceKind.STANDING, new_standing)
            result = smallest_causes(search, pair, relevant, matches, bounds, cost)
            found.append(
                _consequence(
                    ConsequenceKind.STANDING, pair, old_standing, new_standing, result, relevant
                )
            )
    return tuple(found)


def _consequence(
    kind: ConsequenceKind,
    pair: Pair,
    old: str,
    new: str,
    found: Found,
    relevant: Sequence[Change],
) -> Consequence:
    return Consequence(
        kind,
        pair.role_id,
        pair.old_id,
        old,
        new,
        found.causes,
        len(relevant),
        found.evaluations,
        found.bound_reached,
        found.searched_up_to,
        budget_spent=found.budget_spent,
        by_size=found.by_size,
    )


def check_pairs(roles: int, redlines: int) -> None:
    """Refuse up front to re-evaluate more role x redline pairs than ``check`` would."""
    pairs, limit = roles * redlines, max_pairs()
    if pairs > limit:
        raise DsrOptionsError(
            f"{roles:,} roles to re-evaluate x {redlines:,} redlines is {pairs:,} pairs on each "
            f"side, more than the limit of {limit:,} (set {MAX_PAIRS_ENV} to raise it)"
        )


def _answer_text(answers: Answers, role: Role | None, kind: ConsequenceKind) -> str | None:
    if role is None:
        return None
    if kind is ConsequenceKind.VERDICT:
        return answers.verdict(role)[0].value
    return answers.standing(role)
