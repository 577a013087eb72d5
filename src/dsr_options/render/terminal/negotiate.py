"""The ``negotiate`` view at a terminal: the holder x role matrix, then the joint changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.layout import Column, FittedTable, cell, section
from dsr_options.render.safe import visible

if TYPE_CHECKING:
    from dsr_options.render.views.negotiate import NegotiateView

_STYLE = {"out": "bold red", "flagged": "yellow", "conditional": "blue", "clear": "green"}


def negotiate_view(view: NegotiateView) -> RenderableType:
    from dsr_options.render.views.negotiate import bound_text, cell_text

    n = view.negotiation
    if not n.holders:
        return Text("No holder holds a redline.", style="yellow")
    table = FittedTable(
        [
            Column("Role", style="cyan"),
            *[Column(h) for h, _ in n.holders],
            Column("Acceptable to", keep_whole=True),
        ]
    )
    for s in n.roles:
        cells = [cell(s.role.id)]
        block_lines = [Text(visible(s.role.id), style="cyan")]
        for h, _ in n.holders:
            c = n.cell(h, s.role.id)
            text = cell_text(c.verdict.value, c.deciding)
            cells.append(cell(text, _STYLE.get(c.verdict.value, "")))
            block_lines.append(Text(f"{visible(h)}: {visible(text)}"))
        count = f"{len(s.acceptable_to)}/{len(n.holders)}"
        cells.append(cell(count))
        block_lines.append(Text(f"acceptable to {count}"))
        table.add_row(cells, Text("\n").join(block_lines))
    parts: list[RenderableType] = [table]
    everyone = ", ".join(n.acceptable_to_all) or "none"
    parts += section("Acceptable to every holder", [cell(everyone)])
    parts += section("Smallest joint changes", [cell(line) for line in view.lines()])
    parts += section("Conflicts", [cell(c.text, "red") for c in n.conflicts])
    parts += [Text(""), cell(bound_text(n), "dim")]
    return Group(*parts)
