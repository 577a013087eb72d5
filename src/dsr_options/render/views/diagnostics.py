"""Diagnostics as text for people: each located line, the source line, a caret under the column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dsr_options.diagnostics import Diagnostic, Severity
from dsr_options.render.safe import visible, visible_inline


def source_excerpt(text: str | Sequence[str], line: int, column: int) -> str:
    """The offending line and a caret under the column, indented; empty when unlocated.

    ``text`` is the file's text, or its lines already split (when excerpting many diagnostics
    from one file, split once: splitting per diagnostic is quadratic).
    """
    if line < 1:
        return ""
    lines = text.split("\n") if isinstance(text, str) else text
    if line > len(lines):
        return ""
    source = lines[line - 1].replace("\t", " ")
    at = max(column - 1, 0)
    # Cut a window around the column before escaping: a long line stays cheap and readable.
    start = max(at - 100, 0) if len(source) > 200 else 0
    end = start + 200
    prefix = "…" if start else ""
    shown = prefix + visible(source[start:end]) + ("…" if end < len(source) else "")
    caret_at = len(prefix) + len(visible(source[start:at]))
    return f"    {shown}\n    {' ' * caret_at}^"


def diagnostics_text(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]) -> str:
    """Every diagnostic with its excerpt, then a count, as ``validate`` prints them."""
    blocks = []
    lines: dict[str, list[str]] = {}
    # Top to bottom in each file, a `too-many-errors` summary after the errors it counts.
    for diagnostic in sorted(diagnostics, key=lambda d: (d.file, d.code == "too-many-errors", d)):
        # One line per diagnostic, whatever the data: a newline in a quoted key must not be
        # able to print a line that reads like a diagnostic of its own.
        block = visible_inline(diagnostic.format())
        if diagnostic.file not in lines:
            lines[diagnostic.file] = texts.get(diagnostic.file, "").split("\n")
        excerpt = source_excerpt(lines[diagnostic.file], diagnostic.line, diagnostic.column)
        blocks.append(f"{block}\n{excerpt}" if excerpt else block)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    blocks.append(summary_line(errors, warnings))
    return "\n".join(blocks) + "\n"


def summary_line(errors: int, warnings: int) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"
