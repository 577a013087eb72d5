"""What a reviewer of a catalogue change needs besides the answers that moved.

- :func:`redline_moves`: for a role whose verdict moved, each redline whose outcome for it
  changed (crosses -> clear...), with who holds it, so a reviewer sees which objections a change
  raised or lifted, not only the verdict they add up to.
- :func:`stale_rationales`: each attribute value that changed while its rationale (its ``note``
  and its evidence) did not: the most common review mistake is a value edited under a note
  that still argues for the old one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.analyses.diff.kinds import Change, ChangeKind
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.model.catalogue import Catalogue, Redline, Role
from dsr_options.model.rules import Outcome


@dataclass(frozen=True)
class RedlineMove:
    """One redline whose outcome for a role changed between the sides."""

    redline: str
    """Its id on NEW (on OLD when it was removed)."""
    title: str
    old: Outcome | None
    """Its outcome on OLD; None when OLD has no such redline (or no such role)."""
    new: Outcome | None
    holders: tuple[str, ...]
    """Who holds it, by the names tables use (``Holder.label``)."""

    def to_data(self) -> dict[str, Any]:
        return {
            "redline": self.redline,
            "title": self.title,
            "old": None if self.old is None else self.old.value,
            "new": None if self.new is None else self.new.value,
            "holders": list(self.holders),
        }


def redline_moves(
    old: Catalogue,
    new: Catalogue,
    old_role: Role | None,
    new_role: Role | None,
    renamed: Mapping[str, str] | None = None,
    evaluators: tuple[Evaluator, Evaluator] | None = None,
) -> tuple[RedlineMove, ...]:
    """Each redline whose outcome for the role differs between ``old`` and ``new``, in NEW's
    order (then those only OLD has); ``renamed`` maps OLD redline ids to NEW ones.
    ``evaluators`` (of ``old`` and ``new``) share their work between roles."""
    renamed = renamed or {}
    olds, news = evaluators or (Evaluator(old), Evaluator(new))
    before = _outcomes(olds, old_role)
    after = _outcomes(news, new_role)
    moves: list[RedlineMove] = []
    seen: set[str] = set()
    old_of = {new_id: old_id for old_id, new_id in renamed.items()}
    for redline in new.redlines:
        old_id = old_of.get(redline.id, redline.id)
        seen.add(old_id)
        was, now = before.get(old_id), after.get(redline.id)
        if was != now:
            moves.append(RedlineMove(redline.id, redline.title, was, now, _holders(new, redline)))
    for redline in old.redlines:
        if redline.id not in seen and before.get(redline.id) is not None:
            moves.append(
                RedlineMove(
                    redline.id, redline.title, before[redline.id], None, _holders(old, redline)
                )
            )
    return tuple(moves)


def _outcomes(evaluator: Evaluator, role: Role | None) -> dict[str, Outcome]:
    if role is None:
        return {}
    verdict = evaluator.evaluate_role(role)
    return {result.redline.id: result.outcome for result in verdict.results}


def _holders(catalogue: Catalogue, redline: Redline) -> tuple[str, ...]:
    by_id = {holder.id: holder for holder in catalogue.holders}
    return tuple(by_id[h].label if h in by_id else h for h in redline.holders)


@dataclass(frozen=True)
class StaleRationale:
    """A value that changed while the note and evidence that argue for it did not."""

    change: Change
    """The value's change (``value-changed``), located on both sides."""
    role: str
    attribute: str
    note: bool
    """Whether the value has a note (on NEW)."""
    evidence: int
    """How many pieces of evidence it has (on NEW)."""

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": "stale-rationale",
            "change": self.change.key,
            "role": self.role,
            "attribute": self.attribute,
            "note": self.note,
            "evidence": self.evidence,
            "at": None if self.change.new_at is None else str(self.change.new_at),
        }


_RATIONALE_KINDS = frozenset(
    {
        ChangeKind.VALUE_NOTE_CHANGED,
        ChangeKind.EVIDENCE_ADDED,
        ChangeKind.EVIDENCE_REMOVED,
        ChangeKind.QUOTE_CHANGED,
        ChangeKind.STANCE_CHANGED,
        ChangeKind.EVIDENCE_CHANGED,
    }
)


def stale_rationales(new: Catalogue, changes: Sequence[Change]) -> tuple[StaleRationale, ...]:
    """Every role attribute value that changed while its note and evidence stayed as they were
    (and it has a note or evidence to be stale: a bare value argues for nothing)."""
    touched = {
        (c.new_item or c.item, c.path[1])
        for c in changes
        if c.collection == "roles" and c.kind in _RATIONALE_KINDS and c.path[:1] == ("attributes",)
    }
    roles = {role.id: role for role in new.roles}
    found: list[StaleRationale] = []
    for change in changes:
        if change.kind is not ChangeKind.VALUE_CHANGED or change.collection != "roles":
            continue
        role_id, attribute = change.new_item or change.item, str(change.path[1])
        role = roles.get(role_id)
        value = role.attributes.get(attribute) if role is not None else None
        if value is None or (role_id, attribute) in touched:
            continue
        if value.note or value.evidence:
            found.append(
                StaleRationale(change, role_id, attribute, bool(value.note), len(value.evidence))
            )
    return tuple(found)
