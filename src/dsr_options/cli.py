"""The ``dsr-options`` command line: Typer wiring only (options, consoles, errors to exit codes).

Heavy modules (pydantic, PyYAML, rich tables) are imported inside the commands that use them,
so that ``--version`` and ``--help`` cost little more than importing typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from dsr_options._version import __version__
from dsr_options.render import OutputFormat, ReportFormat
from dsr_options.vocabulary import Dimension, Level, ReceptionStance

if TYPE_CHECKING:
    from rich.console import Console

    from dsr_options.catalogue import Loaded
    from dsr_options.models import Catalogue
    from dsr_options.render import Rendered

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

# -- options shared by every command --------------------------------------------------------------

DataOption = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="DSR_OPTIONS_DATA",
        help="Folder holding roles.yaml and redlines.yaml (default: the packaged catalogue).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: a table for people, json/yaml/csv/markdown for scripts and briefs.",
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
    """Payload to stdout: plain text as it is, rich renderables through a console."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    out, _ = _consoles(no_color)
    out.print(rendered)


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` to stderr and return the exit to raise."""
    from dsr_options.render.text import visible

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


def report_load_failure(loaded: Loaded) -> typer.Exit:
    from dsr_options.render.diagnostics import diagnostics_text

    texts = {p.file.path: p.file.text for p in loaded.parsed}
    sys.stderr.write(diagnostics_text(loaded.diagnostics, texts))
    sys.stderr.write("dsr-options: error: the catalogue is invalid; run `dsr-options validate`\n")
    return typer.Exit(EXIT_DATA)


def load(
    data: Optional[Path], redlines: tuple[Path, ...] = (), with_default: bool = True
) -> Catalogue:
    """The catalogue, or every diagnostic on stderr and exit 1."""
    from dsr_options.catalogue import load as load_catalogue

    loaded = load_catalogue(data, redlines=redlines, with_default=with_default)
    if loaded.catalogue is None:
        raise report_load_failure(loaded)
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


@app.command("list")
def list_roles(
    level: Annotated[
        Optional[list[Level]],
        typer.Option("--level", "-l", case_sensitive=False, help="Keep roles at this level."),
    ] = None,
    dimension: Annotated[
        Optional[list[Dimension]],
        typer.Option("--dimension", "-d", case_sensitive=False, help="Keep roles in this dimension."),
    ] = None,
    lead: Annotated[
        Optional[list[str]],
        typer.Option("--lead", help="Keep roles this office (or a unit of it) might lead; id or prefix."),
    ] = None,
    reception: Annotated[
        Optional[list[ReceptionStance]],
        typer.Option("--reception", "-r", case_sensitive=False, help="Keep roles received so."),
    ] = None,
    search: Annotated[
        str,
        typer.Option("--search", "-s", help="Keep roles whose text holds every one of these words."),
    ] = "",
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the candidate roles, optionally filtered.

    Repeat an option to accept any of its values; different options must all match.

    Examples:

      dsr-options list

      dsr-options list --level strategic --reception support -f markdown

      dsr-options list --lead orolsi --search "bilateral"
    """
    with errors_to_exit_codes():
        from dsr_options.query import RoleFilter, filter_roles, split_ids
        from dsr_options.render.roles import role_list

        catalogue = load(data)
        criteria = RoleFilter(
            levels=level or (),
            dimensions=dimension or (),
            leads=split_ids(lead or ()),
            receptions=reception or (),
            text=search,
        )
        emit(role_list(filter_roles(catalogue, criteria), fmt), no_color)


@app.command("show")
def show_role(
    role: Annotated[str, typer.Argument(help="Role id, unique prefix of one, or its number.")],
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Show everything about one role, evidence included.

    Examples:

      dsr-options show strategic-advice

      dsr-options show match -f json
    """
    with errors_to_exit_codes():
        from dsr_options.query import find_role
        from dsr_options.render.roles import role_detail

        catalogue = load(data)
        emit(role_detail(find_role(catalogue, role), catalogue, fmt), no_color)


@app.command("redlines")
def list_redlines(
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the redlines, principles and conditions that bound any UN role.

    Examples:

      dsr-options redlines

      dsr-options redlines -f csv > redlines.csv
    """
    with errors_to_exit_codes():
        from dsr_options.render.redlines import redline_list

        catalogue = load(data)
        emit(redline_list(catalogue.redlines, catalogue, fmt), no_color)


class SchemaKind(str, Enum):
    """Which catalogue file a JSON Schema describes."""

    ROLES = "roles"
    REDLINES = "redlines"


def _source_option(value: str) -> tuple[str | None, Path]:
    """``FILE`` (every quote) or ``ID=FILE`` (the quotes citing source ID)."""
    source_id, sep, file = value.partition("=")
    if sep and source_id and not Path(value).exists():
        return source_id, Path(file)
    return None, Path(value)


@app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogue files or folders (default: the catalogue in use).", show_default=False
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Report format: text for people; json, github, junit or sarif for CI.",
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

      dsr-options validate

      dsr-options validate data/ --strict -f github

      dsr-options validate data/ --source note.txt -f sarif > dsr-options.sarif
    """
    with errors_to_exit_codes():
        from dsr_options.checker import validate_paths
        from dsr_options.render.report import step_summary, validation_report

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


@app.command("schema")
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(case_sensitive=False, help="Which file: roles or redlines.")
    ] = SchemaKind.ROLES,
) -> None:
    """Print the JSON Schema of a catalogue file, generated from the models.

    Editors with yaml-language-server use it (see the comment at the top of data/roles.yaml).

    Examples:

      dsr-options schema roles > schemas/roles.schema.json

      dsr-options schema redlines
    """
    with errors_to_exit_codes():
        from dsr_options.render.writers import write_json
        from dsr_options.schema import json_schema

        emit(write_json(json_schema(kind.value)))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="dsr-options")
