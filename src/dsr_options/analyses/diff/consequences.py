"""Which answers moved, and the smallest set of the changes that moves each (exact, bounded)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.agreement import role_agreement
from dsr_options.analyses.diff.changes import (
    _GONE,
    Action,
    Change,
    ChangeKind,
    _apply,
    apply_changes,
)
from dsr_options.analyses.evaluate import (
    MAX_PAIRS_ENV,
    Evaluator,
    RoleVerdict,
    Verdict,
    combine_results,
    max_pairs,
    role_bases,
    role_values,
)
from dsr_options.errors import DsrOptionsError
from dsr_options.model.catalogue import (
    Catalogue,
    Redline,
    Role,
)
from dsr_options.model.rules import redline_attributes

if TYPE_CHECKING:
    from dsr_options.load.sides import Location

Path = tuple[str | int, ...]
"""A place inside one item, as YAML keys and list indexes: ``("attributes", "trigger")``."""
Locator = Callable[[str, str, Path], "Location | None"]
"""Where ``(collection, item id, path)`` is written on one side, if known."""


# -- consequences ---------------------------------------------------------------------------------


class ConsequenceKind(str, Enum):
    """Which answer moved."""

    VERDICT = "verdict"
    """The role's ``check`` verdict, or the verdicts its unknown results leave possible."""
    STANDING = "standing"
    """The role's ``agree`` standing."""
    FIRMNESS = "firmness"
    """How firm the role's verdict is (``analyses.firmness``, up to ``FIRMNESS_BOUND`` changes)."""


FIRMNESS_BOUND = 1
"""A diff compares firmness up to one changed analysis value per role: exact, and about as
costly as a ``check`` of each side."""


@dataclass(frozen=True)
class Bounds:
    """How far the search for a consequence's causes goes.

    Subsets of the relevant changes are tried smallest first, up to ``max_subset`` changes and
    ``max_evaluations`` re-evaluations of the role per consequence; a search that stops there
    reports it (``Consequence.bound_reached``).
    """

    max_subset: int = 3
    max_evaluations: int = 2_000

    def to_data(self) -> dict[str, int]:
        return {"max_subset": self.max_subset, "max_evaluations": self.max_evaluations}


@dataclass(frozen=True)
class Consequence:
    """One answer that moved, and the smallest set of changes that moves it.

    For a role only one side has (added, removed) ``old`` or ``new`` is None and the cause is
    the role's addition or removal.
    """

    kind: ConsequenceKind
    role: str
    """The role's id on NEW (on OLD when it was removed)."""
    old_role: str | None
    """The role's id on OLD, when it had one."""
    old: str | None
    new: str | None
    causes: tuple[Change, ...]
    """The smallest set of changes found that reproduces ``new`` from OLD; empty when the
    bound stopped the search first."""
    relevant: int
    """How many listed changes could bear on this role (its own and the redlines')."""
    evaluations: int
    """How many times the role was re-evaluated to find the causes."""
    bound_reached: bool = False
    searched_up_to: int = 0
    """The largest subset size tried in full."""
    old_possible: tuple[str, ...] = ()
    new_possible: tuple[str, ...] = ()
    old_deciding: tuple[str, ...] = ()
    new_deciding: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """Why there are no causes: ``no subset up to 3 of the 7 relevant changes ...``."""
        if not self.bound_reached:
            return ""
        return (
            f"no subset up to {self.searched_up_to} of the {self.relevant} relevant changes "
            f"reproduces it (search stopped after {self.evaluations} evaluations)"
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "role": self.role,
            "old_role": self.old_role,
            "old": self.old,
            "new": self.new,
            "old_possible": list(self.old_possible),
            "new_possible": list(self.new_possible),
            "old_deciding": list(self.old_deciding),
            "new_deciding": list(self.new_deciding),
            "causes": [change.key for change in self.causes],
            "relevant": self.relevant,
            "evaluations": self.evaluations,
            "bound_reached": self.bound_reached,
            "searched_up_to": self.searched_up_to,
            "note": self.note,
        }


_Answer = tuple[str, tuple[str, ...]]


class _Remembering(Evaluator):
    """An evaluator that evaluates each role object once: its verdict, then its standing."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__(catalogue)
        self._roles: dict[int, tuple[Role, RoleVerdict]] = {}

    def evaluate_role(self, role: Role) -> RoleVerdict:
        held = self._roles.get(id(role))
        if held is None or held[0] is not role:
            held = self._roles[id(role)] = (role, super().evaluate_role(role))
        return held[1]


class _Answers:
    """A role's verdict and standing on some catalogue, sharing one evaluator per catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.evaluator: Evaluator = _Remembering(catalogue)

    def verdict(self, role: Role) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
        rv = self.evaluator.evaluate_role(role)
        return rv.verdict, rv.possible, rv.deciding

    def standing(self, role: Role) -> str:
        return role_agreement(self.catalogue, role, self.evaluator).standing


def _answer_kinds() -> tuple[ConsequenceKind, ...]:
    return (ConsequenceKind.VERDICT, ConsequenceKind.STANDING)


class _Search:
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
        result = _apply(role, ops)
        return None if result is _GONE else result

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


def _search(
    search: _Search,
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
    olds, news = _Answers(old), _Answers(new)
    old_roles = {role.id: role for role in old.roles}
    new_roles = {role.id: role for role in new.roles}
    by_role: dict[str, list[Change]] = {}
    redline_changes: list[Change] = []
    for change in changes:
        if change.collection == "roles":
            by_role.setdefault(change.item, []).append(change)
        elif change.collection == "redlines":
            redline_changes.append(change)
    search = _Search(old, olds.evaluator)
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
    screen = _redline_pairs(old, new, redline_changes)
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    testing_old, testing_new = _testing(old.redlines), _testing(new.redlines)

    def may_move(old_id: str | None, new_id: str | None) -> bool:
        own = by_role.get(old_id or "", []) + (
            by_role.get(new_id or "", []) if new_id != old_id else []
        )
        own = [change for change in own if change.moves_answers]
        if old_id is None or new_id is None:
            return bool(own)
        checked = list(screen)
        if any(change.kind not in _VALUE_KINDS for change in own):
            return True
        for name in {str(change.path[1]) for change in own}:
            checked += [(r, new_by_id.get(r.id)) for r in testing_old.get(name, ())]
            checked += [(old_by_id.get(r.id), r) for r in testing_new.get(name, ())]
        return bool(checked) and _moved_by_redlines(
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
            causes, count, stopped, upto = _search(
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
            causes, count, stopped, upto = _search(
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


def _redline_pairs(
    old: Catalogue, new: Catalogue, changes: Sequence[Change]
) -> list[tuple[Redline | None, Redline | None]]:
    """Each changed redline as it is on OLD and on NEW (None on the side without it)."""
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    seen: dict[tuple[str, str], tuple[Redline | None, Redline | None]] = {}
    for change in changes:
        if not change.moves_answers:
            continue
        ids = (change.item, change.new_item or change.item)
        seen.setdefault(ids, (old_by_id.get(ids[0]), new_by_id.get(ids[1])))
    return list(seen.values())


_VALUE_KINDS = frozenset(
    {
        ChangeKind.VALUE_ADDED,
        ChangeKind.VALUE_REMOVED,
        ChangeKind.VALUE_CHANGED,
        ChangeKind.BASIS_CHANGED,
    }
)


def _testing(redlines: Sequence[Redline]) -> dict[str, list[Redline]]:
    """The redlines that test each attribute, in their scope or their rule."""
    found: dict[str, list[Redline]] = {}
    for redline in redlines:
        for name in redline_attributes(redline):
            found.setdefault(name, []).append(redline)
    return found


def _moved_by_redlines(
    old: Evaluator,
    new: Evaluator,
    old_role: Role,
    new_role: Role,
    redlines: Sequence[tuple[Redline | None, Redline | None]],
) -> bool:
    """Whether a changed redline's result for ``role`` (the same on both sides) differs.

    A verdict adds up each redline's outcome, scope and rule truth and strictness, a standing
    also whether the crossing rests on analysis: when these are the same for every changed
    redline, and the role's values did not change, neither answer can have moved.
    """
    values, bases = role_values(old_role), role_bases(old_role)
    new_values, new_bases = role_values(new_role), role_bases(new_role)
    for before, after in redlines:
        old_result = None if before is None else old.evaluate(old_role, before, values, bases)
        new_result = None if after is None else new.evaluate(new_role, after, new_values, new_bases)
        signatures = [
            None
            if result is None
            else (
                result.outcome,
                result.applies,
                result.holds,
                result.strictness,
                result.rests_on_analysis,
            )
            for result in (old_result, new_result)
        ]
        if signatures[0] != signatures[1]:
            return True
    return False


def _check_pairs(roles: int, redlines: int) -> None:
    """Refuse up front to re-evaluate more role x redline pairs than ``check`` would."""
    pairs, limit = roles * redlines, max_pairs()
    if pairs > limit:
        raise DsrOptionsError(
            f"{roles:,} roles to re-evaluate x {redlines:,} redlines is {pairs:,} pairs on each "
            f"side, more than the limit of {limit:,} (set {MAX_PAIRS_ENV} to raise it)"
        )


def _answer_text(answers: _Answers, role: Role | None, kind: ConsequenceKind) -> str | None:
    if role is None:
        return None
    if kind is ConsequenceKind.VERDICT:
        return answers.verdict(role)[0].value
    return answers.standing(role)


def firmness_consequences(
    old: Catalogue, new: Catalogue, changes: Sequence[Change], bounds: Bounds
) -> tuple[Consequence, ...]:
    """Every role whose firmness moved (up to ``FIRMNESS_BOUND``), with the smallest set of the
    relevant changes (its own and the redlines') that reproduces the new firmness from OLD,
    searched smallest first within ``bounds``."""
    from dsr_options.analyses.evaluate import evaluate_role
    from dsr_options.analyses.firmness import firmness, role_firmness

    moving = [change for change in changes if change.moves_answers]
    if not moving or not old.roles or not new.roles:
        return ()
    before = firmness(old, bound=FIRMNESS_BOUND)
    after = firmness(new, bound=FIRMNESS_BOUND)
    found: list[Consequence] = []
    for now in after.roles:
        then = before.of(now.role)
        if then is None or then.text == now.text:
            continue
        relevant = [
            c
            for c in moving
            if c.collection in ("redlines", "holders", "attributes")
            or (c.collection == "roles" and now.role in (c.item, c.new_item))
        ]
        causes: tuple[Change, ...] = ()
        evaluations = searched = 0
        stopped = False
        for size in range(1, min(bounds.max_subset, len(relevant)) + 1):
            for subset in itertools.combinations(relevant, size):
                if evaluations >= bounds.max_evaluations:
                    stopped = True
                    break
                evaluations += 1
                trial = apply_changes(old, subset)
                role = next((r for r in trial.roles if r.id == now.role), None)
                if role is None:
                    continue
                shown = role_firmness(trial, evaluate_role(trial, role), bound=FIRMNESS_BOUND)
                if shown.text == now.text:
                    causes = subset
                    break
            if causes or stopped:
                break
            searched = size
        found.append(
            Consequence(
                ConsequenceKind.FIRMNESS,
                now.role,
                now.role,
                then.text,
                now.text,
                causes,
                len(relevant),
                evaluations,
                bound_reached=not causes,
                searched_up_to=searched,
            )
        )
    return tuple(found)
