"""The ``scenarios`` view at a terminal: one row per role, one column per scenario, stacked one
block per role where the columns would cut a word (``FittedTable``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.layout import Column, FittedTable, cell
from dsr_options.render.safe import visible


def scenarios_table(
    warning: str, heads: Sequence[str], rows: Sequence[Mapping[str, str]], columns: Sequence[str]
) -> RenderableType:
    """The warning, each scenario's assumptions, then the roles side by side (or stacked)."""
    table = FittedTable(
        [
            Column(columns[0], style="cyan"),
            Column(columns[1], keep_whole=False),
            *(Column(c, weight=2) for c in columns[2:]),
        ]
    )
    for row in rows:
        cells = [cell(row.get(c, "")) for c in columns]
        block = [Text(visible(row.get(columns[0], "")), style="bold cyan")]
        block += [
            Text.assemble((f"{visible(c)}: ", "bold"), visible(row.get(c, ""))) for c in columns[1:]
        ]
        table.add_row(cells, Text("\n").join(block))
    parts: list[Any] = [Text(visible(warning), style="bold yellow")]
    parts += [Text(visible(head)) for head in heads]
    parts += [Text(""), table]
    return Group(*parts)
