"""Pure lookups over a catalogue: find a role by id or prefix, filter roles. No I/O, no output."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from dsr_options.errors import UnknownIdError, UsageError
from dsr_options.ids import resolve_id
from dsr_options.model.catalogue import Catalogue, Evidence, Role
from dsr_options.model.vocabulary import Dimension, Level, ReceptionStance


def chosen_holders(catalogue: Catalogue, references: Iterable[str]) -> list[str]:
    """Every holder of a redline, in the catalogue's order, or those named (an id or a unique
    prefix); negotiation and the design space both take their holders from here."""
    holding = [
        h.id for h in catalogue.holders if any(h.id in r.holders for r in catalogue.redlines)
    ]
    refs = list(references)
    if not refs:
        return holding
    if not holding:
        raise UsageError("no holder holds a redline", about="holder")
    picked = {resolve_id(ref, holding, "holder", about="holder") for ref in refs}
    return [h for h in holding if h in picked]


def find_role(catalogue: Catalogue, reference: str) -> Role:
    """The role numbered ``reference``, or whose id is it or starts with it (any case)."""
    ids = [role.id for role in catalogue.roles]
    wanted = reference.strip()
    if wanted.isdigit():
        numbered = [role for role in catalogue.roles if role.number == int(wanted)]
        if numbered:
            return numbered[0]
        try:  # an id may start with digits
            return catalogue.role(resolve_id(wanted, ids, "role"))
        except UnknownIdError:
            raise UnknownIdError(
                f"no role is numbered {int(wanted)} ({_numbering(catalogue)})"
            ) from None
    return catalogue.role(resolve_id(wanted, ids, "role"))


def _numbering(catalogue: Catalogue) -> str:
    """How the roles are numbered: a range (with an en dash), a list, or the only number."""
    numbers = sorted({role.number for role in catalogue.roles})
    if not numbers:
        return "the catalogue has no roles"
    if len(numbers) == 1:
        return f"the only role is numbered {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"roles are numbered {numbers[0]}\u2013{numbers[-1]}"
    if len(numbers) <= 12:
        return f"roles are numbered {', '.join(str(n) for n in numbers)}"
    return f"roles are numbered between {numbers[0]} and {numbers[-1]}"


def find_roles(catalogue: Catalogue, references: Iterable[str]) -> list[Role]:
    """Several roles, each resolved as :func:`find_role`, refusing the same role twice."""
    roles: list[Role] = []
    for reference in references:
        role = find_role(catalogue, reference)
        if role in roles:
            raise UsageError(f"'{reference}' names the role '{role.id}' a second time")
        roles.append(role)
    return roles


def fold(text: str) -> str:
    """``text`` for matching: case folded, accents dropped (``Vis-à-Vis`` -> ``vis-a-vis``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class RoleFilter:
    """What to keep: within one criterion any value matches; every criterion given must match."""

    levels: Collection[Level] = ()
    dimensions: Collection[Dimension] = ()
    leads: Collection[str] = ()
    """Office ids; a role led by a unit of one of these offices matches too."""
    receptions: Collection[ReceptionStance] = ()
    text: str = ""
    """Words that must all appear somewhere in the role's text (any case, accents ignored)."""
    role_ids: Collection[str] | None = field(default=None)
    """Only these roles."""
    clear_of: Collection[str] = ()
    """Redline ids or unique prefixes: keep the roles that do not cross any of them (an unknown
    result does not count as clear)."""
    survives: bool = False
    """Keep the roles that cross no veto or condition, nor could on unknown attributes."""


def _office_ancestry(catalogue: Catalogue, office_id: str) -> set[str]:
    chain: set[str] = set()
    current: str | None = office_id
    while current is not None and current not in chain:
        chain.add(current)
        office = catalogue.office(current)
        current = office.part_of if office else None
    return chain


def role_text(role: Role, catalogue: Catalogue | None = None) -> str:
    """Every piece of text a role carries, folded for free-text search (see :func:`fold`).

    Its id, number, title and summary; levels and dimensions; attribute names, values and
    notes; lead office ids, names and rationales; reception; concerns and open questions; and
    every evidence quote, wherever it is attached.
    """
    parts = [role.id, str(role.number), role.title, role.summary]
    parts += [level.value for level in role.levels]
    parts += [dimension.value for dimension in role.dimensions]
    for name, value in role.attributes.items():
        shown = value.value if isinstance(value.value, tuple) else (value.value,)
        parts += [name, *(str(item).lower() for item in shown), value.note or ""]
    for lead in role.leads:
        office = catalogue.office(lead.office) if catalogue else None
        parts += [lead.office, office.name if office else "", lead.rationale]
    reception = role.reception
    parts += [reception.stance.value, reception.summary]
    parts += [item.text for item in (*role.concerns, *role.open_questions)]
    parts += [evidence.quote for evidence in _every_evidence(role)]
    return fold("\n".join(parts))


def _every_evidence(role: Role) -> list[Evidence]:
    return [
        *role.evidence,
        *(item for value in role.attributes.values() for item in value.evidence),
        *(item for lead in role.leads for item in lead.evidence),
        *role.reception.evidence,
        *(item for noted in (*role.concerns, *role.open_questions) for item in noted.evidence),
    ]


def _kept_by_redlines(catalogue: Catalogue, criteria: RoleFilter) -> set[str] | None:
    """The role ids ``role_ids``, ``clear_of`` and ``survives`` leave; None: every role."""
    role_ids = set(criteria.role_ids) if criteria.role_ids is not None else None
    if not (criteria.clear_of or criteria.survives):
        return role_ids
    from dsr_options.analyses.evaluate import clear_of, surviving

    if role_ids is None:
        role_ids = {role.id for role in catalogue.roles}
    if criteria.clear_of:
        role_ids &= set(clear_of(catalogue, criteria.clear_of))
    if criteria.survives:
        role_ids &= set(surviving(catalogue))
    return role_ids


def filter_roles(catalogue: Catalogue, criteria: RoleFilter) -> list[Role]:
    """The roles that meet every criterion, in catalogue order."""
    office_ids = [office.id for office in catalogue.offices]
    leads = {resolve_id(ref, office_ids, "office", about="leads") for ref in criteria.leads}
    words = fold(criteria.text).split()
    role_ids = _kept_by_redlines(catalogue, criteria)
    kept = []
    for role in catalogue.roles:
        if role_ids is not None and role.id not in role_ids:
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
            text = role_text(role, catalogue)
            if not all(word in text for word in words):
                continue
        kept.append(role)
    return kept
