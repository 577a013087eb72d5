"""The brief's document model: built once from the analyses, then written in each format.

Every text here is plain, unescaped text in our words or from the catalogue; each writer
(``markdown``, ``html``, ``docx``) escapes it for its own format. Nothing here knows a format.

The body is for the reader: where agreement lies, the options, the points to make, the matrix;
attributes named by the vocabulary's labels, holders by name, no id, rule or flag. The annex
holds what a drafter checks it by: each finding with its ids and the ``--assume`` values that
reproduce it, every quote, and what the brief was made from (the full fingerprint included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dsr_options.analyses.agreement import Quoted, RoleAgreement
from dsr_options.analyses.brief import Position, holder_positions, next_steps
from dsr_options.analyses.evaluate import Analysis, Outcome, RoleVerdict, Verdict
from dsr_options.analyses.firmness import FirmnessReport
from dsr_options.analyses.negotiate import Negotiation
from dsr_options.model.catalogue import Catalogue, Evidence
from dsr_options.model.vocabulary import Basis, Strictness
from dsr_options.render.brief.bounds import firmness_flags, firmness_searched
from dsr_options.render.brief.sentences import (
    ON_OUR_READING,
    against,
    firmness_sentence,
    holder_names,
    may_object,
    objection,
    reservations,
    verdict_sentence,
)
from dsr_options.render.brief.standing import (
    Context,
    Finding,
    Findings,
    Point,
    for_holder,
    points,
    where_agreement_lies,
)
from dsr_options.render.phrases import Phrases, joined, short_name
from dsr_options.render.words import voices_text

DEFAULT_TITLE = "UN roles in defense sector reform: the options and the redlines"
NO_OPTIONS = "The catalogue holds no candidate role to assess."

# -- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """What the brief was made from, as the command line found it (no file is read here)."""

    version: str
    catalogue: str | None
    """The catalogue folder as given; None for the packaged catalogue."""
    sha256: str
    """The content hash of every file loaded."""
    files: tuple[str, ...] = ()
    redlines: tuple[str, ...] = ()
    """The user's own redline files."""
    with_default: bool = False
    holders: tuple[str, ...] = ()
    """The holders ``--holder`` chose (names), if any."""
    only: tuple[str, ...] = ()
    """The redlines ``--only`` chose (ids), if any."""
    scenario: str | None = None
    """The scenarios applied (what-if), if any."""
    assumptions: tuple[str, ...] = ()
    """The ``--assume`` values applied (what-if), if any."""
    written_for: str | None = None
    """The holder the brief is written for (``--for``), by id."""


@dataclass(frozen=True)
class QuoteRef:
    """A quote the brief uses, numbered in order of first use, and where the brief uses it."""

    number: int
    quote: str
    section: str
    source: str
    """The source's title."""
    stance: str
    used_in: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"Q{self.number}"


@dataclass(frozen=True)
class BottomLine:
    """One option at a glance: its verdict and where the holders stand."""

    number: int
    title: str
    verdict: Verdict
    summary: str
    """``Open, with reservations``: the verdict as the reader takes it."""
    positions: tuple[tuple[str, str], ...]
    """(position, holders named) pairs: ``("blocked by", "A and B")``, worst first."""

    @property
    def sentence(self) -> str:
        """``Out. Blocked by A; reservations from B; no objection from 3 other holders.``"""
        said = "; ".join(f"{words} {who}" for words, who in self.positions)
        return f"{self.summary}." + (f" {said[:1].upper()}{said[1:]}." if said else "")


@dataclass(frozen=True)
class OptionSection:
    """One candidate role: verdict, who objects and why, firmness, quotes, points to make."""

    number: int
    role: str
    title: str
    verdict: Verdict
    verdict_sentence: str
    standing: str
    """Where the holders stand, in a sentence (the bottom line's)."""
    firmness: str
    received: str
    quote_for: QuoteRef | None
    quote_against: QuoteRef | None
    against_label: str
    """``Against`` for an opposing quote; ``Qualified by`` when only a qualifying one exists."""
    objections: tuple[str, ...]
    """Each veto or condition crossed: whose, why, what would clear it."""
    reservations: str
    """The concerns crossed, by holder: ``A (“t1”); B (“t2”)``."""
    may_object: str
    points: tuple[Point, ...] = ()

    @property
    def heading(self) -> str:
        return f"Option {self.number}: {self.title}"


@dataclass(frozen=True)
class MatrixRow:
    redline: str
    title: str
    strictness: Strictness
    holders: str
    outcomes: tuple[Outcome, ...]
    """One per column, in column order."""

    @property
    def label(self) -> str:
        """``No standing UN DSR capacity (Freedonia, veto)``."""
        return f"{self.title} ({self.holders}, {self.strictness.value})"


@dataclass(frozen=True)
class Matrix:
    """Roles (columns, by title) against redlines (rows, by title and holder)."""

    columns: tuple[tuple[int, str], ...]
    rows: tuple[MatrixRow, ...]

    @property
    def empty(self) -> bool:
        return not self.columns or not self.rows


@dataclass(frozen=True)
class NextStep:
    text: str
    quotes: tuple[QuoteRef, ...]


@dataclass(frozen=True)
class Brief:
    title: str
    date: dt.date
    made_from: str
    """What the brief was made from, in a sentence (the details are in the annex)."""
    agreement: tuple[str, ...]
    """Where agreement lies: acceptable to all today, the closest, what no change reaches."""
    written_for: str | None
    """The name of the holder the brief is written for, if any."""
    for_holder: tuple[str, ...]
    bottom_line: tuple[BottomLine, ...]
    options: tuple[OptionSection, ...]
    matrix: Matrix
    next_steps: tuple[NextStep, ...]
    findings: tuple[Finding, ...]
    annex: tuple[QuoteRef, ...]
    provenance: tuple[tuple[str, str], ...]
    ids: tuple[tuple[str, str], ...] = ()
    """(name, id) of each option and redline, for the annex."""
    command: tuple[str, ...] = ("dsr-options check",)
    """The ``check`` command on the same files, one argument a line: with a finding's
    ``--assume`` values added, it reproduces the finding."""


REPRODUCE = (
    "Each finding is what check gives on the same files; a change is reproduced by adding its "
    "--assume values to this command:"
)


def provenance_items(origin: Origin) -> tuple[tuple[str, str], ...]:
    """What the brief was made from, for the annex: tool, catalogue, the full fingerprint, the
    redline files, the choices and the what-if."""
    items = [
        ("Tool", f"dsr-options {origin.version}"),
        ("Catalogue", origin.catalogue if origin.catalogue is not None else "packaged"),
        ("Fingerprint (sha256 of every file loaded)", origin.sha256),
    ]
    if origin.redlines:
        own = ", ".join(origin.redlines)
        items.append(
            ("Redline files", own + (" and the catalogue's" if origin.with_default else ""))
        )
    else:
        items.append(("Redline files", "the catalogue's"))
    if origin.holders:
        items.append(("Holders", ", ".join(origin.holders)))
    if origin.scenario:
        items.append(("Scenario", origin.scenario))
    if origin.assumptions:
        items.append(("Assuming", ", ".join(origin.assumptions)))
    if origin.only:
        items.append(("Only", ", ".join(origin.only)))
    return tuple(items)


def check_command(origin: Origin) -> tuple[str, ...]:
    """``dsr-options check``, ``--redlines FILE``, ``--with-default``: the same files, for
    ``check``, one argument a line (so that no line breaks inside a path or an id)."""
    lines = ["dsr-options check"]
    if origin.catalogue is not None:
        lines.append(f"--data {origin.catalogue}")
    lines += [f"--redlines {path}" for path in origin.redlines]
    if origin.redlines and origin.with_default:
        lines.append("--with-default")
    return tuple(lines)


def made_from(catalogue: Catalogue, origin: Origin) -> str:
    """``Made with dsr-options 0.1.0 from the shipped catalogue and the redlines of A and B.``"""
    where = (
        "the shipped catalogue"
        if origin.catalogue is None
        else f"the catalogue in “{origin.catalogue}”"
    )
    text = f"Made with dsr-options {origin.version} from {where}"
    if origin.redlines:
        files = set(origin.redlines)
        own = [
            name
            for r in catalogue.redlines
            if (catalogue.redline_file(r.id) or "").split("=")[-1] in files
            for name in holder_names(catalogue, r.holders)
        ]
        own = list(dict.fromkeys(own))
        text += f" and {len(origin.redlines)} redline file{'s' if len(origin.redlines) > 1 else ''}"
        text += f" ({joined(own)})" if own else ""
        if not origin.with_default:
            text += " alone"
    if origin.scenario or origin.assumptions:
        text += ", with what-if assumptions"
    return text + ". What it rests on, and how to reproduce each finding: see the annex."


# -- building it ----------------------------------------------------------------------------------


class _Quotes:
    """Numbers quotes in order of first use; the same quote is one entry, used in many places."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._titles = {source.id: source.title for source in catalogue.sources}
        self._order: list[tuple[str, str, str]] = []
        self._entries: dict[tuple[str, str, str], tuple[Evidence, list[str]]] = {}

    def use(self, evidence: Evidence, where: str) -> QuoteRef:
        key = (evidence.source, evidence.section, evidence.quote)
        if key not in self._entries:
            self._order.append(key)
            self._entries[key] = (evidence, [])
        uses = self._entries[key][1]
        if where not in uses:
            uses.append(where)
        return self._ref(key)

    def _ref(self, key: tuple[str, str, str]) -> QuoteRef:
        evidence, uses = self._entries[key]
        return QuoteRef(
            self._order.index(key) + 1,
            evidence.quote,
            evidence.section,
            self._titles.get(evidence.source, evidence.source),
            evidence.stance.value,
            tuple(uses),
        )

    def annex(self) -> tuple[QuoteRef, ...]:
        return tuple(self._ref(key) for key in self._order)


def _strongest(items: Sequence[Quoted]) -> Quoted | None:
    """The quote that weighs most: one on how the role was received (its reception or a
    concern) before one that only describes the role; the first of those in catalogue order."""
    received = [q for q in items if q.on_reception]
    ranked = received or list(items)
    return ranked[0] if ranked else None


SUMMARIES = {
    Verdict.OUT: "Out",
    Verdict.FLAGGED: "Open, with reservations",
    Verdict.CONDITIONAL: "Acceptable: meets every condition",
    Verdict.CLEAR: "Acceptable",
    Verdict.UNDETERMINED: "Undetermined",
}

_POSITION_WORDS = (
    (Position.BLOCKS, "blocked by"),
    (Position.MAY_BLOCK, "may be blocked by"),
    (Position.RESERVATIONS, "reservations from"),
)
"""The objecting positions, worst first (those who accept are counted, not named)."""


def _bottom_line(catalogue: Catalogue, verdict: RoleVerdict) -> BottomLine:
    positions = holder_positions(catalogue, verdict)
    pairs = []
    for position, words in _POSITION_WORDS:
        named = []
        for p in positions:
            if p.position is position:
                holder = catalogue.holder(p.holder)
                name = short_name(holder) if holder is not None else p.name
                named.append(name + (f" ({ON_OUR_READING})" if p.on_analysis else ""))
        if named:
            pairs.append((words, joined(list(dict.fromkeys(named)))))
    accepting = [p for p in positions if p.position is Position.ACCEPTS]
    if accepting and len(accepting) == len(positions):
        pairs.insert(0, ("accepted by", "every holder"))
    elif accepting:
        others = (
            "the other holder" if len(accepting) == 1 else f"the {len(accepting)} other holders"
        )
        pairs.append(("no objection from", others))
    return BottomLine(
        verdict.role.number,
        verdict.role.title,
        verdict.verdict,
        SUMMARIES[verdict.verdict],
        tuple(pairs),
    )


def _standing(line: BottomLine) -> str:
    """The bottom line's positions, less the reservations (said under the option)."""
    kept = [(words, who) for words, who in line.positions if words != "reservations from"]
    said = "; ".join(f"{words} {who}" for words, who in kept)
    return f"{said[:1].upper()}{said[1:]}." if said else ""


def _received(agreement: RoleAgreement) -> str:
    reception = agreement.verdict.role.reception
    received = f"{reception.stance.value} ({voices_text(reception.voices.value)})"
    if reception.basis is Basis.ANALYSIS:
        received += f", {ON_OUR_READING}"
    return received


def _option(
    context: Context,
    agreement: RoleAgreement,
    quotes: _Quotes,
    firmness: FirmnessReport | None,
    written_for: str | None,
) -> OptionSection:
    verdict = agreement.verdict
    role = verdict.role
    where = f"Option {role.number}"
    strongest_for = _strongest(agreement.support)
    opposed, label = _strongest(agreement.opposition), "Against"
    if opposed is None:
        opposed, label = _strongest(agreement.qualifying), "Qualified by"
    catalogue = context.catalogue
    return OptionSection(
        number=role.number,
        role=role.id,
        title=role.title,
        verdict=verdict.verdict,
        verdict_sentence=verdict_sentence(verdict),
        standing=_standing(_bottom_line(catalogue, verdict)),
        firmness=firmness_sentence(context.phrases, verdict, firmness),
        received=_received(agreement),
        quote_for=quotes.use(strongest_for.evidence, where) if strongest_for else None,
        quote_against=quotes.use(opposed.evidence, where) if opposed else None,
        against_label=label,
        objections=tuple(
            objection(catalogue, context.phrases, r)
            for r in against(verdict)
            if r.outcome is Outcome.CROSSES and r.strictness is not Strictness.CONCERN
        ),
        reservations=reservations(catalogue, verdict),
        may_object=may_object(catalogue, context.phrases, verdict),
        points=points(context, verdict, written_for),
    )


def _matrix(catalogue: Catalogue, analysis: Analysis) -> Matrix:
    columns = tuple((v.role.number, v.role.title) for v in analysis.verdicts)
    rows = tuple(
        MatrixRow(
            line.redline.id,
            line.redline.title,
            line.redline.strictness,
            joined(holder_names(catalogue, line.redline.holders)),
            tuple(v.result(line.redline.id).outcome for v in analysis.verdicts),
        )
        for line in analysis.redlines
    )
    return Matrix(columns, rows)


def _ids(catalogue: Catalogue, analysis: Analysis) -> tuple[tuple[str, str], ...]:
    found = [(f"Option {v.role.number}, {v.role.title}", v.role.id) for v in analysis.verdicts]
    for line in analysis.redlines:
        holders = joined(holder_names(catalogue, line.redline.holders))
        found.append((f"“{line.redline.title}” ({holders})", line.redline.id))
    found += [(h.name, h.id) for h in catalogue.holders]
    return tuple(found)


def _without_lead(text: str) -> str:
    """``Next steps: further discussion`` as ``Further discussion`` (under a "Next steps" head)."""
    head, colon, rest = text.partition(":")
    if colon and head.strip().lower().startswith("next step") and rest.strip():
        rest = rest.strip()
        return rest[0].upper() + rest[1:]
    return text


def build_brief(
    catalogue: Catalogue,
    analysis: Analysis,
    agreements: Sequence[RoleAgreement],
    *,
    origin: Origin,
    date: dt.date,
    title: str | None = None,
    firmness: FirmnessReport | None = None,
    negotiation: Negotiation | None = None,
) -> Brief:
    """The whole brief, from the analyses of one catalogue (``analyse``, ``agreement``, and
    ``firmness`` and ``negotiate`` when given)."""
    quotes = _Quotes(catalogue)
    context = Context(catalogue, Phrases.of(catalogue), analysis, negotiation, Findings())
    agreement_lines = where_agreement_lies(context)
    written_for = origin.written_for
    holder = catalogue.holder(written_for) if written_for else None
    own = for_holder(context, written_for) if written_for else ()
    options = tuple(_option(context, a, quotes, firmness, written_for) for a in agreements)
    steps = tuple(
        NextStep(
            _without_lead(note.text), tuple(quotes.use(e, "Next steps") for e in note.evidence)
        )
        for _, note in next_steps(catalogue)
    )
    return Brief(
        title=title if title is not None and title.strip() else DEFAULT_TITLE,
        date=date,
        made_from=made_from(catalogue, origin),
        agreement=agreement_lines,
        written_for=short_name(holder) if holder is not None else None,
        for_holder=own,
        bottom_line=tuple(_bottom_line(catalogue, a.verdict) for a in agreements),
        options=options,
        matrix=_matrix(catalogue, analysis),
        next_steps=steps,
        findings=context.findings.all(),
        annex=quotes.annex(),
        provenance=provenance_items(origin) + firmness_searched(firmness),
        ids=_ids(catalogue, analysis),
        command=check_command(origin) + firmness_flags(firmness),
    )


def one_source(brief: Brief) -> str | None:
    """The one source every quote of the annex is from (said once), or None for several."""
    sources = {ref.source for ref in brief.annex}
    return sources.pop() if len(sources) == 1 else None
