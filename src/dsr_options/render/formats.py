"""Plain-text writers for machine and brief formats: JSON, YAML, CSV and Markdown tables."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from dsr_options.render.safe import UNSAFE_CHARACTERS, csv_cell, markdown_cell

# json.dumps escapes C0 controls itself; C1 controls, bidi controls and the rest it leaves raw.
_JSON_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")

Row = Mapping[str, str]


def write_json(data: Any) -> str:
    """Indented JSON, UTF-8 text kept readable, every control character escaped."""
    return "".join(iter_json(data))


def _safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def iter_json(data: Any) -> Iterator[str]:
    """``write_json`` in pieces: the same text as ``json.dumps(data, indent=2)``, made faster.

    A mapping met more than once (the same object: ``check`` shares one result's data between
    the roles alike in the redline's attributes) is encoded once with the C encoder and reused,
    re-indented; so is any part holding no shared mapping. Text can be written as it is made.
    """
    repeated: set[int] = set()
    plain: set[int] = set()
    _survey(data, set(), repeated, plain)
    memo: dict[int, str] = {}
    yield from _pieces(data, 0, memo, repeated, plain)
    yield "\n"


def _survey(value: Any, seen: set[int], repeated: set[int], plain: set[int]) -> bool:
    """Note the mappings met twice; True when ``value`` holds none (it can be encoded whole)."""
    if isinstance(value, dict):
        if id(value) in seen:
            repeated.add(id(value))
            return False
        seen.add(id(value))
        items: Any = value.values()
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return True
    surveyed = [_survey(item, seen, repeated, plain) for item in items]  # every item, no short cut
    whole = all(surveyed)
    if whole:
        plain.add(id(value))
    return whole


def _encoded(value: Any, level: int) -> str:
    text = _safe(json.dumps(value, indent=2, ensure_ascii=False))
    return text.replace("\n", "\n" + "  " * level) if level else text


def _pieces(
    value: Any, level: int, memo: dict[int, str], repeated: set[int], plain: set[int]
) -> Iterator[str]:
    key = id(value)
    if key in repeated:
        known = memo.get(key)
        if known is None:
            known = memo[key] = _encoded(value, 0)
        yield known.replace("\n", "\n" + "  " * level) if level else known
        return
    if key in plain or not isinstance(value, (dict, list, tuple)) or not value:
        yield _encoded(value, level)
        return
    inner = "\n" + "  " * (level + 1)
    is_dict = isinstance(value, dict)
    yield "{" if is_dict else "["
    pairs: Any = value.items() if isinstance(value, dict) else enumerate(value)
    for index, (name, item) in enumerate(pairs):
        yield ("," if index else "") + inner
        if is_dict:
            yield _safe(json.dumps(name, ensure_ascii=False)) + ": "
        yield from _pieces(item, level + 1, memo, repeated, plain)
    yield "\n" + "  " * level + ("}" if is_dict else "]")


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
