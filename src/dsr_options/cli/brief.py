"""``brief``: a document for an ambassador, in Markdown, HTML or Word."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dsr_options.cli import complete, limits, options
from dsr_options.cli.options import (
    AssumeOption,
    DataOption,
    FirmnessBoundOption,
    OnlyOption,
    RedlinesOption,
    ScenarioOption,
    VaryOption,
    WithDefaultOption,
    choice,
)
from dsr_options.cli.output import emit
from dsr_options.render import BriefFormat, OutputFormat, render

if TYPE_CHECKING:
    from dsr_options.load.provenance import Provenance
    from dsr_options.model.catalogue import Catalogue
    from dsr_options.render.brief.content import Brief, Origin

BriefFormatOption = Annotated[
    BriefFormat,
    typer.Option(
        "--format",
        "-f",
        parser=choice(BriefFormat),
        autocompletion=complete.values_of(BriefFormat),
        metavar="FORMAT",
        help="markdown, html (one self-contained file) or docx (Word; needs the docx extra).",
    ),
]
HolderOption = Annotated[
    list[str] | None,
    typer.Option(
        "--holder",
        metavar="ID[,ID...]",
        autocompletion=complete.holder_ids,
        help="Only the redlines these holders hold: ids or unique prefixes, comma-separated.",
        show_default=False,
    ),
]
ForOption = Annotated[
    str | None,
    typer.Option(
        "--for",
        metavar="HOLDER",
        autocompletion=complete.holder_ids,
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
        help="The brief's date (default: the global --date, else SOURCE_DATE_EPOCH when set, "
        "else today, UTC).",
        show_default=False,
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="The brief's title.", show_default=False),
]


def make_brief(
    data: Path | None,
    redlines: list[Path] | None,
    with_default: bool,
    only: list[str] | None,
    holders: list[str] | None,
    date: str | None,
    title: str | None,
    assume: list[str] | None = None,
    scenario: str | None = None,
    written_for: str | None = None,
    *,
    bound: int = options.DEFAULT_FIRMNESS_BOUND,
    vary: str = "readings",
) -> tuple[Brief, Provenance]:
    """The brief the options ask for: the one pipeline (holders picked there), then the analyses
    and the document, firmness searched as ``check --bound --vary`` searches it. Its provenance
    is the one every command prints (same hash, same date)."""
    from dsr_options.analyses.pipeline import prepare
    from dsr_options.errors import TooManyPairs
    from dsr_options.ids import resolve_id
    from dsr_options.render.brief.content import Origin

    request = options.request(
        data,
        redlines,
        with_default,
        only,
        assume=assume,
        scenario=scenario,
        holders=holders,
        date=date,
    )
    narrow = (
        "pick redlines with --only or holders with --holders, or give a catalogue with fewer roles"
    )
    try:  # refused as soon as the files are parsed, when their counts are over the limit
        catalogue, provenance = prepare(
            request, refuse_over=limits.pair_limit(OutputFormat.MARKDOWN, every_pair=True)
        )
    except TooManyPairs as exc:
        exc.narrow = narrow
        raise
    limits.check_reading_bounds(catalogue, OutputFormat.MARKDOWN, every_pair=True, narrow=narrow)
    holder_ids = [h.id for h in catalogue.holders]
    chosen = (
        resolve_id(written_for, holder_ids, "holder", about="written_for")
        if written_for is not None
        else None
    )
    origin = Origin(
        version=provenance.version,
        catalogue=None if provenance.catalogue == "packaged" else provenance.catalogue,
        sha256=provenance.catalogue_hash,
        redlines=tuple(str(f.path) for f in request.redlines),
        with_default=with_default,
        holders=tuple(h.name for h in catalogue.holders) if request.holders else (),
        only=provenance.only,
        scenario=provenance.scenario,
        assumptions=tuple(provenance.assumptions),
        written_for=chosen,
    )
    from dsr_options.cli.progress import busy

    with busy("brief: evaluating, firmness and joint changes"):
        when = dt.date.fromisoformat(provenance.date)
        document = _build(catalogue, origin, when, title, bound=bound, vary=vary)
    return document, provenance


def _build(
    catalogue: Catalogue,
    origin: Origin,
    date: dt.date,
    title: str | None,
    *,
    bound: int,
    vary: str,
) -> Brief:
    """The document itself: every analysis the brief needs, then its content."""
    from dsr_options.analyses.agreement import agreement
    from dsr_options.analyses.evaluate import analyse
    from dsr_options.analyses.negotiate import negotiate
    from dsr_options.render.brief.content import build_brief

    analysis = analyse(catalogue)
    return build_brief(
        catalogue,
        analysis,
        agreement(catalogue),
        origin=origin,
        date=date,
        title=title,
        firmness=options.firmness(catalogue, bound, vary, analysis, progress=False),
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


def brief_inputs(provenance: Provenance, scenario: str | None) -> list[Path]:
    """Every file a brief is made from: the catalogue's, the redline files, the scenario file."""
    from dsr_options.analyses.pipeline import scenario_reference

    found = list(provenance.paths)
    if scenario:
        found.append(scenario_reference(scenario)[0])
    return found


def brief(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    holder: HolderOption = None,
    written_for: ForOption = None,
    only: OnlyOption = None,
    assume: AssumeOption = None,
    scenario: ScenarioOption = None,
    firmness_bound: FirmnessBoundOption = options.DEFAULT_FIRMNESS_BOUND,
    vary: VaryOption = "readings",
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
      dsr-options brief --bound 3 --vary analysis > brief.md
    """
    document, provenance = make_brief(
        data,
        redlines,
        with_default,
        only,
        holder,
        date,
        title,
        assume,
        scenario,
        written_for,
        bound=firmness_bound,
        vary=vary,
    )
    from dsr_options.render.views.brief import BriefView

    payload = render(BriefView(document), fmt)
    assert isinstance(payload, (str, bytes))
    inputs = brief_inputs(provenance, scenario) if out else []
    write_out(payload, out, fmt.binary, force=force, inputs=inputs)
