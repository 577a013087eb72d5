"""The kinds of change ``diff`` reports, and one change: what, where, the two values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from dsr_options.load.sides import Location

Path = tuple[str | int, ...]
"""A place inside one item, as YAML keys and list indexes: ``("attributes", "trigger")``."""
Locator = Callable[[str, str, Path], "Location | None"]
"""Where ``(collection, item id, path)`` is written on one side, if known."""


class Action(str, Enum):
    """What a change does to the thing it is about."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    CHANGED = "changed"


class ChangeKind(str, Enum):
    """Every kind of change ``diff`` reports; the value is the name reports and counts use."""

    action: Action
    moves_answers: bool

    def __new__(cls, value: str, action: Action, moves_answers: bool) -> ChangeKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.action = action
        member.moves_answers = moves_answers
        return member

    def __str__(self) -> str:
        return str.__str__(self)

    # options (roles)
    ROLE_ADDED = ("role-added", Action.ADDED, True)
    ROLE_REMOVED = ("role-removed", Action.REMOVED, True)
    ROLE_RENAMED = ("role-renamed", Action.RENAMED, False)
    ROLE_TEXT = ("role-text", Action.CHANGED, False)
    """Its number, title or summary."""
    ROLE_SCOPE = ("role-scope", Action.CHANGED, False)
    """Its levels or dimensions."""
    # a role's attribute values
    VALUE_ADDED = ("value-added", Action.ADDED, True)
    VALUE_REMOVED = ("value-removed", Action.REMOVED, True)
    VALUE_CHANGED = ("value-changed", Action.CHANGED, True)
    BASIS_CHANGED = ("basis-changed", Action.CHANGED, True)
    VALUE_NOTE_CHANGED = ("value-note-changed", Action.CHANGED, False)
    VALUE_READINGS_CHANGED = ("value-readings-changed", Action.CHANGED, True)
    """Its declared alternatives (the readings firmness varies)."""
    # leads, reception, concerns, open questions
    LEAD_ADDED = ("lead-added", Action.ADDED, False)
    LEAD_REMOVED = ("lead-removed", Action.REMOVED, False)
    LEAD_CHANGED = ("lead-changed", Action.CHANGED, False)
    RECEPTION_CHANGED = ("reception-changed", Action.CHANGED, False)
    CONCERN_ADDED = ("concern-added", Action.ADDED, True)
    CONCERN_REMOVED = ("concern-removed", Action.REMOVED, True)
    CONCERN_CHANGED = ("concern-changed", Action.CHANGED, False)
    QUESTION_ADDED = ("question-added", Action.ADDED, False)
    QUESTION_REMOVED = ("question-removed", Action.REMOVED, False)
    QUESTION_CHANGED = ("question-changed", Action.CHANGED, False)
    # evidence, wherever it is attached
    EVIDENCE_ADDED = ("evidence-added", Action.ADDED, True)
    EVIDENCE_REMOVED = ("evidence-removed", Action.REMOVED, True)
    QUOTE_CHANGED = ("quote-changed", Action.CHANGED, True)
    STANCE_CHANGED = ("stance-changed", Action.CHANGED, True)
    EVIDENCE_CHANGED = ("evidence-changed", Action.CHANGED, False)
    """Its source or section."""
    # declarations
    ATTRIBUTE_ADDED = ("attribute-added", Action.ADDED, False)
    ATTRIBUTE_REMOVED = ("attribute-removed", Action.REMOVED, False)
    ATTRIBUTE_CHANGED = ("attribute-changed", Action.CHANGED, False)
    """Its type or description."""
    ALLOWED_VALUE_ADDED = ("allowed-value-added", Action.ADDED, False)
    ALLOWED_VALUE_REMOVED = ("allowed-value-removed", Action.REMOVED, False)
    ALLOWED_VALUE_CHANGED = ("allowed-value-changed", Action.CHANGED, False)
    OFFICE_ADDED = ("office-added", Action.ADDED, False)
    OFFICE_REMOVED = ("office-removed", Action.REMOVED, False)
    OFFICE_CHANGED = ("office-changed", Action.CHANGED, False)
    HOLDER_ADDED = ("holder-added", Action.ADDED, False)
    HOLDER_REMOVED = ("holder-removed", Action.REMOVED, False)
    HOLDER_CHANGED = ("holder-changed", Action.CHANGED, False)
    SOURCE_ADDED = ("source-added", Action.ADDED, False)
    SOURCE_REMOVED = ("source-removed", Action.REMOVED, False)
    SOURCE_CHANGED = ("source-changed", Action.CHANGED, False)
    # redlines
    REDLINE_ADDED = ("redline-added", Action.ADDED, True)
    REDLINE_REMOVED = ("redline-removed", Action.REMOVED, True)
    REDLINE_RENAMED = ("redline-renamed", Action.RENAMED, False)
    REDLINE_TEXT = ("redline-text", Action.CHANGED, False)
    """Its title, statement or repair."""
    REDLINE_ORIGIN = ("redline-origin", Action.CHANGED, False)
    REDLINE_HOLDERS = ("redline-holders", Action.CHANGED, False)
    REDLINE_STRICTNESS = ("redline-strictness", Action.CHANGED, True)
    """Its strictness, or the basis of its strictness."""
    REDLINE_CONFIDENCE = ("redline-confidence", Action.CHANGED, True)
    """How sure its writer is that the holders hold it."""
    REDLINE_RULE = ("redline-rule", Action.CHANGED, True)
    REDLINE_SCOPE = ("redline-scope", Action.CHANGED, True)
    """Its ``applies_to``."""
    # options beyond the roles: variants and packages
    VARIANT_ADDED = ("variant-added", Action.ADDED, True)
    VARIANT_REMOVED = ("variant-removed", Action.REMOVED, True)
    VARIANT_TEXT = ("variant-text", Action.CHANGED, False)
    """Its title or summary."""
    VARIANT_BASE = ("variant-base", Action.CHANGED, True)
    """The role it changes."""
    VARIANT_VALUE_ADDED = ("variant-value-added", Action.ADDED, True)
    VARIANT_VALUE_REMOVED = ("variant-value-removed", Action.REMOVED, True)
    VARIANT_VALUE_CHANGED = ("variant-value-changed", Action.CHANGED, True)
    """One of its ``changes``: a value that differs from its base role's."""
    PACKAGE_ADDED = ("package-added", Action.ADDED, True)
    PACKAGE_REMOVED = ("package-removed", Action.REMOVED, True)
    PACKAGE_TEXT = ("package-text", Action.CHANGED, False)
    """Its title or summary."""
    PACKAGE_MEMBERS = ("package-members", Action.CHANGED, True)
    """The roles taken together."""


@dataclass(frozen=True)
class Change:
    """One change between the sides: what, where in which item, the two values, the places.

    ``path`` is the place in OLD's item (for an addition inside an item, the last index is
    where it sits in NEW's list); ``new_path`` the place in NEW's item. ``old`` and ``new`` are
    the values as the models hold them (a pydantic model, a tuple, an enum...), None on the side
    that has none; ``to_data()`` gives them as plain JSON data.
    """

    kind: ChangeKind
    collection: str
    """``roles``, ``variants``, ``packages``, ``redlines``, ``attributes``, ``offices``,
    ``holders`` or ``sources``."""
    item: str
    """The item's id on OLD (on NEW for an item added)."""
    path: Path
    old: Any
    new: Any
    new_item: str | None = None
    """The item's id on NEW when it differs (a rename)."""
    new_path: Path = ()
    old_at: Location | None = None
    new_at: Location | None = None

    @property
    def key(self) -> str:
        """A stable name of the change: ``roles/role-1/attributes/trigger/value``."""
        return "/".join([self.collection, self.item, *(str(p) for p in self.path)])

    @property
    def moves_answers(self) -> bool:
        """Whether a change of this kind can move a verdict or a standing."""
        return self.kind.moves_answers

    @property
    def subject(self) -> str:
        """The item it is about, ``role-1`` or ``role-1 -> role-9`` for a rename."""
        return self.item if self.new_item is None else f"{self.item} -> {self.new_item}"

    def to_data(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind.value,
            "action": self.kind.action.value,
            "collection": self.collection,
            "item": self.item,
            "new_item": self.new_item,
            "path": list(self.path),
            "new_path": list(self.new_path),
            "old": plain(self.old),
            "new": plain(self.new),
            "old_at": None if self.old_at is None else str(self.old_at),
            "new_at": None if self.new_at is None else str(self.new_at),
            "moves_answers": self.moves_answers,
        }


def plain(value: Any) -> Any:
    """A model value as JSON-ready data: models dumped by alias, tuples as lists, enums as text."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value
