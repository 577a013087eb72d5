"""Value classes: an attribute's declared values grouped by what every test of it says.

Two values of an attribute that every chosen test treats alike (true, false or unknown alike)
can never make a difference to any redline, so the search tries one per class. A ``choices``
attribute's values are the subsets of its declared values; only the values some test names can
tell subsets apart, together with whether a subset holds any value no test names, so the
subsets are grouped without listing all of them (2**n for n declared values).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.model.catalogue import AttributeDecl, AttributeTest, Redline
from dsr_options.model.rules import test_holds
from dsr_options.model.vocabulary import AttributeType

MAX_NAMED_VALUES = 16
"""Most values of one ``choices`` attribute the chosen tests may name (2**16 subsets)."""

Truth = bool | None


@dataclass(frozen=True)
class ValueClass:
    """Values of one attribute that every chosen test treats alike."""

    value: Any
    """The class's representative: the smallest subset, or the first value declared."""
    size: int
    """How many of the attribute's declared values (or subsets) the class holds."""
    includes: frozenset[str] = frozenset()
    """For ``choices``: the named values every subset of the class holds (exactly these)."""
    others: bool = False
    """For ``choices``: the subsets also hold some value that no test names."""


@dataclass(frozen=True)
class Attribute:
    """One attribute the chosen redlines test, with its classes of values."""

    id: str
    type: AttributeType
    classes: tuple[ValueClass, ...]
    declared: int
    """How many values (or subsets of values) the vocabulary declares for it."""
    members: tuple[tuple[Any, ...], ...] = ()
    """For boolean and ``choice``: each class's values, in declared order."""
    groups: tuple[tuple[tuple[tuple[str, ...], bool], ...], ...] = ()
    """For ``choices``: each class's (named values, holds another value) pairs."""
    named: frozenset[str] = frozenset()
    """For ``choices``: the values some test names."""
    unnamed: tuple[str, ...] = ()
    """For ``choices``: the values no test names (interchangeable)."""


def attribute_classes(decl: AttributeDecl, tests: Sequence[AttributeTest]) -> Attribute:
    """The attribute's classes of values under ``tests`` (the tests of it the redlines hold).

    Raises ValueError when the tests name more than :data:`MAX_NAMED_VALUES` of its values.
    """
    if decl.type is not AttributeType.CHOICES:
        domain: list[Any] = (
            [True, False] if decl.type is AttributeType.BOOLEAN else [v.id for v in decl.values]
        )
        plain: dict[tuple[Truth, ...], list[Any]] = {}
        for value in domain:
            plain.setdefault(tuple(test_holds(t, value) for t in tests), []).append(value)
        return Attribute(
            decl.id,
            decl.type,
            tuple(ValueClass(m[0], len(m)) for m in plain.values()),
            len(domain),
            members=tuple(tuple(m) for m in plain.values()),
        )
    declared = [v.id for v in decl.values]
    mentioned = {v for t in tests for v in _named(t)}
    named = [v for v in declared if v in mentioned]
    unnamed = [v for v in declared if v not in mentioned]
    if len(named) > MAX_NAMED_VALUES:
        raise ValueError(f"the redlines name {len(named)} values of '{decl.id}'")
    groups: dict[tuple[Truth, ...], list[tuple[tuple[str, ...], bool]]] = {}
    for size in range(len(named) + 1):
        for combo in itertools.combinations(named, size):
            for others in (False, True) if unnamed else (False,):
                value = combo + ((unnamed[0],) if others else ())
                key = tuple(test_holds(t, value) for t in tests)
                groups.setdefault(key, []).append((combo, others))
    classes = []
    for found in groups.values():
        combo, others = found[0]
        weight = sum((2 ** len(unnamed) - 1) if o else 1 for _, o in found)
        value = combo + ((unnamed[0],) if others else ())
        classes.append(ValueClass(value, weight, frozenset(combo), others))
    return Attribute(
        decl.id,
        decl.type,
        tuple(classes),
        2 ** len(declared),
        groups=tuple(tuple(g) for g in groups.values()),
        named=frozenset(named),
        unnamed=tuple(unnamed),
    )


def _named(test: AttributeTest) -> list[str]:
    operand = test.operand
    if isinstance(operand, (list, tuple)):
        return [v for v in operand if isinstance(v, str)]
    return [operand] if isinstance(operand, str) else []


def class_members(attribute: Attribute, index: int) -> list[Any]:
    """The values of a boolean or ``choice`` attribute's class ``index``."""
    return list(attribute.members[index])


def class_of(attribute: Attribute, value: Any) -> int | None:
    """The index of the class ``value`` falls in, or None when it is not a declared value."""
    if attribute.type is AttributeType.CHOICES:
        if not isinstance(value, (list, tuple)):
            return None
        inside = frozenset(value) & attribute.named
        others = bool(set(value) - attribute.named)
        for index, groups in enumerate(attribute.groups):
            if any(frozenset(c) == inside and o == others for c, o in groups):
                return index
        return None
    for index in range(len(attribute.classes)):
        if any(_same(value, m) for m in class_members(attribute, index)):
            return index
    return None


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def closest(attribute: Attribute, index: int, current: Any) -> Any:
    """The value of class ``index`` closest to ``current`` (fewest values added or removed)."""
    if attribute.type is not AttributeType.CHOICES:
        return class_members(attribute, index)[0]
    have = set(current) if isinstance(current, (list, tuple)) else set()
    named = attribute.named
    best: tuple[int, tuple[str, ...]] | None = None
    for combo, others in attribute.groups[index]:
        kept = tuple(sorted(have - named)) if others and have - named else ()
        value = tuple(combo) + (kept or ((attribute.unnamed[0],) if others else ()))
        found = (len(have ^ set(value)), value)
        best = found if best is None or found < best else best
    assert best is not None
    return best[1]


def local_table(
    redline: Redline,
    attributes: Sequence[Attribute],
    clears: Callable[[Redline, Mapping[str, Any]], bool],
) -> frozenset[tuple[int, ...]]:
    """The combinations of classes of ``attributes`` (the redline's) after which it is clear."""
    ranges = [range(len(a.classes)) for a in attributes]
    found = set()
    for combo in itertools.product(*ranges):
        values = {a.id: a.classes[i].value for a, i in zip(attributes, combo, strict=True)}
        if clears(redline, values):
            found.add(combo)
    return frozenset(found)
