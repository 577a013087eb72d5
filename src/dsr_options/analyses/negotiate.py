"""Where delegations leave room: a holder x role matrix and the smallest joint changes.

For each chosen holder and each role, the verdict that holder's redlines alone give. A role is
acceptable to a holder when it crosses (or could cross) none of the holder's vetoes and
conditions. For a role not acceptable to every chosen holder, an exact search finds the fewest
attribute changes after which it clears every veto and condition of every chosen holder.

The search is exact and bounded:

* only attributes that the chosen vetoes and conditions test can matter, so only those change;
* an attribute's values are grouped into classes that every such test treats alike (for a
  ``choices`` attribute, subsets of its declared values), and one value per class is tried, the
  one closest to the role's own value;
* change sets are tried by size, 1, 2, ... up to ``bound``, and a set is tried only if it touches
  at least one attribute of every redline the role fails.

Worst case per role: ``sum(C(A, s) * (c - 1) ** s for s in 1..bound)`` candidate sets, each
checked against the ``H`` chosen vetoes and conditions, where ``A`` is the number of attributes
those redlines test and ``c`` the most value classes of one attribute. :class:`Negotiation`
reports ``A``, ``c``, that worst case and the sets actually tried.

Pairs of vetoes or conditions that no assignment of values clears together (over the same
classes, unbounded) are reported as conflicts instead of an empty answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from math import comb
from typing import Any

from dsr_options.analyses.evaluate import Outcome, role_values
from dsr_options.analyses.negotiation_types import (
    Cell,
    Conflict,
    JointChange,
    JointRepair,
    Negotiation,
    RoleStanding,
    assume_text,
)
from dsr_options.analyses.query import chosen_holders
from dsr_options.errors import UsageError
from dsr_options.model.budget import MAX_EVALUATIONS_ENV, Bounded, Budget, max_evaluations
from dsr_options.model.catalogue import AttributeDecl, AttributeTest, Catalogue, Redline, Role
from dsr_options.model.rules import (
    Truth,
    Verdict,
    could_cross,
    decide,
    outcome_of,
    redline_check,
    redline_tests,
    redline_truths,
    test_holds,
)
from dsr_options.model.vocabulary import AttributeType, Strictness
from dsr_options.validate.role_groups import alike_key

__all__ = [
    "DEFAULT_BOUND",
    "Cell",
    "Conflict",
    "JointChange",
    "JointRepair",
    "Negotiation",
    "RoleStanding",
    "assume_text",
    "negotiate",
]

DEFAULT_BOUND = 3
"""Most attribute changes the search combines for one role."""
MAX_BOUND = 6
MAX_SUBSET_VALUES = 12
"""A ``choices`` attribute with more declared values than this is not enumerated (2**12 sets)."""


_Decided = tuple[Verdict, tuple[str, ...], bool]
"""A holder's verdict on a role, the redlines that decide it, and whether it is acceptable."""


def _clears(redline: Redline, values: Mapping[str, Any]) -> bool:
    """The redline is surely not crossed: out of scope, or its crossing rule false."""
    return not could_cross(*redline_truths(redline, values))


# -- value classes ---------------------------------------------------------------------------------


def _domain(decl: AttributeDecl) -> list[Any]:
    if decl.type is AttributeType.BOOLEAN:
        return [True, False]
    ids = [value.id for value in decl.values]
    if decl.type is AttributeType.CHOICE:
        return ids
    if len(ids) > MAX_SUBSET_VALUES:
        raise UsageError(
            f"'{decl.id}' has {len(ids)} values: the joint search enumerates the subsets of at "
            f"most {MAX_SUBSET_VALUES}",
            about="holder",
        )
    return [
        tuple(combo) for size in range(len(ids) + 1) for combo in itertools.combinations(ids, size)
    ]


def _classes(
    decl: AttributeDecl, tests: Sequence[AttributeTest]
) -> dict[tuple[Truth, ...], list[Any]]:
    """The attribute's values grouped by what every test says of them."""
    groups: dict[tuple[Truth, ...], list[Any]] = {}
    for value in _domain(decl):
        groups.setdefault(tuple(test_holds(t, value) for t in tests), []).append(value)
    return groups


def _distance(value: Any, current: Any) -> tuple[int, Any]:
    if isinstance(value, tuple):
        have = set(current) if isinstance(current, (list, tuple)) else set()
        return len(have ^ set(value)), value
    return 0, str(value)


# -- the analysis ----------------------------------------------------------------------------------


def negotiate(
    catalogue: Catalogue,
    holders: Iterable[str] = (),
    *,
    bound: int = DEFAULT_BOUND,
    vary: str = "analysis",
) -> Negotiation:
    """The chosen holders (default: every holder of a redline) against every role.

    ``bound`` is the most attribute changes combined for one role (1 to 6). A repair never
    changes a value that defines its role (``defining: true``) unless ``vary`` is ``note``, and
    never empties a list value a rule tests (a role nothing could start is no repair).
    """
    if not 1 <= bound <= MAX_BOUND:
        raise UsageError(f"the bound is 1 to {MAX_BOUND} changes, not {bound}", about="bound")
    if vary not in ("analysis", "note"):
        raise UsageError(f"vary analysis or note, not {vary!r}", about="vary")
    chosen = chosen_holders(catalogue, holders)
    names = tuple((h, (catalogue.holder(h) or _nameless(h)).label) for h in chosen)
    relevant = [r for r in catalogue.redlines if any(h in r.holders for h in chosen)]
    hard_at = [i for i, r in enumerate(relevant) if r.strictness is not Strictness.CONCERN]
    hard = [relevant[i] for i in hard_at]
    holders_of = {r.id: tuple(h for h in r.holders if h in chosen) for r in relevant}

    budget = Budget("the joint-repair search")  # one for the run, shared by every role
    # Each role's results are found once, for every chosen redline; each holder's verdict is
    # what its own redlines' results add up to (roles alike in those results share it).
    checks = [redline_check(r) for r in relevant]
    mine = {h: [i for i, r in enumerate(relevant) if h in r.holders] for h in chosen}
    decided: dict[tuple[str, tuple[tuple[Truth, Truth], ...]], _Decided] = {}
    cells: list[Cell] = []
    acceptable: dict[str, list[str]] = {role.id: [] for role in catalogue.roles}
    found: dict[str, list[tuple[Truth, Truth]]] = {}
    for role in catalogue.roles:
        values = role_values(role)
        results = found[role.id] = [check(values) for check in checks]
        for h in chosen:
            mine_now = (h, tuple(results[i] for i in mine[h]))
            cell = decided.get(mine_now)
            if cell is None:
                verdict, possible, deciding = decide([(relevant[i], *results[i]) for i in mine[h]])
                cell = decided[mine_now] = (verdict, deciding, Verdict.OUT not in possible)
            cells.append(Cell(h, role.id, *cell))
            if cell[2]:
                acceptable[role.id].append(h)

    tests = {r.id: redline_tests(r) for r in hard}
    order = [d.id for d in catalogue.attributes]
    tested = sorted(
        {t.attribute for r in hard for t in tests[r.id]},
        key=lambda a: order.index(a) if a in order else len(order),
    )
    decls = {d.id: d for d in catalogue.attributes}
    per_attribute = {
        a: [t for r in hard for t in tests[r.id] if t.attribute == a] for a in tested if a in decls
    }
    classes = {a: _classes(decls[a], per_attribute[a]) for a in per_attribute}
    most = max((len(groups) for groups in classes.values()), default=1)
    worst = sum(comb(len(classes), s) * (most - 1) ** s for s in range(1, bound + 1))

    conflicts, undecided = _conflicts(hard, tests, classes, holders_of)
    # Roles alike in every attribute the chosen redlines test get the same search: done once.
    keyed = sorted({t.attribute for r in relevant for t in redline_tests(r)})
    searches: dict[Any, tuple[JointRepair | None, int, bool]] = {}
    space = _Space(hard, relevant, tests, classes, holders_of, bound, per_attribute)
    standings = []
    for role in catalogue.roles:
        if len(acceptable[role.id]) == len(chosen):
            standings.append(RoleStanding(role, tuple(acceptable[role.id]), None, 0))
            continue
        if conflicts:
            standings.append(RoleStanding(role, tuple(acceptable[role.id]), None, 0, True))
            continue
        frozen = set() if vary == "note" else {a for a, v in role.attributes.items() if v.defining}
        key = (alike_key(role_values(role), keyed), frozenset(frozen) & set(classes))
        if key not in searches:
            results = found[role.id]
            cleared = [could_cross(*results[i]) is False for i in hard_at]
            searches[key] = _search(space, role, frozenset(frozen), budget, cleared)
        repair, searched, stopped = searches[key]
        repair = repair.for_role(role.id) if repair is not None else None
        kept = tuple(a for a in classes if a in frozen)
        standings.append(
            RoleStanding(
                role, tuple(acceptable[role.id]), repair, searched, kept=kept, bounded=stopped
            )
        )
    unknown = [s.role.id for s in standings if s.bounded]
    bounded = (
        Bounded(
            budget.what,
            budget.limit,
            f"whether a change of at most {bound} values makes {len(unknown)} "
            f"{'role' if len(unknown) == 1 else 'roles'} acceptable to every holder",
            budget.option,
        )
        if unknown
        else None
    )
    return Negotiation(
        names,
        tuple(cells),
        tuple(standings),
        conflicts,
        bound,
        tuple(classes),
        most,
        worst,
        bounded,
        _undecided(undecided),
    )


def _undecided(pairs: Sequence[tuple[str, str]]) -> Bounded | None:
    if not pairs:
        return None
    alone = sum(first == second for first, second in pairs)
    together = len(pairs) - alone
    parts = []
    if alone:
        noun = "veto or condition" if alone == 1 else "vetoes or conditions"
        parts.append(f"whether {alone} {noun} can be cleared at all")
    if together:
        noun = "pair" if together == 1 else "pairs"
        parts.append(f"whether {together} {noun} of vetoes and conditions can be cleared together")
    return Bounded(
        "the conflict check",
        max_evaluations(),
        " and ".join(parts) + " (not reported as conflicts)",
        MAX_EVALUATIONS_ENV,
    )


class _nameless:
    def __init__(self, holder: str) -> None:
        self.name = self.label = holder


def _conflicts(
    hard: Sequence[Redline],
    tests: Mapping[str, Sequence[AttributeTest]],
    classes: Mapping[str, dict[tuple[Truth, ...], list[Any]]],
    holders_of: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[Conflict, ...], tuple[tuple[str, str], ...]]:
    """Redlines no values clear (alone, or two together), and the pairs the budget left
    undecided: each pair may try as many assignments as one search's budget."""
    limit = max_evaluations()

    def satisfiable(redlines: Sequence[Redline]) -> bool | None:
        attributes = sorted({t.attribute for r in redlines for t in tests[r.id]} & set(classes))
        choices = [[groups[0] for groups in classes[a].values()] for a in attributes]
        for tried, combo in enumerate(itertools.product(*choices)):
            if tried >= limit:
                return None  # undecided
            values = dict(zip(attributes, combo, strict=True))
            if all(_clears(r, values) for r in redlines):
                return True
        return False

    found: list[Conflict] = []
    undecided: list[tuple[str, str]] = []
    impossible = set()
    for redline in hard:
        alone = satisfiable([redline])
        if alone is False:
            impossible.add(redline.id)
            found.append(Conflict((redline.id,), (holders_of[redline.id],)))
        elif alone is None:
            undecided.append((redline.id, redline.id))
    for first, second in itertools.combinations([r for r in hard if r.id not in impossible], 2):
        shared = {t.attribute for t in tests[first.id]} & {t.attribute for t in tests[second.id]}
        if not shared:
            continue
        together = satisfiable([first, second])
        if together is False:
            found.append(
                Conflict((first.id, second.id), (holders_of[first.id], holders_of[second.id]))
            )
        elif together is None:
            undecided.append((first.id, second.id))
    return tuple(found), tuple(undecided)


class _Space:
    """What every role's search shares: the chosen redlines, the attributes' value classes,
    and what is worked out once for all roles (each attribute's redlines, the change sets that
    touch a given set of failing redlines, each value's alternatives)."""

    def __init__(
        self,
        hard: Sequence[Redline],
        relevant: Sequence[Redline],
        tests: Mapping[str, Sequence[AttributeTest]],
        classes: Mapping[str, dict[tuple[Truth, ...], list[Any]]],
        holders_of: Mapping[str, tuple[str, ...]],
        bound: int,
        per_attribute: Mapping[str, list[AttributeTest]],
    ) -> None:
        self.hard, self.relevant = hard, relevant
        self.tests, self.classes, self.holders_of = tests, classes, holders_of
        self.bound, self.per_attribute = bound, per_attribute
        self.attributes = [frozenset(t.attribute for t in tests[r.id]) for r in hard]
        self.testing = {
            a: tuple(
                redline_check(r)
                for r, tested in zip(hard, self.attributes, strict=True)
                if a in tested
            )
            for a in classes
        }
        self._alternatives: dict[tuple[str, Any], list[Any]] = {}
        self._touching: dict[tuple[tuple[str, ...], tuple[int, ...], int], list[tuple[int, ...]]]
        self._touching = {}

    def alternatives(self, attribute: str, current: Any) -> list[Any]:
        """One value per class other than that of ``current``, the closest to it."""
        key = (attribute, current)
        found = self._alternatives.get(key)
        if found is None:
            own = tuple(test_holds(t, current) for t in self.per_attribute[attribute])
            found = self._alternatives[key] = [
                min(kept, key=lambda v: _distance(v, current))
                for signature, members in self.classes[attribute].items()
                if (signature != own or current is None) and (kept := _not_empty(members))
            ]
        return found

    def touching(
        self, names: tuple[str, ...], masks: tuple[int, ...], size: int
    ) -> list[tuple[int, ...]]:
        """:func:`_touching`, kept: roles that fail the same redlines share it."""
        key = (names, masks, size)
        found = self._touching.get(key)
        if found is None:
            found = self._touching[key] = list(_touching(len(names), size, masks))
        return found


def _search(
    space: _Space, role: Role, frozen: frozenset[str], budget: Budget, cleared: Sequence[bool]
) -> tuple[JointRepair | None, int, bool]:
    """The fewest changes that clear every hard redline, the sets tried, and whether the
    budget stopped the search first (then the answer is not known).

    ``cleared`` says, for each hard redline, whether the role's own values clear it. A change
    set is tried only if it touches every redline the role fails, and is checked only against
    the redlines that test an attribute it changes: the others keep their result.
    """
    values = role_values(role)
    failing = [i for i, clear in enumerate(cleared) if not clear]
    other = {
        a: kept
        for a in space.classes
        if a not in frozen and (kept := space.alternatives(a, values.get(a)))
    }
    # Only attributes with another value to try can be in a change set.
    names = tuple(other)
    bit = {a: 1 << i for i, a in enumerate(names)}
    masks = tuple(sum(bit.get(a, 0) for a in space.attributes[i]) for i in failing)
    searched = 0
    for size in range(1, space.bound + 1):
        found: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
        for picked in space.touching(names, masks, size):
            combo = tuple(names[i] for i in picked)
            affected = tuple(dict.fromkeys(c for a in combo for c in space.testing[a]))
            for choice in itertools.product(*(other[a] for a in combo)):
                searched += 1
                if not budget.spend():
                    return None, searched, True
                changed = {**values, **dict(zip(combo, choice, strict=True))}
                if not any(could_cross(*check(changed)) for check in affected):
                    found.append((combo, choice))
        if found:
            combo, choice = found[0]
            failed = [space.hard[i] for i in failing]
            return _repair(space, role, combo, choice, failed, len(found)), searched, False
    return None, searched, False


def _touching(width: int, size: int, masks: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Every ``size`` of the indices ``0..width-1`` that meets each of ``masks`` (bit sets),
    in the order of :func:`itertools.combinations`, without visiting the others."""
    chosen: list[int] = []

    def walk(start: int, left: int, covered: int) -> Iterator[tuple[int, ...]]:
        unmet = [m for m in masks if not m & covered]
        if not left:
            if not unmet:
                yield tuple(chosen)
            return
        if any(not m >> start for m in unmet):
            return  # some failing redline tests no attribute left to pick
        for index in range(start, width - left + 1):
            chosen.append(index)
            yield from walk(index + 1, left - 1, covered | 1 << index)
            chosen.pop()

    yield from walk(0, size, 0)


def _not_empty(members: list[Any]) -> list[Any]:
    """A class's values but the empty list: emptying a list a rule tests is no repair."""
    return [m for m in members if m != ()]


def _repair(
    space: _Space,
    role: Role,
    combo: tuple[str, ...],
    choice: tuple[Any, ...],
    failing: Sequence[Redline],
    alternatives: int,
) -> JointRepair:
    values = role_values(role)
    changed = {**values, **dict(zip(combo, choice, strict=True))}
    # The verdict from the outcomes alone: no reasons or repair hints built.
    results = [(r, *redline_truths(r, changed)) for r in space.relevant]
    verdict, _, _ = decide(results)
    remaining = tuple(
        r.id
        for r, applies, holds in results
        if r.strictness is Strictness.CONCERN
        and outcome_of(applies, holds) in (Outcome.CROSSES, Outcome.UNKNOWN)
    )
    changes = []
    for attribute, value in zip(combo, choice, strict=True):
        helped = dict.fromkeys(
            h
            for r in failing
            if any(t.attribute == attribute for t in space.tests[r.id])
            for h in space.holders_of[r.id]
        )
        changes.append(JointChange(role.id, attribute, value, values.get(attribute), tuple(helped)))
    return JointRepair(tuple(changes), verdict, remaining, alternatives)
