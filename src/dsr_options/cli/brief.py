"""``brief``: a document for an ambassador, in Markdown, HTML or Word."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dsr_options.cli import options
from dsr_options.cli.options import (
    AssumeOption,
    DataOption,
    OnlyOption,
    RedlinesOption,
    ScenarioOption,
    WithDefaultOption,
    choice,
)
from dsr_options.cli.output import emit
from dsr_options.render import BriefFormat, OutputFormat, render

if TYPE_CHECKING:
    from dsr_options.render.brief.content import Brief

BriefFormatOption = Annotated[
    BriefFormat,
    typer.Option(
        "--format",
        "-f",
        parser=choice(BriefFormat),
        metavar="FORMAT",
        help="markdown, html (one self-contained file) or docx (Word; needs the docx extra).",
    ),
]
HolderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--holder",
        metavar="ID[,ID...]",
        help="Only the redlines these holders hold: ids or unique prefixes, comma-separated.",
        show_default=False,
    ),
]
ForOption = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="HOLDER",
        help=(
            "Write the brief for this holder (an id or unique prefix): which of its own "
            "redlines rule out which options, and which other holders block what it can accept."
        ),
        show_default=False,
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="FILE",
        help="Write the brief to FILE (never over a file this run reads; an existing file or a "
        "link only with --force).",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an existing --out file (or a link there: the link, never its target).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="The brief's date (default: today, UTC, or SOURCE_DATE_EPOCH when set).",
        show_default=False,
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="The brief's title.", show_default=False),
]


def brief_date(given: str | None) -> dt.date:
    """``--date``, else ``$SOURCE_DATE_EPOCH`` (reproducible builds), else today in UTC."""
    from dsr_options.errors import UsageError

    if given is not None:
        try:
            return dt.date.fromisoformat(given.strip())
        except ValueError:
            raise UsageError(f"--date: '{given}' is not a date: write it as YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a time: give seconds since 1970-01-01"
            ) from None
    return dt.datetime.now(dt.timezone.utc).date()


def make_brief(
    data: Path | None,
    redlines: list[Path] | None,
    with_default: bool,
    only: list[str] | None,
    holders: list[str] | None,
    date: dt.date,
    title: str | None,
    assume: list[str] | None = None,
    scenario: str | None = None,
    written_for: str | None = None,
) -> Brief:
    """The brief the options ask for: load, pick holders, analyse, build the document."""
    from dsr_options._version import __version__
    from dsr_options.analyses.agreement import agreement
    from dsr_options.analyses.brief import select_holders
    from dsr_options.analyses.evaluate import analyse
    from dsr_options.analyses.firmness import firmness
    from dsr_options.analyses.negotiate import negotiate
    from dsr_options.ids import resolve_id
    from dsr_options.load.digest import catalogue_digest
    from dsr_options.render.brief.content import Origin, build_brief

    catalogue = options.load(data, redlines, with_default, only, assume=assume, scenario=scenario)
    catalogue = select_holders(catalogue, options.split_ids(holders or []))
    options.check_reading_bounds(catalogue, OutputFormat.MARKDOWN)
    holder_ids = [h.id for h in catalogue.holders]
    chosen = (
        resolve_id(written_for, holder_ids, "holder", about="written_for")
        if written_for is not None
        else None
    )
    from dsr_options.files.find import split_label

    paths = [split_label(given)[1] for given in redlines or []]  # NAME=FILE: the file
    digest = catalogue_digest(data, paths, with_default or not redlines)
    origin = Origin(
        version=__version__,
        catalogue=digest.folder,
        sha256=digest.sha256,
        files=digest.files,
        redlines=digest.redlines,
        with_default=with_default,
        holders=tuple(h.name for h in catalogue.holders) if holders else (),
        only=tuple(r.id for r in catalogue.redlines) if only else (),
        scenario=", ".join(catalogue.scenarios) or None,
        assumptions=tuple(catalogue.assumed),
        written_for=chosen,
    )
    analysis = analyse(catalogue)
    return build_brief(
        catalogue,
        analysis,
        agreement(catalogue),
        origin=origin,
        date=date,
        title=title,
        firmness=firmness(catalogue, analysis, bound=2),
        negotiation=negotiate(catalogue) if catalogue.holders else None,
    )


def write_out(
    payload: str | bytes,
    out: Path | None,
    binary: bool,
    *,
    force: bool = False,
    inputs: Sequence[Path] = (),
) -> None:
    """The brief to ``out`` (atomically, never over one of ``inputs``, over an existing file
    only with ``force``), else to stdout (never a binary document to a terminal)."""
    from dsr_options.errors import UsageError
    from dsr_options.files.write import write_file

    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if out is None:
        if binary and sys.stdout.isatty():
            raise UsageError(
                "a Word document is binary and would garble the terminal: "
                "give --out FILE or redirect (> brief.docx)"
            )
        emit(data)
        return
    write_file(out, data, force=force, inputs=inputs)


def brief_inputs(
    data: Path | None, redlines: list[Path] | None, with_default: bool, scenario: str | None
) -> list[Path]:
    """Every file a brief is made from: the catalogue's, the redline files, the scenario file."""
    from dsr_options.load.catalogue import redline_files

    files = redline_files(data, [str(path) for path in redlines or []], with_default)
    found = list(files.all)
    if scenario:
        found.append(options.scenario_reference(scenario)[0])
    return found


def brief(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    holder: HolderOption = None,
    written_for: ForOption = None,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    fmt: BriefFormatOption = BriefFormat.MARKDOWN,
    out: OutOption = None,
    force: ForceOption = False,
    date: DateOption = None,
    title: TitleOption = None,
    data: DataOption = None,
) -> None:
    """A two-page brief for an ambassador: where agreement lies, the options, the matrix.

    First which options every holder can accept today and which come closest (fewest changes,
    fewest holders to move); with --for, what the holder's own redlines rule out and who
    blocks what it can accept. Then for each option: its verdict, who rules it out and what
    would clear it, how firm it is, the strongest quotes and the points to make; the roles x
    redlines matrix; the next steps. An annex gives each finding's ids and the --assume that
    reproduces it, every quote, and what the brief was made from. Markdown, one self-contained
    HTML file (print it to PDF from a browser), or Word (pip install "dsr-options[docx]").

    Examples:

    \b
      dsr-options brief --date 2011-01-15 > brief.md
      dsr-options brief -f html --out brief.html
      dsr-options brief --redlines ours.yaml --with-default -f docx --out brief.docx
      dsr-options brief --redlines ours.yaml --with-default --for our-delegation
    """
    document = make_brief(
        data,
        redlines,
        with_default,
        only,
        holder,
        brief_date(date),
        title,
        assume,
        scenario,
        written_for,
    )
    from dsr_options.render.views.brief import BriefView

    payload = render(BriefView(document), fmt)
    assert isinstance(payload, (str, bytes))
    inputs = brief_inputs(data, redlines, with_default or not redlines, scenario) if out else []
    write_out(payload, out, fmt.binary, force=force, inputs=inputs)
