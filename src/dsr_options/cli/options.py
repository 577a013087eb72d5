"""The options the commands share, and turning option values into the library's arguments."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand

from dsr_options.cli import complete
from dsr_options.cli.hints import DEPRECATED
from dsr_options.render import OutputFormat

if TYPE_CHECKING:
    from dsr_options.analyses.pipeline import Prepared, Request
    from dsr_options.model.catalogue import Catalogue

E = TypeVar("E", bound=Enum)


class Command(TyperCommand):
    """A command whose arguments read as their metavars (``ROLE``, ``ROLE...``) in help, whose
    old option names (``DEPRECATED``) work without being shown or completed, which takes the
    app's ``--date`` after its own name too, and whose unknown options get a hint by meaning
    (``cli/hints.py``).

    typer's own rendering writes a required argument as ``{ROLE}`` in the usage line and with
    its type after it (``ROLE <str>``, ``ROLE... <list[str]>``) under "Arguments", and a hidden
    argument (one kept only to answer a mistake with a hint) as ``[]...``. Two of click's public
    ``Command`` methods render arguments by their metavar alone instead; no private hook of typer
    is used. The cost: the usage line and the "Arguments" section are ours, so what a later typer
    adds there is not shown until it is adopted here; ``tests/cli/test_help_rendering.py`` fails
    when typer's own rendering of either changes, so this can be dropped once typer's is enough.
    """

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                if not getattr(param, "hidden", False):  # TyperArgument.hidden
                    pieces.append(argument_name(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = _help_record(param, ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((argument_name(param), record[1]))
            elif param.param_type_name == "option":
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from dsr_options.cli.hints import take_date, unknown_option

        if not any("--date" in getattr(p, "opts", ()) for p in self.params):
            args, date = take_date(args)
            if date is not None:
                DATE[0] = date
        try:
            return list(super().parse_args(ctx, args))
        except Exception as exc:  # typer's click raises it: matched by name, not imported
            if type(exc).__name__ == "NoSuchOption":
                unknown_option(self, ctx, exc)
            raise

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """The options a shell completes (typer's own mechanism, ``cli/complete.py``), old
        names (``DEPRECATED``) left out as in help."""
        return [i for i in super().shell_complete(ctx, incomplete) if i.value not in DEPRECATED]


def _help_record(param: Any, ctx: Any) -> tuple[str, str] | None:
    """A parameter's help line, an option's old names (``DEPRECATED``) left out."""
    shown = list(getattr(param, "opts", ()))
    if not set(shown) & set(DEPRECATED):
        return param.get_help_record(ctx)  # type: ignore[no-any-return]
    param.opts = [o for o in shown if o not in DEPRECATED]
    try:
        return param.get_help_record(ctx)  # type: ignore[no-any-return]
    finally:
        param.opts = shown


def argument_name(param: Any) -> str:
    """An argument as help shows it: its metavar (``ROLE...``, ``[PATH]...``) as written."""
    name = str(param.metavar or param.name.upper())
    return name if param.metavar or param.nargs == 1 else f"{name}..."


def split_ids(values: Iterable[str]) -> list[str]:
    """``--opt a,b --opt c`` as ``[a, b, c]``: both repeating and commas work."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_choices(values: Iterable[str], vocabulary: type[E], option: str) -> list[E]:
    """``--level strategic,tactical --level operational`` as enum members, any case.

    A value not in the vocabulary is a usage error naming the option, with a "did you mean"
    and the values allowed; an empty value is refused, not taken as "any".
    """
    from dsr_options.errors import UsageError

    allowed = [member.value for member in vocabulary]
    where = f"{option}: " if option else ""
    chosen: list[E] = []
    raw = list(values)
    if any(not value.strip(", ") for value in raw):
        raise UsageError(f"{where}give a value: {', '.join(allowed)}")
    for value in split_ids(raw):
        wanted = value.lower()
        if wanted not in allowed:
            close = difflib.get_close_matches(wanted, allowed, n=1, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise UsageError(f"{where}'{value}' is not one of {', '.join(allowed)}{hint}")
        member = vocabulary(wanted)
        if member not in chosen:
            chosen.append(member)
    return chosen


def choice(vocabulary: type[E]) -> Callable[[Any], E]:
    """A parser for an enum option: any case, and a "did you mean" for a wrong value."""

    def parse(value: Any) -> E:
        if isinstance(value, vocabulary):
            return value
        from dsr_options.errors import UsageError

        if str(value) == "md" and "markdown" in {m.value for m in vocabulary}:
            return vocabulary("markdown")  # the usual short name of the format
        try:
            return parse_choices([str(value)], vocabulary, "")[0]
        except UsageError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


def listed(vocabulary: type[Enum]) -> str:
    """``a, b or c``: the values of an enum, for help texts."""
    values = [str(member.value) for member in vocabulary]
    return ", ".join(values[:-1]) + " or " + values[-1]


def request(
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
    *,
    assume: list[str] | None = None,
    scenario: str | None = None,
    holders: list[str] | None = None,
    date: str | None = None,
) -> Request:
    """The options, parsed once: ``--redlines`` split into files and labels (a file given twice
    kept once, and told so), ids split at commas, the date (``--date`` of the app when none)."""
    from dsr_options.analyses.pipeline import Request, redline_files
    from dsr_options.cli.output import warn

    files, repeated = redline_files(redlines or [])
    for again, first in repeated:
        same = "" if str(again) == str(first) else f" (as '{first}')"
        warn(f"--redlines: '{again}' is given twice{same}: it is read once")
    return Request(
        data=data,
        redlines=files,
        with_default=with_default,
        only=tuple(split_ids(only or [])),
        holders=tuple(split_ids(holders or [])),
        scenario=scenario or None,
        assume=tuple(assume or []),
        date=date or DATE[0],
    )


def prepare(
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
    *,
    assume: list[str] | None = None,
    scenario: str | None = None,
    holders: list[str] | None = None,
    date: str | None = None,
    bounded: OutputFormat | None = None,
    every_pair: bool = False,
) -> Prepared:
    """The catalogue the options name and its provenance: :func:`request`, then the
    library's one pipeline (``analyses.pipeline.prepare``).

    With ``bounded`` (the output format), a run over the limits of pairs for that format
    (``every_pair``: a command that evaluates every pair) is refused as soon as the files are
    parsed, and once more when the redlines kept are known (``cli.limits``)."""
    from dsr_options.analyses.pipeline import prepare as prepared
    from dsr_options.cli import limits

    given = request(
        data,
        redlines,
        with_default,
        only,
        assume=assume,
        scenario=scenario,
        holders=holders,
        date=date,
    )
    if bounded is None:
        return prepared(given)
    made = prepared(given, refuse_over=limits.pair_limit(bounded, every_pair=every_pair))
    limits.check_reading_bounds(made.catalogue, bounded, every_pair=every_pair)
    return made


def load(
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
    *,
    assume: list[str] | None = None,
    scenario: str | None = None,
) -> Catalogue:
    """The catalogue :func:`prepare` builds, without its provenance."""
    return prepare(data, redlines, with_default, only, assume=assume, scenario=scenario).catalogue


DATE: list[str | None] = [None]
"""The ``--date`` given to the app (set by its callback on every run)."""


# -- options shared by the commands ---------------------------------------------------------------

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="DSR_OPTIONS_DATA",
        metavar="DIR",
        help="Folder holding roles.yaml and redlines.yaml (default: the packaged catalogue).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        parser=choice(OutputFormat),
        autocompletion=complete.values_of(OutputFormat),
        metavar="FORMAT",
        help="table (for people), json, yaml, csv, excel-csv (CSV for Excel on Windows: "
        "UTF-8 with a BOM, CRLF) or markdown (md) for scripts and briefs.",
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="No colour, even on a terminal (NO_COLOR works too)."),
]
RedlinesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--redlines",
        metavar="[NAME=]FILE",
        help="A redline file of your own (same schema as redlines.yaml), evaluated instead of the "
        "shipped redlines; repeat for several delegations' files. Each file's ids are its own: an "
        "id two files share is shown as NAME:ID (NAME from NAME=FILE, else the file's name).",
        show_default=False,
    ),
]
WithDefaultOption = Annotated[
    bool,
    typer.Option(
        "--with-default",
        help="With --redlines: evaluate the shipped redlines as well as your own.",
    ),
]
OnlyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        metavar="ID[,ID...]",
        autocompletion=complete.redline_ids,
        help="Only these redlines (not roles: `show ROLE` is for one role): ids or unique "
        "prefixes, comma-separated.",
        show_default=False,
    ),
]

HolderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--holder",
        metavar="ID[,ID...]",
        autocompletion=complete.holder_ids,
        help="Only these holders (delegations): ids or unique prefixes, comma-separated; "
        "default every holder of a redline.",
        show_default=False,
    ),
]
BoundOption = Annotated[
    int,
    typer.Option(
        "--bound",
        metavar="N",
        help="Most attribute changes the search combines for one role (1 to 6).",
    ),
]


DEFAULT_FIRMNESS_BOUND = 2
"""The default search bound (analyses.firmness.DEFAULT_BOUND, kept here to import nothing)."""

AssumeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--assume",
        metavar="ROLE.ATTRIBUTE=VALUE",
        autocompletion=complete.assumption,
        help="What if: evaluate as if the role had this value (marked [assumed] in the output); "
        "repeat for several; a choices value as a comma list; ROLE * for every role; "
        "VALUE unknown for no value.",
        show_default=False,
    ),
]
ScenarioOption = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        metavar="FILE[:NAME]",
        autocompletion=complete.scenario_names,
        help="Evaluate under a scenario of a scenario file (the one NAME names; a file of one "
        "scenario needs no NAME).",
        show_default=False,
    ),
]
ForumOption = Annotated[
    str | None,
    typer.Option(
        "--forum",
        metavar="RULE",
        autocompletion=complete.words(
            ("consensus", "no member objects"),
            ("security-council", "9 of 15 accept, no permanent member objects"),
            ("majority", "more than half accept"),
            ("two-thirds", "two thirds accept"),
        ),
        help="How the forum decides: consensus (the default: no member objects), "
        "security-council (9 of 15 accept, no permanent member objects; needs --forum-file), "
        "majority or two-thirds. With --forum-file, instead of the file's own rule.",
        show_default=False,
    ),
]
ForumFileOption = Annotated[
    Path | None,
    typer.Option(
        "--forum-file",
        metavar="FILE",
        help="A forum file: its members (those with no redline file are undecided), its "
        "permanent members, its rule and its blocs (see docs/forum.md).",
        show_default=False,
    ),
]
FirmnessBoundOption = Annotated[
    int,
    typer.Option(
        "--bound",
        "--firmness-bound",
        metavar="N",
        help="Search firmness exactly up to N changed values together (1 to 4; 0 leaves "
        "firmness out).",
    ),
]
VaryOption = Annotated[
    str,
    typer.Option(
        "--vary",
        metavar="WHAT",
        autocompletion=complete.words(
            ("readings", "the readings the data declares"),
            ("analysis", "every analysis value"),
            ("all", "the note's values too"),
        ),
        help="What firmness varies: readings (the default: exactly the readings the data "
        "declares and the positions held with confidence reported or inferred, every "
        "combination), analysis (every analysis value over its vocabulary, up to "
        "--bound changes) or all (the note's values too).",
    ),
]


def firmness(
    catalogue: Catalogue,
    bound: int,
    vary: str,
    analysis: Any = None,
    evaluator: Any = None,
    *,
    progress: bool = True,
) -> Any:
    """The firmness of every role's verdict (reusing ``analysis`` and its ``evaluator``);
    None with a bound of 0 (``--bound 0`` leaves firmness out). ``progress=False`` for a caller
    that shows its own progress line (the brief: one live line at a time)."""
    from contextlib import nullcontext

    from dsr_options.analyses.firmness import firmness as firmness_of

    if bound == 0:
        return None
    from dsr_options.cli.progress import busy

    what = f"firmness: checking every combination of up to {bound} changed values"
    with busy(what) if progress else nullcontext():
        return firmness_of(
            catalogue, analysis, bound=bound, vary=vary.strip().lower(), evaluator=evaluator
        )


def need_two_roles(references: list[str]) -> None:
    """``compare`` with fewer than two roles: a usage error with an example."""
    from dsr_options.analyses.compare import MIN_ROLES
    from dsr_options.errors import UsageError

    if len(references) < MIN_ROLES:
        given = f"only '{references[0]}' was given" if references else "none was given"
        raise UsageError(
            f"compare needs at least {MIN_ROLES} roles, {given}; "
            "for example: dsr-options compare strategic coordination"
        )
