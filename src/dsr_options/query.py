"""Pure lookups over a catalogue: find a role by id or prefix, filter roles. No I/O, no output."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from dsr_options.errors import UnknownIdError, UsageError
from dsr_options.models import Catalogue, Role
from dsr_options.vocabulary import Dimension, Level, ReceptionStance


def resolve_id(reference: str, ids: Sequence[str], noun: str) -> str:
    """An exact id, else the one id that starts with ``reference``, else an error that helps.

    The error names every id a prefix matches, or the closest ids when nothing matches.
    """
    if reference in ids:
        return reference
    matches = [item for item in ids if item.startswith(reference)] if reference else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownIdError(
            f"'{reference}' matches more than one {noun}: {', '.join(matches)}; give more of the id"
        )
    close = difflib.get_close_matches(reference, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    known = f" (known: {', '.join(ids)})" if len(ids) <= 12 and not close else ""
    raise UnknownIdError(f"no {noun} has the id '{reference}'{hint}{known}")


def find_role(catalogue: Catalogue, reference: str) -> Role:
    """The role whose id is ``reference`` or starts with it (also accepts its number)."""
    ids = [role.id for role in catalogue.roles]
    if reference.isdigit():
        numbered = [role for role in catalogue.roles if role.number == int(reference)]
        if numbered:
            return numbered[0]
    return catalogue.role(resolve_id(reference, ids, "role"))


def find_roles(catalogue: Catalogue, references: Iterable[str]) -> list[Role]:
    """Several roles, each resolved as :func:`find_role`, refusing the same role twice."""
    roles: list[Role] = []
    for reference in references:
        role = find_role(catalogue, reference)
        if role in roles:
            raise UsageError(f"'{reference}' names the role '{role.id}' a second time")
        roles.append(role)
    return roles


def split_ids(values: Iterable[str]) -> list[str]:
    """``--opt a,b --opt c`` as ``[a, b, c]``: both repeating and commas work."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class RoleFilter:
    """What to keep: within one criterion any value matches; every criterion given must match."""

    levels: Collection[Level] = ()
    dimensions: Collection[Dimension] = ()
    leads: Collection[str] = ()
    """Office ids; a role led by a unit of one of these offices matches too."""
    receptions: Collection[ReceptionStance] = ()
    text: str = ""
    """Case-insensitive words that must all appear somewhere in the role's text."""
    role_ids: Collection[str] | None = field(default=None)
    """Only these roles (for example the ones that survive a set of redlines)."""


def _office_ancestry(catalogue: Catalogue, office_id: str) -> set[str]:
    chain: set[str] = set()
    current: str | None = office_id
    while current is not None and current not in chain:
        chain.add(current)
        office = catalogue.office(current)
        current = office.part_of if office else None
    return chain


def role_text(role: Role) -> str:
    """Every piece of text a role carries, for free-text search."""
    parts = [role.id, role.title, role.summary, role.reception.summary]
    parts += [lead.rationale for lead in role.leads]
    parts += [item.text for item in (*role.concerns, *role.open_questions)]
    parts += [value.note or "" for value in role.attributes.values()]
    parts += [evidence.quote for evidence in role.evidence]
    return "\n".join(parts).casefold()


def filter_roles(catalogue: Catalogue, criteria: RoleFilter) -> list[Role]:
    """The roles that meet every criterion, in catalogue order."""
    office_ids = [office.id for office in catalogue.offices]
    leads = {resolve_id(office, office_ids, "office") for office in criteria.leads}
    words = criteria.text.casefold().split()
    kept = []
    for role in catalogue.roles:
        if criteria.role_ids is not None and role.id not in criteria.role_ids:
            continue
        if criteria.levels and not set(role.levels) & set(criteria.levels):
            continue
        if criteria.dimensions and not set(role.dimensions) & set(criteria.dimensions):
            continue
        if criteria.receptions and role.reception.stance not in criteria.receptions:
            continue
        if leads:
            led_by = set().union(*(_office_ancestry(catalogue, lead.office) for lead in role.leads))
            if not led_by & leads:
                continue
        if words:
            text = role_text(role)
            if not all(word in text for word in words):
                continue
        kept.append(role)
    return kept
