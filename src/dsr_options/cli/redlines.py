"""Commands about redlines: ``redlines``, ``check`` and ``agree``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dsr_options.cli import complete, limits, options
from dsr_options.cli.options import (
    AssumeOption,
    BoundOption,
    DataOption,
    FirmnessBoundOption,
    FormatOption,
    ForumFileOption,
    ForumOption,
    HolderOption,
    NoColorOption,
    OnlyOption,
    RedlinesOption,
    ScenarioOption,
    VaryOption,
    WithDefaultOption,
)
from dsr_options.cli.output import emit
from dsr_options.render import OutputFormat, render

if TYPE_CHECKING:
    from dsr_options.analyses.design_space import DesignSpace
    from dsr_options.analyses.forum import ForumAnswer
    from dsr_options.analyses.negotiate import Negotiation
    from dsr_options.model.catalogue import Catalogue


def list_redlines(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the redlines, principles and conditions that bound any UN role.

    Examples:

    \b
      dsr-options redlines
      dsr-options redlines -f csv > redlines.csv
      dsr-options redlines --redlines mine.yaml --with-default
    """
    from dsr_options.render.views.redlines import RedlineList

    catalogue, origin = options.prepare(data, redlines, with_default)
    emit(render(RedlineList(catalogue.redlines, catalogue), fmt, origin), no_color)


def check_redlines(
    files: Annotated[
        list[str] | None, typer.Argument(hidden=True, show_default=False, metavar="")
    ] = None,
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Show every result, also those that cross nothing."),
    ] = False,
    logic: Annotated[
        bool,
        typer.Option("--logic", help="Explain results as logic (rules and values), not prose."),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="JSON and YAML: each result with its reasons, explanation and repairs (without "
            "it, a result holds ids, outcome and the attributes that decided it).",
        ),
    ] = False,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = options.DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check every role against every redline: the matrix, each role's verdict, the holders.

    A role is out when it crosses a veto or a condition, flagged when it crosses a concern,
    meets every condition when conditions apply to it and it crosses nothing, clear otherwise,
    and undetermined when a missing attribute leaves more than one of these open. Unknown is
    never clear. The overview gives each role's standing too; `agree` lists every quote behind
    it, and `scenarios FILE` sets several what-ifs side by side.

    Examples:

    \b
      dsr-options check
      dsr-options check --only no-standing,limited -f markdown
      dsr-options check --redlines mine.yaml --with-default -f json
      dsr-options check --assume strategic-advice.standing_un_capacity=false
      dsr-options check --scenario examples/scenarios.yaml:mandate-only
      dsr-options check --bound 3 --vary note -f json
    """
    from dsr_options.analyses.agreement import agreement
    from dsr_options.analyses.evaluate import Evaluator, analyse
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.check import CheckView

    if files:
        from dsr_options.errors import UsageError

        given = " ".join(f"--redlines {name}" for name in files)
        raise UsageError(
            f"check takes no arguments; to check against a redline file of your own: "
            f"dsr-options check {given}"
        )

    catalogue, origin = options.prepare(
        data,
        redlines,
        with_default,
        only,
        assume=assume,
        scenario=scenario,
        bounded=fmt,
        every_pair=True,
    )
    evaluator = Evaluator(catalogue)
    analysis = analyse(catalogue, evaluator)
    firm = options.firmness(catalogue, firmness_bound, vary, analysis, evaluator)
    from dsr_options.render.phrases import Phrases

    phrases = Phrases.of(catalogue)
    view = CheckView(analysis, agreement(catalogue), show_all, logic, firm, phrases, explain)
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def agree(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = options.DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
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

    catalogue, origin = options.prepare(
        data,
        redlines,
        with_default,
        only,
        assume=assume,
        scenario=scenario,
        bounded=fmt,
        every_pair=True,
    )
    firm = options.firmness(catalogue, firmness_bound, vary)
    from dsr_options.render.phrases import Phrases

    view = AgreeView(agreement(catalogue), firm, Phrases.of(catalogue))
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def negotiate(
    files: Annotated[
        list[str] | None, typer.Argument(hidden=True, show_default=False, metavar="")
    ] = None,
    holder: HolderOption = None,
    bound: BoundOption = 3,
    vary: Annotated[
        str,
        typer.Option(
            "--vary",
            metavar="WHAT",
            autocompletion=complete.words(
                ("analysis", "every value but those that define a role"),
                ("note", "the note's values too"),
            ),
            help="What a repair may change: analysis (every value but those that define a "
            "role, marked defining) or note (those too).",
        ),
    ] = "analysis",
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    forum: ForumOption = None,
    forum_file: ForumFileOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Where the holders leave room: each holder's verdict on each role, the roles every holder
    accepts, and for each other role the fewest attribute changes that clear every veto and
    condition of every chosen holder.

    A role is acceptable to a holder when it crosses (or could cross) none of that holder's
    vetoes and conditions. The changes are found exactly, fewest first, up to --bound changes;
    they are printed as --assume ROLE.ATTRIBUTE=VALUE to re-check them. Redlines that no values
    clear together are reported as conflicts.

    It opens with the answer over every role design the vocabulary can describe: whether some
    design clears every chosen veto and condition (with one such design, what all of them have
    in common, and the nearest roles), or else every minimal set of redlines that blocks every
    design and the smallest sets of holders who must move. The search is exact; see
    docs/agreement.md.

    With --forum, --forum-file, or blocs declared (member_of), it adds the forum's answer for
    each role and for every design: passes, fails, or needs N of the undecided members (those
    with no redline file), who blocks, the pivotal members and the roles that bridge every
    bloc; see docs/forum.md.

    Examples:

    \b
      dsr-options negotiate --redlines a.yaml --redlines b.yaml
      dsr-options negotiate --redlines a=a.yaml --redlines b=b.yaml --holder a,b -f json
      dsr-options negotiate --redlines mine.yaml --with-default --bound 2 -f markdown
      dsr-options negotiate --redlines a.yaml --redlines b.yaml --forum majority
      dsr-options negotiate --redlines council/ --forum-file council/forum.yaml
    """
    if files:
        from dsr_options.errors import UsageError

        given = " ".join(f"--redlines {name}" for name in files)
        raise UsageError(
            "negotiate takes no arguments; to negotiate over a redline file of your own: "
            f"dsr-options negotiate {given}"
        )
    from dsr_options.analyses.design_space import design_space
    from dsr_options.analyses.design_space.words import describe
    from dsr_options.analyses.negotiate import negotiate as find
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.negotiate import NegotiateView

    catalogue, origin = options.prepare(
        data,
        redlines,
        with_default,
        only,
        assume=assume,
        scenario=scenario,
        bounded=fmt,
    )
    chosen = options.split_ids(holder or [])
    from dsr_options.cli.progress import busy

    with busy(f"negotiate: checking every combination of up to {bound} changes"):
        negotiation = find(catalogue, chosen, bound=bound, vary=vary)
        space = design_space(catalogue, chosen) if negotiation.holders else None
        described = describe(catalogue, space) if space is not None else None
        answer = _forum(catalogue, negotiation, space, forum, forum_file)
    from dsr_options.render.phrases import Phrases

    firm = options.firmness(catalogue, options.DEFAULT_FIRMNESS_BOUND, "readings")
    view = NegotiateView(
        negotiation, described, answer, phrases=Phrases.of(catalogue), firmness=firm
    )
    emit(render(stated(view, catalogue), fmt, origin), no_color)


def _forum(
    catalogue: Catalogue,
    negotiation: Negotiation,
    space: DesignSpace | None,
    rule: str | None,
    path: Path | None,
) -> ForumAnswer | None:
    """The forum's answer, when a rule, a forum file or a bloc asks for it."""
    from dsr_options.analyses.forum import Rule, blocs_of, forum_answer
    from dsr_options.analyses.forum.read import read_forum

    if rule is None and path is None and not blocs_of(catalogue):
        return None
    if not negotiation.holders:
        from dsr_options.errors import UsageError

        raise UsageError("no holder holds a redline: there is no forum to ask", about="forum")
    chosen = options.parse_choices([rule], Rule, "--forum")[0] if rule is not None else None
    file = read_forum(path, catalogue) if path is not None else None
    return forum_answer(catalogue, negotiation, space, rule=chosen, file=file)


def list_attributes(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List every attribute a redline rule can test: its type, its allowed values with what
    they mean, each role's value (and whether the note or our analysis gives it), and the
    redlines that test it (with --redlines, your files' redlines).

    Examples:

    \b
      dsr-options attributes
      dsr-options attributes -f markdown > attributes.md
      dsr-options attributes --redlines mine.yaml -f json
    """
    from dsr_options.analyses.attributes import attributes
    from dsr_options.render.views.attributes import AttributeList

    catalogue, origin = options.prepare(data, redlines, with_default)
    emit(render(AttributeList(attributes(catalogue)), fmt, origin), no_color)


def scenarios(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE[:NAME]",
            autocompletion=complete.scenario_names,
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
    from dataclasses import replace

    from dsr_options.analyses.assumptions import apply_assumptions, parse_assumptions
    from dsr_options.analyses.options import expand_options, expand_under
    from dsr_options.analyses.pipeline import prepare, scenarios_named
    from dsr_options.analyses.scenarios import run_scenarios
    from dsr_options.errors import UsageError
    from dsr_options.render.views.assumptions import stated
    from dsr_options.render.views.scenarios import ScenariosView

    # Each scenario is applied before the variants and packages are expanded, so that a value
    # it assumes for a member role reaches them; --assume goes with every column.
    loaded, origin = prepare(
        options.request(data, redlines, with_default, only),
        expand=False,
        refuse_over=limits.pair_limit(fmt),
    )
    expanded = expand_options(loaded)
    assumptions = parse_assumptions(assume, expanded) if assume else []
    catalogue = expand_under(loaded, lambda each: apply_assumptions(each, assumptions))
    origin = replace(origin, assumptions=list(catalogue.assumed))
    limits.check_reading_bounds(catalogue, fmt)
    try:
        chosen = scenarios_named(str(file), expanded)
    except UsageError as exc:  # FILE is this command's argument, not --scenario
        if exc.about != "scenario":
            raise
        raise UsageError(f"FILE: {exc}") from None
    run = run_scenarios(loaded, chosen, assume=assumptions)
    from dsr_options.render.phrases import Phrases

    view = ScenariosView(run, Phrases.of(catalogue))
    emit(render(stated(view, catalogue), fmt, origin), no_color)
