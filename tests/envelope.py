"""Reading schema 2's envelope in tests: the view's data, without ``schema`` and ``provenance``."""

from __future__ import annotations

import json
from typing import Any

import yaml


def unwrap(data: Any) -> Any:
    """A view's data from its envelope (a value that is no envelope is returned as it is)."""
    if not isinstance(data, dict) or data.get("schema") != 2 or "provenance" not in data:
        return data
    rest = {k: v for k, v in data.items() if k not in ("schema", "provenance")}
    if len(rest) == 1:
        (only,) = rest.values()
        if isinstance(only, list):
            return only
    return rest


def payload(text: str) -> Any:
    """``json.loads`` of a command's output, unwrapped."""
    return unwrap(json.loads(text))


def yaml_payload(text: str) -> Any:
    """``yaml.safe_load`` of a command's output, unwrapped."""
    return unwrap(yaml.safe_load(text))


def body(text: str) -> str:
    """A table's or a Markdown report's text after its provenance header."""
    lines = text.split("\n")
    if lines and (lines[0].startswith("dsr-options ") or lines[0].startswith("> Made by")):
        blank = lines.index("")
        return "\n".join(lines[blank + 1 :])
    return text


def csv_body(text: str) -> str:
    """CSV text without its last column, ``provenance``."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0][-1] != "provenance":
        return text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row[:-1] for row in rows)
    return out.getvalue()
