"""Commands about roles: ``list``, ``show`` and ``compare``."""

from __future__ import annotations

from typing import Annotated

import typer

from dsr_options.cli import complete, limits, options
from dsr_options.cli.options import (
    DEFAULT_FIRMNESS_BOUND,
    AssumeOption,
    DataOption,
    FirmnessBoundOption,
    FormatOption,
    NoColorOption,
    RedlinesOption,
    ScenarioOption,
    VaryOption,
    WithDefaultOption,
)
from dsr_options.cli.output import emit
from dsr_options.model.vocabulary import Dimension, Level, ReceptionStance
from dsr_options.render import OutputFormat, render


def list_roles(
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            "-l",
            metavar="LEVEL",
            autocompletion=complete.values_of(Level),
            help=f"Keep roles at this level: {options.listed(Level)}.",
            show_default=False,
        ),
    ] = None,
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension",
            "-d",
            metavar="DIMENSION",
            autocompletion=complete.values_of(Dimension),
            help=f"Keep roles in this dimension: {options.listed(Dimension)}.",
            show_default=False,
        ),
    ] = None,
    lead: Annotated[
        list[str] | None,
        typer.Option(
            "--lead",
            metavar="OFFICE",
            autocompletion=complete.office_ids,
            help="Keep roles this office (or a unit of it) might lead: an office id or prefix.",
            show_default=False,
        ),
    ] = None,
    reception: Annotated[
        list[str] | None,
        typer.Option(
            "--reception",
            "-r",
            metavar="RECEPTION",
            autocompletion=complete.values_of(ReceptionStance),
            help=f"Keep roles received so: {options.listed(ReceptionStance)}.",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Keep roles whose text (quotes, leads and attributes included) holds every one "
            "of these words; case and accents do not matter.",
            show_default=False,
        ),
    ] = "",
    clear_of: Annotated[
        list[str] | None,
        typer.Option(
            "--clear-of",
            metavar="ID[,ID...]",
            autocompletion=complete.redline_ids,
            help="Keep roles that do not cross these redlines (ids or prefixes); an unknown "
            "result does not count as clear.",
            show_default=False,
        ),
    ] = None,
    survives: Annotated[
        bool,
        typer.Option(
            "--survives",
            help="Keep roles that cross no veto or condition, nor could on unknown attributes.",
        ),
    ] = False,
    with_firmness: Annotated[
        bool,
        typer.Option(
            "--firmness",
            help="Add each role's verdict and how firm it is (what changes of our analysis "
            "values alter it).",
        ),
    ] = False,
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the candidate roles, optionally filtered.

    Repeat an option, or give it comma-separated values, to accept any of them; different
    options must all match. An unknown value is a usage error (exit 2).

    Examples:

    \b
      dsr-options list
      dsr-options list --level strategic,operational --reception support
      dsr-options list --lead orolsi --search bilateral -f markdown
      dsr-options list --survives
      dsr-options list --clear-of no-standing,limited
      dsr-options list --survives --redlines mine.yaml
      dsr-options list --firmness -f json
      dsr-options list --survives --assume '*.in_country=false'
    """
    from dsr_options.analyses.query import RoleFilter, filter_roles
    from dsr_options.render.views.roles import RoleList

    criteria = RoleFilter(
        levels=options.parse_choices(level or (), Level, "--level"),
        dimensions=options.parse_choices(dimension or (), Dimension, "--dimension"),
        leads=options.split_ids(lead or ()),
        receptions=options.parse_choices(reception or (), ReceptionStance, "--reception"),
        text=search,
        clear_of=options.split_ids(clear_of or ()),
        survives=survives,
    )
    from dsr_options.render.views.assumptions import stated

    if with_firmness and firmness_bound == 0:
        from dsr_options.errors import UsageError

        raise UsageError(
            "--firmness asks for firmness and --bound 0 leaves it out: give a bound from 1 to 4",
            about="firmness_bound",
        )
    catalogue, origin = options.prepare(
        data, redlines, with_default, assume=assume, scenario=scenario
    )
    found = filter_roles(catalogue, criteria)
    verdicts = limits.verdicts_to_read(catalogue, found, fmt)
    firm = options.firmness(catalogue, firmness_bound, vary) if with_firmness else None
    from dsr_options.render.phrases import Phrases

    view = RoleList(found, verdicts, firm, Phrases.of(catalogue))
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def show_role(
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="Role id, unique prefix of one (any case), or its number.",
            autocompletion=complete.role_ids,
        ),
    ],
    more: Annotated[
        list[str] | None, typer.Argument(hidden=True, show_default=False, metavar="")
    ] = None,
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Show everything about one role, evidence included, and its redline results.

    Examples:

    \b
      dsr-options show strategic-advice
      dsr-options show 3 -f markdown
      dsr-options show match -f json
    """
    from dsr_options.analyses.evaluate import Evaluator
    from dsr_options.analyses.firmness import FirmnessReport, role_firmness
    from dsr_options.analyses.query import find_role
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.roles import RoleDetail

    if more:
        from dsr_options.errors import UsageError

        given = " ".join([role, *more])
        raise UsageError(
            f"show takes one role, not {len(more) + 1}; to see roles side by side: "
            f"dsr-options compare {given}"
        )

    catalogue, origin = options.prepare(
        data, redlines, with_default, assume=assume, scenario=scenario
    )
    found = find_role(catalogue, role)
    evaluator = Evaluator(catalogue)
    verdict = evaluator.evaluate_role(found)
    report = None
    if firmness_bound:
        firm = role_firmness(
            catalogue, verdict, bound=firmness_bound, vary=vary.strip().lower(), evaluator=evaluator
        )
        report = FirmnessReport(firm.bound, firm.vary, (firm,), ())
    view = RoleDetail(found, catalogue, verdict, report)
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def compare(
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ROLE...",
            autocompletion=complete.role_ids,
            help="Two or more roles: ids, unique prefixes (any case) or numbers.",
            show_default=False,
        ),
    ] = None,
    diff_only: Annotated[
        bool, typer.Option("--diff-only", help="Show only the aspects where the roles differ.")
    ] = False,
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Compare roles side by side: one row per aspect, differences marked with ≠.

    Examples:

    \b
      dsr-options compare strategic coordination
      dsr-options compare 1 2 3 4 --diff-only
      dsr-options compare strategic matchmaking -f json
    """
    from dsr_options.analyses.compare import compare_roles, redline_aspects
    from dsr_options.analyses.query import find_roles
    from dsr_options.render.views.compare import CompareView

    references = roles or []
    options.need_two_roles(references)
    from dsr_options.render.views.assumptions import stated

    catalogue, origin = options.prepare(
        data, redlines, with_default, assume=assume, scenario=scenario
    )
    result = compare_roles(catalogue, find_roles(catalogue, references), redline_aspects(catalogue))
    firm = options.firmness(catalogue, firmness_bound, vary)
    from dsr_options.render.phrases import Phrases

    shown = result.only_differing() if diff_only else result
    view = CompareView(shown, firm, Phrases.of(catalogue))
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def offices(
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The UN offices and units in their hierarchy, the roles each could lead and why.

    Examples:

    \b
      dsr-options offices
      dsr-options offices -f markdown
    """
    from dsr_options.analyses.offices import office_tree
    from dsr_options.render.views.offices import OfficeView

    catalogue, origin = options.prepare(data)
    emit(
        render(OfficeView(office_tree(catalogue)), fmt, origin),
        no_color,
    )
