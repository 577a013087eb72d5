"""Scenarios: named sets of assumptions, read from a scenario file and run against a catalogue.

``read_scenarios(path, catalogue)`` reads and checks a scenario file (located ``file:line:col``
diagnostics through the same reader as the catalogue; a file with errors raises
:class:`ScenarioFileError`). ``scenario_assumptions(scenario)`` gives its :class:`Assumption` s,
``apply_scenario(catalogue, scenario)`` the catalogue under it, and ``run_scenarios(catalogue,
scenarios)`` every role's verdict under each scenario next to the catalogue's, with what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from dsr_options.analyses.assumptions import EVERY_ROLE, Assumption, apply_assumptions
from dsr_options.analyses.evaluate import (
    MAX_PAIRS_ENV,
    Evaluator,
    Outcome,
    RoleVerdict,
    Verdict,
    max_pairs,
)
from dsr_options.analyses.options import expand_under
from dsr_options.diagnostics import Diagnostic, Severity
from dsr_options.errors import CatalogueError, UsageError
from dsr_options.files.located import LoadedFile
from dsr_options.files.read import read_file
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.scenarios import Scenario, ScenariosFile
from dsr_options.validate.scenarios import check_scenario_file


class ScenarioFileError(CatalogueError):
    """A scenario file with errors: carries every diagnostic, located, and the file's text."""

    def __init__(self, diagnostics: Sequence[Diagnostic], path: str = "", text: str = "") -> None:
        super().__init__(diagnostics)
        self.texts = {path: text} if path else {}


def check_scenarios(loaded: LoadedFile, catalogue: Catalogue) -> ScenariosFile | None:
    """The scenario file's model, every mistake reported to ``loaded`` (None when invalid)."""
    return check_scenario_file(loaded, [role.id for role in catalogue.roles], catalogue.attributes)


def read_scenarios(path: Path, catalogue: Catalogue) -> ScenariosFile:
    """Read and check a scenario file; its errors raise :class:`ScenarioFileError`."""
    loaded = read_file(path)
    model = check_scenarios(loaded, catalogue) if not _fatal(loaded.diagnostics) else None
    if model is None:
        raise ScenarioFileError(loaded.diagnostics, loaded.path, loaded.text)
    return model


def _fatal(diagnostics: Sequence[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def pick_scenarios(file: ScenariosFile, name: str | None) -> list[Scenario]:
    """Every scenario of the file, or the one ``name`` (id or unique prefix) names."""
    if name is None:
        return list(file.scenarios)
    from dsr_options.ids import resolve_id

    ids = [s.id for s in file.scenarios]
    chosen = resolve_id(name, ids, "scenario", about="scenario")
    return [s for s in file.scenarios if s.id == chosen]


def scenario_assumptions(scenario: Scenario) -> list[Assumption]:
    """The scenario's assumptions: every-role ones, then each role's."""
    found = [Assumption(EVERY_ROLE, name, value) for name, value in scenario.every_role.items()]
    for role_id, values in scenario.roles.items():
        found += [Assumption(role_id, name, value) for name, value in values.items()]
    return found


def apply_scenario(catalogue: Catalogue, scenario: Scenario) -> Catalogue:
    """The catalogue under one scenario (its assumed values marked ``assumed``)."""
    return apply_assumptions(catalogue, scenario_assumptions(scenario), label=scenario.id)


def apply_scenarios(catalogue: Catalogue, scenarios: Sequence[Scenario]) -> Catalogue:
    """The catalogue under several scenarios taken together (one only, in practice)."""
    if len(scenarios) > 1:
        raise UsageError(
            "the file holds several scenarios: name the one to apply as FILE:NAME "
            f"({', '.join(s.id for s in scenarios)})",
            about="scenario",
        )
    for scenario in scenarios:
        catalogue = apply_scenario(catalogue, scenario)
    return catalogue


# -- the scenarios view's data --------------------------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """One role under one scenario: its verdict, and why it changed."""

    scenario: str
    verdict: RoleVerdict
    changed: bool
    why: tuple[str, ...]
    """The redlines whose outcome changed, each ``redline: before -> after``."""
    assumed: tuple[str, ...]
    """The assumptions that speak to this role."""
    moved: tuple[tuple[str, Outcome, Outcome], ...] = ()
    """The same changes as ``why``, as data: (redline id, outcome before, outcome after)."""


@dataclass(frozen=True)
class ScenarioRow:
    role: str
    title: str
    baseline: Verdict
    shifts: tuple[Shift, ...]


@dataclass(frozen=True)
class ScenarioRun:
    """Every role's verdict in the catalogue and under each scenario."""

    scenarios: tuple[Scenario, ...]
    rows: tuple[ScenarioRow, ...]


def scenario_budget(catalogue: Catalogue, scenarios: int) -> None:
    """Refuse up front a side-by-side run that would evaluate more role x redline pairs than
    the pair limit: the catalogue once, then once more under each scenario."""
    roles, redlines = len(catalogue.roles), len(catalogue.redlines)
    pairs = (1 + scenarios) * roles * redlines
    limit = max_pairs()
    if pairs > limit:
        raise UsageError(
            f"bounded: {scenarios:,} scenarios and the catalogue, each {roles:,} roles x "
            f"{redlines:,} redlines, is {pairs:,} pairs to evaluate, more than the limit of "
            f"{limit:,}; no scenario was run: name one as FILE:NAME, pick redlines with --only, "
            f"or set {MAX_PAIRS_ENV} to raise the limit"
        )


SCENARIOS = "running the scenarios"
"""What the scenarios' budget is called wherever it says it refused a run."""


def scenario_cost(catalogue: Catalogue) -> int:
    """The evaluations one run of the (expanded) catalogue costs: each role's copy with its
    assumptions (one per attribute), and each role x redline pair twice (evaluated, then
    compared with the catalogue's and shown)."""
    per_role = 2 * len(catalogue.redlines) + len(catalogue.attributes)
    return max(1, len(catalogue.roles) * per_role)


def run_scenarios(
    catalogue: Catalogue,
    scenarios: Sequence[Scenario],
    *,
    assume: Sequence[Assumption] = (),
    budget: Budget | None = None,
) -> ScenarioRun:
    """Each role's verdict under each scenario, side by side with the catalogue's (within the
    pair limit, see :func:`scenario_budget`, and ``budget``, checked up front).

    ``catalogue`` is as loaded: its variants and packages are expanded under each scenario, so
    a value a scenario assumes for a member role reaches the packages (and the variants) built
    from it. ``assume`` applies to the catalogue column and to every scenario alike (after the
    scenario's own values, as ``--assume`` after ``--scenario``)."""
    baseline = expand_under(catalogue, lambda expanded: _assumed(expanded, assume))
    scenario_budget(baseline, len(scenarios))
    budget = budget or Budget(SCENARIOS)
    budget.check(
        (1 + len(scenarios)) * scenario_cost(baseline),
        f"every role's verdict under {len(scenarios):,} scenarios; no scenario was run: name "
        "one as FILE:NAME or pick redlines with --only",
    )
    evaluator = Evaluator(baseline)  # the redlines are the same objects in every scenario
    before = {role.id: evaluator.evaluate_role(role) for role in baseline.roles}
    under: list[tuple[Scenario, dict[str, RoleVerdict], list[Assumption]]] = []
    for scenario in scenarios:
        assumptions = scenario_assumptions(scenario)
        changed = expand_under(catalogue, partial(_under, scenario=scenario, assume=assume))
        under.append(
            (scenario, {r.id: evaluator.evaluate_role(r) for r in changed.roles}, assumptions)
        )
    rows = []
    for role in baseline.roles:
        was = before[role.id]
        shifts = []
        for scenario, verdicts, assumptions in under:
            after = verdicts[role.id]
            moved = tuple(
                (old.redline.id, old.outcome, new.outcome)
                for old, new in zip(was.results, after.results, strict=True)
                if old.outcome is not new.outcome
            )
            why = tuple(f"{rid}: {old.value} -> {new.value}" for rid, old, new in moved)
            mine = tuple(a.text for a in assumptions if a.role in (EVERY_ROLE, role.id))
            other = after.verdict is not was.verdict
            shifts.append(Shift(scenario.id, after, other, why, mine, moved))
        rows.append(ScenarioRow(role.id, role.title, was.verdict, tuple(shifts)))
    return ScenarioRun(tuple(scenarios), tuple(rows))


def _assumed(catalogue: Catalogue, assume: Sequence[Assumption]) -> Catalogue:
    return apply_assumptions(catalogue, assume) if assume else catalogue


def _under(catalogue: Catalogue, *, scenario: Scenario, assume: Sequence[Assumption]) -> Catalogue:
    return _assumed(apply_scenario(catalogue, scenario), assume)


__all__ = [
    "Outcome",
    "ScenarioFileError",
    "ScenarioRow",
    "ScenarioRun",
    "Shift",
    "apply_scenario",
    "apply_scenarios",
    "check_scenarios",
    "pick_scenarios",
    "read_scenarios",
    "run_scenarios",
    "scenario_assumptions",
    "scenario_budget",
    "scenario_cost",
]
