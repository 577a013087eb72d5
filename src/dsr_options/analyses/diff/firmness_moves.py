"""Which options' firmness moved between the sides, and the smallest set of changes behind each.

Linear in the options: firmness is computed only for an option whose inputs changed (its own
changes, see ``pairs``), or for every option when something they all read changed (a redline,
a holder, a declaration); never a whole-catalogue report per side, and every look-up by id.
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
from dsr_options.analyses.diff.search import CauseSearch, Found, smallest_causes
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.analyses.firmness import role_firmness
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import Catalogue, Role

_SHARED = ("redlines", "holders", "attributes")
"""The lists every option's firmness reads."""


def firmness_consequences(
    pairs: RolePairs, bounds: Bounds, budget: Budget
) -> tuple[Consequence, ...]:
    """Every option whose firmness moved (up to ``FIRMNESS_BOUND``), with the smallest set of
    the relevant changes (its own, the redlines', holders' and declarations') that reproduces
    the new firmness from OLD, searched smallest first within ``bounds`` and the run's budget
    (``budget``, shared with the verdicts' and standings': a trial costs the redlines times
    the combinations it tried)."""
    shared = [c for c in pairs.other if c.moves_answers and c.collection in _SHARED]
    candidates = [
        pair
        for pair in pairs.pairs
        if pair.old_id is not None
        and pair.new_id is not None
        and (shared or any(c.moves_answers for c in pair.own))
    ]
    if not candidates:
        return ()
    olds, news = _Firmness(pairs.old_x), _Firmness(pairs.new_x)
    search = CauseSearch(pairs, olds.evaluator, budget)
    found: list[Consequence] = []
    for pair in candidates:
        then = olds.text(pairs.old_roles[pair.old_id or ""])
        now = news.text(pairs.new_roles[pair.new_id or ""])
        if then == now:
            continue
        relevant = [c for c in (*pair.own, *shared) if c.moves_answers]
        result = _causes(search, pair, relevant, now, bounds)
        found.append(
            Consequence(
                ConsequenceKind.FIRMNESS,
                pair.role_id,
                pair.old_id,
                then,
                now,
                result.causes,
                len(relevant),
                result.evaluations,
                bound_reached=not result.causes,
                searched_up_to=result.searched_up_to,
                budget_spent=result.budget_spent,
                by_size=result.by_size,
            )
        )
    return tuple(found)


class _Firmness:
    """One side's firmness, one option at a time, on one shared evaluator."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.evaluator = Evaluator(catalogue)

    def text(self, role: Role) -> str:
        verdict = self.evaluator.evaluate_role(role)
        shown = role_firmness(
            self.catalogue, verdict, bound=FIRMNESS_BOUND, evaluator=self.evaluator
        )
        return shown.text


def _causes(
    search: CauseSearch, pair: Pair, relevant: Sequence[Change], target: str, bounds: Bounds
) -> Found:
    sides: dict[int, _Firmness] = {}
    redlines = max(1, len(search.old.redlines))

    def matches(role: Role | None, subset: Sequence[Change]) -> bool:
        if role is None:
            return False
        catalogue = search.catalogue_under(subset)
        side = sides.get(id(catalogue))
        if side is None or side.catalogue is not catalogue:
            side = sides[id(catalogue)] = _Firmness(catalogue)
        verdict = side.evaluator.evaluate_role(role)
        shown = role_firmness(catalogue, verdict, bound=FIRMNESS_BOUND, evaluator=side.evaluator)
        search.budget.spend(redlines * max(0, shown.combinations - 1))
        return shown.text == target

    return smallest_causes(search, pair, relevant, matches, bounds, redlines)
