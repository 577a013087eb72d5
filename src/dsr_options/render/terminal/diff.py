"""The ``diff`` view at a terminal: the answers that moved, then every change."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from dsr_options.analyses.diff import Diff
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
from dsr_options.render.layout import cell, pairs_table, section


def diff_view(diff: Diff) -> RenderableType:
    unchanged = diff_unchanged_text(diff)
    if unchanged is not None:
        return cell(unchanged)
    parts: list[RenderableType] = [
        cell(diff_sides_text(diff), "bold"),
        cell(diff_summary_text(diff)),
    ]
    moved: list[RenderableType] = []
    for consequence in diff.consequences:
        moved.append(cell(f"• {diff_consequence_text(consequence)}"))
        lines = diff_redline_moves(diff, consequence)
        moved += [Padding(cell(f"- {line}"), (0, 0, 0, 2)) for line in lines]
    parts += section("Answers that moved", moved)
    parts += section("Check the rationale", [cell(f"• {diff_stale_text(s)}") for s in diff.stale])
    rows = [
        (
            f"{row['kind']} {row['subject']}",
            row["where"],
            f"{row['old']} → {row['new']}",
            row["new_at"] or row["old_at"],
        )
        for row in (diff_change_row(change) for change in diff.changes)
    ]
    if rows:
        parts += section("Changes", [pairs_table(rows, ("change", "where", "old → new", "at"), 2)])
    parts += [
        Text(""),
        cell(
            diff_bound_text(diff),
            "dim",
        ),
        *(cell(line) for line in diff_bounded_lines(diff)),
    ]
    return Group(*parts)
