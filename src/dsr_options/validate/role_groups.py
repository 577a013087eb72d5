"""Roles grouped by their values of the attributes a redline tests.

A redline's outcome depends on the values of the attributes it tests and on nothing else
(:func:`dsr_options.model.rules.redline_attributes`), so roles alike in those values share
their outcome. The checks that hold a redline file against every role (the writer's warnings,
the likely mistakes) evaluate each redline once per distinct combination of values, which the
vocabulary bounds, instead of once per role: loading grows with roles plus redlines, not with
their product. The grouping is made once per set of attributes and shared by every redline
that tests the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.model.catalogue import Role

_NONE = object()
"""In a group's key: the role gives no value for the attribute."""


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
    roles: tuple[Role, ...]
    """The roles, in the catalogue's order."""


class RoleGroups:
    """The roles of a catalogue, grouped on demand by the values of any set of attributes."""

    def __init__(self, roles: Sequence[Role]) -> None:
        self.roles = tuple(roles)
        self._values = [{n: held.value for n, held in r.attributes.items()} for r in self.roles]
        # Each value made hashable once, not once for every set of attributes grouped by.
        self._keys = [{n: _key(v) for n, v in values.items()} for values in self._values]
        self._order = {id(role): index for index, role in enumerate(self.roles)}
        self._made: dict[tuple[str, ...], tuple[Group, ...]] = {}
        self._columns: dict[str, list[Any]] = {}

    def by(self, names: Iterable[str]) -> tuple[Group, ...]:
        """The roles grouped by their values of ``names``, in order of each group's first role."""
        key = tuple(sorted(set(names)))
        made = self._made.get(key)
        if made is None:
            buckets: dict[tuple[Any, ...], tuple[dict[str, Any], list[Role]]] = {}
            # Each role's hashable values of ``key``, read column by column (one column per
            # attribute, made once for the run): no per-role list for every set of names.
            rows = (
                zip(*[self._column(n) for n in key], strict=True)
                if key
                else _empty_rows(self.roles)
            )
            for role, values, found in zip(self.roles, self._values, rows, strict=True):
                bucket = buckets.get(found)
                if bucket is None:
                    bucket = buckets[found] = ({n: values[n] for n in key if n in values}, [])
                bucket[1].append(role)
            made = self._made[key] = tuple(Group(v, tuple(rs)) for v, rs in buckets.values())
        return made

    def _column(self, name: str) -> list[Any]:
        column = self._columns.get(name)
        if column is None:
            column = self._columns[name] = [keys.get(name, _NONE) for keys in self._keys]
        return column

    def ordered(self, groups: Iterable[Group]) -> list[Role]:
        """The roles of ``groups`` together, in the catalogue's order."""
        order = self._order
        roles = [role for group in groups for role in group.roles]
        return sorted(roles, key=lambda role: order[id(role)])


def _empty_rows(roles: Sequence[Role]) -> list[tuple[Any, ...]]:
    """One empty tuple per role: grouping by no attribute puts every role in one group."""
    return [()] * len(roles)


def count(groups: Iterable[Group]) -> int:
    """How many roles ``groups`` hold."""
    return sum(len(group.roles) for group in groups)
