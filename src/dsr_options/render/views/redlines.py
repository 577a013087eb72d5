"""Redlines: the ``redlines`` listing in every output format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import assert_never

from dsr_options.analyses.evaluate import rule_text
from dsr_options.model.catalogue import Catalogue, Redline
from dsr_options.render import OutputFormat
from dsr_options.render.formats import write_csv, write_json, write_markdown_table, write_yaml
from dsr_options.render.safe import one_line

if TYPE_CHECKING:
    from dsr_options.render import Rendered

LIST_COLUMNS = ("id", "title", "strictness", "origin", "holders", "applies_to", "rule")


def applies_to_text(redline: Redline) -> str:
    """Which roles the redline speaks to: ``only where in_country is true`` or ``every role``."""
    if redline.applies_to is None:
        return "every role"
    return f"only where {rule_text(redline.applies_to)}"


def redline_data(redline: Redline) -> dict[str, Any]:
    """The full redline as plain JSON-ready data."""
    return redline.model_dump(mode="json", by_alias=True)


def _row(redline: Redline, catalogue: Catalogue) -> dict[str, str]:
    holders = [catalogue.holder(h) for h in redline.holders]
    return {
        "id": redline.id,
        "title": redline.title,
        "strictness": redline.strictness.value,
        "origin": redline.origin.value,
        "holders": ", ".join(
            h.name if h else hid for h, hid in zip(holders, redline.holders, strict=True)
        ),
        "applies_to": applies_to_text(redline),
        "rule": rule_text(redline.rule),
    }


def redline_list(redlines: Sequence[Redline], catalogue: Catalogue, fmt: OutputFormat) -> Rendered:
    """The redlines, one row each."""
    rows = [_row(redline, catalogue) for redline in redlines]
    if fmt is OutputFormat.TABLE:
        from dsr_options.render.terminal.roles import redline_list_table

        return redline_list_table(rows)
    if fmt is OutputFormat.JSON:
        return write_json([redline_data(r) for r in redlines])
    if fmt is OutputFormat.YAML:
        return write_yaml([redline_data(r) for r in redlines])
    if fmt is OutputFormat.CSV:
        full = [
            {**row, "statement": one_line(r.statement)}
            for row, r in zip(rows, redlines, strict=True)
        ]
        return write_csv(full, [*LIST_COLUMNS, "statement"])
    if fmt is OutputFormat.MARKDOWN:
        return write_markdown_table(rows, LIST_COLUMNS)
    assert_never(fmt)
