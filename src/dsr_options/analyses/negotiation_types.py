"""What a negotiation finds, as data: the holder x role cells, joint repairs, conflicts, each
role's standing and the whole :class:`Negotiation`; the search that finds them is
``negotiate.py``."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from dsr_options.analyses.evaluate import Verdict
from dsr_options.model.budget import Bounded
from dsr_options.model.catalogue import Role


def assume_text(role: str, attribute: str, value: Any) -> str:
    """A change in the syntax ``--assume`` takes: ``ROLE.ATTRIBUTE=VALUE``."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, (list, tuple)):
        shown = ",".join(value)
    else:
        shown = str(value)
    return f"{role}.{attribute}={shown}"


@dataclass(frozen=True)
class Cell:
    """One holder's verdict on one role, and the redlines that decide it."""

    holder: str
    role: str
    verdict: Verdict
    deciding: tuple[str, ...]
    acceptable: bool
    """No veto or condition of the holder is crossed, nor could be."""


@dataclass(frozen=True)
class JointChange:
    """One attribute of a role changed, and the holders whose objections it helps lift."""

    role: str
    attribute: str
    value: Any
    before: Any
    holders: tuple[str, ...]

    @property
    def assume(self) -> str:
        return assume_text(self.role, self.attribute, self.value)


@dataclass(frozen=True)
class JointRepair:
    """The smallest set of changes after which a role clears every chosen veto and condition."""

    changes: tuple[JointChange, ...]
    verdict: Verdict
    """The role's verdict under every chosen holder's redlines after the changes."""
    remaining: tuple[str, ...]
    """Concerns the role still crosses (or may cross) after the changes."""
    alternatives: int
    """How many change sets of the same size also work (this one included)."""

    @property
    def assume(self) -> tuple[str, ...]:
        return tuple(change.assume for change in self.changes)

    def for_role(self, role: str) -> JointRepair:
        """The same changes made to ``role`` (alike in every value the search tested)."""
        return replace(self, changes=tuple(replace(c, role=role) for c in self.changes))


@dataclass(frozen=True)
class Conflict:
    """Redlines that no values clear together (one redline when it alone can never clear)."""

    redlines: tuple[str, ...]
    holders: tuple[tuple[str, ...], ...]
    """The holders of each redline, in the same order."""

    @property
    def text(self) -> str:
        parts = [
            f"{redline} ({', '.join(holders)})"
            for redline, holders in zip(self.redlines, self.holders, strict=True)
        ]
        if len(parts) == 1:
            return f"no values clear {parts[0]}"
        return f"no values clear both {parts[0]} and {parts[1]}"


@dataclass(frozen=True)
class RoleStanding:
    """One role across the chosen holders."""

    role: Role
    acceptable_to: tuple[str, ...]
    repair: JointRepair | None
    """None when the role is acceptable to all, or when no change set within the bound works."""
    searched: int
    """Candidate change sets tried for this role."""
    blocked: bool = False
    """Not searched: conflicting redlines leave no values acceptable to every holder."""
    kept: tuple[str, ...] = ()
    """Attributes the search tests but left alone because they define the role."""
    bounded: bool = False
    """The run's budget of evaluations ran out first: whether a change within the bound clears
    the role is not known."""


@dataclass(frozen=True)
class Negotiation:
    """The holder x role matrix, who accepts what, the joint repairs and the conflicts."""

    holders: tuple[tuple[str, str], ...]
    """(id, name) of each chosen holder."""
    cells: tuple[Cell, ...]
    roles: tuple[RoleStanding, ...]
    conflicts: tuple[Conflict, ...]
    bound: int
    attributes: tuple[str, ...]
    """The attributes the chosen vetoes and conditions test: the only ones the search changes."""
    classes: int
    """The most value classes of one of those attributes."""
    worst_case: int
    """Most candidate sets the search could try for one role."""
    bounded: Bounded | None = None
    """What the run's budget of evaluations left unknown, when it stopped the search."""
    conflicts_bounded: Bounded | None = None
    """The pairs of redlines the conflict check left undecided, when its budget stopped it:
    they are not reported as conflicts, and not known to be clearable together either."""
    _cells: dict[tuple[str, str], Cell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The views look a cell up per holder and role: an index keeps that O(1).
        object.__setattr__(self, "_cells", {(c.holder, c.role): c for c in reversed(self.cells)})

    @property
    def acceptable_to_all(self) -> tuple[str, ...]:
        count = len(self.holders)
        return tuple(s.role.id for s in self.roles if len(s.acceptable_to) == count)

    @property
    def ranked(self) -> tuple[RoleStanding, ...]:
        """The roles not acceptable to every holder, closest first: fewest changes, then fewest
        holders to move; a role no change within the bound clears comes last."""
        count = len(self.holders)
        open_ = [s for s in self.roles if len(s.acceptable_to) < count]
        order = {s.role.id: i for i, s in enumerate(open_)}

        def key(s: RoleStanding) -> tuple[bool, int, int, int]:
            changes = len(s.repair.changes) if s.repair else 0
            return (s.repair is None, changes, count - len(s.acceptable_to), order[s.role.id])

        return tuple(sorted(open_, key=key))

    @property
    def searched(self) -> int:
        return sum(s.searched for s in self.roles)

    def cell(self, holder: str, role: str) -> Cell:
        return self._cells[(holder, role)]


# -- truth without reasons -------------------------------------------------------------------------
