"""The options the commands share, and turning option values into the library's arguments."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand

from dsr_options.render import OutputFormat

if TYPE_CHECKING:
    from dsr_options.load.provenance import Provenance
    from dsr_options.model.catalogue import Catalogue

E = TypeVar("E", bound=Enum)


class Command(TyperCommand):
    """A command whose arguments read as their metavars (``ROLE``, ``ROLE...``) in help.

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
            record = param.get_help_record(ctx)
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


MAX_READING_PAIRS = 50_000
"""Most pairs a table or Markdown report lays out: past this a matrix is not for reading, and
laying it out takes rich seconds for every ten thousand cells."""


def reading_limit() -> int:
    """The pair limit for reports meant to be read: ``$DSR_OPTIONS_MAX_PAIRS`` when set."""
    from dsr_options.analyses.evaluate import MAX_PAIRS_ENV, max_pairs

    return max_pairs() if os.environ.get(MAX_PAIRS_ENV, "").strip() else MAX_READING_PAIRS


def check_reading_bounds(catalogue: Catalogue, fmt: OutputFormat) -> None:
    """A table or Markdown report is for reading: refuse one too large to read up front."""
    if fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        from dsr_options.analyses.evaluate import check_bounds

        check_bounds(catalogue, reading_limit())


def verdicts_to_read(catalogue: Catalogue, roles: Any, fmt: OutputFormat) -> dict[str, Any] | None:
    """Each listed role's verdict for a table or Markdown listing (None for machine formats,
    which stay the role data, and for a listing too large to evaluate for reading)."""
    if fmt not in (OutputFormat.TABLE, OutputFormat.MARKDOWN) or not catalogue.redlines:
        return None
    if len(roles) * len(catalogue.redlines) > reading_limit():
        return None
    from dsr_options.analyses.evaluate import Evaluator

    evaluator = Evaluator(catalogue)
    return {role.id: evaluator.evaluate_role(role) for role in roles}


def load(
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
    *,
    assume: list[str] | None = None,
    scenario: str | None = None,
) -> Catalogue:
    """The catalogue the options name, with only the redlines ``--only`` picks, under
    the ``--scenario`` and then the ``--assume`` assumptions (a new catalogue, marked)."""
    from dsr_options.analyses.options import expand_under

    catalogue = _load(data, redlines, with_default, only)
    return expand_under(catalogue, lambda expanded: what_if(expanded, assume, scenario))


def what_if(catalogue: Catalogue, assume: list[str] | None, scenario: str | None) -> Catalogue:
    """The catalogue under ``--scenario FILE[:NAME]`` and the ``--assume`` values."""
    if scenario:
        from dsr_options.analyses.scenarios import apply_scenarios, pick_scenarios

        path, name = scenario_reference(scenario)
        catalogue = apply_scenarios(
            catalogue, pick_scenarios(read_scenario_file(path, catalogue), name)
        )
    if assume:
        from dsr_options.analyses.assumptions import apply_assumptions, parse_assumptions

        catalogue = apply_assumptions(catalogue, parse_assumptions(assume, catalogue))
    return catalogue


def scenario_reference(reference: str) -> tuple[Path, str | None]:
    """``FILE[:NAME]`` as the file and the scenario's name (None: every scenario)."""
    from dsr_options.files.paths import present

    path = Path(reference)
    if ":" not in reference or present(path):
        return path, None
    head, _, name = reference.rpartition(":")
    return Path(head), name or None


def read_scenario_file(path: Path, catalogue: Catalogue) -> Any:
    """A scenario file read and checked against ``catalogue`` (errors located, exit 1)."""
    from dsr_options.analyses.scenarios import read_scenarios
    from dsr_options.errors import UsageError
    from dsr_options.files.paths import PathKind, probe

    found = probe(path)  # a folder on the way we may not search: said, not a traceback
    if found.kind is PathKind.BLOCKED:
        raise UsageError(f"'{path}' {found.describe()}", about="scenario")
    if not found.is_file:
        raise UsageError(f"no scenario file at {path}", about="scenario")
    return read_scenarios(path, catalogue)


def _load(
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
) -> Catalogue:
    from dsr_options.errors import UsageError
    from dsr_options.load.catalogue import load_catalogue

    if with_default and not redlines:
        raise UsageError(
            "--with-default adds the shipped redlines to your own: give --redlines FILE too "
            "(without --redlines the shipped redlines are used anyway)"
        )
    given = _once(redlines or [])
    catalogue = load_catalogue(data, redlines=given, with_default=with_default or not redlines)
    if not only:
        return catalogue
    from dsr_options.analyses.evaluate import select_redlines

    return select_redlines(catalogue, split_ids(only))


def _once(redlines: list[Path]) -> list[str]:
    """The ``--redlines`` values with a file given twice kept once, and told so."""
    from dsr_options.cli.output import warn
    from dsr_options.files.find import distinct_files, split_label

    kept, repeated = distinct_files([split_label(p) for p in redlines])
    for again, first in repeated:
        same = "" if str(again) == str(first) else f" (as '{first}')"
        warn(f"--redlines: '{again}' is given twice{same}: it is read once")
    return [f"{label}={path}" if label else str(path) for label, path in kept]


DATE: list[str | None] = [None]
"""The ``--date`` given to the app (set by its callback on every run)."""


def provenance(
    catalogue: Catalogue,
    data: Path | None,
    redlines: list[Path] | None = None,
    with_default: bool = False,
    only: list[str] | None = None,
) -> Provenance:
    """What the command's output was made from: the files ``load`` read, ``--only``'s ids."""
    from dataclasses import replace

    from dsr_options.load.provenance import provenance_for

    found = provenance_for(
        data,
        redlines=redlines or (),
        with_default=with_default or not redlines,
        only=[line.id for line in catalogue.redlines] if only else (),
        date=DATE[0],
    )
    # A what-if says so wherever the output goes: the scenarios and assumptions applied.
    scenario = ", ".join(catalogue.scenarios) or None
    return replace(found, scenario=scenario, assumptions=list(catalogue.assumed))


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
        help="Only these redlines: ids or unique prefixes, comma-separated.",
        show_default=False,
    ),
]

HolderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--holder",
        metavar="ID[,ID...]",
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
        help="Evaluate under a scenario of a scenario file (the one NAME names; a file of one "
        "scenario needs no NAME).",
        show_default=False,
    ),
]
FirmnessBoundOption = Annotated[
    int,
    typer.Option(
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
        help="What firmness varies: readings (the default: exactly the readings the data "
        "declares and the positions held with confidence reported or inferred, every "
        "combination), analysis (every analysis value over its vocabulary, up to "
        "--firmness-bound changes) or all (the note's values too).",
    ),
]


def firmness(
    catalogue: Catalogue,
    bound: int,
    vary: str,
    analysis: Any = None,
    evaluator: Any = None,
) -> Any:
    """The firmness of every role's verdict (reusing ``analysis`` and its ``evaluator``);
    None with a bound of 0 (``--firmness-bound 0`` leaves firmness out)."""
    from dsr_options.analyses.firmness import firmness as firmness_of

    if bound == 0:
        return None

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
