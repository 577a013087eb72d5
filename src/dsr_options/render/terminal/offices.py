"""The ``offices`` view at a terminal: the hierarchy, indented, each office's roles and quotes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from dsr_options.analyses.offices import OfficeLeads
from dsr_options.render.layout import cell
from dsr_options.render.safe import visible
from dsr_options.render.words import plain_quote


def offices_view(offices: Sequence[OfficeLeads]) -> RenderableType:
    if not offices:
        return Text("No office in the catalogue.", style="yellow")
    parts: list[RenderableType] = [
        Text("Offices and the roles they could lead", style="bold underline")
    ]
    for item in offices:
        indent = 2 * item.depth
        parts.append(
            Padding(
                Text.assemble((visible(item.office.name), "bold"), "  ", (item.office.id, "cyan")),
                (0, 0, 0, indent),
            )
        )
        if not item.leads:
            parts.append(
                Padding(Text("no role names it as a lead", style="dim"), (0, 0, 0, indent + 2))
            )
        for role, lead in item.leads:
            parts.append(
                Padding(
                    cell(
                        f"could lead {role.title} ({role.id}), "
                        f"on {lead.basis.value}: {lead.rationale}"
                    ),
                    (0, 0, 0, indent + 2),
                )
            )
            parts += [
                Padding(
                    cell(f"“{plain_quote(e.quote)}” ({e.section}; {e.stance.value})"),
                    (0, 0, 0, indent + 4),
                )
                for e in lead.evidence
            ]
    return Group(*parts)
