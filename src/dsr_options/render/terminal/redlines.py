"""The ``redlines`` listing at a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.layout import Column, FittedTable, cell
from dsr_options.render.safe import visible

_STRICTNESS_STYLE = {"veto": "bold red", "concern": "yellow", "condition": "blue"}


def redline_list_table(rows: Sequence[Mapping[str, str]], intro: str = "") -> RenderableType:
    if not rows:
        return Text("No redline matches.", style="yellow")
    table = FittedTable(
        [
            Column("Id", style="cyan"),
            Column("Title", weight=2),
            Column("Strictness"),
            Column("Holders"),
            Column("Applies to"),
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
                cell(row["applies_to"]),
                cell(row["rule"]),
            ],
            Text.assemble(
                (visible(row["id"]), "cyan"),
                "  ",
                (row["strictness"], style),
                "\n",
                (visible(row["title"]), "bold"),
                f"\nheld by: {visible(row['holders'])}",
                f"\napplies to: {visible(row['applies_to'])}",
                f"\ncrosses when: {visible(row['rule'])}",
            ),
        )
    said = [Text("Read back", style="bold")]
    said += [cell(f"{row['id']}: {row['reads']}") for row in rows if row.get("reads")]
    parts = [cell(intro), Text("")] if intro else []
    return Group(*parts, table, Text(""), *said)
