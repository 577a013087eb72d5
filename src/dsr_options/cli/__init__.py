"""The ``dsr-options`` command line: Typer wiring only (options, consoles, errors to exit codes).

Heavy modules (pydantic, PyYAML, rich tables) are imported inside the commands that use them,
so that ``--version`` and ``--help`` cost little more than importing typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand

from dsr_options._version import __version__
from dsr_options.files.paths import present
from dsr_options.model.vocabulary import Dimension, Level, ReceptionStance
from dsr_options.render import OutputFormat, ReportFormat

if TYPE_CHECKING:
    from rich.console import Console

    from dsr_options.load.catalogue import Loaded
    from dsr_options.model.catalogue import Catalogue
    from dsr_options.render import Rendered

E = TypeVar("E", bound=Enum)

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="dsr-options",
    help=(
        "Lay out the roles the UN could play in defense sector reform (DSR), the redlines "
        "member states hold, and how the two meet.\n\n"
        "The catalogue is built from the experts' meeting of 2 December 2010; every claim "
        "from the note carries a verbatim quote."
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


class _Argument(TyperArgument):
    """An argument shown by its metavar alone: no ``<list[str]>`` type, no ``{ROLE}`` braces."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self.metavar or super()._usage_display_name()


class _Command(TyperCommand):
    """A command whose arguments read as their metavars (``ROLE``, ``ROLE...``) in help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


def _choice(vocabulary: type[E]) -> Callable[[Any], E]:
    """A parser for an enum option: any case, and a "did you mean" for a wrong value."""

    def parse(value: Any) -> E:
        if isinstance(value, vocabulary):
            return value
        from dsr_options.analyses.query import parse_choices
        from dsr_options.errors import UsageError

        try:
            return parse_choices([str(value)], vocabulary, "")[0]
        except UsageError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parse


# -- options shared by every command --------------------------------------------------------------

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
        parser=_choice(OutputFormat),
        metavar="FORMAT",
        help="table (for people), json, yaml, csv or markdown (for scripts and briefs).",
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="No colour, even on a terminal (NO_COLOR works too)."),
]


def _consoles(no_color: bool) -> tuple[Console, Console]:
    from rich.console import Console

    plain = no_color or bool(os.environ.get("NO_COLOR"))
    out = Console(no_color=plain or None, highlight=False, emoji=False, markup=False)
    err = Console(stderr=True, no_color=plain or None, highlight=False, emoji=False, markup=False)
    if plain:
        out.no_color = err.no_color = True
    return out, err


def emit(rendered: Rendered, no_color: bool = False) -> None:
    """Payload to stdout: plain text as it is, rich renderables through a console.

    On a terminal rich writes directly; piped, the rendering is captured and each line
    stripped of the padding rich adds up to the width.
    """
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    out, _ = _consoles(no_color)
    if out.is_terminal:
        out.print(rendered)
        return
    # Piped: no colour (rich leaves it off off a terminal), and no trailing spaces padding each
    # line out to the width, which would only clutter a file or a diff.
    with out.capture() as captured:
        out.print(rendered)
    text = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    sys.stdout.write(text)
    sys.stdout.flush()


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` to stderr and return the exit to raise."""
    from dsr_options.render.safe import visible

    sys.stderr.write(f"dsr-options: error: {visible(message)}\n")
    return typer.Exit(code)


@contextmanager
def errors_to_exit_codes() -> Iterator[None]:
    """Our own errors become a message on stderr and an exit code, once, here."""
    from dsr_options.errors import DsrOptionsError

    try:
        yield
    except DsrOptionsError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except BrokenPipeError:  # `dsr-options list | head`: the reader left, which is fine
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    except MemoryError:
        raise fail(MEMORY_MESSAGE, EXIT_DATA) from None


MEMORY_MESSAGE = (
    "out of memory: the catalogue is too large for this machine; "
    "check fewer redlines with --only or use a smaller catalogue"
)


def report_load_failure(loaded: Loaded) -> typer.Exit:
    from dsr_options.load.catalogue import invalid_hint
    from dsr_options.render.safe import visible
    from dsr_options.render.views.diagnostics import diagnostics_text

    texts = {p.file.path: p.file.text for p in loaded.parsed}
    sys.stderr.write(diagnostics_text(loaded.diagnostics, texts))
    sys.stderr.write(f"dsr-options: error: {visible(invalid_hint(loaded))}\n")
    return typer.Exit(EXIT_DATA)


def load(
    data: Path | None, redlines: tuple[Path, ...] = (), with_default: bool = True
) -> Catalogue:
    """The catalogue, or every diagnostic on stderr and exit 1.

    A catalogue validated before is read back from the cache (see ``cache``), so that a command
    run again over the same files skips PyYAML and validation altogether.
    """
    from dsr_options.files.find import catalogue_files
    from dsr_options.load import cache

    files = catalogue_files(data, redlines, with_default)
    folder = cache.cache_dir()
    key = cache.fingerprint(files.all) if folder is not None else None
    if folder is not None and key is not None:
        cached = cache.read(folder, key)
        if cached is not None:
            return cached
    from dsr_options.load.catalogue import load_located

    loaded = load_located(files)
    if loaded.catalogue is None:
        raise report_load_failure(loaded)
    if folder is not None and key is not None:
        cache.write(folder, key, loaded.catalogue)
    return loaded.catalogue


# -- commands ------------------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dsr-options {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Lay out UN roles in defense sector reform and the redlines that bound them."""


def _listed(vocabulary: type[Enum]) -> str:
    values = [str(member.value) for member in vocabulary]
    return ", ".join(values[:-1]) + " or " + values[-1]


@app.command("list", short_help="List the candidate roles, optionally filtered.")
def list_roles(
    level: Annotated[
        list[str] | None,
        typer.Option(
            "--level",
            "-l",
            metavar="LEVEL",
            help=f"Keep roles at this level: {_listed(Level)}.",
            show_default=False,
        ),
    ] = None,
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension",
            "-d",
            metavar="DIMENSION",
            help=f"Keep roles in this dimension: {_listed(Dimension)}.",
            show_default=False,
        ),
    ] = None,
    lead: Annotated[
        list[str] | None,
        typer.Option(
            "--lead",
            metavar="OFFICE",
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
            help=f"Keep roles received so: {_listed(ReceptionStance)}.",
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
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
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
    """
    with errors_to_exit_codes():
        from dsr_options.analyses.query import (
            RoleFilter,
            filter_roles,
            parse_choices,
            resolve_filter_id,
            split_ids,
        )
        from dsr_options.render.views.roles import role_list

        levels = parse_choices(level or (), Level, "--level")
        dimensions = parse_choices(dimension or (), Dimension, "--dimension")
        receptions = parse_choices(reception or (), ReceptionStance, "--reception")
        catalogue = _load_redlines(data, redlines, with_default, None)
        role_ids: set[str] | None = None
        if clear_of or survives:
            from dsr_options.analyses.evaluate import clear_of as roles_clear_of
            from dsr_options.analyses.evaluate import surviving

            role_ids = {role.id for role in catalogue.roles}
            if clear_of:
                redline_ids = [line.id for line in catalogue.redlines]
                chosen = [
                    resolve_filter_id(ref, redline_ids, "redline", "--clear-of")
                    for ref in split_ids(clear_of)
                ]
                role_ids &= set(roles_clear_of(catalogue, chosen))
            if survives:
                role_ids &= set(surviving(catalogue))
        criteria = RoleFilter(
            levels=levels,
            dimensions=dimensions,
            leads=split_ids(lead or ()),
            receptions=receptions,
            text=search,
            role_ids=role_ids,
        )
        emit(role_list(filter_roles(catalogue, criteria), fmt), no_color)


@app.command("show", cls=_Command, short_help="Show everything about one role, evidence included.")
def show_role(
    role: Annotated[
        str,
        typer.Argument(
            metavar="ROLE", help="Role id, unique prefix of one (any case), or its number."
        ),
    ],
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
    with errors_to_exit_codes():
        from dsr_options.analyses.evaluate import evaluate_role
        from dsr_options.analyses.query import find_role
        from dsr_options.render.views.roles import role_detail

        catalogue = load(data)
        found = find_role(catalogue, role)
        emit(role_detail(found, catalogue, fmt, evaluate_role(catalogue, found)), no_color)


@app.command("redlines", short_help="List the redlines that bound any UN role.")
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
    with errors_to_exit_codes():
        from dsr_options.render.views.redlines import redline_list

        catalogue = load(data)
        emit(redline_list(catalogue.redlines, catalogue, fmt), no_color)


RedlinesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--redlines",
        metavar="FILE",
        help="A redline file of your own (same schema as redlines.yaml), evaluated instead of the "
        "shipped redlines; repeat for several files.",
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


def _load_redlines(
    data: Path | None,
    redlines: list[Path] | None,
    with_default: bool,
    only: list[str] | None,
) -> Catalogue:
    from dsr_options.errors import UnknownIdError, UsageError

    if with_default and not redlines:
        raise UsageError(
            "--with-default adds the shipped redlines to your own: give --redlines FILE too "
            "(without --redlines the shipped redlines are used anyway)"
        )
    catalogue = load(data, tuple(redlines or ()), with_default or not redlines)
    if not only:
        return catalogue
    from dsr_options.analyses.evaluate import select_redlines
    from dsr_options.analyses.query import split_ids

    try:
        return select_redlines(catalogue, split_ids(only))
    except UnknownIdError as exc:  # a value given on the command line: a usage error
        raise UsageError(f"--only: {exc}") from None


@app.command("check", short_help="Check every role against every redline.")
def check_redlines(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
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
    """
    with errors_to_exit_codes():
        from dsr_options.analyses.evaluate import analyse, check_bounds, reading_limit
        from dsr_options.render.views.check import check_json, check_report

        catalogue = _load_redlines(data, redlines, with_default, only)
        if fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
            check_bounds(catalogue, reading_limit())
        analysis = analyse(catalogue)
        if fmt is OutputFormat.JSON:  # large: written as it is made, not held whole
            for piece in check_json(analysis):
                sys.stdout.write(piece)
            sys.stdout.flush()
            return
        emit(check_report(analysis, fmt), no_color)


@app.command("agree", short_help="Evidence for and against each role, and who objects.")
def agree(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
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
    with errors_to_exit_codes():
        from dsr_options.analyses.agreement import agreement
        from dsr_options.analyses.evaluate import check_bounds, reading_limit
        from dsr_options.render.views.check import agreement_report

        catalogue = _load_redlines(data, redlines, with_default, only)
        if fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
            check_bounds(catalogue, reading_limit())
        emit(agreement_report(agreement(catalogue), fmt), no_color)


@app.command("compare", cls=_Command, short_help="Compare roles side by side, differences marked.")
def compare(
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ROLE...",
            help="Two or more roles: ids, unique prefixes (any case) or numbers.",
            show_default=False,
        ),
    ] = None,
    diff_only: Annotated[
        bool, typer.Option("--diff-only", help="Show only the aspects where the roles differ.")
    ] = False,
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
    with errors_to_exit_codes():
        from dsr_options.analyses.compare import MIN_ROLES, compare_roles, redline_aspects
        from dsr_options.analyses.query import find_roles
        from dsr_options.errors import UsageError
        from dsr_options.render.views.compare import comparison

        references = roles or []
        if len(references) < MIN_ROLES:
            given = f"only '{references[0]}' was given" if references else "none was given"
            raise UsageError(
                f"compare needs at least {MIN_ROLES} roles, {given}; "
                "for example: dsr-options compare strategic coordination"
            )
        catalogue = load(data)
        roles_found = find_roles(catalogue, references)
        result = compare_roles(catalogue, roles_found, extra=redline_aspects(catalogue))
        emit(comparison(result.only_differing() if diff_only else result, fmt), no_color)


class SchemaKind(str, Enum):
    """Which catalogue file a JSON Schema describes."""

    ROLES = "roles"
    REDLINES = "redlines"


def _source_option(value: str) -> tuple[str | None, Path]:
    """``FILE`` (every quote) or ``ID=FILE`` (the quotes citing source ID)."""
    source_id, sep, file = value.partition("=")
    if sep and source_id and not present(Path(value)):
        return source_id, Path(file)
    return None, Path(value)


@app.command(
    "validate", cls=_Command, short_help="Check catalogue files; each problem at file:line:col."
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Catalogue files or folders (default: the catalogue in use).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            parser=_choice(ReportFormat),
            metavar="FORMAT",
            help="Report format: text (for people), json, github, junit or sarif (for CI).",
        ),
    ] = ReportFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too, not only on errors.")
    ] = False,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="[ID=]FILE",
            help="Check that every evidence quote occurs in this source text (ID=FILE: only "
            "quotes citing source ID). Repeatable.",
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Check catalogue files and report every problem, each at its file:line:col.

    Exit 0 when clean, 1 when a problem was found (warnings only with --strict), 2 on a usage
    error. With -f github and $GITHUB_STEP_SUMMARY set, the full list also goes to the job
    summary.

    Examples:

    \b
      dsr-options validate
      dsr-options validate data/ --strict -f github
      dsr-options validate data/ --source note.txt -f sarif > out.sarif
    """
    with errors_to_exit_codes():
        from dsr_options.render.views.validate import step_summary, validation_report
        from dsr_options.validate.run import validate_paths

        report = validate_paths(
            paths or [],
            data=data,
            sources=[_source_option(value) for value in source or []],
            strict=strict,
        )
        emit(validation_report(report, fmt))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if fmt is ReportFormat.GITHUB and summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(step_summary(report))
            except OSError as exc:  # the annotations are out already; say so, keep the verdict
                sys.stderr.write(
                    f"dsr-options: warning: cannot write $GITHUB_STEP_SUMMARY: {exc.strerror}\n"
                )
        if report.failed:
            raise typer.Exit(EXIT_DATA)


@app.command("schema", cls=_Command, short_help="Print the JSON Schema of a catalogue file.")
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            parser=_choice(SchemaKind), metavar="[FILE]", help="Which file: roles or redlines."
        ),
    ] = SchemaKind.ROLES,
) -> None:
    """Print the JSON Schema of a catalogue file, generated from the models.

    Editors with yaml-language-server use it (see the comment at the top of data/roles.yaml).

    Examples:

    \b
      dsr-options schema roles > schemas/roles.schema.json
      dsr-options schema redlines
    """
    with errors_to_exit_codes():
        from dsr_options.model.json_schema import json_schema
        from dsr_options.render.formats import write_json

        emit(write_json(json_schema(kind.value)))


def main() -> None:
    """Console-script entry point."""
    import gc

    # A short-lived process over an acyclic catalogue: the cyclic collector would only rescan
    # millions of live objects, several times libyaml's own parse time on a large catalogue.
    gc.disable()
    app(prog_name="dsr-options")
