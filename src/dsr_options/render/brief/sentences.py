"""The brief's sentences about one option, in plain words: its verdict, why each holder objects
and what would clear it, how firm the verdict is. Attributes and values are named by the
vocabulary's labels (``render.phrases``); no id, rule or flag appears here.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.analyses.evaluate import Outcome, Result, RoleVerdict, Verdict
from dsr_options.analyses.firmness import FirmnessReport
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.vocabulary import Strictness
from dsr_options.render.glossary import VERDICT_LABELS
from dsr_options.render.phrases import Phrases, joined, short_name
from dsr_options.render.words import facts, firmness_text, repair_words

ON_OUR_READING = "on our reading"
"""Said of a position or a fact that rests on our analysis of the note, not on the note."""


def holder_names(catalogue: Catalogue, ids: Sequence[str]) -> list[str]:
    names = []
    for hid in ids:
        holder = catalogue.holder(hid)
        names.append(short_name(holder) if holder is not None else hid)
    return list(dict.fromkeys(names))


def plural(count: int, noun: str) -> str:
    """``one veto``, ``2 vetoes``, ``3 changes``."""
    if count == 1:
        return f"one {noun}"
    return f"{count} {noun}{'es' if noun.endswith('o') else 's'}"


def objection(catalogue: Catalogue, phrases: Phrases, result: Result) -> str:
    """``Freedonia's veto “No standing UN DSR capacity”: the role is with a standing UN DSR
    capacity (on our reading). It clears if it were without ...``"""
    who = joined(holder_names(catalogue, result.redline.holders))
    head = f"{who}, {result.strictness.value} “{result.redline.title}”"
    why = facts(phrases, result)
    text = f"{head}: crossed{' — ' + why if why else ''}."
    if result.outcome is Outcome.UNKNOWN:
        text = f"{head}: may be crossed{' — ' + why if why else ''}."
    hints = [repair_words(phrases, r) for r in result.repairs]
    if hints and result.outcome is Outcome.CROSSES:
        said = "; or ".join(hints)
        text += f" {said[:1].upper()}{said[1:]}."
    elif result.outcome is Outcome.CROSSES:
        text += " No change of the role clears it."
    return text


STRICTNESS_ORDER = {Strictness.VETO: 0, Strictness.CONDITION: 1, Strictness.CONCERN: 2}


def against(verdict: RoleVerdict) -> list[Result]:
    """The results that cross or may cross, vetoes first, then conditions, then concerns."""
    found = [r for r in verdict.results if r.outcome in (Outcome.CROSSES, Outcome.UNKNOWN)]
    return sorted(found, key=lambda r: (STRICTNESS_ORDER[r.strictness], r.outcome.value))


def verdict_sentence(verdict: RoleVerdict) -> str:
    """``Out: it crosses one veto and one condition.``, in ``check``'s verdict words."""
    label = VERDICT_LABELS[verdict.verdict]
    head = label[:1].upper() + label[1:]
    crossed = [r for r in verdict.results if r.outcome is Outcome.CROSSES]
    counts = [
        plural(sum(1 for r in crossed if r.strictness is s), s.value)
        for s in (Strictness.VETO, Strictness.CONDITION, Strictness.CONCERN)
        if any(r.strictness is s for r in crossed)
    ]
    if verdict.verdict in (Verdict.OUT, Verdict.FLAGGED):
        return f"{head}: it crosses {joined(counts)}."
    if verdict.verdict is Verdict.CONDITIONAL:
        return f"{head}: it crosses nothing, on conditions that must keep holding."
    if verdict.verdict is Verdict.CLEAR:
        return f"{head}: it crosses nothing, and no condition applies."
    possible = " or ".join(VERDICT_LABELS[v] for v in verdict.possible)
    return f"{head}: it may be {possible}; the catalogue lacks the values to decide."


def firmness_sentence(
    phrases: Phrases, verdict: RoleVerdict, firmness: FirmnessReport | None
) -> str:
    """``Firmness: hangs on one judgement (work in one country).``: ``check``'s firmness words,
    then the judgements it hangs on, by name; nothing when firmness was not computed."""
    found = firmness.of(verdict.role.id) if firmness is not None else None
    if found is None:
        return ""
    if not found.minimal:
        return f"Firmness: {found.text}."
    label = firmness_text(verdict, firmness)
    names = sorted({phrases.varied(c.attribute) for s in found.minimal for c in s.changes})
    return f"Firmness: {label} ({joined(names)})."


def may_object(catalogue: Catalogue, phrases: Phrases, verdict: RoleVerdict) -> str:
    """``Ruritania (“Coordination stays with the host nation”: no value for ...)``: the
    holders whose redline cannot be decided for the role, each once, with those redlines and
    what is missing to decide them."""
    named: dict[str, list[str]] = {}
    for result in verdict.results:
        if result.outcome is Outcome.UNKNOWN:
            why = facts(phrases, result)
            for name in holder_names(catalogue, result.redline.holders):
                named.setdefault(name, []).append(
                    f"“{result.redline.title}”" + (f": {why}" if why else "")
                )
    return "; ".join(f"{name} ({', '.join(titles)})" for name, titles in named.items())


def reservations(catalogue: Catalogue, verdict: RoleVerdict) -> str:
    """``Participants (“t1”, “t2”); One participant (“t3”)``: the concerns the role crosses,
    by holder (why and what clears each is in the annex's findings)."""
    named: dict[str, list[str]] = {}
    for result in verdict.results:
        if result.outcome is Outcome.CROSSES and result.strictness is Strictness.CONCERN:
            for name in holder_names(catalogue, result.redline.holders):
                named.setdefault(name, []).append(f"“{result.redline.title}”")
    return "; ".join(f"{name} ({', '.join(titles)})" for name, titles in named.items())
