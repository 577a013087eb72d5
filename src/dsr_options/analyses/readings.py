"""Firmness over what is really in doubt: the readings the data declares, the positions held
with less than certainty.

What is in doubt for one role:

- each of its values that declares ``alternatives`` (another reading of our analysis): varied to
  each declared alternative;
- each redline held with confidence ``reported`` or ``inferred``: varied to *dropped* and, for a
  veto or a condition, to *read as a concern*.

Every combination of those variations is evaluated, exactly (the product of one plus each doubt's
options; refused above :data:`MAX_COMBINATIONS`, with the count said), by the evaluator itself:
nothing here restates what a rule means. A set of changes is *minimal* when it alters the verdict
and no part of it does: a value that matters only together with another is never listed alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import prod
from typing import Any

from dsr_options.analyses.evaluate import Evaluator, RoleVerdict, Verdict
from dsr_options.analyses.firmness_types import (
    READINGS,
    Alternative,
    Change,
    ChangeSet,
    Firmness,
    Judgement,
    direction,
)
from dsr_options.errors import UsageError
from dsr_options.model.catalogue import AttributeValue, Catalogue, Redline, Role
from dsr_options.model.vocabulary import Basis, Confidence, Strictness

MAX_COMBINATIONS = 1 << 16
"""The most combinations of readings evaluated for one role (exact search, bounded)."""

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
            value=value, basis=Basis.ASSUMED, note="another declared reading", evidence=[]
        )
    return role.model_copy(update={"attributes": attributes})


class ReadingSearch:
    """Evaluates a role under combinations of readings and positions, sharing evaluators."""

    def __init__(self, catalogue: Catalogue, evaluator: Evaluator | None = None) -> None:
        self.catalogue = catalogue
        self.positions = uncertain_positions(catalogue)
        self._evaluators: dict[tuple[tuple[str, str], ...], Evaluator] = {
            (): evaluator or Evaluator(catalogue)
        }

    def doubts(self, role: Role) -> tuple[Doubt, ...]:
        return (*declared_readings(role), *self.positions)

    def verdict(self, role: Role, choices: Sequence[Choice]) -> Verdict:
        readings = {c.doubt.attribute: c.value for c in choices if c.doubt.attribute is not None}
        positions = {c.doubt.redline: c.value for c in choices if c.doubt.redline is not None}
        key = tuple(sorted(positions.items()))
        evaluator = self._evaluators.get(key)
        if evaluator is None:
            evaluator = Evaluator(with_positions(self.catalogue, positions))
            self._evaluators[key] = evaluator
        return evaluator.evaluate_role(with_readings(role, readings)).verdict

    def minimal(
        self, verdict: RoleVerdict
    ) -> tuple[tuple[Doubt, ...], list[tuple[tuple[Choice, ...], Verdict]]]:
        """The doubts, and every minimal combination that alters the verdict with its verdict."""
        role = verdict.role
        doubts = self.doubts(role)
        count = combination_count(doubts)
        if count > MAX_COMBINATIONS:
            raise UsageError(
                f"{role.id} has {count:,} combinations of declared readings and uncertain "
                f"positions, more than the {MAX_COMBINATIONS:,} searched exactly: declare fewer "
                "alternatives, or use --vary analysis",
                about="vary",
            )
        found: list[tuple[tuple[Choice, ...], Verdict]] = []
        altering: list[set[tuple[str, Any]]] = []
        for choices in combinations(doubts):
            keys = {(c.doubt.name, _key(c.value)) for c in choices}
            if any(known <= keys for known in altering):
                continue
            result = self.verdict(role, choices)
            if result is not verdict.verdict:
                altering.append(keys)
                found.append((choices, result))
        return doubts, found

    def firmness(self, verdict: RoleVerdict) -> Firmness:
        """The role's firmness over its declared readings and the uncertain positions."""
        doubts, found = self.minimal(verdict)
        base = verdict.verdict
        role = verdict.role
        rests_on = tuple(
            Judgement(
                d.name,
                _current(role, d),
                _basis(role, d),
                tuple(
                    Alternative(Change(d.name, v), self.verdict(role, (Choice(d, v),)))
                    for v in d.options
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
