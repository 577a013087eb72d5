"""The closed vocabularies of the catalogue's fixed structure, as enums.

Kept apart from the pydantic models so that the command line can offer them as choices without
importing pydantic at start-up. Open vocabularies (attributes, offices, holders) are data.
"""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    """Where in a defense sector the support acts."""

    STRATEGIC = "strategic"
    OPERATIONAL = "operational"
    TACTICAL = "tactical"


class Dimension(str, Enum):
    """Whether the support is about power and politics, or about technique."""

    POLITICAL = "political"
    TECHNICAL = "technical"


class Stance(str, Enum):
    """What a piece of evidence does to the role or redline it is attached to."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    QUALIFIES = "qualifies"
    NEUTRAL = "neutral"


class Basis(str, Enum):
    """Whether a statement is the note's (and so carries evidence) or our own judgement."""

    NOTE = "note"
    ANALYSIS = "analysis"
    ASSUMED = "assumed"
    """A what-if value a user assumed (``--assume`` or a scenario), never the catalogue's."""


class ReceptionStance(str, Enum):
    """How participants received a role."""

    SUPPORT = "support"
    MIXED = "mixed"
    SKEPTICAL = "skeptical"
    UNRECORDED = "unrecorded"
    """The note records no reaction to this role."""


class Voices(str, Enum):
    """How many voices the note records behind a view."""

    ONE = "one"
    SEVERAL = "several"
    MANY = "many"
    GENERAL = "general"
    UNRECORDED = "unrecorded"


class Origin(str, Enum):
    """Who put a redline or principle on the table."""

    DRAFT_POLICY = "draft-policy"
    PARTICIPANTS = "participants"
    MEMBER_STATE = "member-state"
    """A delegation's own redline, in a redline file of its own."""
    NOTE = "note"
    """The meeting note's own voice (its writer's findings), not a view it gives to participants."""


class Strictness(str, Enum):
    """What crossing a redline means: out, flagged, or a condition every engagement must meet."""

    VETO = "veto"
    CONCERN = "concern"
    CONDITION = "condition"


class AttributeType(str, Enum):
    """The shape of an attribute's value."""

    BOOLEAN = "boolean"
    CHOICE = "choice"
    """Exactly one of the declared values."""
    CHOICES = "choices"
    """A set of the declared values (possibly empty)."""


class Confidence(str, Enum):
    """How sure a redline file's writer is that the holder holds the redline."""

    STATED = "stated"
    """The holder said so (in the room, in writing)."""
    REPORTED = "reported"
    """Someone else reports that the holder holds it."""
    INFERRED = "inferred"
    """The writer infers it from what the holder said or did."""
