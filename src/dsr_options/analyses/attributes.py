"""What a rule can test: each declared attribute, its values, each role's value, who tests it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dsr_options.model.catalogue import (
    AttributeDecl,
    Catalogue,
)
from dsr_options.model.rules import redline_attributes
from dsr_options.model.vocabulary import Basis

__all__ = ["AttributeInfo", "RoleValue", "attributes", "tested_attributes"]


@dataclass(frozen=True)
class RoleValue:
    """One role's value of an attribute, and where it comes from (None: the role gives none)."""

    role: str
    value: Any
    basis: Basis | None


@dataclass(frozen=True)
class AttributeInfo:
    """A declared attribute, every role's value of it and the redlines that test it."""

    decl: AttributeDecl
    roles: tuple[RoleValue, ...]
    tested_by: tuple[str, ...]


def tested_attributes(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """For each attribute name a rule tests, the ids of the redlines that test it."""
    found: dict[str, list[str]] = {}
    for redline in catalogue.redlines:
        for name in sorted(redline_attributes(redline)):
            found.setdefault(name, []).append(redline.id)
    return {name: tuple(ids) for name, ids in found.items()}


def attributes(catalogue: Catalogue) -> tuple[AttributeInfo, ...]:
    """Every attribute a rule can test, in declaration order."""
    tested = tested_attributes(catalogue)
    return tuple(
        AttributeInfo(
            decl,
            tuple(
                RoleValue(role.id, held.value, held.basis)
                if (held := role.attributes.get(decl.id)) is not None
                else RoleValue(role.id, None, None)
                for role in catalogue.roles
            ),
            tested.get(decl.id, ()),
        )
        for decl in catalogue.attributes
    )
