"""Firmness as plain data and as one short phrase, for every view that shows a verdict.

Kept apart from each view's layout (issue 15 restyles those): a view calls ``firmness_data`` for
its JSON, and ``firmness_cell`` for one short column or line.
"""

from __future__ import annotations

from typing import Any

from dsr_options.analyses.firmness import Firmness, FirmnessReport


def firmness_data(item: Firmness) -> dict[str, Any]:
    """One role's firmness as JSON-ready data."""

    def plain(value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    return {
        "label": item.label,
        "bound": item.bound,
        "vary": item.vary,
        "text": item.text,
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
                "text": s.text,
            }
            for s in item.minimal
        ],
    }


def report_data(report: FirmnessReport) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "bound": report.bound,
        "vary": report.vary,
        "roles": {f.role: firmness_data(f) for f in report.roles},
        "undiscriminating": [
            {
                "redline": u.redline,
                "strictness": u.strictness.value,
                "outcome": u.outcome.value,
                "by_assumption": u.by_assumption,
                "text": u.text,
            }
            for u in report.undiscriminating
        ],
    }


def firmness_cell(item: Firmness | None) -> str:
    """One short cell: ``firm (≤2)``, ``hangs on one judgement: in_country``."""
    if item is None:
        return ""
    return item.text
