"""The search for a moved answer's causes: re-evaluating one option under subsets of changes.

Subsets of the relevant changes are tried smallest first, so the first that reproduces the new
answer is a smallest one. Three limits stop a search, each said in the output: the largest
subset (``Bounds.max_subset``, ``--bound``), the trials one answer may take
(``Bounds.max_evaluations``), and the run's budget of evaluations (a role against a redline is
one), shared by every answer's search so that a diff of many moved answers stays bounded too.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.analyses.agreement import role_agreement
from dsr_options.analyses.diff.answers import Bounds, ConsequenceKind
from dsr_options.analyses.diff.apply import apply_changes
from dsr_options.analyses.diff.kinds import Change
from dsr_options.analyses.diff.pairs import OPTION_COLLECTIONS, Pair, RolePairs
from dsr_options.analyses.evaluate import (
    Evaluator,
    RoleVerdict,
    Verdict,
    combine_results,
    role_bases,
    role_values,
)
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import Catalogue, Role

_Answer = tuple[str, tuple[str, ...]]
_KEPT = 256
"""Catalogues with some redline changes applied, kept for the trials that reuse them."""


class Remembering(Evaluator):
    """An evaluator that evaluates each role object once: its verdict, then its standing."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__(catalogue)
        self._roles: dict[int, tuple[Role, RoleVerdict]] = {}

    def evaluate_role(self, role: Role) -> RoleVerdict:
        held = self._roles.get(id(role))
        if held is None or held[0] is not role:
            held = self._roles[id(role)] = (role, super().evaluate_role(role))
        return held[1]


class Answers:
    """A role's verdict and standing on some catalogue, sharing one evaluator per catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.evaluator: Evaluator = Remembering(catalogue)

    def verdict(self, role: Role) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
        rv = self.evaluator.evaluate_role(role)
        return rv.verdict, rv.possible, rv.deciding

    def standing(self, role: Role) -> str:
        return role_agreement(self.catalogue, role, self.evaluator).standing


class CauseSearch:
    """Re-evaluates one option under subsets of changes applied to OLD, spending ``budget``."""

    def __init__(self, pairs: RolePairs, shared: Evaluator, budget: Budget) -> None:
        self.pairs = pairs
        self.old = pairs.old_x
        self.shared = shared
        self.budget = budget
        self._catalogues: dict[tuple[int, ...], Catalogue] = {}

    def catalogue_under(self, subset: Sequence[Change]) -> Catalogue:
        """OLD as evaluated, with the changes of ``subset`` to anything but the options."""
        other = [c for c in subset if c.collection not in OPTION_COLLECTIONS]
        if not other:
            return self.old
        key = tuple(id(c) for c in other)
        found = self._catalogues.get(key)
        if found is None:
            if len(self._catalogues) >= _KEPT:
                self._catalogues.clear()
            found = self._catalogues[key] = apply_changes(self.old, other)
        return found

    def verdict(self, role: Role, subset: Sequence[Change]) -> _Answer:
        redlines = self.catalogue_under(subset).redlines
        values, bases = role_values(role), role_bases(role)
        results = [self.shared.evaluate(role, r, values, bases) for r in redlines]
        verdict, possible, _ = combine_results(results)
        return verdict.value, tuple(v.value for v in possible)

    def standing(self, role: Role, subset: Sequence[Change]) -> str:
        catalogue = self.catalogue_under(subset)
        evaluator = Evaluator(catalogue)
        evaluator._results = self.shared._results  # results are keyed by the redline object
        return role_agreement(catalogue, role, evaluator).standing

    def answer(self, kind: ConsequenceKind) -> Callable[[Role, Sequence[Change]], Any]:
        return self.verdict if kind is ConsequenceKind.VERDICT else self.standing


@dataclass(frozen=True)
class Found:
    """What one search found, and how far it went."""

    causes: tuple[Change, ...]
    evaluations: int
    """Trials: how many times the option was re-evaluated."""
    bound_reached: bool
    searched_up_to: int
    """The largest subset size tried in full."""
    budget_spent: bool = False
    """The run's budget stopped it (else ``bound_reached`` is the subset or per-answer bound)."""
    by_size: bool = False
    """The largest subset size stopped it (larger subsets were left untried)."""


def smallest_causes(
    search: CauseSearch,
    pair: Pair,
    relevant: Sequence[Change],
    matches: Callable[[Role | None, Sequence[Change]], bool],
    bounds: Bounds,
    cost: int,
) -> Found:
    """The smallest subset of ``relevant`` under which ``matches`` holds for ``pair``'s option
    rebuilt from OLD; each trial costs ``cost`` evaluations of the run's budget, checked before
    the trial is made."""
    written = search.pairs.written(pair)
    evaluations = 0
    largest = min(bounds.max_subset, len(relevant))
    for size in range(1, largest + 1):
        for subset in itertools.combinations(relevant, size):
            if evaluations >= bounds.max_evaluations:
                return Found((), evaluations, True, size - 1)
            if not search.budget.affords(cost):
                return Found((), evaluations, True, size - 1, budget_spent=True)
            search.budget.spend(cost)
            evaluations += 1
            if matches(search.pairs.role_under(pair, written, subset), subset):
                return Found(subset, evaluations, False, size)
    left = len(relevant) > largest
    return Found((), evaluations, left, largest, by_size=left)


def answer_matches(
    search: CauseSearch, kind: ConsequenceKind, target: Any
) -> Callable[[Role | None, Sequence[Change]], bool]:
    """Whether an option under a subset gives ``target`` for the answer ``kind``."""
    answer = search.answer(kind)

    def matches(role: Role | None, subset: Sequence[Change]) -> bool:
        return bool((None if role is None else answer(role, subset)) == target)

    return matches
