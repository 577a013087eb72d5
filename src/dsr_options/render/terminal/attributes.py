"""The ``attributes`` listing at a terminal: one block per attribute."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.layout import cell, pairs_table
from dsr_options.render.safe import visible

AttributeBlock = tuple[str, str, str, Sequence[tuple[str, str]]]
"""(id, type, description, (label, text) rows) of one attribute."""


def attribute_list(blocks: Sequence[AttributeBlock]) -> RenderableType:
    if not blocks:
        return Text("No attribute is declared.", style="yellow")
    parts: list[RenderableType] = []
    for name, kind, description, rows in blocks:
        if parts:
            parts.append(Text(""))
        parts.append(Text.assemble((visible(name), "bold cyan"), "  ", (kind, "bold")))
        parts.append(cell(description))
        parts.append(pairs_table(rows, ("", "Values, roles and redlines"), wide=1))
    return Group(*parts)
