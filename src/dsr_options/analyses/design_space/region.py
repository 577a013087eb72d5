"""The acceptable region's outline: per attribute, what every acceptable design has.

Per attribute the sweep marks the classes some acceptable design uses; the outline says, for a
boolean or ``choice`` attribute, the values allowed, and for a ``choices`` attribute the values
every acceptable design includes and those none includes. The outline always holds of every
acceptable design; it is *exact* when every design that meets it is acceptable too (counted).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from math import prod
from typing import Any

from dsr_options.analyses.design_space.classes import Attribute, class_members
from dsr_options.analyses.design_space.search import Group, Sweep
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.vocabulary import AttributeType


@dataclass(frozen=True)
class Condition:
    """What every acceptable design has for one attribute."""

    attribute: str
    type: AttributeType
    values: tuple[Any, ...] = ()
    """Boolean or ``choice``: the values acceptable designs take."""
    includes: tuple[str, ...] = ()
    """``choices``: values every acceptable design includes."""
    excludes: tuple[str, ...] = ()
    """``choices``: values no acceptable design includes."""
    only: tuple[str, ...] = ()
    """``choices``: when given, acceptable designs include no value but these."""
    exact: bool = True
    """Every value (subset) meeting the condition is taken by some acceptable design."""


@dataclass(frozen=True)
class Region:
    """The outline of the acceptable designs: a condition per attribute that is not free."""

    conditions: tuple[Condition, ...]
    exact: bool
    """Every design that meets every condition is acceptable (no residual redline)."""
    designs: int
    """Acceptable designs over the tested attributes."""
    outline: int
    """Designs that meet every condition."""
    total: int
    """Designs over the tested attributes."""
    open_: tuple[str, ...] = ()
    """Tested attributes any value of which some acceptable design takes."""
    residual: tuple[str, ...] = ()
    """Redlines a design meeting every condition may still fail: with the conditions, they
    describe the region exactly."""


def _condition(
    attribute: Attribute, allowed: frozenset[int]
) -> tuple[Condition | None, int, frozenset[int]]:
    """The attribute's condition (None when every value is allowed), how many of its values
    meet it, and the classes that hold a value meeting it."""
    size = sum(attribute.classes[c].size for c in allowed)
    if len(allowed) == len(attribute.classes):
        return None, size, allowed
    if attribute.type is not AttributeType.CHOICES:
        values = tuple(v for c in sorted(allowed) for v in class_members(attribute, c))
        return Condition(attribute.id, attribute.type, values=values), size, allowed
    pairs = [pair for c in allowed for pair in attribute.groups[c]]
    named = sorted(attribute.named)
    includes = tuple(v for v in named if all(v in combo for combo, _ in pairs))
    excludes = tuple(v for v in named if not any(v in combo for combo, _ in pairs))
    others = any(o for _, o in pairs) or not attribute.unnamed
    only = () if others else tuple(v for v in named if v not in excludes)
    free = len(named) - len(includes) - len(excludes)
    meets = 2**free * (2 ** len(attribute.unnamed) if others else 1)
    condition = Condition(
        attribute.id,
        attribute.type,
        includes=includes,
        excludes=() if only else excludes,
        only=only,
        exact=meets == size,
    )
    meeting = frozenset(
        c
        for c, pairs in enumerate(attribute.groups)
        if any(
            set(includes) <= set(combo)
            and not set(excludes) & set(combo)
            and (not only or (not o and set(combo) <= set(only)))
            for combo, o in pairs
        )
    )
    return condition, meets, meeting


def region_of(catalogue: Catalogue, groups: Sequence[Group], sweeps: Sequence[Sweep]) -> Region:
    """The outline of the designs the sweeps found acceptable."""
    conditions: dict[str, Condition] = {}
    open_ = []
    residual = []
    outline = 1
    for group, result in zip(groups, sweeps, strict=True):
        described = [
            _condition(a, s) for a, s in zip(group.attributes, result.support, strict=True)
        ]
        for redline, positions, table in zip(
            group.redlines, group.positions, group.tables, strict=True
        ):
            kept = [sorted(described[p][2]) for p in positions]
            if any(combo not in table for combo in itertools.product(*kept)):
                residual.append(redline)
        for attribute, (condition, meets, _) in zip(group.attributes, described, strict=True):
            outline *= meets
            if condition is None:
                open_.append(attribute.id)
            else:
                conditions[attribute.id] = condition
    designs = prod(s.designs for s in sweeps)
    total = prod(a.declared for g in groups for a in g.attributes)
    order = [d.id for d in catalogue.attributes]
    return Region(
        tuple(conditions[a] for a in order if a in conditions),
        designs == outline,
        designs,
        outline,
        total,
        tuple(a for a in order if a in open_),
        tuple(residual),
    )
