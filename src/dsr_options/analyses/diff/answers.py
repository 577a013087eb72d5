"""Which answer moved (:class:`Consequence`), and how far the search for its causes goes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from dsr_options.analyses.diff.kinds import Change
from dsr_options.model.budget import MAX_EVALUATIONS_ENV, max_evaluations


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
    reports it (``Consequence.bound_reached``). The whole run spends at most ``run_evaluations``
    evaluations (a redline's outcome for a role is one) on the search for causes, as many on
    pairing reworded texts (ten characters compared against ten are one) and on each side's
    firmness; None: the shared default, ``$DSR_OPTIONS_MAX_EVALUATIONS`` (see
    :mod:`dsr_options.model.budget`).
    """

    max_subset: int = 3
    max_evaluations: int = 2_000
    run_evaluations: int | None = None

    @property
    def run_limit(self) -> int:
        """The run's budget of evaluations, for each of the two searches."""
        return max_evaluations() if self.run_evaluations is None else self.run_evaluations

    def to_data(self) -> dict[str, int]:
        return {
            "max_subset": self.max_subset,
            "max_evaluations": self.max_evaluations,
            "run_evaluations": self.run_limit,
        }


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
    budget_spent: bool = False
    """The run's budget of evaluations stopped the search (not its own bound)."""
    by_size: bool = False
    """The largest subset tried (``--bound``) stopped the search: larger ones were left."""

    @property
    def note(self) -> str:
        """Why there are no causes: ``no subset up to 3 of the 7 relevant changes ...``."""
        if not self.bound_reached:
            return ""
        if self.budget_spent:
            return (
                f"no subset up to {self.searched_up_to} of the {self.relevant} relevant changes "
                f"reproduces it; the run's budget of evaluations was spent after "
                f"{self.evaluations} here (set {MAX_EVALUATIONS_ENV} to raise it)"
            )
        raise_it = "; --bound raises the largest set tried" if self.by_size else ""
        return (
            f"no subset up to {self.searched_up_to} of the {self.relevant} relevant changes "
            f"reproduces it (search stopped after {self.evaluations} evaluations{raise_it})"
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
            "budget_spent": self.budget_spent,
            "note": self.note,
        }
