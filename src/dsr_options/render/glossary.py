"""The glossary: the one place the words people read for verdicts, outcomes, firmness and
holders come from (docs/verdicts.md documents it).

Every view, terminal table and brief takes these words from here; JSON and YAML keep the enum
values (``conditional``) that scripts read. ``RETIRED`` lists the words no output for people may
print any more, and a test renders every command in every format to hold to it.
"""

from __future__ import annotations

from dsr_options.analyses.evaluate import Outcome, Verdict
from dsr_options.analyses.firmness_types import FIRM, ON_ANALYSIS, ONE_JUDGEMENT, ONE_READING
from dsr_options.model.catalogue import Holder

VERDICT_LABELS = {
    Verdict.OUT: "out",
    Verdict.FLAGGED: "flagged",
    Verdict.CONDITIONAL: "meets every condition",
    Verdict.CLEAR: "clear",
    Verdict.UNDETERMINED: "undetermined",
}
"""The verdict as people read it. JSON keeps ``verdict`` (``conditional``) and adds ``label``:
``conditional`` meant "meets everything", and read as a caveat."""

OUTCOME_WORDS = {
    Outcome.CROSSES: "crosses",
    Outcome.CLEAR: "clear",
    Outcome.UNKNOWN: "unknown",
    Outcome.NOT_APPLICABLE: "n/a",
}
"""One redline's outcome for one role, as a word."""

OUTCOME_PHRASES = {
    Outcome.CROSSES: "crosses it",
    Outcome.CLEAR: "clears it",
    Outcome.UNKNOWN: "is unknown against it",
    Outcome.NOT_APPLICABLE: "is outside it",
}
"""What a role does with a redline, as a verb phrase: ``every role crosses it``."""

SYMBOLS = {
    Outcome.CROSSES: "✗ crosses",
    Outcome.CLEAR: "✓ clear",
    Outcome.UNKNOWN: "? unknown",
    Outcome.NOT_APPLICABLE: "– n/a",  # noqa: RUF001 - an en dash on purpose: reads as "none"
}
"""Each outcome as a symbol and a word, so that it reads without colour."""

FIRMNESS_WORDS = (
    FIRM,
    ONE_READING,
    "hangs on N readings together",
    ONE_JUDGEMENT,
    ON_ANALYSIS,
    "not assessed (add --firmness)",
    "not assessed (--bound 0)",
)
"""How firm a verdict is: the words ``analyses.firmness`` labels with, and the two for none."""

NOT_ASSESSED = FIRMNESS_WORDS[-2]
"""No firmness where it is asked for (``list --firmness``)."""
LEFT_OUT = FIRMNESS_WORDS[-1]
"""No firmness where it is computed unless ``--bound 0`` leaves it out (``check``)."""

RETIRED = {
    "conditional": "meets every condition",
    "value classes": "checked every combination of up to N changes",
    "change sets": "combinations of changes",
}
"""Words no output for people prints any more, each with what replaced it."""


def verdict_word(verdict: Verdict | str) -> str:
    """``meets every condition``: a verdict (or its JSON value) as people read it."""
    return VERDICT_LABELS[Verdict(verdict)]


def outcome_word(outcome: Outcome | str) -> str:
    """``crosses``: an outcome (or its JSON value) as a word."""
    return OUTCOME_WORDS[Outcome(outcome)]


def holder_label(holder: Holder) -> str:
    """The name a holder goes by in tables and sentences: its ``short`` name when it has one,
    else its ``name`` (``Holder.label``). ``holder_full`` is for where the holder is described."""
    return holder.label


def holder_full(holder: Holder) -> str:
    """A holder's full name, for where the holder itself is described."""
    return holder.name


def verdict_or_word(text: str) -> str:
    """A verdict's JSON value as its label; any other text as it is (``(absent)``)."""
    try:
        return verdict_word(text)
    except ValueError:
        return text


def search_summary(bound: int, count: int, over: str = "") -> str:
    """How far an exact search went, in words: ``checked every combination of up to 3 changes
    (25 in all)``; ``over`` says what was changed (``to the 3 attributes ...``)."""
    noun = "change" if bound == 1 else "changes"
    where = f" {over}" if over else ""
    return f"checked every combination of up to {bound} {noun}{where} ({count:,} in all)"
