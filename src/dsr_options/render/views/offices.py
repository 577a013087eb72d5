"""The ``offices`` view: the UN offices and units in their hierarchy, the roles each could lead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.offices import OfficeLeads
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.safe import markdown_cell
from dsr_options.render.words import quote_text

if TYPE_CHECKING:
    from dsr_options.render import Renderable

OFFICE_COLUMNS = ("office", "name", "part_of", "depth", "role", "basis", "rationale", "quotes")


@dataclass(frozen=True)
class OfficeView:
    """The offices, parents before units, each with the roles it could lead and why."""

    offices: Sequence[OfficeLeads]
    envelope_key = "offices"
    """Where schema 2's envelope puts this list (see render.envelope)."""

    def data(self) -> Any:
        return [
            {
                "id": item.office.id,
                "name": item.office.name,
                "part_of": item.office.part_of,
                "depth": item.depth,
                "description": item.office.description,
                "evidence": [e.model_dump(mode="json") for e in item.office.evidence],
                "leads": [
                    {
                        "role": role.id,
                        "title": role.title,
                        "basis": lead.basis.value,
                        "rationale": lead.rationale,
                        "evidence": [e.model_dump(mode="json") for e in lead.evidence],
                    }
                    for role, lead in item.leads
                ],
            }
            for item in self.offices
        ]

    def rows(self) -> Rows:
        rows = []
        for item in self.offices:
            base = {
                "office": item.office.id,
                "name": item.office.name,
                "part_of": item.office.part_of or "",
                "depth": str(item.depth),
            }
            if not item.leads:
                rows.append({**base, "role": "", "basis": "", "rationale": "", "quotes": ""})
            for role, lead in item.leads:
                rows.append(
                    {
                        **base,
                        "role": role.id,
                        "basis": lead.basis.value,
                        "rationale": lead.rationale,
                        "quotes": "; ".join(quote_text(e) for e in lead.evidence),
                    }
                )
        return rows, OFFICE_COLUMNS

    def markdown(self) -> str:
        lines = ["## Offices and the roles they could lead", ""]
        for item in self.offices:
            indent = "  " * item.depth
            lines.append(f"{indent}- **{markdown_cell(item.office.name)}** (`{item.office.id}`)")
            for role, lead in item.leads:
                lines.append(
                    f"{indent}  - could lead {markdown_cell(role.title)} ({role.id}), "
                    f"on {lead.basis.value}: {markdown_cell(lead.rationale)}"
                )
                lines += [f"{indent}    - {markdown_cell(quote_text(e))}" for e in lead.evidence]
        rows = [
            {"office": i.office.name, "roles it could lead": ", ".join(r.id for r, _ in i.leads)}
            for i in self.offices
        ]
        return (
            "\n".join(lines)
            + "\n\n"
            + write_markdown_table(rows, ["office", "roles it could lead"])
        )

    def table(self) -> Renderable:
        from dsr_options.render.terminal.offices import offices_view

        return offices_view(self.offices)
