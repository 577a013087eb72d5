"""Make text from a data file safe to show: no markup, no escape sequences, no formulas."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (8-bit CSI among them), and the bidi
# controls that can make text read differently from what it is ("Trojan source").
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``), so none reaches a terminal.

    Newlines and tabs are kept: they are layout, not commands.
    """
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """``visible`` text folded onto one line, for table cells and CSV fields in a row listing."""
    return " ".join(visible(text).split())


def csv_cell(text: str) -> str:
    """A CSV field that a spreadsheet will show as text rather than run as a formula."""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell: pipes escaped, line breaks as ``<br>``."""
    shown = visible(text).replace("\\", "\\\\").replace("|", "\\|")
    shown = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(line.strip() for line in shown.splitlines()) or " "
