"""Pydantic models of blocs and of a forum file: who decides, by which rule, in which groups.

.. code-block:: yaml

    schema_version: 1
    forum:
      id: security-council
      name: Security Council
      rule: security-council
      members: [freedonia, sylvania, ...]
      permanent: [freedonia, ...]
    holders:              # members with no redline file of their own: undecided
      - id: ruritania
        name: Republic of Ruritania
        short: Ruritania
    blocs:
      - id: nam
        name: Non-Aligned Movement
        short: NAM
        members: [ruritania, sylvania]

Which members, permanent members and bloc members exist is checked against the holders the
forum file and the redline files declare (``dsr-options validate``, and every load).
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dsr_options.model.catalogue import Bloc, Holder, Id, ShortText, Text

__all__ = ["COUNCIL_VOTES", "Bloc", "Forum", "ForumFile", "ForumRule", "needed"]

COUNCIL_VOTES = 9
"""Acceptances the Security Council's rule needs unless a forum sets ``votes`` (Article 27)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class ForumRule(str, Enum):
    """How a forum decides."""

    CONSENSUS = "consensus"
    SECURITY_COUNCIL = "security-council"
    MAJORITY = "majority"
    TWO_THIRDS = "two-thirds"


class Forum(_Strict):
    """A body that decides: its members and its rule."""

    id: Id
    name: ShortText
    short: ShortText | None = None
    description: Text | None = None
    rule: ForumRule = Field(
        default=ForumRule.CONSENSUS,
        strict=False,
        description=(
            "consensus (no member objects), security-council (votes members accept and no "
            "permanent member objects), majority (more than half accept) or two-thirds."
        ),
    )
    members: list[Id] = Field(min_length=1, description="The holders who decide.")
    permanent: list[Id] = Field(
        default_factory=list,
        description="Members whose objection alone blocks (security-council only).",
    )
    votes: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Acceptances needed, when not the rule's own (security-council: 9; majority: "
            "more than half; two-thirds: two thirds; consensus: every member)."
        ),
    )

    @property
    def label(self) -> str:
        return self.short or self.name


class ForumFile(_Strict):
    """The contents of a forum file."""

    schema_version: Literal[1]
    forum: Forum
    holders: list[Holder] = Field(
        default_factory=list,
        description="Members no redline file declares: they are undecided.",
    )
    blocs: list[Bloc] = Field(default_factory=list)


def needed(rule: ForumRule, members: int, votes: int | None = None) -> int:
    """Acceptances a forum of ``members`` needs under ``rule`` (``votes`` when set)."""
    if votes is not None:
        return votes
    if rule is ForumRule.CONSENSUS:
        return members
    if rule is ForumRule.SECURITY_COUNCIL:
        return COUNCIL_VOTES
    if rule is ForumRule.MAJORITY:
        return members // 2 + 1
    return math.ceil(2 * members / 3)
