"""A forum's decision rule over its members' positions: passes, fails, or needs some undecided.

A member *accepts* an option (a role, or a design) when it crosses none of the member's vetoes
and conditions, *objects* when it does, and is *undecided* when no redline of the member was
given. Undecided members may still go either way, so the answer is three-valued: ``passes``
(whatever the undecided do), ``fails`` (whatever they do), or ``needs`` N of the M undecided
members to accept. Abstention is not modelled: a member accepts or objects.

The rules:

* ``consensus``: no member objects (every member may block);
* ``security-council``: at least ``votes`` members accept (9 of 15) and no permanent member
  objects;
* ``majority``: more than half of the members accept;
* ``two-thirds``: at least two thirds of the members accept.

No I/O and no words: the numbers a view puts into sentences.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dsr_options.errors import UsageError
from dsr_options.model.forum import COUNCIL_VOTES, needed
from dsr_options.model.forum import ForumRule as Rule

__all__ = [
    "COUNCIL_VOTES",
    "Decision",
    "Forum",
    "Rule",
    "check_forum",
    "decide",
    "outcome",
]

Status = Literal["passes", "fails", "needs"]


@dataclass(frozen=True)
class Forum:
    """Who decides, and by which rule."""

    rule: Rule
    members: tuple[str, ...]
    permanent: tuple[str, ...] = ()
    votes: int | None = None
    """Acceptances needed, when the forum sets them (else the rule's own)."""
    name: str = ""

    @property
    def needed(self) -> int:
        """How many members must accept."""
        return needed(self.rule, len(self.members), self.votes)

    @property
    def vetoing(self) -> frozenset[str]:
        """The members whose objection alone blocks: all (consensus), the permanent (Council)."""
        if self.rule is Rule.CONSENSUS:
            return frozenset(self.members)
        if self.rule is Rule.SECURITY_COUNCIL:
            return frozenset(self.permanent)
        return frozenset()

    def problems(self) -> list[str]:
        """Why this forum cannot decide anything, in plain words (empty when it can)."""
        found = []
        members = set(self.members)
        if not self.members:
            found.append("a forum needs at least one member")
        outside = [p for p in self.permanent if p not in members]
        if outside:
            found.append(f"permanent members not among its members: {', '.join(outside)}")
        if self.permanent and self.rule is not Rule.SECURITY_COUNCIL:
            found.append(f"permanent members mean nothing under {self.rule.value}")
        if self.votes is not None and self.votes < 1:
            found.append(f"the votes needed are at least 1, not {self.votes}")
        elif self.members and self.needed > len(self.members):
            found.append(
                f"{self.needed} acceptances are needed but the forum has "
                f"{len(self.members)} members: no option could pass"
            )
        return found


def check_forum(forum: Forum) -> Forum:
    """The forum, or a :class:`UsageError` saying why it cannot decide."""
    problems = forum.problems()
    if problems:
        raise UsageError(f"the forum cannot decide: {'; '.join(problems)}", about="forum")
    return forum


def outcome(
    forum: Forum, accepting: Collection[str], undecided: Collection[str]
) -> tuple[Status, int]:
    """The status, and how many of the undecided must accept when it is ``needs`` (else 0).

    ``accepting`` and ``undecided`` are members; every other member objects."""
    vetoing = forum.vetoing
    objecting = set(forum.members) - set(accepting) - set(undecided)
    if objecting & vetoing:
        return "fails", 0
    if len(accepting) + len(undecided) < forum.needed:
        return "fails", 0
    undecided_vetoing = set(undecided) & vetoing
    if len(accepting) >= forum.needed and not undecided_vetoing:
        return "passes", 0
    return "needs", max(forum.needed - len(accepting), len(undecided_vetoing))


@dataclass(frozen=True)
class Decision:
    """What the forum's rule makes of one option."""

    status: Status
    accepting: tuple[str, ...]
    objecting: tuple[str, ...]
    undecided: tuple[str, ...]
    needed: int
    """Acceptances the rule needs."""
    needs: int
    """When ``status`` is ``needs``: how many of the undecided must accept."""
    short: int
    """Acceptances missing beyond the decided members' (0 when enough accept)."""
    vetoes: tuple[str, ...]
    """Members whose objection alone blocks it (permanent members; every member in consensus)."""
    blocked_by: tuple[str, ...]
    """The objectors that stop it: those who veto, else every objector when votes are short."""
    pivotal: tuple[str, ...]
    """Members whose change alone would change the answer: a decided member changing its
    position, or an undecided member whose position alone would settle it."""


def decide(forum: Forum, positions: Mapping[str, bool | None]) -> Decision:
    """The forum's answer for one option; ``positions`` maps each member to True (accepts),
    False (objects) or None (undecided); a member missing from it is undecided."""
    members = forum.members
    accepting = tuple(m for m in members if positions.get(m) is True)
    objecting = tuple(m for m in members if positions.get(m) is False)
    undecided = tuple(m for m in members if positions.get(m) is None)
    status, needs = outcome(forum, accepting, undecided)
    vetoes = tuple(m for m in objecting if m in forum.vetoing)
    short = max(forum.needed - len(accepting), 0)
    if status == "passes":
        blocked: tuple[str, ...] = ()
    elif vetoes:
        blocked = vetoes
    else:
        blocked = objecting
    return Decision(
        status,
        accepting,
        objecting,
        undecided,
        forum.needed,
        needs,
        short,
        vetoes,
        blocked,
        _pivotal(forum, status, accepting, objecting, undecided),
    )


def _pivotal(
    forum: Forum,
    status: Status,
    accepting: Sequence[str],
    objecting: Sequence[str],
    undecided: Sequence[str],
) -> tuple[str, ...]:
    found = []
    for member in forum.members:
        if member in accepting:
            after, _ = outcome(forum, [m for m in accepting if m != member], undecided)
            pivotal = after != status
        elif member in objecting:
            pivotal = outcome(forum, [*accepting, member], undecided)[0] != status
        else:
            rest = [m for m in undecided if m != member]
            pivotal = status == "needs" and (
                outcome(forum, [*accepting, member], rest)[0] == "passes"
                or outcome(forum, accepting, rest)[0] == "fails"
            )
        if pivotal:
            found.append(member)
    return tuple(found)
