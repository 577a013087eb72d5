"""Rich tables for people at a terminal. Every data string goes in as ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from dsr_options.models import Catalogue, Role
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


class Responsive:
    """A table where there is room for one, the same content stacked where there is not.

    Rich squeezes a wide table into a narrow terminal by cutting words and dropping columns;
    below ``min_width`` the stacked form loses nothing instead.
    """

    def __init__(self, wide: RenderableType, narrow: RenderableType, min_width: int) -> None:
        self.wide = wide
        self.narrow = narrow
        self.min_width = min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def _table(*columns: str) -> Table:
    """A table whose cells wrap at words and fold only a word longer than its column."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=True)
    for heading in columns:
        table.add_column(heading, overflow="fold")
    return table


def _stacked(blocks: Iterable[Text]) -> RenderableType:
    items: list[RenderableType] = []
    for block in blocks:
        items += [block, Text("")]
    return Group(*items[:-1])


def role_list_table(rows: Sequence[Mapping[str, str]]) -> RenderableType:
    if not rows:
        return Text("No role matches.", style="yellow")
    table = _table("#", "Id", "Title", "Levels", "Dimensions", "Lead candidates", "Reception")
    table.columns[0].justify = "right"
    table.columns[1].style = "cyan"
    table.columns[2].ratio = 3
    for column in table.columns[3:6]:
        column.ratio = 2
    table.columns[6].ratio = 2
    blocks = []
    for row in rows:
        reception = f"{row['reception']} ({row['voices']})"
        style = _RECEPTION_STYLE.get(row["reception"], "")
        table.add_row(
            *(cell(row[key]) for key in ("number", "id", "title", "levels", "dimensions", "leads")),
            cell(reception, style),
        )
        blocks.append(
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
            )
        )
    return Responsive(table, _stacked(blocks), min_width=72)


_RECEPTION_STYLE = {"support": "green", "mixed": "yellow", "skeptical": "red"}


def _section(title: str, body: Iterable[RenderableType]) -> list[RenderableType]:
    items = list(body)
    if not items:
        return []
    return [Text(""), Text(title, style="bold underline"), *items]


def _pairs_table(
    rows: Iterable[tuple[str, ...]], headings: Sequence[str], wide: int = -1
) -> Table:
    """A plain table of text rows; column ``wide`` takes most of the spare width."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=False)
    wide_index = wide % len(headings)
    for index, heading in enumerate(headings):
        table.add_column(heading, ratio=3 if index == wide_index else 1, overflow="fold")
    for row in rows:
        table.add_row(*(cell(value) for value in row))
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
            f" ({reception.voices.value} voices): ",
            visible(reception.summary),
        ),
    )
    parts: list[RenderableType] = [header, cell(role.summary), Text(""), facts]
    parts += _section(
        "Attributes",
        [
            _pairs_table(
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
    parts += _section(
        "Lead candidates",
        [
            _pairs_table(
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
    parts += _section(
        "Concerns", [cell(f"• {item.text} [{item.basis.value}]") for item in role.concerns]
    )
    parts += _section(
        "Open questions",
        [cell(f"• {item.text} [{item.basis.value}]") for item in role.open_questions],
    )
    parts += _section(
        "Evidence",
        [
            _pairs_table(
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
    table = _table("Id", "Title", "Strictness", "Holders", "Rule (crosses when)")
    table.columns[0].style = "cyan"
    for column, ratio in zip(table.columns, (2, 3, 1, 2, 3)):
        column.ratio = ratio
    blocks = []
    for row in rows:
        style = _STRICTNESS_STYLE.get(row["strictness"], "")
        table.add_row(
            cell(row["id"]),
            cell(row["title"]),
            cell(row["strictness"], style),
            cell(row["holders"]),
            cell(row["rule"]),
        )
        blocks.append(
            Text.assemble(
                (visible(row["id"]), "cyan"),
                "  ",
                (row["strictness"], style),
                "\n",
                (visible(row["title"]), "bold"),
                f"\nheld by: {visible(row['holders'])}",
                f"\ncrosses when: {visible(row['rule'])}",
            )
        )
    return Responsive(table, _stacked(blocks), min_width=72)
