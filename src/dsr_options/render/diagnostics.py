"""Diagnostics as text for people: each located line, the source line, a caret under the column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dsr_options.errors import Diagnostic, Severity
from dsr_options.render.text import visible


def source_excerpt(text: str, line: int, column: int) -> str:
    """The offending line and a caret under the column, indented; empty when unlocated."""
    if line < 1:
        return ""
    lines = text.split("\n")
    if line > len(lines):
        return ""
    source = lines[line - 1]
    shown = visible(source.replace("\t", " "))
    caret_at = len(visible(source[: max(column - 1, 0)].replace("\t", " ")))
    if len(shown) > 200:  # keep a long line readable: a window around the column
        start = max(caret_at - 100, 0)
        shown = ("…" if start else "") + shown[start : start + 200] + "…"
        caret_at = caret_at - start + (1 if start else 0)
    return f"    {shown}\n    {' ' * caret_at}^"


def diagnostics_text(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]) -> str:
    """Every diagnostic with its excerpt, then a count, as ``validate`` prints them."""
    blocks = []
    for diagnostic in sorted(diagnostics):
        block = visible(diagnostic.format())
        excerpt = source_excerpt(texts.get(diagnostic.file, ""), diagnostic.line, diagnostic.column)
        blocks.append(f"{block}\n{excerpt}" if excerpt else block)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    blocks.append(summary_line(errors, warnings))
    return "\n".join(blocks) + "\n"


def summary_line(errors: int, warnings: int) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"
