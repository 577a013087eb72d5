"""Rich tables for people at a terminal. Every data string goes in as ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dsr_options.models import Catalogue, Role
from dsr_options.render.layout import Column, FittedTable
from dsr_options.render.roles import reception_text, voices_text
from dsr_options.render.text import visible

HEADINGS = {
    "number": "#",
    "id": "Id",
    "title": "Title",
    "levels": "Levels",
    "dimensions": "Dimensions",
    "leads": "Lead candidates",
    "reception": "Reception",
    "voices": "Voices",
}


def cell(text: str, style: str = "") -> Text:
    """A table cell holding data text: shown as written, control characters made visible."""
    return Text(visible(text), style=style)


def role_list_table(rows: Sequence[Mapping[str, str]]) -> RenderableType:
    if not rows:
        return Text("No role matches.", style="yellow")
    table = FittedTable(
        [
            Column("Role", weight=3),
            Column("Levels"),
            Column("Dimensions"),
            Column("Leads"),
            Column("Reception"),
        ]
    )
    for row in rows:
        reception = reception_text(row["reception"], row["voices"])
        style = _RECEPTION_STYLE.get(row["reception"], "")
        table.add_row(
            [
                Text.assemble(
                    (f"({visible(row['number'])}) {visible(row['title'])}", "bold"),
                    "\n",
                    (visible(row["id"]), "cyan"),
                ),
                *(cell(row[key]) for key in ("levels", "dimensions", "leads")),
                Text.assemble((visible(row["reception"]), style), "\n", voices_text(row["voices"])),
            ],
            Text.assemble(
                (f"{row['number']}. ", "bold"),
                (visible(row["id"]), "cyan"),
                "\n",
                (visible(row["title"]), "bold"),
                f"\nlevels: {visible(row['levels'])}",
                f"\ndimensions: {visible(row['dimensions'])}",
                f"\nleads: {visible(row['leads'])}",
                "\nreception: ",
                (visible(reception), style),
            ),
        )
    return table


_RECEPTION_STYLE = {"support": "green", "mixed": "yellow", "skeptical": "red"}


def section(title: str, body: Iterable[RenderableType]) -> list[RenderableType]:
    items = list(body)
    if not items:
        return []
    return [Text(""), Text(title, style="bold underline"), *items]


def pairs_table(
    rows: Iterable[tuple[str, ...]], headings: Sequence[str], wide: int = -1
) -> FittedTable:
    """A plain table of text rows; column ``wide`` takes most of the spare width."""
    wide_index = wide % len(headings)
    table = FittedTable(
        [Column(h, weight=3 if i == wide_index else 1) for i, h in enumerate(headings)]
    )
    for row in rows:
        block = Text("\n").join(
            Text.assemble((f"{heading}: ", "bold"), visible(value))
            for heading, value in zip(headings, row, strict=True)
            if value
        )
        table.add_row([cell(value) for value in row], block)
    return table


def role_detail_view(role: Role, catalogue: Catalogue) -> RenderableType:
    from dsr_options.render.roles import attribute_text

    header = Text.assemble(
        (f"({role.number}) ", "bold"), (visible(role.title), "bold"), ("  ", ""), (role.id, "cyan")
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("Levels", cell(", ".join(level.value for level in role.levels)))
    facts.add_row("Dimensions", cell(", ".join(d.value for d in role.dimensions)))
    reception = role.reception
    facts.add_row(
        "Reception",
        Text.assemble(
            (reception.stance.value, _RECEPTION_STYLE.get(reception.stance.value, "")),
            f" ({voices_text(reception.voices.value)}): ",
            visible(reception.summary),
        ),
    )
    parts: list[RenderableType] = [header, cell(role.summary), Text(""), facts]
    parts += section(
        "Attributes",
        [
            pairs_table(
                (
                    (name, attribute_text(value.value), value.basis.value, value.note or "")
                    for name, value in role.attributes.items()
                ),
                ("Attribute", "Value", "Basis", "Why"),
            )
        ]
        if role.attributes
        else [],
    )
    parts += section(
        "Lead candidates",
        [
            pairs_table(
                (
                    (_office_name(catalogue, lead.office), lead.basis.value, lead.rationale)
                    for lead in role.leads
                ),
                ("Office", "Basis", "Rationale"),
            )
        ]
        if role.leads
        else [],
    )
    parts += section(
        "Concerns", [cell(f"• {item.text} [{item.basis.value}]") for item in role.concerns]
    )
    parts += section(
        "Open questions",
        [cell(f"• {item.text} [{item.basis.value}]") for item in role.open_questions],
    )
    parts += section(
        "Evidence",
        [
            pairs_table(
                ((f"“{e.quote}”", e.section, e.stance.value) for e in role.evidence),
                ("Quote", "Section", "Stance"),
                wide=0,
            )
        ],
    )
    return Group(*parts)


def _office_name(catalogue: Catalogue, office_id: str) -> str:
    office = catalogue.office(office_id)
    return f"{office.name} ({office_id})" if office else office_id


_STRICTNESS_STYLE = {"veto": "bold red", "concern": "yellow", "condition": "blue"}


def redline_list_table(rows: Sequence[Mapping[str, str]]) -> RenderableType:
    if not rows:
        return Text("No redline matches.", style="yellow")
    table = FittedTable(
        [
            Column("Id", style="cyan"),
            Column("Title", weight=2),
            Column("Strictness"),
            Column("Holders"),
            Column("Crosses when", weight=2),
        ]
    )
    for row in rows:
        style = _STRICTNESS_STYLE.get(row["strictness"], "")
        table.add_row(
            [
                cell(row["id"]),
                cell(row["title"]),
                cell(row["strictness"], style),
                cell(row["holders"]),
                cell(row["rule"]),
            ],
            Text.assemble(
                (visible(row["id"]), "cyan"),
                "  ",
                (row["strictness"], style),
                "\n",
                (visible(row["title"]), "bold"),
                f"\nheld by: {visible(row['holders'])}",
                f"\ncrosses when: {visible(row['rule'])}",
            ),
        )
    return table
