"""The words of ``diff``: changes, the answers they moved, the redlines behind a moved verdict,
and the values whose rationale may be stale. Shared by the plain view and the terminal table."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dsr_options.analyses.diff import Change, Consequence, Diff, RedlineMove, StaleRationale
from dsr_options.render.glossary import outcome_word, verdict_or_word
from dsr_options.render.words import attribute_label

MAX_VALUE = 120
"""A changed value longer than this is shortened in tables (JSON and YAML keep it whole)."""


def diff_value_text(value: Any) -> str:
    """A changed value as one line: text as it is, anything else as compact JSON."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def diff_change_where(change: Change) -> str:
    """``attributes.trigger.value``: the place inside the item, as the YAML keys read."""
    return ".".join(str(part) for part in change.path) or "(the item)"


def diff_change_row(change: Change, moved: frozenset[str] = frozenset()) -> dict[str, str]:
    """One change as a row: ``can_move_answers`` says what its kind can do, ``moved_answers``
    whether it did (a cause found for a verdict or a standing that moved)."""
    data = change.to_data()
    return {
        "kind": change.kind.value,
        "subject": f"{change.collection}/{change.subject}",
        "where": diff_change_where(change),
        "old": diff_value_text(data["old"]),
        "new": diff_value_text(data["new"]),
        "old_at": data["old_at"] or "",
        "new_at": data["new_at"] or "",
        "can_move_answers": "yes" if change.moves_answers else "no",
        "moved_answers": "yes" if change.key in moved else "no",
    }


def diff_consequence_text(consequence: Consequence) -> str:
    """``coordination: verdict flagged → clear, because roles/coordination/...``."""
    old, new = consequence.old or "(absent)", consequence.new or "(absent)"
    if consequence.kind.value == "verdict":
        old, new = verdict_or_word(old), verdict_or_word(new)
    head = f"{consequence.role}: {consequence.kind.value} {old} → {new}"
    if consequence.causes:
        return f"{head}, because " + "; ".join(
            f"{c.collection}/{c.subject} {diff_change_where(c)}: "
            f"{diff_value_text(c.to_data()['old'])} → {diff_value_text(c.to_data()['new'])}"
            for c in consequence.causes
        )
    return f"{head} ({consequence.note})" if consequence.note else head


def diff_summary_text(diff: Diff) -> str:
    """``2 changes (1 can move an answer); 1 verdict and 0 standings moved``."""
    summary = diff.summary
    if not summary.changes:
        return "no change"
    noun = "change" if summary.changes == 1 else "changes"
    verdicts = "verdict" if summary.verdict_changes == 1 else "verdicts"
    standings = "standing" if summary.standing_changes == 1 else "standings"
    can = summary.answer_moving_changes
    did = f", {summary.answer_moved_changes} did" if can else ""
    text = (
        f"{summary.changes} {noun} ({can} can move an answer{did}); "
        f"{summary.verdict_changes} {verdicts} and {summary.standing_changes} {standings} moved"
    )
    if summary.firmness_changes:
        firm = "firmness" if summary.firmness_changes == 1 else "firmnesses"
        text += f"; {summary.firmness_changes} {firm} moved"
    if summary.stale_rationales:
        stale = summary.stale_rationales
        text += f"; {stale} rationale{'s' if stale > 1 else ''} to check"
    return text


def diff_unchanged_text(diff: Diff, code: Callable[[str], str] = repr) -> str | None:
    """The one line a diff with no change is: ``Nothing changed: OLD 'main' and NEW 'data'
    hold the same files.`` (None when something changed). ``code`` quotes a side as given."""
    if diff.changes:
        return None
    old = diff.old.spec if diff.old is not None else "OLD"
    new = diff.new.spec if diff.new is not None else "NEW"
    if diff.identical:
        if old == new:
            return f"Nothing changed: OLD and NEW are both {code(old)}."
        return f"Nothing changed: OLD {code(old)} and NEW {code(new)} hold the same files."
    return (
        f"Nothing changed in the data: OLD {code(old)} and NEW {code(new)} differ only in "
        "comments or layout."
    )


def diff_sides_text(diff: Diff) -> str:
    """``OLD main (git 1a2b3c4d) → NEW data (folder)``."""
    parts = []
    for name, side in (("old", diff.old), ("new", diff.new)):
        if side is None:
            parts.append(name.upper())
            continue
        where = f"git {side.revision[:12]}" if side.revision else side.origin
        parts.append(f"{side.label} {side.spec} ({side.kind}, {where})")
    return " → ".join(parts)


def diff_bound_text(diff: Diff) -> str:
    """How far the search for each moved answer's causes went, in words."""
    bounds = diff.bounds
    noun = "change" if bounds.max_subset == 1 else "changes"
    return (
        f"For each answer that moved, checked every combination of up to {bounds.max_subset} "
        f"{noun} for its causes (at most {bounds.max_evaluations:,} evaluations an answer, "
        f"{bounds.run_limit:,} evaluations of a role against a redline in all)."
    )


def diff_bounded_lines(diff: Diff) -> list[str]:
    """``bounded: ...``, one line for each search the run's budget stopped."""
    return [bounded.text for bounded in diff.bounded]


def diff_redline_move_text(move: RedlineMove) -> str:
    """``“No standing UN capacity” (held by Participants): crosses → clear``."""
    old = "(absent)" if move.old is None else outcome_word(move.old)
    new = "(absent)" if move.new is None else outcome_word(move.new)
    holders = ", ".join(move.holders) or "no holder named"
    return f"“{move.title}” (held by {holders}): {old} → {new}"


def diff_redline_moves(diff: Diff, consequence: Consequence) -> list[str]:
    """The redline moves under a moved verdict, one line each."""
    if consequence.kind.value != "verdict":
        return []
    return [diff_redline_move_text(m) for m in diff.redline_moves.get(consequence.role, ())]


def diff_stale_text(stale: StaleRationale) -> str:
    """``NEW:data/roles.yaml:457:16: strategic-advice's standing UN capacity changed (true →
    false), its note and evidence did not: the rationale may argue for the old value``."""
    data = stale.change.to_data()
    kept = " and ".join(
        part
        for part, there in (("note", stale.note), (f"evidence ({stale.evidence})", stale.evidence))
        if there
    )
    at = data["new_at"] or data["old_at"] or f"roles/{stale.role}"
    return (
        f"{at}: {stale.role}'s {attribute_label(stale.attribute)} changed "
        f"({diff_value_text(data['old'])} → {diff_value_text(data['new'])}), its {kept} did "
        "not: the rationale may argue for the old value"
    )
