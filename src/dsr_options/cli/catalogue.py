"""Commands about the catalogue itself: ``sources``, ``validate``, ``schema``, ``new-redlines``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dsr_options.cli import complete, options, output
from dsr_options.cli.options import DataOption, FormatOption, NoColorOption, choice
from dsr_options.cli.output import emit
from dsr_options.files.paths import present
from dsr_options.render import OutputFormat, ReportFormat, render

if TYPE_CHECKING:
    from dsr_options.validate.lock import QuoteLock


class SchemaKind(str, Enum):
    """Which catalogue file a JSON Schema describes."""

    ROLES = "roles"
    REDLINES = "redlines"
    SCENARIOS = "scenarios"
    FORUM = "forum"


def schema_kind(value: object) -> SchemaKind:
    """``schema``'s argument: a kind of file, any case, with a "did you mean"; a file's name
    given instead (``data/roles.yaml``) is told that ``schema`` takes a kind, guessed from the
    name when it is close to one."""
    if isinstance(value, SchemaKind):
        return value
    text = str(value)
    if "/" in text or "\\" in text or text.lower().endswith((".yaml", ".yml", ".json")):
        import difflib

        stem = Path(text).name.lower().split(".")[0]
        kinds = [kind.value for kind in SchemaKind]
        close = difflib.get_close_matches(stem, kinds, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise typer.BadParameter(
            f"'{text}' is a file; schema takes a KIND of file: {', '.join(kinds)}{hint}"
        )
    return choice(SchemaKind)(value)


def source_option(value: str) -> tuple[str | None, Path]:
    """``FILE`` (every quote) or ``ID=FILE`` (the quotes citing source ID)."""
    source_id, sep, file = value.partition("=")
    if sep and source_id and not present(Path(value)):
        return source_id, Path(file)
    return None, Path(value)


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
            parser=choice(ReportFormat),
            autocompletion=complete.values_of(ReportFormat),
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
    lock: Annotated[
        bool,
        typer.Option(
            "--lock",
            help="Record the quotes --source verified in quotes.lock beside the files, so that "
            "validate without the source text fails on a quote changed since.",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also read back each redline of a clean redline file in words, with the "
            "roles it crosses and clears (text report only).",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Check catalogue files and report every problem, each at its file:line:col.

    Exit 0 when clean, 1 when a problem was found (warnings only with --strict), 2 on a usage
    error. With -f github and $GITHUB_STEP_SUMMARY set, the full list also goes to the job
    summary. Without --source, each quote is checked against the quote lock beside its files
    (quotes.lock, written by --source FILE --lock): one that differs from what was verified
    fails, at the quote; one never verified is a warning.

    Examples:

    \b
      dsr-options validate
      dsr-options validate data/ --strict -f github
      dsr-options validate data/ --source note.txt -f sarif > out.sarif
      dsr-options validate data/ --source note.txt --lock
    """
    from dsr_options.render.views.validate import ValidationView, step_summary
    from dsr_options.validate.run import validate_paths

    if lock and not source:
        raise output.fail(
            "--lock records the quotes that --source verified: give the source text with "
            "--source FILE",
            output.EXIT_USAGE,
        )
    report = validate_paths(
        paths or [],
        data=data,
        sources=[source_option(value) for value in source or []],
        strict=strict,
        lock=lock,
    )
    emit(render(ValidationView(report), fmt))
    if explain and fmt is ReportFormat.TEXT and not report.errors:
        for path in paths or []:
            _explain(path, data)
    if fmt is ReportFormat.GITHUB:
        output.append_step_summary(step_summary(report))
    if report.failed:
        if lock:
            output.warn("the quote lock was not written: fix the problems above first")
        raise typer.Exit(output.EXIT_DATA)
    if lock:
        _write_locks(report.locks)


def _write_locks(locks: Sequence[tuple[Path, QuoteLock]]) -> None:
    from dsr_options.files.find import display_path
    from dsr_options.validate.lock import write_lock

    for folder, made in locks:
        written = write_lock(folder, made)
        count = sum(len(places) for places in made.quotes.values())
        sources = ", ".join(f"'{s}'" for s in sorted(made.sources)) or "none"
        sys.stderr.write(
            f"dsr-options: wrote {display_path(written)}: {count} quote"
            f"{'' if count == 1 else 's'} verified against source {sources}\n"
        )


def _explain(path: Path, data: Path | None) -> None:
    """Read back the redlines of ``path``, if it is a redline file that loads."""
    from dsr_options.errors import DsrOptionsError
    from dsr_options.render.views.redlines import read_back

    if not path.is_file():
        return
    beside = path.parent / "roles.yaml"
    if data is None and beside.is_file() and beside.resolve() != path.resolve():
        data = path.parent
    try:
        catalogue = options.load(data, [path])
    except DsrOptionsError:
        return  # a roles file, or one that does not load alone: nothing to read back
    emit("\n" + read_back(catalogue, str(path)), True)


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            parser=schema_kind,
            autocompletion=complete.values_of(SchemaKind),
            metavar="[KIND]",
            help="Which kind of file: roles (roles.yaml), redlines (redlines.yaml or a "
            "delegation's redline file), scenarios (a scenario file) or forum (a forum file).",
        ),
    ] = SchemaKind.ROLES,
) -> None:
    """Print the JSON Schema of a kind of catalogue file, generated from the models.

    Editors with yaml-language-server use it (see the comment at the top of data/roles.yaml).

    Examples:

    \b
      dsr-options schema roles > schemas/roles.schema.json
      dsr-options schema redlines
    """
    from dsr_options.model.json_schema import json_schema
    from dsr_options.render.formats import write_json

    emit(write_json(json_schema(kind.value)))


def sources(
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """The sources the evidence quotes from, and what each records of the occasion.

    For the meeting note: who met and at what level, on what terms (the Chatham House Rule),
    its purpose, its conclusion and the next steps it records.

    Examples:

    \b
      dsr-options sources
      dsr-options sources -f markdown > meeting-record.md
    """
    from dsr_options.render.views.sources import SourcesView

    catalogue, origin = options.prepare(data)
    emit(render(SourcesView(catalogue.sources), fmt, origin), no_color)


def new_redlines(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help='The delegation\'s name, e.g. "Freedonia".'),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="The file to write (default: NAME as an id, .yaml); - for standard output. "
            "An existing file (or a link) is replaced only with --force.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file (a link: the link itself).")
    ] = False,
    data: DataOption = None,
) -> None:
    """Write a starting redline file for a delegation: commented, valid as it stands, with one
    example of each strictness (veto, condition, concern) and each rule form (rule, requires,
    applies_to, all, any, not, and the operators). Each example is read back in words and
    carries an expect: with what it does to the roles of the catalogue in use.

    Examples:

    \b
      dsr-options new-redlines Freedonia
      dsr-options new-redlines "Our delegation" --out ours.yaml
      dsr-options new-redlines Freedonia --out -
    """
    from dsr_options.files.scaffold import holder_id, scaffold_redlines, scaffold_text, write_new
    from dsr_options.render.readback import redline_phrase
    from dsr_options.validate.expect import expected

    catalogue = options.load(data)
    decls = {decl.id: decl for decl in catalogue.attributes}
    notes = {
        redline.id: (
            redline_phrase(redline, decls, [name.strip()]),
            expected(catalogue.roles, redline),
        )
        for redline in scaffold_redlines(name)
    }
    text = scaffold_text(name, notes)
    if out is not None and str(out) == "-":
        emit(text, True)
        return
    target = out if out is not None else Path(f"{holder_id(name)}.yaml")
    write_new(target, text, force=force)
    sys.stderr.write(f"wrote {target}: try dsr-options check --redlines {target}\n")
