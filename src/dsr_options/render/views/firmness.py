"""Firmness as plain data and as one short phrase, for every view that shows a verdict.

Kept apart from each view's layout (issue 15 restyles those): a view calls ``firmness_data`` for
its JSON, and ``firmness_cell`` for one short column or line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dsr_options.render.firmness_words import (
    REPRODUCE,
    change_set_text,
    firmness_line,
    holds_on_sentence,
    reproduce,
    reproduce_tokens,
    undiscriminating_text,
)
from dsr_options.render.glossary import verdict_word
from dsr_options.render.phrases import Phrases
from dsr_options.render.words import NO_PHRASES

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import Firmness, FirmnessReport
    from dsr_options.render import Renderable


def firmness_data(item: Firmness, phrases: Phrases = NO_PHRASES) -> dict[str, Any]:
    """One role's firmness as JSON-ready data; its ``text`` fields in the vocabulary's words."""

    def plain(value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    return {
        "label": item.label,
        "bound": item.bound,
        "vary": item.vary,
        "varied": list(item.varied),
        "combinations": item.combinations,
        "text": firmness_line(item, phrases),
        "holds_on": holds_on_sentence(item, phrases),
        "smallest": item.smallest,
        "rests_on": [
            {
                "attribute": j.attribute,
                "value": plain(j.value),
                "basis": j.basis.value,
                "alternatives": [
                    {
                        "value": plain(a.change.value),
                        "verdict": a.verdict.value,
                        "alters": a.verdict is not item.verdict,
                    }
                    for a in j.alternatives
                ],
            }
            for j in item.rests_on
        ],
        "changes": [
            {
                "changes": [
                    {"attribute": c.attribute, "value": plain(c.value), "assume": c.assume}
                    for c in s.changes
                ],
                "verdict": s.verdict.value,
                "direction": s.direction,
                "text": change_set_text(s, phrases),
                "reproduce": reproduce(item.role, s),
            }
            for s in item.minimal
        ],
    }


def report_data(report: FirmnessReport, phrases: Phrases = NO_PHRASES) -> dict[str, Any]:
    """The whole report as JSON-ready data (``bounded`` only when a budget stopped a search)."""
    bounded = {"bounded": report.bounded.data()} if report.bounded is not None else {}
    return {
        **bounded,
        "bound": report.bound,
        "vary": report.vary,
        "roles": {f.role: firmness_data(f, phrases) for f in report.roles},
        "undiscriminating": [
            {
                "redline": u.redline,
                "strictness": u.strictness.value,
                "outcome": u.outcome.value,
                "by_assumption": u.by_assumption,
                "text": undiscriminating_text(u, phrases),
            }
            for u in report.undiscriminating
        ],
    }


def firmness_cell(item: Firmness | None, phrases: Phrases = NO_PHRASES) -> str:
    """One short cell: ``firm (≤2)``, ``hangs on one judgement: in_country``."""
    if item is None:
        return ""
    return firmness_line(item, phrases)


def firmness_rows(report: FirmnessReport, phrases: Phrases = NO_PHRASES) -> list[dict[str, str]]:
    """One row per role: its verdict, label, and the smallest changes that alter it."""
    return [
        {
            "role": phrases.role(item.role),
            "verdict": verdict_word(item.verdict),
            "firmness": item.label,
            "changes": "; ".join(change_set_text(s, phrases) for s in item.minimal)
            or ("none" if item.vary == "readings" else f"none up to {item.bound}"),
        }
        for item in report.roles
    ]


FIRMNESS_COLUMNS = ("role", "verdict", "firmness", "changes")


def firmness_heading(report: FirmnessReport) -> str:
    if report.vary == "readings":
        return (
            "Firmness: the smallest sets of declared readings and uncertain positions that "
            "alter each verdict (every combination, searched exactly; --vary analysis searches "
            "every analysis value)"
        )
    values = "analysis values" if report.vary == "analysis" else "analysis and note values"
    return (
        f"Firmness: the smallest sets of up to {report.bound} changed {values} that alter "
        "each verdict (searched exactly)"
    )


def firmness_markdown(report: FirmnessReport, phrases: Phrases = NO_PHRASES) -> str:
    """A ``## Firmness`` section: one row per role, then the redlines that tell no role apart."""
    from dsr_options.render.formats import write_markdown_table
    from dsr_options.render.safe import markdown_cell

    text = (
        "## Firmness\n\n"
        + markdown_cell(firmness_heading(report))
        + "\n\n"
        + write_markdown_table(firmness_rows(report, phrases), FIRMNESS_COLUMNS)
    )
    if report.bounded is not None:
        text += "\n" + markdown_cell(report.bounded.text) + "\n"
    again = [
        f"- {REPRODUCE} {markdown_cell(phrases.role(item.role))}: `{reproduce(item.role, s)}`\n"
        for item in report.roles
        for s in item.minimal
    ]
    if again:
        text += "\n" + "".join(again)
    if report.undiscriminating:
        text += "\n" + "".join(
            f"- {markdown_cell(undiscriminating_text(u, phrases))}\n"
            for u in report.undiscriminating
        )
    return text


def firmness_summary(report: FirmnessReport, phrases: Phrases = NO_PHRASES) -> dict[str, Any]:
    """What a whole report says beside the roles: bound, what is varied, undiscriminating."""
    data = report_data(report, phrases)
    data.pop("roles")
    return data


def with_firmness_table(
    table: Renderable, report: FirmnessReport | None, phrases: Phrases = NO_PHRASES
) -> Renderable:
    """A view's terminal table followed by the firmness table (rich only here, lazily)."""
    if report is None:
        return table
    from dsr_options.render.terminal.firmness import firmness_table

    return firmness_table(
        table,
        firmness_heading(report),
        [line for item in report.roles for line in _role_lines(item, phrases)]
        + ([report.bounded.text] if report.bounded is not None else []),
        [undiscriminating_text(u, phrases) for u in report.undiscriminating],
    )


def _role_lines(item: Firmness, phrases: Phrases) -> list[str | tuple[str, ...]]:
    """A role's firmness at a terminal: its title and firmness, what it holds on, then for each
    change set the options that reproduce it, as copyable tokens (a tuple) the terminal puts
    one to a line, never wrapped inside."""
    lines: list[str | tuple[str, ...]] = [
        f"{phrases.role(item.role)}: {firmness_line(item, phrases)}"
    ]
    if item.minimal:  # a firm verdict's line says all there is
        lines.append(holds_on_sentence(item, phrases))
    lines += [tuple(reproduce_tokens(item.role, s)) for s in item.minimal]
    return lines


def add_to_items(
    items: Any, report: FirmnessReport | None, key: str = "role", phrases: Phrases = NO_PHRASES
) -> Any:
    """Each role's dict (``item[key]`` its id) with its ``firmness`` added, in place."""
    if report is None:
        return items
    for item in items:
        found = report.of(item.get(key, ""))
        if found is not None:
            item["firmness"] = firmness_data(found, phrases)
    return items


def add_to_rows(
    rows: Sequence[Mapping[str, str]],
    columns: Sequence[str],
    report: FirmnessReport | None,
    key: str = "role",
    phrases: Phrases = NO_PHRASES,
) -> tuple[list[dict[str, str]], list[str]]:
    """CSV rows with a ``firmness`` column (its one-line text) after the role's id."""
    if report is None:
        return [dict(r) for r in rows], list(columns)
    out = []
    for row in rows:
        found = report.of(row.get(key, ""))
        out.append({**row, "firmness": firmness_line(found, phrases) if found is not None else ""})
    return out, [*columns, "firmness"]


def firmness_lines(item: Firmness, phrases: Phrases = NO_PHRASES) -> list[tuple[str, str]]:
    """``show``'s (field, value) lines: the label, then each smallest change set and, on a line
    of its own, the options that reproduce it."""
    lines = [("firmness", item.label), ("holds on", holds_on_sentence(item, phrases))]
    for s in item.minimal:
        lines += [("firmness change", change_set_text(s, phrases))]
        lines += [("to reproduce", reproduce(item.role, s))]
    return lines


def firmness_only(report: FirmnessReport | None, role_id: str) -> FirmnessReport | None:
    """The report narrowed to one role (for ``show``)."""
    if report is None:
        return None
    from dataclasses import replace

    return replace(report, roles=tuple(f for f in report.roles if f.role == role_id))
