"""Comparisons: ``compare`` in every output format, and the words each aspect's values read as."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import assert_never

from dsr_options.analyses.compare import Aspect, AspectKind, Comparison, Summary
from dsr_options.render import OutputFormat
from dsr_options.render.formats import write_csv, write_json, write_markdown_table, write_yaml
from dsr_options.render.safe import markdown_cell
from dsr_options.render.views.roles import attribute_text, reception_text

if TYPE_CHECKING:
    from dsr_options.render import Rendered

DIFFERS_MARK = "≠"
"""Marks a row whose values differ, so that the difference does not rest on colour alone."""
NONE = "(none)"


def value_text(kind: AspectKind, value: Any, separator: str = ", ") -> str:
    """One role's value for one aspect, as a person reads it (may hold several lines).

    ``separator`` joins the items of a list; a table passes a newline, one item a line.
    """
    if kind is AspectKind.TAGS:
        return separator.join(str(item) for item in value) if value else NONE
    if kind is AspectKind.ATTRIBUTE:
        if value is None:
            return "(not set)"
        raw = value["value"]
        if isinstance(raw, list):
            shown = separator.join(raw) if raw else NONE
        else:
            shown = attribute_text(raw)
        return f"{shown} [{value['basis']}]"
    if kind is AspectKind.RECEPTION:
        return reception_text(value["stance"], value["voices"])
    if kind is AspectKind.STATEMENTS:
        return "\n".join(f"• {item['text']} [{item['basis']}]" for item in value) or NONE
    if kind is AspectKind.EVIDENCE_COUNT:
        return (
            f"{value['total']} quotes: {value['supports']} for, {value['opposes']} against, "
            f"{value['qualifies']} qualifying, {value['neutral']} neutral"
        )
    if kind is AspectKind.QUOTE:
        if value is None:
            return NONE
        return f"“{value['quote']}” ({value['section']})"
    assert_never(kind)


def summary_line(summary: Summary) -> str:
    """``3 of 14 aspects differ (marked ≠): levels, reception, concerns``."""
    count, total = len(summary.differing), summary.total
    noun = "aspect" if total == 1 else "aspects"
    if not count:
        return f"0 of {total} {noun} differ: the roles are alike in every aspect compared."
    verb = "differs" if count == 1 else "differ"
    listed = ", ".join(summary.differing_labels)
    return f"{count} of {total} {noun} {verb} (marked {DIFFERS_MARK}): {listed}"


def value_texts(aspect: Aspect, separator: str = ", ") -> dict[str, str]:
    """Each role's value for ``aspect`` as text, by role id."""
    return {
        role_id: value_text(aspect.kind, value, separator)
        for role_id, value in aspect.values.items()
    }


def comparison(result: Comparison, fmt: OutputFormat) -> Rendered:
    """Roles side by side, one row per aspect."""
    if fmt is OutputFormat.TABLE:
        from dsr_options.render.terminal.compare import comparison_table

        return comparison_table(result)
    if fmt is OutputFormat.JSON:
        return write_json(result.data())
    if fmt is OutputFormat.YAML:
        return write_yaml(result.data())
    if fmt is OutputFormat.CSV:
        columns = ["aspect", "label", "differs", *result.role_ids]
        rows = [
            {
                **value_texts(aspect),
                "aspect": aspect.name,
                "label": aspect.label,
                "differs": "true" if aspect.differs else "false",
            }
            for aspect in result.aspects
        ]
        return write_csv(rows, columns)
    if fmt is OutputFormat.MARKDOWN:
        headings = {role.id: f"({role.number}) {role.title} ({role.id})" for role in result.roles}
        columns = ["aspect", DIFFERS_MARK, *headings.values()]
        rows = [
            {
                "aspect": aspect.label,
                DIFFERS_MARK: DIFFERS_MARK if aspect.differs else "",
                **{headings[role_id]: text for role_id, text in value_texts(aspect).items()},
            }
            for aspect in result.aspects
        ]
        return (
            markdown_cell(summary_line(result.summary))
            + "\n\n"
            + write_markdown_table(rows, columns)
        )
    assert_never(fmt)
