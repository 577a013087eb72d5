"""Diagnostics as text for people: each located line, the source line, a caret under the column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dsr_options.diagnostics import Diagnostic, Severity, report_order
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


def diagnostic_blocks(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]) -> list[str]:
    """Each diagnostic as its one line, then its source line and a caret, in report order."""
    blocks = []
    lines: dict[str, list[str]] = {}  # each file split once: splitting per diagnostic is quadratic
    for diagnostic in sorted(diagnostics, key=report_order):
        # One line per diagnostic, whatever the data: a newline in a quoted key must not be
        # able to print a line that reads like a diagnostic of its own.
        block = visible_inline(diagnostic.format())
        if diagnostic.file not in lines:
            lines[diagnostic.file] = texts.get(diagnostic.file, "").split("\n")
        excerpt = source_excerpt(lines[diagnostic.file], diagnostic.line, diagnostic.column)
        blocks.append(f"{block}\n{excerpt}" if excerpt else block)
    return blocks


def diagnostics_text(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]) -> str:
    """Every diagnostic with its excerpt, then a count (what a command that cannot load says)."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    summary = summary_line(errors, len(diagnostics) - errors)
    return "\n".join([*diagnostic_blocks(diagnostics, texts), summary]) + "\n"


def summary_line(errors: int, warnings: int) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"
