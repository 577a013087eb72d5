"""Plain-text writers for machine and brief formats: JSON, YAML, CSV and Markdown tables."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from dsr_options.render.text import UNSAFE_CHARACTERS, csv_cell, markdown_cell

# json.dumps escapes C0 controls itself; C1 controls, bidi controls and the rest it leaves raw.
_JSON_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")

Row = Mapping[str, str]


def write_json(data: Any) -> str:
    """Indented JSON, UTF-8 text kept readable, every control character escaped."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def write_yaml(data: Any) -> str:
    """Block-style YAML that loads back to the same data."""
    from dsr_options.loader import dump_yaml  # PyYAML only for YAML output

    return dump_yaml(data, escape=UNSAFE_CHARACTERS)


def write_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """RFC 4180 CSV with a header row; cells guarded against spreadsheet formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(column, "")) for column in columns])
    return buffer.getvalue()


def write_markdown_table(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = [
        "| " + " | ".join(markdown_cell(c) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(markdown_cell(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines) + "\n"
