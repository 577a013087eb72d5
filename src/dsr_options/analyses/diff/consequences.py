"""Which answers moved, and the smallest set of the changes that moves each (exact, bounded)."""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.analyses.diff.answers import Bounds, Consequence, ConsequenceKind
from dsr_options.analyses.diff.kinds import Change, ChangeKind
from dsr_options.analyses.diff.screen import (
    VALUE_KINDS,
    moved_by_redlines,
    redline_pairs,
    testing,
)
from dsr_options.analyses.diff.search import Answers, CauseSearch, smallest_causes
from dsr_options.analyses.evaluate import MAX_PAIRS_ENV, max_pairs
from dsr_options.errors import DsrOptionsError
from dsr_options.model.catalogue import Catalogue, Role


def _answer_kinds() -> tuple[ConsequenceKind, ...]:
    return (ConsequenceKind.VERDICT, ConsequenceKind.STANDING)


def consequences_of(
    old: Catalogue,
    new: Catalogue,
    changes: Sequence[Change],
    bounds: Bounds | None = None,
) -> tuple[Consequence, ...]:
    """Every verdict and standing that differs between ``old`` and ``new``, with its causes.

    Roles are matched by id, a renamed role to its new id. The causes of each are searched for
    among the changes relevant to the role: its own (by either id) and every redline change, of
    a kind that can move an answer (``ChangeKind.moves_answers``). Changes to declarations,
    offices, holders and sources, and to a role's text, leads or open questions, cannot move a
    verdict or a standing, so they are never causes.
    """
    bounds = bounds or Bounds()
    renamed = {c.item: c.new_item for c in changes if c.kind is ChangeKind.ROLE_RENAMED}
    back = {new_id: old_id for old_id, new_id in renamed.items() if new_id is not None}
    olds, news = Answers(old), Answers(new)
    old_roles = {role.id: role for role in old.roles}
    new_roles = {role.id: role for role in new.roles}
    by_role: dict[str, list[Change]] = {}
    redline_changes: list[Change] = []
    for change in changes:
        if change.collection == "roles":
            by_role.setdefault(change.item, []).append(change)
        elif change.collection == "redlines":
            redline_changes.append(change)
    search = CauseSearch(old, olds.evaluator)
    pairs: list[tuple[str | None, str | None]] = [
        (
            role.id,
            renamed.get(role.id, role.id) if renamed.get(role.id, role.id) in new_roles else None,
        )
        for role in old.roles
    ]
    pairs += [
        (None, role.id) for role in new.roles if role.id not in old_roles and role.id not in back
    ]
    # Only a role for which some redline comes out differently can have moved: a changed
    # redline, or (when the role's own changes are all values and bases) a redline testing a
    # changed attribute. Other roles are not re-evaluated, and no answer is missed: a verdict
    # and a standing are made of the redlines' results and the role's evidence.
    screen = redline_pairs(old, new, redline_changes)
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    testing_old, testing_new = testing(old.redlines), testing(new.redlines)

    def may_move(old_id: str | None, new_id: str | None) -> bool:
        own = by_role.get(old_id or "", []) + (
            by_role.get(new_id or "", []) if new_id != old_id else []
        )
        own = [change for change in own if change.moves_answers]
        if old_id is None or new_id is None:
            return bool(own)
        checked = list(screen)
        if any(change.kind not in VALUE_KINDS for change in own):
            return True
        for name in {str(change.path[1]) for change in own}:
            checked += [(r, new_by_id.get(r.id)) for r in testing_old.get(name, ())]
            checked += [(old_by_id.get(r.id), r) for r in testing_new.get(name, ())]
        return bool(checked) and moved_by_redlines(
            olds.evaluator, news.evaluator, old_roles[old_id], new_roles[new_id], checked
        )

    pairs = [(o, n) for o, n in pairs if may_move(o, n)]
    _check_pairs(len(pairs), max(len(old.redlines), len(new.redlines)))
    found: list[Consequence] = []
    for old_id, new_id in pairs:
        old_role = old_roles.get(old_id) if old_id is not None else None
        new_role = new_roles.get(new_id) if new_id is not None else None
        own = by_role.get(old_id or "", []) + (
            by_role.get(new_id or "", []) if new_id != old_id else []
        )
        # A change of a kind that cannot move an answer (a title, a lead, a redline's holders)
        # is never needed in a smallest set: leaving such changes out keeps the search exact.
        relevant = [c for c in own + redline_changes if c.moves_answers]
        if not relevant:
            continue
        role_id = new_id or old_id or ""
        if old_role is None or new_role is None:
            for kind in _answer_kinds():
                before = _answer_text(olds, old_role, kind)
                after = _answer_text(news, new_role, kind)
                found.append(
                    Consequence(kind, role_id, old_id, before, after, tuple(own), len(relevant), 0)
                )
            continue
        ov, op, od = olds.verdict(old_role)
        nv, np, nd = news.verdict(new_role)
        if (ov, op) != (nv, np):
            target = (nv.value, tuple(v.value for v in np))
            causes, count, stopped, upto = smallest_causes(
                search, ConsequenceKind.VERDICT, old_role, relevant, target, bounds
            )
            found.append(
                Consequence(
                    ConsequenceKind.VERDICT,
                    role_id,
                    old_id,
                    ov.value,
                    nv.value,
                    causes,
                    len(relevant),
                    count,
                    stopped,
                    upto,
                    tuple(v.value for v in op),
                    tuple(v.value for v in np),
                    od,
                    nd,
                )
            )
        old_standing, new_standing = olds.standing(old_role), news.standing(new_role)
        if old_standing != new_standing:
            causes, count, stopped, upto = smallest_causes(
                search, ConsequenceKind.STANDING, old_role, relevant, new_standing, bounds
            )
            found.append(
                Consequence(
                    ConsequenceKind.STANDING,
                    role_id,
                    old_id,
                    old_standing,
                    new_standing,
                    causes,
                    len(relevant),
                    count,
                    stopped,
                    upto,
                )
            )
    return tuple(found)


def _check_pairs(roles: int, redlines: int) -> None:
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
