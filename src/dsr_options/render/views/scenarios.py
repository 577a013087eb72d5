"""Scenarios side by side: each role's verdict in the catalogue and under each scenario."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.scenarios import ScenarioRun, Shift
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import verdict_word
from dsr_options.render.safe import markdown_cell

if TYPE_CHECKING:
    from dsr_options.render import Renderable

CATALOGUE = "catalogue"
WARNING = "what-if: every column but 'catalogue' rests on assumed values, not the catalogue's"


def shift_text(shift: Shift) -> str:
    """``out (was flagged): request-or-mandate: clear -> crosses``, or the verdict alone."""
    verdict = verdict_word(shift.verdict.verdict)
    if not shift.changed and not shift.why:
        return f"{verdict} (unchanged)"
    lead = f"{verdict} (changed)" if shift.changed else f"{verdict} (same verdict)"
    return lead + (": " + "; ".join(shift.why) if shift.why else "")


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


def _rows(run: ScenarioRun) -> list[dict[str, str]]:
    return [
        {
            "role": row.role,
            CATALOGUE: verdict_word(row.baseline),
            **{shift.scenario: shift_text(shift) for shift in row.shifts},
        }
        for row in run.rows
    ]


@dataclass(frozen=True)
class ScenariosView:
    """Each role's verdict in the catalogue and under each scenario, with what changed and why."""

    run: ScenarioRun

    def columns(self) -> list[str]:
        return ["role", CATALOGUE, *(s.id for s in self.run.scenarios)]

    def data(self) -> Any:
        return scenarios_data(self.run)

    def rows(self) -> Rows:
        return _rows(self.run), self.columns()

    def markdown(self) -> str:
        lines = [f"> **{WARNING}**", ""]
        for s in self.run.scenarios:
            assumed = "; ".join(a.text for a in _assumptions(self.run, s.id))
            lines.append(
                f"- **{s.id}**: {markdown_cell(s.title)} (assumed: {markdown_cell(assumed)})"
            )
        return "\n".join(lines) + "\n\n" + write_markdown_table(_rows(self.run), self.columns())

    def table(self) -> Renderable:
        from dsr_options.render.terminal.scenarios import scenarios_table

        heads = []
        for s in self.run.scenarios:
            assumed = "; ".join(a.text for a in _assumptions(self.run, s.id))
            heads.append(f"{s.id}: {s.title} (assumed: {assumed})")
        return scenarios_table(WARNING, heads, _rows(self.run), self.columns())
