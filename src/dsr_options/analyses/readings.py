"""Firmness over what is really in doubt: the readings the data declares, the positions held
with less than certainty.

What is in doubt for one role:

- each of its values that declares ``alternatives`` (another reading of our analysis): varied to
  each declared alternative;
- each redline held with confidence ``reported`` or ``inferred``: varied to *dropped* and, for a
  veto or a condition, to *read as a concern*.

Every combination of those variations is evaluated, exactly (the product of one plus each doubt's
options), smallest first, on the rule engine (a verdict is a sum of each redline's counts, and only
the redlines a combination touches are evaluated again): nothing here restates a rule. The
search spends a :class:`~dsr_options.model.budget.Budget` (one evaluation: one redline's outcome
for one role): past it, the role's firmness keeps the smallest sets found and is marked
``stopped``. A set of changes is *minimal* when it alters the verdict
and no part of it does: a value that matters only together with another is never listed alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import prod
from typing import Any

from dsr_options.analyses.evaluate import Evaluator, RoleVerdict, Verdict, role_values
from dsr_options.analyses.firmness_types import (
    FIRMNESS_SEARCH,
    READINGS,
    Alternative,
    Change,
    ChangeSet,
    Firmness,
    Judgement,
    direction,
)
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import AttributeValue, Catalogue, Redline, Role
from dsr_options.model.rules import (
    NO_COUNTS,
    Counts,
    Truth,
    add_counts,
    counts_of,
    redline_truths,
    subtract_counts,
    verdict_of,
)
from dsr_options.model.vocabulary import Basis, Confidence, Strictness

DROPPED = "dropped"
AS_CONCERN = "concern"
POSITION = "redline:"
"""How a position's change is written after ``--assume`` (``redline:ID=dropped``)."""


@dataclass(frozen=True)
class Doubt:
    """One thing in doubt: a value with declared readings, or an uncertain position."""

    attribute: str | None
    """The attribute whose value has other readings (None for a position)."""
    redline: str | None
    """The redline held with confidence reported or inferred (None for a reading)."""
    options: tuple[Any, ...]
    """The other readings' values, or ``dropped`` / ``concern`` for a position."""

    @property
    def name(self) -> str:
        """As ``--assume`` takes it after ``ROLE.``: the attribute, or ``redline:ID``."""
        return self.attribute if self.attribute is not None else f"{POSITION}{self.redline}"


def uncertain_positions(catalogue: Catalogue) -> tuple[Doubt, ...]:
    """The redlines held with confidence reported or inferred, each with its variations."""
    found = []
    for redline in catalogue.redlines:
        confidence = redline.confidence
        if confidence is None or confidence.level is Confidence.STATED:
            continue
        options: tuple[Any, ...] = (DROPPED,)
        if redline.strictness is not Strictness.CONCERN:
            options = (DROPPED, AS_CONCERN)
        found.append(Doubt(None, redline.id, options))
    return tuple(found)


def declared_readings(role: Role) -> tuple[Doubt, ...]:
    """The role's values that declare other readings (assumed values are the user's: fixed)."""
    return tuple(
        Doubt(name, None, tuple(reading.value for reading in value.alternatives))
        for name, value in role.attributes.items()
        if value.alternatives and value.basis is Basis.ANALYSIS
    )


@dataclass(frozen=True)
class Choice:
    """One doubt resolved otherwise: the attribute (or ``redline:ID``) and the value taken."""

    doubt: Doubt
    value: Any


def combinations(doubts: Sequence[Doubt]) -> Iterator[tuple[Choice, ...]]:
    """Every combination of the doubts' options, smallest first (the empty one excluded)."""
    for size in range(1, len(doubts) + 1):
        for chosen in itertools.combinations(doubts, size):
            for values in itertools.product(*(d.options for d in chosen)):
                yield tuple(Choice(d, v) for d, v in zip(chosen, values, strict=True))


def combination_count(doubts: Sequence[Doubt]) -> int:
    """How many combinations the exact search evaluates (the role as it stands included)."""
    return prod(1 + len(d.options) for d in doubts)


def with_positions(catalogue: Catalogue, changes: dict[str, str]) -> Catalogue:
    """The catalogue with these redlines dropped or read as concerns."""
    if not changes:
        return catalogue
    redlines: list[Redline] = []
    for redline in catalogue.redlines:
        change = changes.get(redline.id)
        if change == DROPPED:
            continue
        if change == AS_CONCERN:
            redline = redline.model_copy(update={"strictness": Strictness.CONCERN})
        redlines.append(redline)
    return catalogue.model_copy(update={"redlines": redlines})


def with_readings(role: Role, changes: dict[str, Any]) -> Role:
    """The role with these values read otherwise (marked assumed, as ``--assume`` marks them)."""
    if not changes:
        return role
    attributes = dict(role.attributes)
    for name, value in changes.items():
        attributes[name] = AttributeValue.model_construct(
            value=value,
            basis=Basis.ASSUMED,
            note="another declared reading",
            evidence=[],
            alternatives=[],  # given: pydantic's default factory costs a signature look-up
        )
    return role.model_copy(update={"attributes": attributes})


class ReadingSearch:
    """Evaluates a role under combinations of readings and positions.

    A verdict is a sum (:func:`~dsr_options.model.rules.counts_of`, the engine's): a
    combination changes only the redlines that test a value it reads otherwise or whose
    position it changes, so only those are evaluated again (each redline's truths shared
    between roles and combinations alike in the attributes it tests)."""

    def __init__(self, catalogue: Catalogue, evaluator: Evaluator | None = None) -> None:
        self.catalogue = catalogue
        self.positions = uncertain_positions(catalogue)
        self.evaluator = evaluator or Evaluator(catalogue)
        self.redlines = catalogue.redlines
        self.index = {redline.id: index for index, redline in enumerate(self.redlines)}
        testing: dict[str, list[int]] = {}
        for index, redline in enumerate(self.redlines):
            for name in self.evaluator.tested(redline):
                testing.setdefault(name, []).append(index)
        self.testing = testing
        self._truths: dict[tuple[Any, ...], tuple[Truth, Truth]] = {}
        self._role: tuple[str, dict[str, Any], list[Counts], Counts] | None = None

    def doubts(self, role: Role) -> tuple[Doubt, ...]:
        return (*declared_readings(role), *self.positions)

    def truths(self, index: int, values: Mapping[str, Any]) -> tuple[Truth, Truth]:
        """Whether redline ``index`` applies and its crossing rule holds, for these values."""
        redline = self.redlines[index]
        key = (index, *(values.get(name) for name in self.evaluator.tested(redline)))
        found = self._truths.get(key)
        if found is None:
            found = self._truths[key] = redline_truths(redline, values)
        return found

    def _base(self, role: Role) -> tuple[dict[str, Any], list[Counts], Counts]:
        if self._role is None or self._role[0] != role.id:
            values = dict(role_values(role))
            each = [
                counts_of(r.strictness, *self.truths(i, values))
                for i, r in enumerate(self.redlines)
            ]
            total = NO_COUNTS
            for counts in each:
                total = add_counts(total, counts)
            self._role = (role.id, values, each, total)
        return self._role[1], self._role[2], self._role[3]

    def verdict(self, role: Role, choices: Sequence[Choice], budget: Budget) -> Verdict:
        """The role's verdict with these doubts resolved otherwise (one evaluation spent per
        redline evaluated again)."""
        values, each, total = self._base(role)
        changed = dict(values)
        positions: dict[int, str] = {}
        touched: set[int] = set()
        for choice in choices:
            if choice.doubt.attribute is not None:
                changed[choice.doubt.attribute] = choice.value
                touched.update(self.testing.get(choice.doubt.attribute, ()))
            elif choice.doubt.redline is not None:
                index = self.index[choice.doubt.redline]
                positions[index] = choice.value
                touched.add(index)
        budget.spend(max(1, len(touched)))
        counts = total
        for index in touched:
            counts = subtract_counts(counts, each[index])
            change = positions.get(index)
            if change == DROPPED:
                continue
            strictness = self.redlines[index].strictness
            if change == AS_CONCERN:
                strictness = Strictness.CONCERN
            counts = add_counts(counts, counts_of(strictness, *self.truths(index, changed)))
        return verdict_of(counts)

    def minimal(
        self, verdict: RoleVerdict, budget: Budget
    ) -> tuple[dict[tuple[str, Any], Verdict], list[tuple[tuple[Choice, ...], Verdict]]]:
        """Each single change's verdict, and every minimal combination that alters the verdict
        with its verdict, smallest first, until ``budget`` runs out."""
        role = verdict.role
        singles: dict[tuple[str, Any], Verdict] = {}
        found: list[tuple[tuple[Choice, ...], Verdict]] = []
        altering: list[set[tuple[str, Any]]] = []
        for choices in combinations(self.doubts(role)):
            if budget.exhausted:
                break
            keys = {(c.doubt.name, _key(c.value)) for c in choices}
            if any(known <= keys for known in altering):
                continue
            result = self.verdict(role, choices, budget)
            if len(choices) == 1:
                singles[(choices[0].doubt.name, _key(choices[0].value))] = result
            if result is not verdict.verdict:
                altering.append(keys)
                found.append((choices, result))
        return singles, found

    def firmness(self, verdict: RoleVerdict, budget: Budget | None = None) -> Firmness:
        """The role's firmness over its declared readings and the uncertain positions, within
        ``budget``."""
        budget = budget or Budget(FIRMNESS_SEARCH)
        singles, found = self.minimal(verdict, budget)
        base = verdict.verdict
        role = verdict.role
        doubts = self.doubts(role)
        rests_on = tuple(
            Judgement(
                d.name,
                _current(role, d),
                _basis(role, d),
                tuple(
                    Alternative(Change(d.name, v), singles[(d.name, _key(v))])
                    for v in d.options
                    if (d.name, _key(v)) in singles
                ),
            )
            for d in doubts
        )
        minimal = tuple(
            ChangeSet(
                tuple(Change(c.doubt.name, c.value) for c in choices),
                result,
                direction(base, result),
            )
            for choices, result in found
        )
        return Firmness(
            role.id,
            base,
            len(doubts),
            READINGS,
            rests_on,
            minimal,
            tuple(d.name for d in doubts),
            combination_count(doubts),
            stopped=budget.exhausted,
        )


def _current(role: Role, doubt: Doubt) -> Any:
    if doubt.attribute is not None:
        return role.attributes[doubt.attribute].value
    return "held"


def _basis(role: Role, doubt: Doubt) -> Basis:
    if doubt.attribute is not None:
        return role.attributes[doubt.attribute].basis
    return Basis.ANALYSIS


def _key(value: Any) -> Any:
    return frozenset(value) if isinstance(value, tuple) else value
