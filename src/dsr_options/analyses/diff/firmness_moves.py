"""Which options' firmness moved between the sides, and the smallest set of changes behind each.

Linear in the options: firmness is computed only for an option whose inputs changed (its own
changes, see ``pairs``), or for every option when something they all read changed (a redline,
a holder, a declaration), and of those only for one the screen cannot show unmoved (nothing in
doubt, or a veto crossed that no doubt or change touches, see ``screen``); never a
whole-catalogue report per side, and every look-up by id.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.analyses.diff.answers import (
    FIRMNESS_BOUND,
    Bounds,
    Consequence,
    ConsequenceKind,
)
from dsr_options.analyses.diff.kinds import Change
from dsr_options.analyses.diff.pairs import Pair, RolePairs
from dsr_options.analyses.diff.screen import Screen
from dsr_options.analyses.diff.search import CauseSearch, Found, smallest_causes
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.analyses.firmness import role_firmness
from dsr_options.analyses.firmness_types import Firmness
from dsr_options.model.budget import Bounded, Budget
from dsr_options.model.catalogue import Catalogue, Role

_SHARED = ("redlines", "holders", "attributes")
"""The lists every option's firmness reads."""


FIRMNESS = "diff's comparison of firmness"
"""The budget's name, as ``bounded: ...`` says it."""


def firmness_consequences(
    pairs: RolePairs,
    bounds: Bounds,
    budget: Budget,
    evaluators: tuple[Evaluator, Evaluator] | None = None,
    screen: Screen | None = None,
) -> tuple[tuple[Consequence, ...], Bounded | None]:
    """Every option whose firmness moved (up to ``FIRMNESS_BOUND``), with the smallest set of
    the relevant changes (its own, the redlines', holders' and declarations') that reproduces
    the new firmness from OLD, searched smallest first within ``bounds`` and the run's budget
    (``budget``, shared with the verdicts' and standings' causes: one redline's outcome is one
    evaluation). Each side's firmness is found within a budget of its own, each option an equal
    share of what is left; an option whose share stopped the search on either side is not
    compared, and the second value says how many were left unknown so. ``evaluators`` (of OLD
    and NEW as evaluated) share the verdicts already found; ``screen`` (see ``screen``) spares
    the options whose firmness cannot have moved."""
    shared = [c for c in pairs.other if c.moves_answers and c.collection in _SHARED]
    candidates = [
        pair
        for pair in pairs.pairs
        if pair.old_id is not None
        and pair.new_id is not None
        and (shared or any(c.moves_answers for c in pair.own))
    ]
    old_ev, new_ev = evaluators or (None, None)
    if candidates and screen is None:
        screen = Screen(pairs, old_ev or Evaluator(pairs.old_x), new_ev or Evaluator(pairs.new_x))
    if screen is not None:
        candidates = [pair for pair in candidates if screen.firmness_may_move(pair)]
    if not candidates:
        return (), None
    olds = _Firmness(pairs.old_x, Budget(FIRMNESS, bounds.run_limit), old_ev)
    news = _Firmness(pairs.new_x, Budget(FIRMNESS, bounds.run_limit), new_ev)
    search = CauseSearch(pairs, olds.evaluator, budget)
    found: list[Consequence] = []
    unknown: list[str] = []
    for index, pair in enumerate(candidates):
        left = len(candidates) - index
        then = olds.of(pairs.old_roles[pair.old_id or ""], left)
        now = news.of(pairs.new_roles[pair.new_id or ""], left)
        if then.stopped or now.stopped:
            unknown.append(pair.role_id)
            continue
        if then.text == now.text:
            continue
        relevant = [c for c in (*pair.own, *shared) if c.moves_answers]
        result = _causes(search, pair, relevant, now.text, bounds)
        found.append(
            Consequence(
                ConsequenceKind.FIRMNESS,
                pair.role_id,
                pair.old_id,
                then.text,
                now.text,
                result.causes,
                len(relevant),
                result.evaluations,
                bound_reached=not result.causes,
                searched_up_to=result.searched_up_to,
                budget_spent=result.budget_spent,
                by_size=result.by_size,
            )
        )
    return tuple(found), _bounded(olds.budget, unknown)


def _bounded(budget: Budget, unknown: Sequence[str]) -> Bounded | None:
    if not unknown:
        return None
    named = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
    noun = "option's" if len(unknown) == 1 else "options'"
    return budget.bounded(f"whether {len(unknown):,} {noun} firmness moved ({named})")


class _Firmness:
    """One side's firmness, one option at a time, on one shared evaluator and budget."""

    def __init__(
        self,
        catalogue: Catalogue,
        budget: Budget | None = None,
        evaluator: Evaluator | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.evaluator = evaluator or Evaluator(catalogue)
        self.budget = budget or Budget(FIRMNESS)

    def of(self, role: Role, parts: int = 1, budget: Budget | None = None) -> Firmness:
        """``role``'s firmness within an equal share of the budget among ``parts`` options
        (or within ``budget``, spent directly)."""
        verdict = self.evaluator.evaluate_role(role)
        share = budget or self.budget.share(parts)
        shown = role_firmness(
            self.catalogue, verdict, bound=FIRMNESS_BOUND, evaluator=self.evaluator, budget=share
        )
        if budget is None:
            self.budget.settle(share)
        return shown


def _causes(
    search: CauseSearch, pair: Pair, relevant: Sequence[Change], target: str, bounds: Bounds
) -> Found:
    sides: dict[int, _Firmness] = {}

    def matches(role: Role | None, subset: Sequence[Change]) -> bool:
        if role is None:
            return False
        catalogue = search.catalogue_under(subset)
        side = sides.get(id(catalogue))
        if side is None or side.catalogue is not catalogue:
            side = sides[id(catalogue)] = _Firmness(catalogue)
        return side.of(role, budget=search.budget).text == target

    return smallest_causes(search, pair, relevant, matches, bounds, 1)
