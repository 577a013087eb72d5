"""Firmness and what-if headers at a terminal: short, apart from each view's own layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.firmness_words import REPRODUCE
from dsr_options.render.layout import copy_token
from dsr_options.render.safe import visible


def firmness_table(
    table: RenderableType,
    heading: str,
    lines: Sequence[str | tuple[str, ...]],
    notes: Sequence[str],
) -> RenderableType:
    """``table``, then the heading, each role's lines (its firmness, what it holds on), then
    ``notes``. A tuple is a change set's options: "To reproduce:", then each token on a line of
    its own, never wrapped inside, so that it pastes whole."""
    parts: list[Any] = [table, Text(""), Text(visible(heading), style="bold")]
    for line in lines:
        if isinstance(line, tuple):
            parts.append(Text(f"  {REPRODUCE}", style="dim"))
            parts += [copy_token(token, indent=2) for token in line]
        else:
            parts.append(Text(visible(line)))
    parts += [Text(visible(note)) for note in notes]
    return Group(*parts)


def what_if_header(table: RenderableType, lines: list[str]) -> RenderableType:
    """A view's table under a header that states every assumption made."""
    header = Text()
    for line in lines:
        header.append(visible(line) + "\n", style="bold yellow")
    return Group(header, table)
