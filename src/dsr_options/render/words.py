"""The phrases every format shares: outcomes, verdicts, values, quotes and reception as text.

A leaf of the render layer: the plain views and the terminal tables both use these words, so
that a verdict or a value reads the same in a table, in Markdown, in CSV and in a brief.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import assert_never

from dsr_options.analyses.agreement import MAY_OBJECT_ON_READING, Quoted, RoleAgreement
from dsr_options.analyses.compare import Aspect, AspectKind, Summary
from dsr_options.analyses.evaluate import Outcome, Result, RoleVerdict, Verdict
from dsr_options.model.catalogue import Evidence, Redline, Role, Source
from dsr_options.render.explain import explanation, rule_text
from dsr_options.render.glossary import (
    NOT_ASSESSED,
    SYMBOLS,
    VERDICT_LABELS,
    verdict_or_word,
)
from dsr_options.render.phrases import Phrases, joined

if TYPE_CHECKING:  # not imported at run time: `list` and `show` need no firmness search
    from dsr_options.analyses.firmness import FirmnessReport

NO_PHRASES = Phrases()
"""Every id as words, for a caller without the catalogue's vocabulary."""

VOICES_TEXT = {
    "one": "one voice",
    "several": "several voices",
    "many": "many voices",
    "general": "generally held",
    "unrecorded": "voices not recorded",
}


def voices_text(voices: str) -> str:
    """How many voices the note records behind a view, as a phrase: ``several voices``."""
    return VOICES_TEXT.get(voices, f"{voices} voices")


def reception_text(stance: str, voices: str, basis: str = "note") -> str:
    """``support (several voices)``; ``unrecorded (voices not recorded) [analysis]``."""
    text = f"{stance} ({voices_text(voices)})"
    return text + (" [analysis]" if basis == "analysis" else "")


def role_reception_text(role: Role) -> str:
    """How participants received ``role``, with its basis when that is our analysis."""
    reception = role.reception
    return reception_text(reception.stance.value, reception.voices.value, reception.basis.value)


def attribute_text(value: Any) -> str:
    """An attribute value as text: ``true``/``false`` as in the catalogue and the rules."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(value) if value else "(none)"
    return str(value)


def quote_text(evidence: Evidence) -> str:
    """``“quote” (section; stance)``."""
    return f"“{evidence.quote}” ({evidence.section}; {evidence.stance.value})"


def _crossed(verdict: RoleVerdict) -> str:
    """The deciding redlines, each crossing that rests on our analysis marked so."""
    return ", ".join(
        f"{rid} (on our analysis)" if verdict.result(rid).rests_on_analysis else rid
        for rid in verdict.deciding
    )


def verdict_text(verdict: RoleVerdict) -> str:
    """The logic-form summary kept in JSON's ``summary``: ``flagged: crosses a, b (on our
    analysis)``; ``conditional: must keep meeting c``. People read ``verdict_sentence``."""
    deciding = ", ".join(verdict.deciding)
    if verdict.verdict in (Verdict.OUT, Verdict.FLAGGED):
        deciding = _crossed(verdict)
    if verdict.verdict is Verdict.UNDETERMINED:
        possible = " or ".join(v.value for v in verdict.possible)
        return f"undetermined ({possible}): unknown for {deciding}"
    if verdict.verdict is Verdict.OUT:
        return f"out: crosses {deciding}"
    if verdict.verdict is Verdict.FLAGGED:
        return f"flagged: crosses {deciding}"
    if verdict.verdict is Verdict.CONDITIONAL:
        return f"conditional: must keep meeting {deciding}"
    return "clear: crosses nothing, no condition applies"


def verdict_label(verdict: RoleVerdict) -> str:
    """``meets every condition``, ``flagged``, ``out``...: the verdict in two or three words."""
    return VERDICT_LABELS[verdict.verdict]


def _crossed_words(verdict: RoleVerdict, phrases: Phrases) -> str:
    """The deciding redlines by title and holder, a crossing on our analysis marked so."""
    said = []
    for rid in verdict.deciding:
        name = phrases.redline(rid)
        if verdict.result(rid).rests_on_analysis:
            name = name[:-1] + "; on our analysis)" if name.endswith(")") else name
        said.append(name)
    return joined(said)


def verdict_sentence(verdict: RoleVerdict, phrases: Phrases = NO_PHRASES) -> str:
    """The verdict and what decides it, as a sentence (tables, Markdown, JSON's ``verdict_text``),
    redlines named by title and holder.

    ``Meets every condition that applies (4) and crosses nothing.``; ``Flagged: crosses the
    concern “Title” (Holder; on our analysis).``; ``Out: crosses “Title” (Holder).``
    """
    if verdict.verdict is Verdict.UNDETERMINED:
        possible = " or ".join(VERDICT_LABELS[v] for v in verdict.possible)
        unknown = joined([phrases.redline(rid) for rid in verdict.deciding])
        return f"Undetermined ({possible}): unknown against {unknown}."
    if verdict.verdict is Verdict.OUT:
        return f"Out: crosses {_crossed_words(verdict, phrases)}."
    if verdict.verdict is Verdict.FLAGGED:
        noun = "concern" if len(verdict.deciding) == 1 else "concerns"
        return f"Flagged: crosses the {noun} {_crossed_words(verdict, phrases)}."
    if verdict.verdict is Verdict.CONDITIONAL:
        count = len(verdict.deciding)
        if count == 1:
            return "Meets the one condition that applies and crosses nothing."
        if count == 2:
            return "Meets both conditions that apply and crosses nothing."
        return f"Meets all {count} conditions that apply and crosses nothing."
    return "Clear: crosses nothing, and no condition applies."


def verdict_basis(verdict: RoleVerdict) -> str:
    """What the verdict rests on: ``the note``, ``our analysis`` or ``the note and our analysis``.

    For a role that crosses, the crossings that decide it; otherwise every result that applies.
    """
    deciding = [verdict.result(rid) for rid in verdict.deciding]
    if verdict.verdict not in (Verdict.OUT, Verdict.FLAGGED, Verdict.UNDETERMINED):
        deciding = [r for r in verdict.results if r.outcome is not Outcome.NOT_APPLICABLE]
    ours = [r.rests_on_analysis for r in deciding]
    if ours and all(ours):
        return "our analysis"
    if any(ours):
        return "the note and our analysis"
    return "the note"


def firmness_text(
    verdict: RoleVerdict, firmness: FirmnessReport | None = None, unassessed: str = NOT_ASSESSED
) -> str:
    """How firm the verdict is, in a few words: ``firm (up to 2)``, ``hangs on one
    judgement``, ``rests on analysis``; ``unassessed`` when no firmness was computed (the
    glossary's words for why: ``not assessed (add --firmness)``, ``... (--bound 0)``)."""
    found = firmness.of(verdict.role.id) if firmness is not None else None
    if found is None:
        return unassessed
    if found.label == "firm" and found.vary != "readings":
        return f"{found.label} (up to {found.bound})"
    return found.label


def attribute_label(attribute: str) -> str:
    """An attribute id as words: ``standing_un_capacity`` -> ``standing UN capacity``."""
    words = attribute.split("_")
    return " ".join("UN" if w == "un" else w for w in words)


def _basis_words(basis: Any) -> str:
    value = basis.value if basis is not None else ""
    return {"note": " (the note)", "analysis": " (on our reading)", "assumed": " (assumed)"}.get(
        value, ""
    )


def reason_words(phrases: Phrases, reason: Any) -> str:
    """The fact one test rests on, in the vocabulary's words: ``with a standing UN DSR capacity
    (on our reading)``; JSON's ``reasons[].text``."""
    return f"{phrases.state(reason.attribute, reason.value)}{_basis_words(reason.basis)}"


def change_words(phrases: Phrases, change: Any) -> str:
    """One change of a repair, after "it clears": ``without a standing UN DSR capacity``."""
    said = phrases.needs(change.attribute, change.parts)
    return said + (" (it would then be empty)" if change.empties else "")


def facts(phrases: Phrases, result: Result) -> str:
    """What the role is, for the tests that decide ``result``: ``with a standing UN DSR
    capacity (on our reading)``. Every test of the rule (a ``requires:`` redline is crossed by
    the tests that fail, a ``rule:`` by those that hold), each attribute once."""
    said: dict[str, None] = {}
    for reason in result.reasons:
        if not reason.part.startswith(("rule", "requires")) and result.outcome is Outcome.CROSSES:
            continue
        said.setdefault(
            f"{phrases.state(reason.attribute, reason.value)}{_basis_words(reason.basis)}"
        )
    return joined(list(said), "and")


def repair_words(phrases: Phrases, repair: Any) -> str:
    """``it clears without a standing UN DSR capacity``: a repair hint in the vocabulary's words."""
    changes = " and ".join(change_words(phrases, c) for c in repair.changes)
    if repair.kind == "rule":
        return f"it clears {changes}"
    return f"it no longer applies {changes}"


def _sentences(parts: Sequence[str]) -> str:
    return " ".join(p[:1].upper() + p[1:].rstrip(".") + "." for p in parts)


def result_sentence(result: Result, phrases: Phrases = NO_PHRASES) -> str:
    """One result in plain words: ``Crosses “Title” — with a standing UN DSR capacity (the
    note). It clears without a standing UN DSR capacity. The redline suggests: ...``"""
    title = result.redline.title
    if result.outcome is Outcome.NOT_APPLICABLE:
        return f"Does not apply: “{title}” is only for other roles."
    if result.outcome is Outcome.UNKNOWN:
        head = f"Unknown against “{title}”"
    elif result.outcome is Outcome.CROSSES:
        head = f"Crosses “{title}”"
    else:
        head = f"Meets “{title}”"
    rule = [r for r in result.reasons if r.part.startswith(("rule", "requires"))]
    said = dict.fromkeys(
        f"{phrases.state(r.attribute, r.value)}{_basis_words(r.basis)}" for r in rule
    )
    sentence = head + (f" — {joined(list(said))}" if said else "")
    if result.redline.requires is not None and said and result.outcome is not Outcome.UNKNOWN:
        sentence += (
            ", so it does not meet the requirement"
            if result.outcome is Outcome.CROSSES
            else ", so it meets the requirement"
        )
    extra = [repair_words(phrases, repair) for repair in result.repairs]
    if result.outcome is Outcome.CROSSES and result.redline.repair:
        extra.append(f"The redline suggests: {result.redline.repair}")
    return _sentences([sentence, *extra])


def result_summary(result: Result) -> str:
    """One result as one line in the logic form: outcome, why, and how to clear it."""
    parts = [f"{SYMBOLS[result.outcome]} ({result.strictness.value})"]
    parts += list(explanation(result))
    parts += [repair.text for repair in result.repairs]
    if result.outcome is Outcome.CROSSES and result.redline.repair:
        parts.append(f"the redline suggests: {result.redline.repair}")
    return "; ".join(parts)


def key_quote(quotes: Sequence[Quoted]) -> str:
    """The one quote to show for or against a role: a quote on how it was received first (a
    quote that only describes the role shows it was offered, not backed); ``none recorded``."""
    received = [q for q in quotes if q.on_reception]
    if not received:
        return "none recorded"
    evidence = received[0].evidence
    return f"“{plain_quote(evidence.quote)}” ({evidence.section})"


def plain_quote(text: str) -> str:
    """A quote for a terminal: Markdown emphasis marks dropped, inner double quotes made single
    (a quote within the quote is put in single quotes)."""
    import re

    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)
    return re.sub(r"[“\"]([^”\"]*)[”\"]", "\u2018\\1\u2019", text)


def quoted_text(quoted: Quoted) -> str:
    evidence = quoted.evidence
    return f"“{evidence.quote}” ({quoted.about}; {evidence.section})"


def objection_text(
    agreement: RoleAgreement, stand: str, phrases: Phrases = NO_PHRASES
) -> list[str]:
    """``One participant (concern “No standing UN DSR capacity”)``: each objection with this
    stand (``objects``, ``may object (on our reading)``, ``may object (unknown)``)."""
    return [
        f"{o.name} ({o.strictness.value} {phrases.redline_title(o.redline)})"
        for o in agreement.objections
        if o.stand == stand
    ]


def objectors_text(agreement: RoleAgreement) -> str:
    """The holders who object on the note's facts, by name: ``A; B``, or ``none``."""
    return "; ".join(o.name for o in agreement.objectors) or "none"


def may_object_text(agreement: RoleAgreement) -> str:
    """The holders who may object, by name, each with why: crossed only on our reading, or on a
    value that is unknown: ``A; B (if an unknown value is so)``, or ``none``."""
    return (
        "; ".join(
            o.name + ("" if o.stand == MAY_OBJECT_ON_READING else " (if an unknown value is so)")
            for o in agreement.may_object
        )
        or "none"
    )


def applies_to_text(redline: Redline) -> str:
    """Which roles the redline speaks to: ``only where in_country is true`` or ``every role``."""
    if redline.applies_to is None:
        return "every role"
    return f"only where {rule_text(redline.applies_to)}"


DIFFERS_MARK = "≠"
"""Marks a row whose values differ, so that the difference does not rest on colour alone."""


NONE = "(none)"


def value_text(kind: AspectKind, value: Any, separator: str = ", ") -> str:
    """One role's value for one aspect, as a person reads it (may hold several lines).

    ``separator`` joins the items of a list; a table passes a newline, one item a line.
    """
    if kind is AspectKind.TAGS:
        return separator.join(str(item) for item in value) if value else NONE
    if kind is AspectKind.ATTRIBUTE:
        if value is None:
            return "(not set)"
        raw = value["value"]
        if isinstance(raw, list):
            shown = separator.join(raw) if raw else NONE
        else:
            shown = attribute_text(raw)
        return f"{shown} [{value['basis']}]"
    if kind is AspectKind.RECEPTION:
        return reception_text(value["stance"], value["voices"])
    if kind is AspectKind.STATEMENTS:
        return "\n".join(f"• {item['text']} [{item['basis']}]" for item in value) or NONE
    if kind is AspectKind.EVIDENCE_COUNT:
        return (
            f"{value['total']} quotes: {value['supports']} for, {value['opposes']} against, "
            f"{value['qualifies']} qualifying, {value['neutral']} neutral"
        )
    if kind is AspectKind.QUOTE:
        if value is None:
            return NONE
        return f"“{value['quote']}” ({value['section']})"
    assert_never(kind)


def comparison_summary(summary: Summary) -> str:
    """``3 of 14 aspects differ (marked ≠): levels, reception, concerns``."""
    count, total = len(summary.differing), summary.total
    noun = "aspect" if total == 1 else "aspects"
    if not count:
        return f"0 of {total} {noun} differ: the roles are alike in every aspect compared."
    verb = "differs" if count == 1 else "differ"
    listed = ", ".join(summary.differing_labels)
    return f"{count} of {total} {noun} {verb} (marked {DIFFERS_MARK}): {listed}"


def value_texts(
    aspect: Aspect, separator: str = ", ", phrases: Phrases | None = None
) -> dict[str, str]:
    """Each role's value for ``aspect`` as text, by role id (an attribute's value in the
    vocabulary's words, given ``phrases``; CSV keeps the values a script reads)."""
    values = aspect.values
    if phrases is not None and aspect.kind is AspectKind.ATTRIBUTE:
        name = aspect.name.removeprefix("attributes.")
        return {
            role_id: "(not set)"
            if value is None
            else f"{phrases.shown(name, value['value'])} [{value['basis']}]"
            for role_id, value in values.items()
        }
    if aspect.name == "redlines.verdict":  # the verdict's JSON value, shown as its label
        values = {role_id: [verdict_or_word(v) for v in value] for role_id, value in values.items()}
    if phrases is not None and aspect.name in ("redlines.crosses", "redlines.unknown"):
        # redline ids, named by title and holder (JSON and CSV keep the ids)
        values = {role_id: [phrases.redline(r) for r in value] for role_id, value in values.items()}
    return {role_id: value_text(aspect.kind, value, separator) for role_id, value in values.items()}


def source_facts(source: Source) -> list[tuple[str, str]]:
    """The source's own particulars as (field, value) pairs, in reading order."""
    facts = [("title", source.title), ("date", source.date.isoformat())]
    facts.append(("organisers", "; ".join(source.organisers)))
    if source.location:
        facts.append(("location", source.location))
    if source.sections:
        facts.append(("sections", "; ".join(source.sections)))
    return facts


def redline_origins_text(redlines: Sequence[Redline]) -> str:
    """What the redlines are, counted by origin: ``9 redlines: 6 principles of the SSR Unit's
    draft DSR policy, 3 views raised by participants; none is a Member State's redline (...)``."""
    from dsr_options.model.vocabulary import Origin

    counts = {origin: sum(1 for r in redlines if r.origin is origin) for origin in Origin}
    words = {  # (one, several)
        Origin.DRAFT_POLICY: ("principle", "principles", "of the SSR Unit's draft DSR policy"),
        Origin.PARTICIPANTS: ("view", "views", "raised by participants"),
        Origin.NOTE: ("finding", "findings", "in the note's own voice"),
        Origin.MEMBER_STATE: ("Member State's redline", "Member States' redlines", "from a file"),
    }
    parts = [
        f"{n} {words[origin][0 if n == 1 else 1]} {words[origin][2]}"
        for origin, n in counts.items()
        if n
    ]
    total = len(redlines)
    text = f"{total} redline{'' if total == 1 else 's'}: " + ", ".join(parts or ["none"])
    if not counts[Origin.MEMBER_STATE]:
        text += (
            "; none is a Member State's redline: the meeting note records none (identifying "
            "them is one of two ways forward it names), and a delegation adds its own with a "
            "redline file"
        )
    return text
