"""Firmness and what-if headers at a terminal: short, apart from each view's own layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.safe import visible


def firmness_table(
    table: RenderableType, heading: str, lines: Sequence[str], notes: Sequence[str]
) -> RenderableType:
    """``table``, then the heading, one line per role (its firmness), then ``notes``."""
    parts: list[Any] = [table, Text(""), Text(visible(heading), style="bold")]
    parts += [Text(visible(line)) for line in lines]
    parts += [Text(visible(note)) for note in notes]
    return Group(*parts)


def what_if_header(table: RenderableType, lines: list[str]) -> RenderableType:
    """A view's table under a header that states every assumption made."""
    header = Text()
    for line in lines:
        header.append(visible(line) + "\n", style="bold yellow")
    return Group(header, table)
