"""The UN offices and units in their hierarchy, and the roles each could lead (``offices``)."""

from __future__ import annotations

from dataclasses import dataclass

from dsr_options.model.catalogue import Catalogue, LeadCandidate, Office, Role


@dataclass(frozen=True)
class OfficeLeads:
    """One office, how deep it sits (0: top level), and the roles it could lead, with why."""

    office: Office
    depth: int
    leads: tuple[tuple[Role, LeadCandidate], ...]


def office_tree(catalogue: Catalogue) -> list[OfficeLeads]:
    """Every office, parents before their units (catalogue order among siblings)."""
    by_parent: dict[str | None, list[Office]] = {}
    known = {office.id for office in catalogue.offices}
    for office in catalogue.offices:
        parent = office.part_of if office.part_of in known else None
        by_parent.setdefault(parent, []).append(office)
    out: list[OfficeLeads] = []
    seen: set[str] = set()

    def visit(office: Office, depth: int) -> None:
        if office.id in seen:  # a cycle in part_of: each office once
            return
        seen.add(office.id)
        leads = tuple(
            (role, lead)
            for role in catalogue.roles
            for lead in role.leads
            if lead.office == office.id
        )
        out.append(OfficeLeads(office, depth, leads))
        for child in by_parent.get(office.id, []):
            visit(child, depth + 1)

    for top in by_parent.get(None, []):
        visit(top, 0)
    for office in catalogue.offices:  # any left in a part_of cycle
        visit(office, 0)
    return out
