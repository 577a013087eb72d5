"""Which roles can have moved: a screen that spares re-evaluating the others."""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.analyses.diff.kinds import Change, ChangeKind
from dsr_options.analyses.evaluate import Evaluator, role_bases, role_values
from dsr_options.model.catalogue import Catalogue, Redline, Role
from dsr_options.model.rules import redline_attributes


def redline_pairs(
    old: Catalogue, new: Catalogue, changes: Sequence[Change]
) -> list[tuple[Redline | None, Redline | None]]:
    """Each changed redline as it is on OLD and on NEW (None on the side without it)."""
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    seen: dict[tuple[str, str], tuple[Redline | None, Redline | None]] = {}
    for change in changes:
        if not change.moves_answers:
            continue
        ids = (change.item, change.new_item or change.item)
        seen.setdefault(ids, (old_by_id.get(ids[0]), new_by_id.get(ids[1])))
    return list(seen.values())


VALUE_KINDS = frozenset(
    {
        ChangeKind.VALUE_ADDED,
        ChangeKind.VALUE_REMOVED,
        ChangeKind.VALUE_CHANGED,
        ChangeKind.BASIS_CHANGED,
    }
)


def testing(redlines: Sequence[Redline]) -> dict[str, list[Redline]]:
    """The redlines that test each attribute, in their scope or their rule."""
    found: dict[str, list[Redline]] = {}
    for redline in redlines:
        for name in redline_attributes(redline):
            found.setdefault(name, []).append(redline)
    return found


def moved_by_redlines(
    old: Evaluator,
    new: Evaluator,
    old_role: Role,
    new_role: Role,
    redlines: Sequence[tuple[Redline | None, Redline | None]],
) -> bool:
    """Whether a changed redline's result for ``role`` (the same on both sides) differs.

    A verdict adds up each redline's outcome, scope and rule truth and strictness, a standing
    also whether the crossing rests on analysis: when these are the same for every changed
    redline, and the role's values did not change, neither answer can have moved.
    """
    values, bases = role_values(old_role), role_bases(old_role)
    new_values, new_bases = role_values(new_role), role_bases(new_role)
    for before, after in redlines:
        old_result = None if before is None else old.evaluate(old_role, before, values, bases)
        new_result = None if after is None else new.evaluate(new_role, after, new_values, new_bases)
        signatures = [
            None
            if result is None
            else (
                result.outcome,
                result.applies,
                result.holds,
                result.strictness,
                result.rests_on_analysis,
            )
            for result in (old_result, new_result)
        ]
        if signatures[0] != signatures[1]:
            return True
    return False
