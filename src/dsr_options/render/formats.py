"""Plain-text writers for machine and brief formats: JSON, YAML, CSV and Markdown tables."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from json.encoder import encode_basestring as _text  # C, when CPython has it
from typing import Any

from dsr_options.render.safe import UNSAFE_CHARACTERS, csv_cell, markdown_cell

# json.dumps escapes C0 controls itself; C1 controls, bidi controls and the rest it leaves raw.
_JSON_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")

Row = Mapping[str, str]


def write_json(data: Any) -> str:
    """Indented JSON, UTF-8 text kept readable, every control character escaped."""
    return "".join(iter_json(data))


def _safe(text: str) -> str:
    if text.isascii() and "\x7f" not in text:  # json.dumps escapes C0 controls; DEL it leaves
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_PIECES = 65_536
"""Pieces of text joined into each part :func:`iter_json` hands on."""


def iter_json(data: Any) -> Iterator[str]:
    """``write_json`` in parts: the same text as ``json.dumps(data, indent=2,
    ensure_ascii=False)``, with the unsafe characters escaped, made about three times faster.

    ``json.dumps`` writes indented JSON in pure Python, one small piece per generator step;
    :class:`_Indented` writes it with one append per value and CPython's C string escaping. A
    mapping met more than once (the same object: ``check`` shares one result's data between the
    roles alike in the redline's attributes) is encoded once and its text reused, re-indented.
    """
    encoder = _Indented()
    encoder.write(data, 0)
    out = encoder.out
    for start in range(0, len(out), _PIECES):
        yield _safe("".join(out[start : start + _PIECES]))
    yield "\n"


_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """A scalar's JSON text as ``json.dumps`` writes it (its checks, in its order); None for a
    list, tuple or mapping."""
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple, dict)):
        return None
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A mapping key's JSON text as ``json.dumps`` writes it: a number, boolean or null key
    as the text of its value."""
    if isinstance(key, str):
        return _text(key)
    if key is None or isinstance(key, (int, float)):  # a boolean is an int
        return _text(str(_scalar(key)))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


class _Indented:
    """The text of ``json.dumps(value, indent=2, ensure_ascii=False)`` as a list of pieces."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self._open: set[int] = set()
        self._indents = ["\n"]
        self._spans: dict[int, tuple[int, int, int]] = {}
        """Each mapping encoded: its first and past-last piece, and its level."""
        self._again: dict[int, str] = {}
        """Each mapping met twice: its text at level 0."""

    def _indent(self, level: int) -> str:
        while len(self._indents) <= level:
            self._indents.append(self._indents[-1] + "  ")
        return self._indents[level]

    def _enter(self, value: Any) -> int:
        marker = id(value)
        if marker in self._open:
            raise ValueError("Circular reference detected")
        self._open.add(marker)
        return marker

    def write(self, data: Any, level: int) -> None:
        """Add the text of ``data``, a value at ``level`` (its first line continues the one
        before it)."""
        text = _scalar(data)
        if text is not None:
            self.out.append(text)
        elif isinstance(data, dict):
            self._mapping(data, level)
        else:
            self._sequence(data, level)

    def _mapping(self, value: dict[Any, Any], level: int) -> None:
        if not value:
            self.out.append("{}")
            return
        span = self._spans.get(id(value))
        if span is not None:
            self.out.append(self._repeated(id(value), span, level))
            return
        marker = self._enter(value)
        out = self.out
        start = len(out)
        inner = self._indent(level + 1)
        before = "{" + inner
        for key, item in value.items():
            name = _text(key) if key.__class__ is str else _key(key)
            kind = item.__class__
            if kind is str:
                out.append(f"{before}{name}: {_text(item)}")
            elif kind is dict:
                out.append(f"{before}{name}: ")
                self._mapping(item, level + 1)
            elif kind is list:
                out.append(f"{before}{name}: ")
                self._sequence(item, level + 1)
            else:
                text = _scalar(item)
                out.append(f"{before}{name}: " if text is None else f"{before}{name}: {text}")
                if text is None:
                    self.write(item, level + 1)
            before = "," + inner
        out.append(self._indent(level) + "}")
        self._open.discard(marker)
        self._spans[marker] = (start, len(out), level)

    def _sequence(self, value: list[Any] | tuple[Any, ...], level: int) -> None:
        if not value:
            self.out.append("[]")
            return
        marker = self._enter(value)
        out = self.out
        inner = self._indent(level + 1)
        before = "[" + inner
        for item in value:
            kind = item.__class__
            if kind is str:
                out.append(before + _text(item))
            elif kind is dict:
                out.append(before)
                self._mapping(item, level + 1)
            elif kind is list:
                out.append(before)
                self._sequence(item, level + 1)
            else:
                text = _scalar(item)
                out.append(before if text is None else before + text)
                if text is None:
                    self.write(item, level + 1)
            before = "," + inner
        out.append(self._indent(level) + "]")
        self._open.discard(marker)

    def _repeated(self, marker: int, span: tuple[int, int, int], level: int) -> str:
        """A mapping's text again, at ``level``: a newline in it is followed by at least its
        first level's indent, and a string's newline is escaped, so re-indenting is a replace."""
        text = self._again.get(marker)
        if text is None:
            start, end, first = span
            text = "".join(self.out[start:end])
            if first:
                text = text.replace(self._indent(first), "\n")
            self._again[marker] = text
        return text.replace("\n", self._indent(level)) if level else text


def write_yaml(data: Any) -> str:
    """Block-style YAML that loads back to the same data."""
    from dsr_options.render.yaml_writer import dump_yaml  # PyYAML only for YAML output

    return dump_yaml(data, escape=UNSAFE_CHARACTERS)


EXCEL_BOM = "\ufeff"


def write_csv(rows: Sequence[Row], columns: Sequence[str], *, excel: bool = False) -> str:
    """RFC 4180 CSV with a header row; cells guarded against spreadsheet formulas.

    With ``excel``, what Excel on Windows opens right: a UTF-8 byte-order mark first (without
    it Excel reads the text as the local code page) and CRLF line ends.
    """
    buffer = io.StringIO()
    if excel:
        buffer.write(EXCEL_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n" if excel else "\n")
    writer.writerow(columns)
    # A listing repeats its cells (a role's id on each of its rows, a shared reason on many):
    # each distinct text is made safe once.
    safe: dict[str, str] = {}
    for row in rows:
        cells = []
        for column in columns:
            text = row.get(column, "")
            cell = safe.get(text)
            if cell is None:
                cell = safe[text] = csv_cell(text)
            cells.append(cell)
        writer.writerow(cells)
    return buffer.getvalue()


def markdown_provenance(provenance: Any) -> str:
    """The provenance as a Markdown quote above a report; a subset is said in bold."""
    lines = [
        f"> Made by dsr-options {provenance.version} on {provenance.date} from the "
        f"{markdown_cell(provenance.catalogue)} catalogue (sha256 {provenance.catalogue_hash}); "
        f"redlines: {markdown_cell(', '.join(provenance.redlines) or 'none')}."
    ]
    if provenance.only:
        lines.append(
            f"> **Subset: only the redlines {markdown_cell(', '.join(provenance.only))} were "
            "evaluated; verdicts are over this subset, not the full set.**"
        )
    if provenance.scenario:
        lines.append(f"> Scenario: {markdown_cell(provenance.scenario)}.")
    if provenance.assumptions:
        lines.append(f"> Assuming: {markdown_cell('; '.join(provenance.assumptions))}.")
    return "\n>\n".join(lines) + "\n\n"


def write_markdown_table(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(markdown_cell(c) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines) + "\n"
