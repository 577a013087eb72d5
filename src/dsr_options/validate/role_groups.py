"""Roles grouped by their values of the attributes a redline tests.

A redline's outcome depends on the values of the attributes it tests and on nothing else
(:func:`dsr_options.model.rules.redline_attributes`), so roles alike in those values share
their outcome. The checks that hold a redline file against every role (the writer's warnings,
the likely mistakes) evaluate each redline once per distinct combination of values, which the
vocabulary bounds, instead of once per role: loading grows with roles plus redlines, not with
their product.

A group's roles are a bit set (bit ``i``: the catalogue's ``i``-th role). Each attribute's
roles per value are made once, in one pass over the roles; grouping by a set of attributes then
intersects those sets, one attribute at a time: one integer ``&`` per group and value, which
CPython does a machine word (64 roles) at a time, instead of a Python step per role. Where the
groups times the values would cost more than a pass over the roles, or an attribute has more
than :data:`_MOST_VALUES` distinct values, the roles are read one by one instead. Each
grouping is made once and shared by every redline that tests the same attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.model.catalogue import Role

_NONE = object()
"""In a group's key: the role gives no value for the attribute."""

_MOST_VALUES = 256
"""An attribute with more distinct values among the roles is never intersected: its bit sets
would take ``values x roles / 8`` bytes."""

_BITS_PER_STEP = 2048
"""How many roles' bits an intersection handles in the time a pass takes to read one role: an
intersection of ``roles`` bits is counted as ``1 + roles / 2048`` steps of reading a role."""


def _key(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def alike_key(values: Mapping[str, Any], names: Sequence[str]) -> tuple[Any, ...]:
    """A key equal for roles alike in the values of ``names``: what a redline testing only
    those attributes says of them is the same."""
    return tuple(_key(values[n]) if n in values else _NONE for n in names)


@dataclass(frozen=True)
class Group:
    """Roles with the same values of some attributes."""

    values: Mapping[str, Any]
    """Those values (an attribute a role gives no value for is absent, as in a role's own)."""
    members: int
    """The roles, as a bit set: bit ``i`` is the catalogue's ``i``-th role."""
    size: int
    """How many roles."""


def _bits(indices: Iterable[int], count: int) -> int:
    """The bit set of ``indices`` (each below ``count``)."""
    bits = bytearray((count + 7) // 8)
    for index in indices:
        bits[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(bits, "little")


_Split = dict[Any, tuple[Any, int]]
"""One attribute's roles by value: hashable key -> (the value as the first role with it gives
it, bit set). :meth:`RoleGroups._split` gives None instead for an attribute with more than
:data:`_MOST_VALUES` distinct values."""


class RoleGroups:
    """The roles of a catalogue, grouped on demand by the values of any set of attributes."""

    def __init__(self, roles: Sequence[Role]) -> None:
        self.roles = tuple(roles)
        self._values = [{n: held.value for n, held in r.attributes.items()} for r in self.roles]
        self._all = (1 << len(self.roles)) - 1
        self._made: dict[tuple[str, ...], tuple[Group, ...]] = {}
        self._splits: dict[str, _Split | None] = {}

    def by(self, names: Iterable[str]) -> tuple[Group, ...]:
        """The roles grouped by their values of ``names``, in order of each group's first role."""
        key = tuple(sorted(set(names)))
        made = self._made.get(key)
        if made is None:
            intersected = self._intersected(key)
            made = self._made[key] = self._read(key) if intersected is None else intersected
        return made

    def _intersected(self, key: tuple[str, ...]) -> tuple[Group, ...] | None:
        """The grouping by intersecting each attribute's bit sets; None when that would cost
        more than reading the roles one by one (:meth:`_read`)."""
        parts: list[tuple[dict[str, Any], int]] = [({}, self._all)] if self.roles else []
        # As many intersections as cost about one pass over the roles per attribute.
        size = len(self.roles)
        budget = size * len(key) * _BITS_PER_STEP // (_BITS_PER_STEP + size)
        for name in key:
            split = self._split(name)
            if split is None:
                return None
            budget -= len(parts) * len(split)
            if budget < 0:
                return None
            finer: list[tuple[dict[str, Any], int]] = []
            for values, members in parts:
                for found, (value, bits) in split.items():
                    both = members & bits
                    if both:
                        finer.append((values if found is _NONE else {**values, name: value}, both))
            parts = finer
        # In order of each group's first role: the lowest bit set.
        parts.sort(key=lambda part: (part[1] & -part[1]).bit_length())
        return tuple(Group(values, members, members.bit_count()) for values, members in parts)

    def _read(self, key: tuple[str, ...]) -> tuple[Group, ...]:
        """The grouping by reading each role's values of ``key``."""
        buckets: dict[tuple[Any, ...], tuple[dict[str, Any], list[int]]] = {}
        columns = [self._column(name) for name in key]
        for index, found in enumerate(zip(*columns, strict=True)):
            bucket = buckets.get(found)
            if bucket is None:
                values = self._values[index]
                bucket = buckets[found] = ({n: values[n] for n in key if n in values}, [])
            bucket[1].append(index)
        count = len(self.roles)
        return tuple(
            Group(values, _bits(indices, count), len(indices))
            for values, indices in buckets.values()
        )

    def _column(self, name: str) -> list[Any]:
        return [_key(values[name]) if name in values else _NONE for values in self._values]

    def _split(self, name: str) -> _Split | None:
        if name not in self._splits:
            column = self._column(name)
            if len(set(column)) > _MOST_VALUES:
                self._splits[name] = None
                return None
            found: dict[Any, tuple[Any, list[int]]] = {}
            for index, key in enumerate(column):
                entry = found.get(key)
                if entry is None:
                    entry = found[key] = (self._values[index].get(name), [])
                entry[1].append(index)
            count = len(self.roles)
            self._splits[name] = {
                key: (value, _bits(indices, count)) for key, (value, indices) in found.items()
            }
        return self._splits[name]

    def first(self, groups: Iterable[Group], limit: int) -> tuple[list[Role], int]:
        """The first ``limit`` roles of ``groups`` together, in the catalogue's order, and how
        many roles they hold in all."""
        members = 0
        for group in groups:
            members |= group.members
        roles: list[Role] = []
        rest = members
        while rest and len(roles) < limit:
            lowest = rest & -rest
            roles.append(self.roles[lowest.bit_length() - 1])
            rest ^= lowest
        return roles, members.bit_count()


def count(groups: Iterable[Group]) -> int:
    """How many roles ``groups`` hold."""
    return sum(group.size for group in groups)
