"""The ``sources`` view at a terminal: each source's particulars, then its notes with quotes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.model.catalogue import Source
from dsr_options.render.layout import cell, pairs_table, section
from dsr_options.render.terminal.roles import noted_block
from dsr_options.render.words import source_facts


def sources_view(sources: Sequence[Source]) -> RenderableType:
    parts: list[RenderableType] = []
    for source in sources:
        parts.append(cell(source.title, "bold"))
        parts.append(pairs_table(source_facts(source), ("field", "value")))
        notes = [noted_block(note) for note in source.notes]
        parts += section("What the source records of the occasion", notes)
        parts.append(Text(""))
    return Group(*parts)
