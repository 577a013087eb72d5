"""The brief's document model: built once from the analyses, then written in each format.

Every text here is plain, unescaped text from the catalogue or in our words; each writer
(``markdown``, ``html``, ``docx``) escapes it for its own format. Nothing here knows a format.

Three parts come from other analyses, each through one function that says nothing when its
analysis was not run: :func:`firmness_sentences` (how firm each verdict is, from
``analyses.firmness``), :func:`joint_changes` (the smallest joint changes that clear every
holder, from ``analyses.negotiate``) and :func:`provenance_items` (what the brief was made
from, scenario and assumptions included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from dsr_options.analyses.agreement import Quoted, RoleAgreement
from dsr_options.analyses.brief import HolderPosition, Position, holder_positions, next_steps
from dsr_options.analyses.evaluate import Analysis, Outcome, Result, RoleVerdict, Verdict
from dsr_options.analyses.firmness import FirmnessReport
from dsr_options.analyses.negotiate import Negotiation
from dsr_options.analyses.repairs import Repair, value_text
from dsr_options.model.catalogue import Catalogue, Evidence
from dsr_options.model.vocabulary import Basis, Strictness
from dsr_options.render.glossary import verdict_word
from dsr_options.render.words import change_set_text, voices_text

DEFAULT_TITLE = "UN roles in defense sector reform: the options and the redlines"

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
    """One option in a sentence or two: its verdict and where each holder stands."""

    number: int
    title: str
    verdict: Verdict
    summary: str
    """``Open, with reservations``: the verdict as the reader takes it."""
    positions: tuple[tuple[str, str], ...]
    """(position, holders named) pairs: ``("accepted by", "A, B")``, best first."""
    firmness: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """``Open, with reservations. Reservations from A; no objection from the 3 other
        holders.``: what every format writes after the option's name."""
        said = "; ".join(f"{words} {who}" for words, who in self.positions)
        text = f"{self.summary}." + (f" {said[:1].upper()}{said[1:]}." if said else "")
        return text + "".join(f" {line}" for line in self.firmness)


NO_OPTIONS = "The catalogue holds no candidate role to assess."


@dataclass(frozen=True)
class Clearing:
    """What would clear one crossed redline, and whose it is."""

    holders: str
    strictness: str
    redline: str
    """The redline's title."""
    changes: tuple[str, ...]
    """The repair hints: ``it clears if standing_un_capacity were false``."""
    suggestion: str | None
    """What the redline itself suggests, in its holder's words."""
    because: str = ""
    """The facts the crossing rests on: ``standing_un_capacity is true (our analysis)``."""

    @property
    def text(self) -> str:
        """The crossing and its repair in sentences, as every format writes it."""
        said = f"{self.holders}, {self.strictness} “{self.redline}”: "
        said += f"crossed because {self.because}."
        if self.changes:
            clears = "; or ".join(self.changes)
            said += f" {clears[:1].upper()}{clears[1:]}."
        else:
            said += " No change of the role's attributes clears it."
        if self.suggestion:
            said += f" The redline suggests: {self.suggestion}"
        return said


@dataclass(frozen=True)
class OptionSection:
    """One candidate role: verdict and why, who objects, the strongest quotes, what it takes."""

    number: int
    role: str
    title: str
    verdict: Verdict
    verdict_sentence: str
    why: tuple[str, ...]
    received: str
    may_object: tuple[str, ...]
    """Holders who may object: a redline of theirs cannot be decided for the role."""
    quote_for: QuoteRef | None
    quote_against: QuoteRef | None
    against_label: str
    """``Against`` for an opposing quote; ``Qualified by`` when only a qualifying one exists."""
    clearing: tuple[Clearing, ...]
    """Each redline crossed: whose it is (the objecting holders, by name), why, what clears it."""
    firmness: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class Matrix:
    """Roles (columns) against redlines (rows)."""

    columns: tuple[tuple[int, str], ...]
    """(number, title) of each role."""
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
    provenance: tuple[tuple[str, str], ...]
    bottom_line: tuple[BottomLine, ...]
    options: tuple[OptionSection, ...]
    matrix: Matrix
    next_steps: tuple[NextStep, ...]
    annex: tuple[QuoteRef, ...]
    joint: tuple[str, ...] = field(default=())
    """The smallest joint changes that clear every holder (issue 14); empty until then."""


# -- extension points -----------------------------------------------------------------------------


def firmness_sentences(verdict: RoleVerdict, firmness: FirmnessReport | None) -> tuple[str, ...]:
    """How firm ``verdict`` is, in sentences: what ``analyses.firmness`` found (nothing when it
    was not computed), with the smallest change that alters the verdict when there is one."""
    found = firmness.of(verdict.role.id) if firmness is not None else None
    if found is None:
        return ()
    label = "firm" if not found.minimal else found.label
    sentences = [f"Firmness: {label}." if found.minimal else f"Firmness: {found.text}."]
    if found.minimal:
        sentences.append(f"It rests on {found.text.split(': ', 1)[1]}.")
    if found.minimal:
        first = found.minimal[0]
        sentences.append(f"For example, if {change_set_text(first)}.")
    return tuple(sentences)


def joint_changes(negotiation: Negotiation | None) -> tuple[str, ...]:
    """What would make each option acceptable to every holder at once, in sentences: the
    smallest joint changes ``analyses.negotiate`` found (exact, up to its bound), and the
    redlines no change can satisfy together."""
    if negotiation is None:
        return ()
    sentences = []
    for standing in negotiation.roles:
        role = standing.role
        if standing.repair is not None:
            changes = ", ".join(
                f"{c.attribute} {_value_words(c.before)} → {_value_words(c.value)}"
                for c in standing.repair.changes
            )
            remaining = (
                f"; concerns that remain: {', '.join(standing.repair.remaining)}"
                if standing.repair.remaining
                else ""
            )
            sentences.append(
                f"{role.title}: acceptable to every holder if {changes}{remaining} "
                f"(re-check with {' '.join('--assume ' + a for a in standing.repair.assume)})."
            )
        elif len(standing.acceptable_to) < len(negotiation.holders):
            sentences.append(
                f"{role.title}: no set of up to {negotiation.bound} changes makes it acceptable "
                "to every holder."
            )
    sentences += [f"Conflict: {conflict.text}." for conflict in negotiation.conflicts]
    return tuple(sentences)


def _value_words(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(str(v) for v in value) + "}" if value else "(none)"
    return "unknown" if value is None else str(value)


def provenance_items(origin: Origin) -> tuple[tuple[str, str], ...]:
    """The provenance line as (label, value) pairs (issue 15 builds them from ``Provenance``)."""
    items = [
        ("Tool", f"dsr-options {origin.version}"),
        ("Catalogue", origin.catalogue if origin.catalogue is not None else "packaged"),
        ("sha256", origin.sha256),
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


def _names(names: Sequence[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return "; ".join(unique[:-1]) + " and " + unique[-1]


def _basis(basis: Basis | None) -> str:
    if basis is Basis.ANALYSIS:
        return " (our analysis)"
    if basis is Basis.NOTE:
        return " (the note)"
    return ""


def _facts(result: Result) -> str:
    facts: dict[str, None] = {}
    for reason in result.reasons:
        if reason.holds is False and result.outcome is not Outcome.UNKNOWN:
            continue
        if reason.value is None:
            facts.setdefault(f"the catalogue gives no value for {reason.attribute}")
        else:
            facts.setdefault(
                f"{reason.attribute} is {value_text(reason.value)}{_basis(reason.basis)}"
            )
    return " and ".join(facts)


def _holders_of(catalogue: Catalogue, result: Result) -> str:
    names = []
    for hid in result.redline.holders:
        holder = catalogue.holder(hid)
        names.append(holder.label if holder else hid)
    return _names(names)


def _why(catalogue: Catalogue, verdict: RoleVerdict) -> tuple[str, ...]:
    lines = []
    for result in verdict.results:
        if result.outcome is not Outcome.UNKNOWN:
            continue  # a crossing is told with what would clear it (``Clearing``)
        verb = "It may cross"
        lines.append(
            f"{verb} the {result.strictness.value} “{result.redline.title}” because "
            f"{_facts(result)}."
        )
    if verdict.verdict is Verdict.CONDITIONAL:
        titles = [verdict.result(rid).redline.title for rid in verdict.deciding]
        noun = "The condition" if len(titles) == 1 else f"The {len(titles)} conditions"
        lines.append(f"{noun} that must keep holding: " + "; ".join(f"“{t}”" for t in titles) + ".")
    return tuple(lines)


def _count(results: Sequence[Result], strictness: Strictness) -> int:
    return sum(1 for r in results if r.strictness is strictness)


def _plural(count: int, noun: str) -> str:
    return f"{'one' if count == 1 else count} {noun}{'' if count == 1 else 's'}"


def _verdict_sentence(verdict: RoleVerdict) -> str:
    crossed = [r for r in verdict.results if r.outcome is Outcome.CROSSES]
    if verdict.verdict is Verdict.OUT:
        hard = [r for r in crossed if r.strictness is not Strictness.CONCERN]
        return f"Out: it crosses {_plural(len(hard), 'veto or condition')}."
    if verdict.verdict is Verdict.FLAGGED:
        return (
            f"Flagged: it crosses {_plural(_count(crossed, Strictness.CONCERN), 'concern')} "
            "and no veto or condition."
        )
    if verdict.verdict is Verdict.CONDITIONAL:
        return "Meets every condition: it crosses nothing, on conditions that must keep holding."
    if verdict.verdict is Verdict.CLEAR:
        return "Clear: it crosses nothing, and no condition applies."
    possible = " or ".join(verdict_word(v) for v in verdict.possible)
    return f"Undetermined: it may be {possible}; the catalogue lacks the values to decide."


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


def _position_text(positions: Sequence[HolderPosition], position: Position) -> str:
    chosen = [p for p in positions if p.position is position]
    if position is Position.ACCEPTS:
        return _names([p.name for p in chosen])
    named = []
    for p in chosen:
        mark = " (on our analysis only)" if p.on_analysis else ""
        named.append(p.name + mark)
    return _names(named)


def _bottom_line(
    catalogue: Catalogue, verdict: RoleVerdict, firmness: FirmnessReport | None
) -> BottomLine:
    positions = holder_positions(catalogue, verdict)
    pairs = []
    for position, words in _POSITION_WORDS:
        text = _position_text(positions, position)
        if text:
            pairs.append((words, text))
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
        firmness_sentences(verdict, firmness)[:1],  # the bottom line: the label alone
    )


def _repair_text(repair: Repair) -> str:
    changes = " and ".join(change.text for change in repair.changes)
    if repair.kind == "rule":
        return f"it clears if {changes}"
    return f"the redline no longer applies to it if {changes}"


def _clearing(catalogue: Catalogue, verdict: RoleVerdict) -> tuple[Clearing, ...]:
    found = []
    for result in verdict.results:
        if result.outcome is not Outcome.CROSSES:
            continue
        found.append(
            Clearing(
                _holders_of(catalogue, result),
                result.strictness.value,
                result.redline.title,
                tuple(_repair_text(repair) for repair in result.repairs),
                result.redline.repair,
                _facts(result),
            )
        )
    order = {Strictness.VETO.value: 0, Strictness.CONDITION.value: 1, Strictness.CONCERN.value: 2}
    return tuple(sorted(found, key=lambda c: order.get(c.strictness, 3)))


def _may_object(agreement: RoleAgreement) -> tuple[str, ...]:
    """The holders who may object (a result of theirs is unknown), each once, with the
    redlines in question; a certain objection is told with what would clear it."""
    named: dict[str, list[str]] = {}
    for objection in agreement.objections:
        if not objection.certain:
            named.setdefault(objection.name, []).append(
                f"{objection.strictness.value} {objection.redline}"
            )
    return tuple(f"{name} ({', '.join(words)})" for name, words in named.items())


def _option(
    catalogue: Catalogue,
    agreement: RoleAgreement,
    quotes: _Quotes,
    firmness: FirmnessReport | None,
) -> OptionSection:
    verdict = agreement.verdict
    role = verdict.role
    where = f"Option {role.number}"
    strongest_for = _strongest(agreement.support)
    against, label = _strongest(agreement.opposition), "Against"
    if against is None:
        against, label = _strongest(agreement.qualifying), "Qualified by"
    reception = role.reception
    received = f"{reception.stance.value} ({voices_text(reception.voices.value)})"
    if reception.basis is Basis.ANALYSIS:
        received += ", on our reading"
    return OptionSection(
        number=role.number,
        role=role.id,
        title=role.title,
        verdict=verdict.verdict,
        verdict_sentence=_verdict_sentence(verdict),
        why=_why(catalogue, verdict),
        received=received,
        may_object=_may_object(agreement),
        quote_for=quotes.use(strongest_for.evidence, where) if strongest_for else None,
        quote_against=quotes.use(against.evidence, where) if against else None,
        against_label=label,
        clearing=_clearing(catalogue, verdict),
        firmness=firmness_sentences(verdict, firmness),
    )


def _matrix(catalogue: Catalogue, analysis: Analysis) -> Matrix:
    columns = tuple((v.role.number, v.role.title) for v in analysis.verdicts)
    rows = tuple(
        MatrixRow(
            line.redline.id,
            line.redline.title,
            line.redline.strictness,
            _names([name for _, name in line.holders]),
            tuple(v.result(line.redline.id).outcome for v in analysis.verdicts),
        )
        for line in analysis.redlines
    )
    return Matrix(columns, rows)


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
    """The whole brief, from the analyses of one catalogue (``analyse`` and ``agreement``)."""
    quotes = _Quotes(catalogue)
    options = tuple(_option(catalogue, a, quotes, firmness) for a in agreements)
    steps = tuple(
        NextStep(
            _without_lead(note.text), tuple(quotes.use(e, "Next steps") for e in note.evidence)
        )
        for _, note in next_steps(catalogue)
    )
    return Brief(
        title=title if title is not None and title.strip() else DEFAULT_TITLE,
        date=date,
        provenance=provenance_items(origin),
        bottom_line=tuple(_bottom_line(catalogue, a.verdict, firmness) for a in agreements),
        options=options,
        matrix=_matrix(catalogue, analysis),
        next_steps=steps,
        annex=quotes.annex(),
        joint=joint_changes(negotiation),
    )


OUTCOME_WORDS = {
    Outcome.CROSSES: "crosses",
    Outcome.CLEAR: "clear",
    Outcome.UNKNOWN: "unknown",
    Outcome.NOT_APPLICABLE: "does not apply",
}


def one_source(brief: Brief) -> str | None:
    """The one source every quote of the annex is from (said once), or None for several."""
    sources = {ref.source for ref in brief.annex}
    return sources.pop() if len(sources) == 1 else None
