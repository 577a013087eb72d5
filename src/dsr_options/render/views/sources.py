"""``sources``: the documents the evidence quotes from, and what each records of the occasion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.model.catalogue import Source
from dsr_options.render import Rows
from dsr_options.render.safe import markdown_cell, one_line
from dsr_options.render.words import quote_text, source_facts

if TYPE_CHECKING:
    from dsr_options.render import Renderable

NOTE_COLUMNS = ("source", "note", "basis", "evidence")


@dataclass(frozen=True)
class SourcesView:
    """Each source: its particulars, then what it records of the occasion, each with quotes."""

    envelope_key = "sources"

    sources: Sequence[Source]

    def data(self) -> Any:
        return [source.model_dump(mode="json", by_alias=True) for source in self.sources]

    def rows(self) -> Rows:
        rows = [
            {
                "source": source.id,
                "note": one_line(note.text),
                "basis": note.basis.value,
                "evidence": " | ".join(quote_text(e) for e in note.evidence),
            }
            for source in self.sources
            for note in source.notes
        ]
        return rows, NOTE_COLUMNS

    def markdown(self) -> str:
        parts = []
        for source in self.sources:
            lines = [f"## {markdown_cell(source.title)}", ""]
            lines += [
                f"- **{field}**: {markdown_cell(value)}" for field, value in source_facts(source)
            ]
            if source.notes:
                lines += ["", "What the source records of the occasion:", ""]
                for note in source.notes:
                    basis = "" if note.basis.value == "note" else f" [{note.basis.value}]"
                    lines.append(f"- {markdown_cell(one_line(note.text))}{basis}")
                    lines += [f"  - {markdown_cell(quote_text(e))}" for e in note.evidence]
            parts.append("\n".join(lines) + "\n")
        return "\n".join(parts)

    def table(self) -> Renderable:
        from dsr_options.render.terminal.sources import sources_view

        return sources_view(self.sources)
