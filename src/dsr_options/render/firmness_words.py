"""Firmness in words: a change set as one unit, what a verdict holds on, and the copyable
options that reproduce each finding (never inside a sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsr_options.render.glossary import OUTCOME_PHRASES, VERDICT_LABELS
from dsr_options.render.phrases import Phrases
from dsr_options.render.words import NO_PHRASES

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import Firmness


def _gives(verdict: Any) -> str:
    """``it is flagged``; ``it meets every condition``."""
    label = VERDICT_LABELS[verdict]
    return f"it {'' if label.startswith('meets') else 'is '}{label}"


def change_set_text(change_set: Any, phrases: Phrases = NO_PHRASES) -> str:
    """``without a standing UN DSR capacity → meets every condition (better for the role)``:
    a smallest set of changes that alters a verdict, taken as one unit, the verdict it gives in
    the glossary's words, and whether that is better or worse for the role."""
    changes = "; ".join(phrases.change(c.attribute, c.value) for c in change_set.changes)
    if len(change_set.changes) > 1:  # one unit: the changes together
        changes = f"({changes})"
    said = f" ({change_set.direction} for the role)" if change_set.direction else ""
    return f"{changes} → {VERDICT_LABELS[change_set.verdict]}{said}"


def reproduce_tokens(role: str, change_set: Any) -> list[str]:
    """The options that reproduce a change set on any evaluating command, one copyable token
    each: ``--assume ROLE.ATTRIBUTE=VALUE`` (a reading), ``--assume redline:ID=dropped``."""
    return [
        f"--assume {c.assume}"
        if c.attribute.startswith("redline:")
        else f"--assume {role}.{c.assume}"
        for c in change_set.changes
    ]


def reproduce(role: str, change_set: Any) -> str:
    """``reproduce_tokens`` on one line: for Markdown and JSON, where nothing wraps them."""
    return " ".join(reproduce_tokens(role, change_set))


REPRODUCE = "To reproduce:"
"""Opens the line that carries a finding's options (copyable tokens, never inside a sentence)."""


def firmness_line(item: Firmness, phrases: Phrases = NO_PHRASES) -> str:
    """``hangs on one reading: without X → meets every condition (better for the role)``,
    each smallest set of changes as one unit; ``firm: ...`` with what was searched."""
    if not item.minimal:
        return f"{item.label}: {item.searched}"
    return f"{item.label}: " + "; ".join(change_set_text(s, phrases) for s in item.minimal)


def holds_on_sentence(item: Firmness, phrases: Phrases = NO_PHRASES) -> str:
    """What the verdict holds on, in a sentence: ``Flagged on our reading (with technical DSR
    content from the UN); on the reading (without technical DSR content from the UN), it meets
    every condition.``"""
    verdict = VERDICT_LABELS[item.verdict]
    if not item.minimal and item.stopped:
        return f"{verdict.capitalize()} under every change tried; {item.searched}."
    if not item.minimal:
        varied = "readings and uncertain positions" if item.vary == "readings" else "values"
        return f"{verdict.capitalize()} whatever the {varied} it searched ({item.searched})."
    current = {j.attribute: j.value for j in item.rests_on}
    names = dict.fromkeys(c.attribute for s in item.minimal for c in s.changes)
    ours = "; ".join(phrases.held(name, current.get(name)) for name in names)
    others = "; ".join(
        f"on the reading ({'; '.join(phrases.change(c.attribute, c.value) for c in s.changes)}), "
        f"{_gives(s.verdict)}"
        for s in item.minimal
    )
    return f"{verdict.capitalize()} on our reading ({ours}); {others}."


def undiscriminating_text(item: Any, phrases: Phrases = NO_PHRASES) -> str:
    """``“Title” (Holder): every role crosses it, so it does not tell the roles apart``."""
    why = " (by our analysis or an assumption)" if item.by_assumption else ""
    return (
        f"{phrases.redline(item.redline)}: every role {OUTCOME_PHRASES[item.outcome]}{why}, "
        "so it does not tell the roles apart"
    )
