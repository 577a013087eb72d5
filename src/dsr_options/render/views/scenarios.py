"""Scenarios side by side: each role's verdict in the catalogue and under each scenario."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.scenarios import ScenarioRun, Shift
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import outcome_word, verdict_word
from dsr_options.render.phrases import Phrases, joined
from dsr_options.render.safe import markdown_cell
from dsr_options.render.words import NO_PHRASES

if TYPE_CHECKING:
    from dsr_options.render import Renderable

CATALOGUE = "catalogue"
WARNING = "what-if: every column but 'catalogue' rests on assumed values, not the catalogue's"


def shift_text(shift: Shift, phrases: Phrases | None = None) -> str:
    """``out (changed): “Only on request or mandate”: clear → crosses`` (redlines by title,
    given ``phrases``; by id for CSV), or the verdict alone."""
    verdict = verdict_word(shift.verdict.verdict)
    if not shift.changed and not shift.why:
        return f"{verdict} (unchanged)"
    lead = f"{verdict} (changed)" if shift.changed else f"{verdict} (same verdict)"
    why = list(shift.why)
    if phrases is not None:
        why = [
            f"{phrases.redline_title(rid)}: {outcome_word(old)} → {outcome_word(new)}"
            for rid, old, new in shift.moved
        ]
    return lead + (": " + "; ".join(why) if why else "")


def assumed_words(assumptions: list[Any], phrases: Phrases) -> str:
    """``for every role, without a standing UN DSR capacity``: a scenario's assumptions in
    words, grouped by the role they speak to (``*``: every role)."""
    by_role: dict[str, list[str]] = {}
    for a in assumptions:
        by_role.setdefault(a.role, []).append(phrases.change(a.attribute, a.value))
    return "; ".join(
        f"for {'every role' if role == '*' else phrases.role(role)}, {joined(changes)}"
        for role, changes in by_role.items()
    )


def scenarios_data(run: ScenarioRun) -> dict[str, Any]:
    return {
        "what_if": {"warning": WARNING},
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "description": s.description,
                "assumptions": [a.text for a in _assumptions(run, s.id)],
            }
            for s in run.scenarios
        ],
        "roles": [
            {
                "role": row.role,
                "title": row.title,
                CATALOGUE: row.baseline.value,
                "scenarios": {
                    shift.scenario: {
                        "verdict": shift.verdict.verdict.value,
                        "changed": shift.changed,
                        "why": list(shift.why),
                        "assumed": list(shift.assumed),
                    }
                    for shift in row.shifts
                },
            }
            for row in run.rows
        ],
    }


def _assumptions(run: ScenarioRun, scenario_id: str) -> list[Any]:
    from dsr_options.analyses.scenarios import scenario_assumptions

    scenario = next(s for s in run.scenarios if s.id == scenario_id)
    return scenario_assumptions(scenario)


def _rows(run: ScenarioRun, phrases: Phrases | None = None) -> list[dict[str, str]]:
    """One row per role (CSV: by id, the changes by redline id; for people, given
    ``phrases``: by title, the redlines by title)."""
    return [
        {
            "role": row.role if phrases is None else row.title,
            CATALOGUE: verdict_word(row.baseline),
            **{shift.scenario: shift_text(shift, phrases) for shift in row.shifts},
        }
        for row in run.rows
    ]


@dataclass(frozen=True)
class ScenariosView:
    """Each role's verdict in the catalogue and under each scenario, with what changed and why."""

    run: ScenarioRun
    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""

    def columns(self) -> list[str]:
        return ["role", CATALOGUE, *(s.id for s in self.run.scenarios)]

    def data(self) -> Any:
        return scenarios_data(self.run)

    def rows(self) -> Rows:
        return _rows(self.run), self.columns()

    def markdown(self) -> str:
        lines = [f"> **{WARNING}**", ""]
        for s in self.run.scenarios:
            assumed = assumed_words(_assumptions(self.run, s.id), self.phrases)
            lines.append(
                f"- **{s.id}**: {markdown_cell(s.title)} (assumed: {markdown_cell(assumed)})"
            )
        rows = _rows(self.run, self.phrases)
        return "\n".join(lines) + "\n\n" + write_markdown_table(rows, self.columns())

    def table(self) -> Renderable:
        from dsr_options.render.terminal.scenarios import scenarios_table

        heads = []
        for s in self.run.scenarios:
            assumed = assumed_words(_assumptions(self.run, s.id), self.phrases)
            heads.append(f"{s.id}: {s.title} (assumed: {assumed})")
        return scenarios_table(WARNING, heads, _rows(self.run, self.phrases), self.columns())
