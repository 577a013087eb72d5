"""Every role design the vocabulary can describe, against every chosen holder's hard redlines.

A *design* gives each attribute the chosen vetoes and conditions test one of the values the
vocabulary declares for it (a ``choices`` attribute: any subset of its values); attributes no
such redline tests are left free. A design is acceptable to every holder when it clears each
veto and condition (out of its scope, or its rule surely false: unknown is never acceptable).

The search is exact: each attribute's values are grouped into classes every test treats alike
(:mod:`.classes`), attributes joined by no redline are searched apart, and each group is swept
over every combination of its classes (:mod:`.search`), keeping only what can still matter. It
answers whether an acceptable design exists (a witness, the region's outline, the catalogued
roles nearest to it) and, when none does, every minimal set of redlines no design clears
together and the smallest sets of holders who must relax theirs (:mod:`.duality`). A bound on
the partial designs extended (``budget``) and on the sets held stops it; it then says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import prod
from typing import Any

from dsr_options.analyses.design_space.classes import (
    Attribute,
    attribute_classes,
    class_of,
    closest,
    local_table,
)
from dsr_options.analyses.design_space.duality import TooMany, bits, hitting_sets, minimal
from dsr_options.analyses.design_space.region import Condition, Region, region_of
from dsr_options.analyses.design_space.search import Found, Group, Sweep, nearest, sweep
from dsr_options.analyses.evaluate import role_values
from dsr_options.analyses.query import chosen_holders
from dsr_options.errors import UsageError
from dsr_options.model.budget import (
    DEFAULT_MAX_EVALUATIONS,
    MAX_EVALUATIONS_ENV,
    Bounded,
    max_evaluations,
)
from dsr_options.model.catalogue import AttributeTest, Catalogue, Redline
from dsr_options.model.rules import crosses, redline_attributes, redline_tests
from dsr_options.model.vocabulary import Strictness

__all__ = [
    "DEFAULT_BUDGET",
    "BlockingSet",
    "Condition",
    "DesignSpace",
    "MustMove",
    "Nearest",
    "Region",
    "Searched",
    "clears",
    "design_space",
]

DEFAULT_BUDGET = DEFAULT_MAX_EVALUATIONS
"""Most partial designs the sweep extends (over all groups) before it stops, unless
``$DSR_OPTIONS_MAX_EVALUATIONS`` says otherwise: every search's one budget."""
MAX_SETS = 10_000
"""Most blocking or must-move sets held at once before the search stops."""
MAX_WORK = 3_000_000
"""Most comparisons of sets spent finding the blocking sets."""

Design = tuple[tuple[str, Any], ...]
"""(attribute, value) pairs, in the vocabulary's order."""


def clears(redline: Redline, values: Mapping[str, Any]) -> bool:
    """Whether a design with ``values`` surely clears the redline: out of its scope, or its
    crossing rule false (unknown never clears). The rule engine's :func:`crosses` decides."""
    return crosses(redline, values) is False


@dataclass(frozen=True)
class BlockingSet:
    """Redlines no design clears together, though any smaller part of them some design does."""

    redlines: tuple[str, ...]
    holders: tuple[str, ...]
    attributes: tuple[str, ...]
    """The attributes they test between them."""


@dataclass(frozen=True)
class MustMove:
    """Holders who, relaxing the redlines named, let a design pass; none of them can be spared."""

    holders: tuple[str, ...]
    relax: tuple[str, ...]
    design: Design
    """A design every other hard redline then accepts."""


@dataclass(frozen=True)
class Nearest:
    """A catalogued role (or variant) and the fewest changes that bring it into the region."""

    role: str
    changes: tuple[tuple[str, Any, Any], ...]
    """(attribute, value before, value after) per change."""


@dataclass(frozen=True)
class Searched:
    """What the search covered."""

    attributes: int
    """Attributes the chosen vetoes and conditions test (the others are free)."""
    designs: int
    """Designs over those attributes the vocabulary declares."""
    classes: int
    """Combinations of value classes those designs fall into."""
    groups: int
    """Groups of attributes no redline joins, searched apart."""
    steps: int
    """Partial designs extended."""
    budget: int


@dataclass(frozen=True)
class DesignSpace:
    """Whether some design is acceptable to every chosen holder, and if not, why not."""

    holders: tuple[tuple[str, str], ...]
    """(id, name) of each chosen holder."""
    redlines: tuple[str, ...]
    """The vetoes and conditions searched."""
    holders_of: Mapping[str, tuple[str, ...]]
    acceptable_exists: bool | None
    witness: Design | None
    region: Region | None
    blocking_sets: tuple[BlockingSet, ...]
    must_move: tuple[MustMove, ...]
    nearest: tuple[Nearest, ...]
    free: tuple[str, ...]
    """Declared attributes no chosen veto or condition tests: any value will do."""
    complete: bool
    searched: Searched
    stopped: str | None = None
    """What stopped the search, and what is still unknown, when it is not complete."""
    bounded: Bounded | None = None
    """The same as data, when the budget of evaluations stopped the sweep."""

    def name(self, holder: str) -> str:
        return dict(self.holders).get(holder, holder)


def _groups(
    hard: Sequence[Redline], attributes: Mapping[str, Attribute], tested: Mapping[str, list[str]]
) -> tuple[list[Group], list[str]]:
    """Attributes joined by redlines, each group ordered for a small frontier; and the redlines
    that test no declared attribute."""
    parent = {a: a for a in attributes}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    constant = []
    for r in hard:
        names = tested[r.id]
        if not names:
            constant.append(r.id)
        for other in names[1:]:
            parent[root(other)] = root(names[0])
    members: dict[str, list[Redline]] = {}
    for r in hard:
        if tested[r.id]:
            members.setdefault(root(tested[r.id][0]), []).append(r)
    groups = []
    for redlines in members.values():
        order = _order([tested[r.id] for r in redlines])
        chosen = tuple(attributes[a] for a in order)
        index = {a: i for i, a in enumerate(order)}
        positions = tuple(tuple(index[a] for a in tested[r.id]) for r in redlines)
        tables = tuple(
            local_table(r, [attributes[a] for a in tested[r.id]], clears) for r in redlines
        )
        groups.append(Group(chosen, tuple(r.id for r in redlines), positions, tables))
    return groups, constant


def _order(scopes: Sequence[Sequence[str]]) -> list[str]:
    """Attributes in an order that finishes redlines early: next, the one that leaves the
    fewest attributes still needed by unfinished redlines."""
    left = list(dict.fromkeys(a for scope in scopes for a in scope))
    done: list[str] = []
    while left:

        def frontier(a: str) -> tuple[int, int]:
            placed = {*done, a}
            open_ = [s for s in scopes if not set(s) <= placed]
            return len({x for s in open_ for x in s if x in placed}), left.index(a)

        best = min(left, key=frontier)
        done.append(best)
        left.remove(best)
    return done


def design_space(
    catalogue: Catalogue, holders: Iterable[str] = (), *, budget: int | None = None
) -> DesignSpace:
    """Every design of the vocabulary against the chosen holders' (default: every holder of a
    redline) vetoes and conditions; ``budget`` bounds the partial designs extended (default:
    the shared budget of evaluations, ``$DSR_OPTIONS_MAX_EVALUATIONS``)."""
    budget = max_evaluations() if budget is None else budget
    if budget < 1:
        raise UsageError(f"the budget is at least 1, not {budget}", about="budget")
    chosen = chosen_holders(catalogue, holders)
    names = tuple((h, _holder_name(catalogue, h)) for h in chosen)
    hard = [
        r
        for r in catalogue.redlines
        if r.strictness is not Strictness.CONCERN and any(h in r.holders for h in chosen)
    ]
    holders_of = {r.id: tuple(h for h in r.holders if h in chosen) for r in hard}
    decls = {d.id: d for d in catalogue.attributes}
    tested = {r.id: [a for a in redline_attributes(r) if a in decls] for r in hard}
    tests: dict[str, list[AttributeTest]] = {}
    for r in hard:
        for test in redline_tests(r):
            tests.setdefault(test.attribute, []).append(test)
    order = [d.id for d in catalogue.attributes if d.id in tests]
    try:
        attributes = {a: attribute_classes(decls[a], tests[a]) for a in order}
    except ValueError as error:
        raise UsageError(f"the design space is not searched: {error}", about="holder") from None
    groups, constant = _groups(hard, attributes, tested)
    constant_failing = [r for r in constant if not clears(catalogue_redline(hard, r), {})]
    searched_so_far = 0
    sweeps: list[Sweep] = []
    for group in groups:
        result = sweep(group, max(budget - searched_so_far, 0), acceptable_only=True)
        searched_so_far += result.steps
        sweeps.append(result)
    known_blocked = bool(constant_failing) or any(s.complete and not s.found for s in sweeps)
    for index, group in enumerate(groups):
        if sweeps[index].complete and not sweeps[index].found:
            # No design passes this group: sweep again for the sets of redlines designs fail.
            result = sweep(group, max(budget - searched_so_far, 0))
            searched_so_far += result.steps
            sweeps[index] = result
    searched = Searched(
        len(order),
        prod(a.declared for a in attributes.values()),
        prod(len(a.classes) for a in attributes.values()),
        len(groups),
        searched_so_far,
        budget,
    )
    free = tuple(d.id for d in catalogue.attributes if d.id not in attributes)
    base: dict[str, Any] = {
        "holders": names,
        "redlines": tuple(r.id for r in hard),
        "holders_of": holders_of,
        "free": free,
        "searched": searched,
    }
    if any(not s.complete for s in sweeps):
        return _stopped(base, known_blocked, budget)
    if known_blocked:
        return _blocked(catalogue, base, groups, sweeps, constant_failing)
    witness = _design(catalogue, groups, [s.found[0] for s in sweeps])
    near = _nearest(catalogue, groups, budget)
    if near:
        # The nearest catalogued role, changed: a witness a reader recognises.
        own = role_values(catalogue.role(near[0].role))
        changed = {a: v for a, _, v in near[0].changes}
        witness = tuple((a, changed.get(a, own.get(a))) for a, _ in witness)
    return DesignSpace(
        **base,
        acceptable_exists=True,
        witness=witness,
        region=region_of(catalogue, groups, sweeps),
        blocking_sets=(),
        must_move=(),
        nearest=near,
        complete=True,
    )


def _holder_name(catalogue: Catalogue, holder: str) -> str:
    found = catalogue.holder(holder)
    return found.label if found is not None else holder


def catalogue_redline(redlines: Sequence[Redline], redline_id: str) -> Redline:
    return next(r for r in redlines if r.id == redline_id)


def _design(catalogue: Catalogue, groups: Sequence[Group], found: Sequence[Found]) -> Design:
    values: dict[str, Any] = {}
    for group, one in zip(groups, found, strict=True):
        for attribute, index in zip(group.attributes, one.design, strict=True):
            values[attribute.id] = attribute.classes[index].value
    return tuple((d.id, values[d.id]) for d in catalogue.attributes if d.id in values)


def _stopped(base: dict[str, Any], known_blocked: bool, budget: int) -> DesignSpace:
    what = (
        "no design is acceptable to every holder, but which sets of redlines block and who "
        "must move is not known"
        if known_blocked
        else "whether some design is acceptable to every holder is not known"
    )
    bounded = Bounded("the design-space search", budget, what, MAX_EVALUATIONS_ENV)
    return DesignSpace(
        **base,
        acceptable_exists=False if known_blocked else None,
        witness=None,
        region=None,
        blocking_sets=(),
        must_move=(),
        nearest=(),
        complete=False,
        stopped=f"the search stopped at its bound of {budget:,} steps: {what} ({bounded.raise_it})",
        bounded=bounded,
    )


def _blocked(
    catalogue: Catalogue,
    base: dict[str, Any],
    groups: Sequence[Group],
    sweeps: Sequence[Sweep],
    constant: Sequence[str],
) -> DesignSpace:
    holders_of: Mapping[str, tuple[str, ...]] = base["holders_of"]
    chosen = [h for h, _ in base["holders"]]
    options: list[list[tuple[frozenset[str], tuple[str, ...], Found]]] = []
    for group, result in zip(groups, sweeps, strict=True):
        held: dict[frozenset[str], tuple[tuple[str, ...], Found]] = {}
        for f in result.found:
            ids = tuple(group.redlines[b] for b in bits(f.mask))
            who = frozenset(_holders(ids, holders_of, chosen))
            if who not in held or len(ids) < len(held[who][0]):
                held[who] = (ids, f)
        options.append([(who, ids, f) for who, (ids, f) in held.items()])
    stopped = None
    try:
        moves = _must_move(catalogue, groups, options, constant, holders_of, chosen)
    except TooMany:
        moves = ()
        stopped = f"more than {MAX_SETS:,} ways for holders to move: they are not listed"
    blocking: list[BlockingSet] = [BlockingSet((r,), holders_of[r], ()) for r in constant]
    try:
        for group, result in zip(groups, sweeps, strict=True):
            if not result.found[0].mask:
                continue
            for mask in hitting_sets([f.mask for f in result.found], MAX_SETS, MAX_WORK):
                ids = tuple(group.redlines[b] for b in bits(mask))
                tested = {group.attributes[p].id for b in bits(mask) for p in group.positions[b]}
                order = tuple(d.id for d in catalogue.attributes if d.id in tested)
                blocking.append(BlockingSet(ids, _holders(ids, holders_of, chosen), order))
    except TooMany:
        blocking = []
        stopped = "; ".join(
            [
                *([stopped] if stopped else []),
                "the sets of redlines that block every design are too many to list "
                f"(the search for them stopped after {MAX_WORK:,} comparisons)",
            ]
        )
    return DesignSpace(
        **base,
        acceptable_exists=False,
        witness=None,
        region=None,
        blocking_sets=tuple(blocking),
        must_move=moves,
        nearest=(),
        complete=stopped is None,
        stopped=stopped,
    )


def _holders(
    redlines: Sequence[str], holders_of: Mapping[str, tuple[str, ...]], chosen: Sequence[str]
) -> tuple[str, ...]:
    held = {h for r in redlines for h in holders_of[r]}
    return tuple(h for h in chosen if h in held)


def _must_move(
    catalogue: Catalogue,
    groups: Sequence[Group],
    options: Sequence[Sequence[tuple[frozenset[str], tuple[str, ...], Found]]],
    constant: Sequence[str],
    holders_of: Mapping[str, tuple[str, ...]],
    chosen: Sequence[str],
) -> tuple[MustMove, ...]:
    """Per group, one minimal failed set; the holders of all of them (and of every redline no
    design clears) must relax; the inclusion-minimal such sets of holders, fewest first."""
    fixed = frozenset(h for r in constant for h in holders_of[r])
    combos: list[tuple[frozenset[str], tuple[str, ...], list[Found]]] = [
        (fixed, tuple(constant), [])
    ]
    for group_options in options:
        combos = [
            (held | more, relax + ids, [*found, one])
            for held, relax, found in combos
            for more, ids, one in group_options
        ]
        if len(combos) > MAX_SETS:
            raise TooMany
    order = {h: i for i, h in enumerate(chosen)}
    best: dict[frozenset[str], tuple[tuple[str, ...], list[Found]]] = {}
    for held, relax, found in combos:
        if held not in best or len(relax) < len(best[held][0]):
            best[held] = (relax, found)
    keep = minimal(_as_mask(h, order) for h in best)
    moves = []
    for mask in keep:
        held = frozenset(chosen[b] for b in bits(mask))
        relax, found = best[held]
        moves.append(
            MustMove(
                tuple(sorted(held, key=order.__getitem__)),
                relax,
                _design(catalogue, groups, found),
            )
        )
    return tuple(moves)


def _as_mask(holders: frozenset[str], order: Mapping[str, int]) -> int:
    return sum(1 << order[h] for h in holders)


def _nearest(catalogue: Catalogue, groups: Sequence[Group], budget: int) -> tuple[Nearest, ...]:
    """Each catalogued role (or variant) and the fewest changes into the acceptable region."""
    found = []
    # Roles in the same classes of a group's attributes share its nearest design: found once.
    known: dict[tuple[int, tuple[int | None, ...]], tuple[int, tuple[int, ...]] | None] = {}
    for role in catalogue.roles:
        values = role_values(role)
        changes: list[tuple[str, Any, Any]] = []
        for at, group in enumerate(groups):
            own = tuple(class_of(a, values.get(a.id)) for a in group.attributes)
            if (at, own) not in known:
                known[at, own] = nearest(group, own, budget)
            best = known[at, own]
            if best is None:
                break
            for attribute, mine, index in zip(group.attributes, own, best[1], strict=True):
                if mine != index:
                    value = closest(attribute, index, values.get(attribute.id))
                    changes.append((attribute.id, values.get(attribute.id), value))
        else:
            order = [d.id for d in catalogue.attributes]
            changes.sort(key=lambda c: order.index(c[0]))
            found.append(Nearest(role.id, tuple(changes)))
    return tuple(sorted(found, key=lambda n: len(n.changes)))
