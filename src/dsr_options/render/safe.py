"""Make text from a data file safe to show: no markup, no escape sequences, no formulas."""

from __future__ import annotations

import re

UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline, DEL, C1 (8-bit CSI among them)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls ("Trojan source")
    "\u2028\u2029"  # line and paragraph separators: line breaks to some programs, not others
    "\ufeff"  # a byte order mark inside text: invisible
    "\ud800-\udfff"  # lone surrogates: not characters, and no encoder will write them
)
"""A regex character class of what never reaches a terminal, a spreadsheet or a brief as is."""

_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_UNSAFE_INLINE = re.compile(f"[{UNSAFE_CHARACTERS}\t\n]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# An underscore inside a word (``standing_un_capacity``) never starts emphasis in CommonMark,
# so only one at a word's edge is escaped: ids stay readable in the Markdown source.
_MARKDOWN_SPECIAL = re.compile(r"[\\|\[\]`*<>&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MARKDOWN_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written out (``\\x1b``), so none reaches a terminal.

    Newlines and tabs are kept: they are layout, not commands.
    """
    return _UNSAFE.sub(_escape, text)


def visible_inline(text: str) -> str:
    """``visible`` text that stays on one line: newlines and tabs written out too.

    For a line that a reader (or a CI parser) takes as one record, such as a diagnostic, where
    a newline in data could otherwise forge a line of its own.
    """
    return _UNSAFE_INLINE.sub(_escape, text)


def one_line(text: str) -> str:
    """``visible`` text folded onto one line, for table cells and CSV fields in a row listing."""
    return " ".join(visible(text).split())


def csv_cell(text: str) -> str:
    """A CSV field that a spreadsheet will show as text rather than run as a formula.

    A spreadsheet skips leading spaces before it looks for a formula, so the guard does too.
    """
    shown = visible(text)
    return "'" + shown if shown.lstrip(" ").startswith(_FORMULA_START) else shown


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell: read as written, never as markup, links or HTML.

    Pipes (which end a cell), brackets (links and images), backticks, emphasis marks and
    backslashes are escaped; ``<``, ``>`` and ``&`` become entities; line breaks become ``<br>``.
    """
    shown = _MARKDOWN_SPECIAL.sub(
        lambda m: _MARKDOWN_ENTITIES.get(m.group(), "\\" + m.group()), visible(text)
    )
    return "<br>".join(line.strip() for line in shown.splitlines()) or " "


_BLOCK_START = re.compile(r"^(\s*)([#>+=~-]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Text for a Markdown paragraph, heading or list item: ``markdown_cell`` on one line, and a
    leading ``#``, ``>``, ``-``, ``+`` or ``1.`` escaped, so that data never starts a block."""
    shown = " ".join(markdown_cell(text).replace("<br>", " ").split())
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), shown)
