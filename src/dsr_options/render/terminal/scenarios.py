"""The ``scenarios`` view at a terminal: one row per role, one column per scenario."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dsr_options.render.safe import visible


def scenarios_table(
    warning: str, heads: Sequence[str], rows: Sequence[Mapping[str, str]], columns: Sequence[str]
) -> RenderableType:
    """The warning, each scenario's assumptions, then the side-by-side table."""
    table = Table(expand=False)
    for column in columns:
        table.add_column(visible(column), overflow="fold")
    for row in rows:
        table.add_row(*(visible(row.get(c, "")) for c in columns))
    parts: list[Any] = [Text(visible(warning), style="bold yellow")]
    parts += [Text(visible(head)) for head in heads]
    parts += [Text(""), table]
    return Group(*parts)
