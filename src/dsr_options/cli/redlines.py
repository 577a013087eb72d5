"""Commands about redlines: ``redlines``, ``check`` and ``agree``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dsr_options.cli import options
from dsr_options.cli.options import (
    AssumeOption,
    DataOption,
    FirmnessBoundOption,
    FormatOption,
    NoColorOption,
    OnlyOption,
    RedlinesOption,
    ScenarioOption,
    VaryOption,
    WithDefaultOption,
)
from dsr_options.cli.output import emit
from dsr_options.render import OutputFormat, render


def list_redlines(
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the redlines, principles and conditions that bound any UN role.

    Examples:

    \b
      dsr-options redlines
      dsr-options redlines -f csv > redlines.csv
    """
    from dsr_options.render.views.redlines import RedlineList

    catalogue = options.load(data)
    emit(render(RedlineList(catalogue.redlines, catalogue), fmt), no_color)


def check_redlines(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = options.DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "analysis",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check every role against every redline: the matrix, each role's verdict, the holders.

    A role is out when it crosses a veto or a condition, flagged when it crosses a concern,
    conditional when a condition applies to it, clear otherwise, and undetermined when a
    missing attribute leaves more than one of these open. Unknown is never clear.

    Examples:

    \b
      dsr-options check
      dsr-options check --only no-standing,limited -f markdown
      dsr-options check --redlines mine.yaml --with-default -f json
      dsr-options check --assume strategic-advice.standing_un_capacity=false
      dsr-options check --scenario examples/scenarios.yaml:mandate-only
      dsr-options check --firmness-bound 3 --vary note -f json
    """
    from dsr_options.analyses.evaluate import Evaluator, analyse
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.check import CheckView

    catalogue = options.load(data, redlines, with_default, only, assume=assume, scenario=scenario)
    options.check_reading_bounds(catalogue, fmt)
    evaluator = Evaluator(catalogue)
    analysis = analyse(catalogue, evaluator)
    firm = options.firmness(catalogue, firmness_bound, vary, analysis, evaluator)
    emit(render(stated(CheckView(analysis, firm), catalogue), fmt), no_color)


def agree(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = options.DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "analysis",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Where there is agreement: for each role, the evidence for and against it, and who objects.

    Holders object to a role when it crosses a redline they hold ("may object" when the
    result is unknown).

    Examples:

    \b
      dsr-options agree
      dsr-options agree -f markdown > agreement.md
    """
    from dsr_options.analyses.agreement import agreement
    from dsr_options.render.views.agree import AgreeView
    from dsr_options.render.views.assumptions import stated

    catalogue = options.load(data, redlines, with_default, only, assume=assume, scenario=scenario)
    options.check_reading_bounds(catalogue, fmt)
    firm = options.firmness(catalogue, firmness_bound, vary)
    emit(render(stated(AgreeView(agreement(catalogue), firm), catalogue), fmt), no_color)


def scenarios(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE[:NAME]",
            help="A scenario file (see examples/scenarios.yaml); :NAME for one scenario.",
        ),
    ],
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Each role's verdict under each scenario, side by side with the catalogue's, and why.

    A scenario assumes attribute values (for every role, or for named roles); every column
    but 'catalogue' rests on those assumptions and says so. --assume applies to the catalogue
    column and to every scenario alike.

    Examples:

    \b
      dsr-options scenarios examples/scenarios.yaml
      dsr-options scenarios examples/scenarios.yaml:member-state-advice -f json
    """
    from dsr_options.analyses.scenarios import pick_scenarios, run_scenarios
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.scenarios import ScenariosView

    catalogue = options.load(data, redlines, with_default, only, assume=assume)
    options.check_reading_bounds(catalogue, fmt)
    path, name = options.scenario_reference(str(file))
    chosen = pick_scenarios(options.read_scenario_file(path, catalogue), name)
    emit(render(stated(ScenariosView(run_scenarios(catalogue, chosen)), catalogue), fmt), no_color)
