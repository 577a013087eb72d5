"""Which answer moved (:class:`Consequence`), and how far the search for its causes goes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from dsr_options.analyses.diff.kinds import Change


class ConsequenceKind(str, Enum):
    """Which answer moved."""

    VERDICT = "verdict"
    """The role's ``check`` verdict, or the verdicts its unknown results leave possible."""
    STANDING = "standing"
    """The role's ``agree`` standing."""
    FIRMNESS = "firmness"
    """How firm the role's verdict is (``analyses.firmness``, up to ``FIRMNESS_BOUND`` changes)."""


FIRMNESS_BOUND = 1
"""A diff compares firmness up to one changed analysis value per role: exact, and about as
costly as a ``check`` of each side."""


@dataclass(frozen=True)
class Bounds:
    """How far the search for a consequence's causes goes.

    Subsets of the relevant changes are tried smallest first, up to ``max_subset`` changes and
    ``max_evaluations`` re-evaluations of the role per consequence; a search that stops there
    reports it (``Consequence.bound_reached``).
    """

    max_subset: int = 3
    max_evaluations: int = 2_000

    def to_data(self) -> dict[str, int]:
        return {"max_subset": self.max_subset, "max_evaluations": self.max_evaluations}


@dataclass(frozen=True)
class Consequence:
    """One answer that moved, and the smallest set of changes that moves it.

    For a role only one side has (added, removed) ``old`` or ``new`` is None and the cause is
    the role's addition or removal.
    """

    kind: ConsequenceKind
    role: str
    """The role's id on NEW (on OLD when it was removed)."""
    old_role: str | None
    """The role's id on OLD, when it had one."""
    old: str | None
    new: str | None
    causes: tuple[Change, ...]
    """The smallest set of changes found that reproduces ``new`` from OLD; empty when the
    bound stopped the search first."""
    relevant: int
    """How many listed changes could bear on this role (its own and the redlines')."""
    evaluations: int
    """How many times the role was re-evaluated to find the causes."""
    bound_reached: bool = False
    searched_up_to: int = 0
    """The largest subset size tried in full."""
    old_possible: tuple[str, ...] = ()
    new_possible: tuple[str, ...] = ()
    old_deciding: tuple[str, ...] = ()
    new_deciding: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """Why there are no causes: ``no subset up to 3 of the 7 relevant changes ...``."""
        if not self.bound_reached:
            return ""
        return (
            f"no subset up to {self.searched_up_to} of the {self.relevant} relevant changes "
            f"reproduces it (search stopped after {self.evaluations} evaluations)"
        )

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "role": self.role,
            "old_role": self.old_role,
            "old": self.old,
            "new": self.new,
            "old_possible": list(self.old_possible),
            "new_possible": list(self.new_possible),
            "old_deciding": list(self.old_deciding),
            "new_deciding": list(self.new_deciding),
            "causes": [change.key for change in self.causes],
            "relevant": self.relevant,
            "evaluations": self.evaluations,
            "bound_reached": self.bound_reached,
            "searched_up_to": self.searched_up_to,
            "note": self.note,
        }
