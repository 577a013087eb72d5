"""The search for a moved answer's causes: re-evaluating one role under subsets of changes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from dsr_options.analyses.agreement import role_agreement
from dsr_options.analyses.diff.answers import Bounds, ConsequenceKind
from dsr_options.analyses.diff.apply import GONE, apply_changes, apply_ops
from dsr_options.analyses.diff.kinds import Action, Change
from dsr_options.analyses.evaluate import (
    Evaluator,
    RoleVerdict,
    Verdict,
    combine_results,
    role_bases,
    role_values,
)
from dsr_options.model.catalogue import Catalogue, Role

_Answer = tuple[str, tuple[str, ...]]


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
    """Re-evaluates one role under subsets of changes applied to OLD."""

    def __init__(self, old: Catalogue, shared: Evaluator) -> None:
        self.old = old
        self.shared = shared
        self.redline_ids = {r.id for r in old.redlines}

    def role_under(self, role: Role | None, subset: Sequence[Change]) -> Role | None:
        ops = [(c.path, c.kind.action, c.new) for c in subset if c.collection == "roles"]
        if not ops:
            return role
        if role is None:  # the role is only on NEW: its addition brings it
            added = [new for path, action, new in ops if not path and action is Action.ADDED]
            return added[0] if added else None
        result = apply_ops(role, ops)
        return None if result is GONE else result

    def verdict(self, role: Role, subset: Sequence[Change]) -> _Answer:
        redline_changes = [c for c in subset if c.collection == "redlines"]
        if redline_changes:
            redlines = apply_changes(self.old, redline_changes).redlines
        else:
            redlines = self.old.redlines
        values, bases = role_values(role), role_bases(role)
        results = [self.shared.evaluate(role, r, values, bases) for r in redlines]
        verdict, possible, _ = combine_results(results)
        return verdict.value, tuple(v.value for v in possible)

    def standing(self, role: Role, subset: Sequence[Change]) -> str:
        catalogue = apply_changes(self.old, [c for c in subset if c.collection != "roles"])
        evaluator = Evaluator(catalogue)
        evaluator._results = self.shared._results  # results are keyed by the redline object
        return role_agreement(catalogue, role, evaluator).standing


def smallest_causes(
    search: CauseSearch,
    kind: ConsequenceKind,
    role: Role | None,
    relevant: Sequence[Change],
    target: Any,
    bounds: Bounds,
) -> tuple[tuple[Change, ...], int, bool, int]:
    """The smallest subset of ``relevant`` under which the role's answer is ``target``.

    Returns (causes, evaluations, bound reached, largest size searched in full).
    """
    evaluations = 0
    largest = min(bounds.max_subset, len(relevant))
    for size in range(1, largest + 1):
        for subset in itertools.combinations(relevant, size):
            if evaluations >= bounds.max_evaluations:
                return (), evaluations, True, size - 1
            evaluations += 1
            changed = search.role_under(role, subset)
            if changed is None:
                answer: Any = None
            elif kind is ConsequenceKind.VERDICT:
                answer = search.verdict(changed, subset)
            else:
                answer = search.standing(changed, subset)
            if answer == target:
                return subset, evaluations, False, size
    return (), evaluations, len(relevant) > largest, largest
