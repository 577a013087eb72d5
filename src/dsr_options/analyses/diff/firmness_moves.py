"""Which roles' firmness moved between the sides, and the smallest set of changes behind each."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from dsr_options.analyses.diff.answers import (
    FIRMNESS_BOUND,
    Bounds,
    Consequence,
    ConsequenceKind,
)
from dsr_options.analyses.diff.apply import apply_changes
from dsr_options.analyses.diff.kinds import Change
from dsr_options.model.catalogue import Catalogue


def firmness_consequences(
    old: Catalogue, new: Catalogue, changes: Sequence[Change], bounds: Bounds
) -> tuple[Consequence, ...]:
    """Every role whose firmness moved (up to ``FIRMNESS_BOUND``), with the smallest set of the
    relevant changes (its own and the redlines') that reproduces the new firmness from OLD,
    searched smallest first within ``bounds``."""
    from dsr_options.analyses.evaluate import evaluate_role
    from dsr_options.analyses.firmness import firmness, role_firmness

    moving = [change for change in changes if change.moves_answers]
    if not moving or not old.roles or not new.roles:
        return ()
    before = firmness(old, bound=FIRMNESS_BOUND)
    after = firmness(new, bound=FIRMNESS_BOUND)
    found: list[Consequence] = []
    for now in after.roles:
        then = before.of(now.role)
        if then is None or then.text == now.text:
            continue
        relevant = [
            c
            for c in moving
            if c.collection in ("redlines", "holders", "attributes")
            or (c.collection == "roles" and now.role in (c.item, c.new_item))
        ]
        causes: tuple[Change, ...] = ()
        evaluations = searched = 0
        stopped = False
        for size in range(1, min(bounds.max_subset, len(relevant)) + 1):
            for subset in itertools.combinations(relevant, size):
                if evaluations >= bounds.max_evaluations:
                    stopped = True
                    break
                evaluations += 1
                trial = apply_changes(old, subset)
                role = next((r for r in trial.roles if r.id == now.role), None)
                if role is None:
                    continue
                shown = role_firmness(trial, evaluate_role(trial, role), bound=FIRMNESS_BOUND)
                if shown.text == now.text:
                    causes = subset
                    break
            if causes or stopped:
                break
            searched = size
        found.append(
            Consequence(
                ConsequenceKind.FIRMNESS,
                now.role,
                now.role,
                then.text,
                now.text,
                causes,
                len(relevant),
                evaluations,
                bound_reached=not causes,
                searched_up_to=searched,
            )
        )
    return tuple(found)
