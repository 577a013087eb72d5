"""Firmness and what-if headers at a terminal: short, apart from each view's own layout."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dsr_options.render.safe import visible


def firmness_table(
    table: RenderableType,
    heading: str,
    rows: Sequence[Mapping[str, str]],
    columns: Sequence[str],
    notes: Sequence[str],
) -> RenderableType:
    """``table``, then one row per role: its firmness and what alters it, then ``notes``."""
    grid = Table(title=visible(heading), title_justify="left", expand=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(visible(row[c]) for c in columns))
    parts: list[Any] = [table, Text(""), grid]
    parts += [Text(visible(note)) for note in notes]
    return Group(*parts)


def what_if_header(table: RenderableType, lines: list[str]) -> RenderableType:
    """A view's table under a header that states every assumption made."""
    header = Text()
    for line in lines:
        header.append(visible(line) + "\n", style="bold yellow")
    return Group(header, table)
