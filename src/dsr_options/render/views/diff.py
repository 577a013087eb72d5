"""``diff``: what changed between two versions, and which answers moved because of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.diff import Diff
from dsr_options.render import Rows
from dsr_options.render.diff_text import (
    diff_bound_text,
    diff_bounded_lines,
    diff_change_row,
    diff_consequence_text,
    diff_redline_moves,
    diff_sides_text,
    diff_stale_text,
    diff_summary_text,
    diff_unchanged_text,
)
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.safe import markdown_cell

if TYPE_CHECKING:
    from dsr_options.render import Renderable

CHANGE_COLUMNS = (
    "kind",
    "subject",
    "where",
    "old",
    "new",
    "old_at",
    "new_at",
    "can_move_answers",
    "moved_answers",
)


@dataclass(frozen=True)
class DiffView:
    """The sides, the answers that moved with their causes, then every change."""

    diff: Diff

    def data(self) -> Any:
        return self.diff.to_data()

    def rows(self) -> Rows:
        moved = self.diff.moved
        return [diff_change_row(change, moved) for change in self.diff.changes], CHANGE_COLUMNS

    def markdown(self) -> str:
        diff = self.diff
        unchanged = diff_unchanged_text(diff, lambda spec: f"'{markdown_cell(spec)}'")
        if unchanged is not None:  # one line, a comment a pull request can carry
            return unchanged + "\n"
        parts = [
            f"## What changed: {markdown_cell(diff_sides_text(diff))}\n",
            markdown_cell(diff_summary_text(diff)) + "\n",
        ]
        if diff.consequences:
            parts.append("### Answers that moved\n")
            for consequence in diff.consequences:
                parts.append(f"- {markdown_cell(diff_consequence_text(consequence))}")
                parts += [
                    f"  - {markdown_cell(line)}" for line in diff_redline_moves(diff, consequence)
                ]
            parts.append("")
        if diff.stale:
            parts.append("### Check the rationale\n")
            parts += [f"- {markdown_cell(diff_stale_text(stale))}" for stale in diff.stale]
            parts.append("")
        if diff.changes:
            parts.append("### Changes\n")
            rows = [diff_change_row(c, diff.moved) for c in diff.changes]
            parts.append(write_markdown_table(rows, CHANGE_COLUMNS))
        parts.append(diff_bound_text(diff) + "\n")
        parts += [markdown_cell(line) + "\n" for line in diff_bounded_lines(diff)]
        return "\n".join(parts)

    def table(self) -> Renderable:
        from dsr_options.render.terminal.diff import diff_view

        return diff_view(self.diff)
