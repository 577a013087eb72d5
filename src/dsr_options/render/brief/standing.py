"""Where agreement lies, first: which options every holder can accept today, which come
closest (fewest changes, fewest holders to move) and what that change is, in words; for the
holder the brief is written for (``--for``), which of its own redlines block which options and
which other holders block what it can accept; and a few points to make per option.

Every statement cites a finding (``F1``, ``F2``...): the annex gives each finding's ids and the
``--assume`` values that reproduce it. Built from ``analyse`` and ``negotiate``, nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dsr_options.analyses.evaluate import Analysis, Outcome, Result, RoleVerdict
from dsr_options.analyses.negotiate import Negotiation, RoleStanding
from dsr_options.analyses.repairs import value_text
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.vocabulary import Strictness
from dsr_options.render.brief.sentences import (
    holder_names,
    objection,
    plural,
)
from dsr_options.render.explain import explanation
from dsr_options.render.phrases import Phrases, joined, short_name


@dataclass(frozen=True)
class Finding:
    """One fact the brief states, with what reproduces it (annex)."""

    number: int
    text: str
    """In plain words, as the body says it."""
    ids: str
    """The same in ids: ``role matchmaking; redline request-or-sc-mandate (freedonia)``."""
    assume: tuple[str, ...] = ()
    """The ``--assume`` values that reproduce it, if it is a change."""

    @property
    def label(self) -> str:
        return f"F{self.number}"


@dataclass(frozen=True)
class Point:
    """A point to make, and the finding it rests on."""

    text: str
    finding: str

    @property
    def line(self) -> str:
        return f"{self.text} [{self.finding}]"


class Findings:
    """Numbers findings in order of first use; the same finding is one entry."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], Finding] = {}

    def add(self, text: str, ids: str, assume: Sequence[str] = ()) -> str:
        key = (text, ids)
        if key not in self._found:
            self._found[key] = Finding(len(self._found) + 1, text, ids, tuple(assume))
        return self._found[key].label

    def all(self) -> tuple[Finding, ...]:
        return tuple(self._found.values())


@dataclass(frozen=True)
class Context:
    """What every statement here is made from."""

    catalogue: Catalogue
    phrases: Phrases
    analysis: Analysis
    negotiation: Negotiation | None
    findings: Findings

    def titles(self, redlines: Sequence[str]) -> list[str]:
        by_id = {r.id: r.title for r in self.catalogue.redlines}
        return list(dict.fromkeys(f"“{by_id.get(rid, rid)}”" for rid in redlines))

    def crossing(self, verdict: RoleVerdict, result: Result) -> str:
        """The finding that ``verdict``'s role crosses (or may cross) ``result``'s redline."""
        holders = ", ".join(result.redline.holders)
        return self.findings.add(
            f"{verdict.role.title}: {objection(self.catalogue, self.phrases, result)}",
            f"role {verdict.role.id}; redline {result.redline.id} ({holders}); "
            + "; ".join(explanation(result)),
        )

    def changes(self, standing: RoleStanding) -> str:
        assert standing.repair is not None
        return "; ".join(
            self.phrases.becomes(c.attribute, c.before, c.value) for c in standing.repair.changes
        )

    def repair(self, standing: RoleStanding) -> str:
        """The finding that ``standing.repair`` makes the role acceptable to every holder."""
        assert standing.repair is not None
        return self.findings.add(
            f"{standing.role.title} becomes acceptable to every holder with: "
            f"{self.changes(standing)}.",
            f"role {standing.role.id}: "
            + "; ".join(
                f"{c.attribute} {value_text(c.before)} → {value_text(c.value)}"
                for c in standing.repair.changes
            ),
            standing.repair.assume,
        )


def _to_move(negotiation: Negotiation, standing: RoleStanding) -> list[str]:
    return [name for hid, name in negotiation.holders if hid not in standing.acceptable_to]


def where_agreement_lies(context: Context) -> tuple[str, ...]:
    """The bottom line: acceptable to all today; closest, ranked; what no change can reach."""
    negotiation = context.negotiation
    if negotiation is None or not negotiation.holders:
        return ()
    everyone = set(negotiation.acceptable_to_all)
    lines = []
    accepted = [s.role.title for s in negotiation.roles if s.role.id in everyone]
    if accepted:
        label = context.findings.add(
            f"Acceptable to every holder: {joined(accepted)}.",
            "roles " + ", ".join(sorted(everyone)),
        )
        lines.append(f"Every holder can accept today: {joined(accepted)} [{label}].")
    else:
        lines.append("No option is acceptable to every holder today.")
    ranked = sorted(
        (s for s in negotiation.roles if s.role.id not in everyone and s.repair is not None),
        key=lambda s: (
            len(s.repair.changes) if s.repair else 0,
            len(_to_move(negotiation, s)),
            s.role.number,
        ),
    )
    for index, standing in enumerate(ranked):
        assert standing.repair is not None
        lead = "Closest" if index == 0 else "Then"
        moves = holder_words(context, _to_move(negotiation, standing))
        text = (
            f"{lead}: {standing.role.title}, {plural(len(standing.repair.changes), 'change')} "
            f"({context.changes(standing)}), which moves {moves}"
        )
        if standing.repair.remaining:
            text += f"; concerns remain ({', '.join(context.titles(standing.repair.remaining))})"
        lines.append(f"{text} [{context.repair(standing)}].")
    open_ = [s for s in negotiation.roles if s.role.id not in everyone and s.repair is None]
    beyond = [s.role.title for s in open_ if not s.bounded]
    if beyond:
        lines.append(
            f"No change of up to {negotiation.bound} values makes {joined(beyond, 'or')} "
            "acceptable to every holder."
        )
    unknown = [s.role.title for s in open_ if s.bounded]
    if unknown:  # the run's budget stopped the search: never said to be impossible
        lines.append(
            f"Whether a change of up to {negotiation.bound} values makes "
            f"{joined(unknown, 'or')} acceptable to every holder is not known: the search "
            "was bounded."
        )
    for conflict in negotiation.conflicts:
        parts = [
            f"{title} ({joined(holder_words_list(context, holders))})"
            for title, holders in zip(
                context.titles(conflict.redlines), conflict.holders, strict=True
            )
        ]
        lines.append(f"No values meet {' and '.join(parts)} together.")
    lines.append(design_space_line(context))
    return tuple(lines)


def design_space_line(context: Context) -> str:
    """Over every design of the UN's role, not only the catalogued ones: whether one clears
    every holder's vetoes and conditions, or whose redlines block every design and who must
    move (issue 26), cited with the blocking sets' or the witness's ids."""
    from dsr_options.analyses.design_space import design_space
    from dsr_options.analyses.design_space.words import answer, region_text

    space = design_space(context.catalogue)
    if space.witness is not None:
        ids = "design " + "; ".join(f"{a}={value_text(v)}" for a, v in space.witness)
    else:
        ids = (
            "; ".join(
                f"blocking {', '.join(b.redlines)} ({', '.join(b.holders)})"
                for b in space.blocking_sets
            )
            or f"design space: {space.stopped}"
        )
    said = answer(context.catalogue, space)
    # The region whole: the brief has no list below it to point to.
    sentence = said.sentence.replace(said.region, region_text(context.catalogue, space))
    return f"{sentence[:-1]} [{context.findings.add(sentence, ids)}]."


def holder_words_list(context: Context, ids: Sequence[str]) -> list[str]:
    return holder_names(context.catalogue, ids)


def holder_words(context: Context, names: Sequence[str]) -> str:
    """Holders by short name; ``the 3 holders`` beyond three."""
    shortened = []
    for name in names:
        holder = next((h for h in context.catalogue.holders if h.name == name), None)
        shortened.append(short_name(holder) if holder is not None else name)
    if len(shortened) > 3:
        return f"{len(shortened)} holders"
    return joined(shortened)


def _hard_crossed(verdict: RoleVerdict) -> list[Result]:
    return [
        r
        for r in verdict.results
        if r.outcome is Outcome.CROSSES and r.strictness is not Strictness.CONCERN
    ]


def for_holder(context: Context, holder_id: str) -> tuple[str, ...]:
    """For the holder the brief is written for: which of its own vetoes and conditions rule
    out which options; which options it can accept; which other holders block them."""
    holder = context.catalogue.holder(holder_id)
    if holder is None:
        return ()
    name = short_name(holder)
    verdicts = context.analysis.verdicts
    lines = []
    acceptable = []
    for verdict in verdicts:
        own = [r for r in _hard_crossed(verdict) if holder_id in r.redline.holders]
        if not own:
            acceptable.append(verdict)
    for line in context.analysis.redlines:
        redline = line.redline
        if holder_id not in redline.holders or redline.strictness is Strictness.CONCERN:
            continue
        out = [v for v in verdicts if v.result(redline.id).outcome is Outcome.CROSSES]
        if not out:
            continue
        which = f"all {len(verdicts)} options" if len(out) == len(verdicts) > 1 else None
        which = which or joined([v.role.title for v in out])
        labels = ", ".join(context.crossing(v, v.result(redline.id)) for v in out)
        lines.append(f"{name}'s own “{redline.title}” rules out {which} [{labels}].")
    if not acceptable:
        lines.append(f"{name}'s own redlines rule out every option as it stands.")
    else:
        lines.append(f"{name} can accept: {joined([v.role.title for v in acceptable])}.")
    for verdict in acceptable or verdicts:
        others = [r for r in _hard_crossed(verdict) if holder_id not in r.redline.holders]
        if not others:
            continue
        who = joined(
            holder_names(context.catalogue, [h for r in others for h in r.redline.holders])
        )
        labels = ", ".join(context.crossing(verdict, r) for r in others)
        lead = "" if acceptable else f"Beyond {name}'s own redlines, "
        lines.append(
            f"{lead}{verdict.role.title} is blocked by {who} "
            f"({', '.join(context.titles([r.redline.id for r in others]))}) [{labels}]."
        )
    return tuple(lines)


def points(context: Context, verdict: RoleVerdict, holder_id: str | None) -> tuple[Point, ...]:
    """A few points to make on one option, each resting on a finding: what would make it
    acceptable to all; who rules it out and what would meet them; the reservations."""
    found: list[Point] = []
    negotiation = context.negotiation
    role = verdict.role
    if negotiation is not None and negotiation.holders:
        standing = next(s for s in negotiation.roles if s.role.id == role.id)
        if role.id in negotiation.acceptable_to_all:
            label = context.findings.add(
                f"{role.title}: acceptable to every holder.", f"role {role.id}"
            )
            found.append(Point("Every holder can accept it as it stands.", label))
        elif standing.repair is not None:
            found.append(
                Point(
                    f"Propose: {context.changes(standing)}; then every holder can accept it.",
                    context.repair(standing),
                )
            )
    crossed = _hard_crossed(verdict)
    own = [r for r in crossed if holder_id is not None and holder_id in r.redline.holders]
    if own:
        titles = joined(context.titles([r.redline.id for r in own]))
        verb = "is what rules" if len(own) == 1 else "are what rule"
        labels = ", ".join(context.crossing(verdict, r) for r in own)
        found.append(Point(f"Our own {titles} {verb} it out.", labels))
    others = [r for r in crossed if r not in own]
    for name in dict.fromkeys(
        n for r in others for n in holder_names(context.catalogue, r.redline.holders)
    ):
        theirs = [r for r in others if name in holder_names(context.catalogue, r.redline.holders)]
        titles = joined(context.titles([r.redline.id for r in theirs]))
        labels = ", ".join(context.crossing(verdict, r) for r in theirs)
        found.append(Point(f"Ask {name} what would meet {titles}.", labels))
    return tuple(found)
