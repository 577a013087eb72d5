"""What changed between two catalogues: the typed changes, and applying a set of them."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from dsr_options.model.catalogue import (
    Catalogue,
    Evidence,
    Noted,
    Redline,
    Role,
)

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


# -- changes --------------------------------------------------------------------------------------


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
    """``roles``, ``redlines``, ``attributes``, ``offices``, ``holders`` or ``sources``."""
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


class _Differ:
    """Collects the changes of one pair of catalogues, locating each on its side."""

    def __init__(self, old_locate: Locator | None, new_locate: Locator | None) -> None:
        self.changes: list[Change] = []
        self._old_locate = old_locate
        self._new_locate = new_locate
        self.collection = ""
        self.item = ""
        self.new_item = ""

    def add(
        self, kind: ChangeKind, path: Path, old: Any, new: Any, new_path: Path | None = None
    ) -> None:
        new_path = path if new_path is None else new_path
        action = kind.action
        old_at = new_at = None
        if action is not Action.ADDED and self._old_locate is not None:
            old_at = self._old_locate(self.collection, self.item, path)
        if action is not Action.REMOVED and self._new_locate is not None:
            new_at = self._new_locate(self.collection, self.new_item, new_path)
        renamed = self.new_item if self.new_item != self.item else None
        self.changes.append(
            Change(
                kind,
                self.collection,
                self.item,
                path,
                old,
                new,
                renamed if kind.action is Action.RENAMED else None,
                new_path if action is not Action.REMOVED else (),
                old_at,
                new_at,
            )
        )

    def fields(
        self,
        old: BaseModel,
        new: BaseModel,
        kinds: Mapping[str, ChangeKind],
        path: Path = (),
        new_path: Path = (),
    ) -> None:
        """A change for each listed field whose value differs (YAML key == field name)."""
        for name, kind in kinds.items():
            attr = {"in": "in_", "not": "not_"}.get(name, name)
            before, after = getattr(old, attr), getattr(new, attr)
            if before != after:
                self.add(kind, (*path, name), before, after, (*new_path, name))


# (added, removed, changed) for each kind of list inside an item
_EVIDENCE = (ChangeKind.EVIDENCE_ADDED, ChangeKind.EVIDENCE_REMOVED)
_CONCERNS = (ChangeKind.CONCERN_ADDED, ChangeKind.CONCERN_REMOVED, ChangeKind.CONCERN_CHANGED)
_QUESTIONS = (ChangeKind.QUESTION_ADDED, ChangeKind.QUESTION_REMOVED, ChangeKind.QUESTION_CHANGED)
_SIMILAR = 0.5
"""How alike two texts must be (difflib's ratio) to be one edited text, not one removed and one
added."""


def _similar(a: str, b: str) -> float:
    """1 when one text holds the other (a quote lengthened or cut), else difflib's ratio."""
    if a in b or b in a:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _pair(
    old: Sequence[Any],
    new: Sequence[Any],
    same: Callable[[Any, Any], bool],
    text: Callable[[Any], str],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Match list items: equal ones first, then by ``same``, then the most alike texts.

    Returns the (old index, new index) pairs, then the old indexes left (removed) and the new
    ones left (added), each in order.
    """
    left_old = list(range(len(old)))
    left_new = list(range(len(new)))
    pairs: list[tuple[int, int]] = []
    for match in (lambda a, b: a == b, same):
        for j in list(left_new):
            i = next((i for i in left_old if match(old[i], new[j])), None)
            if i is not None:
                pairs.append((i, j))
                left_old.remove(i)
                left_new.remove(j)
    scored = sorted(
        ((_similar(text(old[i]), text(new[j])), i, j) for i in left_old for j in left_new),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    for score, i, j in scored:
        if score < _SIMILAR:
            break
        if i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    if len(left_old) == 1 and len(left_new) == 1:  # one item edited in place, however much
        pairs.append((left_old.pop(), left_new.pop()))
    return sorted(pairs), left_old, left_new


def _evidence(
    d: _Differ, old: Sequence[Evidence], new: Sequence[Evidence], path: Path, new_path: Path
) -> None:
    if old == new:
        return
    pairs, removed, added = _pair(
        old, new, lambda a, b: a.quote == b.quote and a.source == b.source, lambda e: e.quote
    )
    for i, j in pairs:
        a, b = old[i], new[j]
        at, new_at = (*path, i), (*new_path, j)
        if a.quote != b.quote:
            d.add(ChangeKind.QUOTE_CHANGED, (*at, "quote"), a.quote, b.quote, (*new_at, "quote"))
        d.fields(a, b, {"stance": ChangeKind.STANCE_CHANGED}, at, new_at)
        d.fields(
            a,
            b,
            {"source": ChangeKind.EVIDENCE_CHANGED, "section": ChangeKind.EVIDENCE_CHANGED},
            at,
            new_at,
        )
    for i in removed:
        d.add(_EVIDENCE[1], (*path, i), old[i], None)
    for j in added:
        d.add(_EVIDENCE[0], (*path, j), None, new[j], (*new_path, j))


def _noted(
    d: _Differ,
    old: Sequence[Noted],
    new: Sequence[Noted],
    path: Path,
    new_path: Path,
    kinds: tuple[ChangeKind, ChangeKind, ChangeKind],
) -> None:
    if old == new:
        return
    pairs, removed, added = _pair(old, new, lambda a, b: a.text == b.text, lambda n: n.text)
    for i, j in pairs:
        at, new_at = (*path, i), (*new_path, j)
        d.fields(old[i], new[j], {"text": kinds[2], "basis": kinds[2]}, at, new_at)
        _evidence(d, old[i].evidence, new[j].evidence, (*at, "evidence"), (*new_at, "evidence"))
    for i in removed:
        d.add(kinds[1], (*path, i), old[i], None)
    for j in added:
        d.add(kinds[0], (*path, j), None, new[j], (*new_path, j))


def _role(d: _Differ, old: Role, new: Role) -> None:
    text = ChangeKind.ROLE_TEXT
    d.fields(old, new, {"number": text, "title": text, "summary": text})
    d.fields(old, new, {"levels": ChangeKind.ROLE_SCOPE, "dimensions": ChangeKind.ROLE_SCOPE})
    if old.attributes != new.attributes:
        for name in dict.fromkeys([*old.attributes, *new.attributes]):
            before, after = old.attributes.get(name), new.attributes.get(name)
            at: Path = ("attributes", name)
            if before is None:
                d.add(ChangeKind.VALUE_ADDED, at, None, after)
            elif after is None:
                d.add(ChangeKind.VALUE_REMOVED, at, before, None)
            elif before != after:
                kinds = {
                    "value": ChangeKind.VALUE_CHANGED,
                    "basis": ChangeKind.BASIS_CHANGED,
                    "note": ChangeKind.VALUE_NOTE_CHANGED,
                    "alternatives": ChangeKind.VALUE_READINGS_CHANGED,
                }
                d.fields(before, after, kinds, at, at)
                _evidence(d, before.evidence, after.evidence, (*at, "evidence"), (*at, "evidence"))
    if old.leads != new.leads:
        pairs, removed, added = _pair(
            old.leads, new.leads, lambda a, b: a.office == b.office, lambda lead: lead.rationale
        )
        for i, j in pairs:
            a, b = old.leads[i], new.leads[j]
            at, new_at = ("leads", i), ("leads", j)
            changed = ChangeKind.LEAD_CHANGED
            d.fields(a, b, {"office": changed, "rationale": changed, "basis": changed}, at, new_at)
            _evidence(d, a.evidence, b.evidence, (*at, "evidence"), (*new_at, "evidence"))
        for i in removed:
            d.add(ChangeKind.LEAD_REMOVED, ("leads", i), old.leads[i], None)
        for j in added:
            d.add(ChangeKind.LEAD_ADDED, ("leads", j), None, new.leads[j], ("leads", j))
    if old.reception != new.reception:
        changed = ChangeKind.RECEPTION_CHANGED
        kinds = {"stance": changed, "voices": changed, "summary": changed, "basis": changed}
        d.fields(old.reception, new.reception, kinds, ("reception",), ("reception",))
        at = ("reception", "evidence")
        _evidence(d, old.reception.evidence, new.reception.evidence, at, at)
    _noted(d, old.concerns, new.concerns, ("concerns",), ("concerns",), _CONCERNS)
    _noted(
        d,
        old.open_questions,
        new.open_questions,
        ("open_questions",),
        ("open_questions",),
        _QUESTIONS,
    )
    _evidence(d, old.evidence, new.evidence, ("evidence",), ("evidence",))


def _redline(d: _Differ, old: Redline, new: Redline) -> None:
    text, strict = ChangeKind.REDLINE_TEXT, ChangeKind.REDLINE_STRICTNESS
    d.fields(old, new, {"title": text, "statement": text})
    d.fields(old, new, {"origin": ChangeKind.REDLINE_ORIGIN, "holders": ChangeKind.REDLINE_HOLDERS})
    d.fields(old, new, {"strictness": strict, "strictness_basis": strict})
    d.fields(old, new, {"confidence": ChangeKind.REDLINE_CONFIDENCE})
    d.fields(old, new, {"rule": ChangeKind.REDLINE_RULE, "applies_to": ChangeKind.REDLINE_SCOPE})
    d.fields(old, new, {"repair": text})
    _evidence(d, old.evidence, new.evidence, ("evidence",), ("evidence",))


def _attribute(d: _Differ, old: Any, new: Any) -> None:
    changed = ChangeKind.ATTRIBUTE_CHANGED
    d.fields(old, new, {"type": changed, "description": changed})
    if old.values != new.values:
        pairs, removed, added = _pair(
            old.values, new.values, lambda a, b: a.id == b.id, lambda v: v.id
        )
        for i, j in pairs:
            kinds = {
                "id": ChangeKind.ALLOWED_VALUE_CHANGED,
                "description": ChangeKind.ALLOWED_VALUE_CHANGED,
            }
            d.fields(old.values[i], new.values[j], kinds, ("values", i), ("values", j))
        for i in removed:
            d.add(ChangeKind.ALLOWED_VALUE_REMOVED, ("values", i), old.values[i], None)
        for j in added:
            d.add(ChangeKind.ALLOWED_VALUE_ADDED, ("values", j), None, new.values[j], ("values", j))


def _office(d: _Differ, old: Any, new: Any) -> None:
    changed = ChangeKind.OFFICE_CHANGED
    d.fields(old, new, {"name": changed, "part_of": changed, "description": changed})
    _evidence(d, old.evidence, new.evidence, ("evidence",), ("evidence",))


def _holder(d: _Differ, old: Any, new: Any) -> None:
    changed = ChangeKind.HOLDER_CHANGED
    d.fields(old, new, {"name": changed, "description": changed})


def _source(d: _Differ, old: Any, new: Any) -> None:
    changed = ChangeKind.SOURCE_CHANGED
    names = ("title", "date", "organisers", "location", "sections", "notes")
    d.fields(old, new, dict.fromkeys(names, changed))


@dataclass(frozen=True)
class CollectionSpec:
    """How one list of the catalogue is compared: its kinds of change and an item comparer."""

    name: str
    added: ChangeKind
    removed: ChangeKind
    renamed: ChangeKind | None
    compare: Callable[[_Differ, Any, Any], None]
    ignore_in_rename: tuple[str, ...] = ("id",)
    """Fields a rename may change too (a role's number goes with its id)."""


COLLECTIONS: tuple[CollectionSpec, ...] = (
    CollectionSpec("sources", ChangeKind.SOURCE_ADDED, ChangeKind.SOURCE_REMOVED, None, _source),
    CollectionSpec(
        "attributes", ChangeKind.ATTRIBUTE_ADDED, ChangeKind.ATTRIBUTE_REMOVED, None, _attribute
    ),
    CollectionSpec("offices", ChangeKind.OFFICE_ADDED, ChangeKind.OFFICE_REMOVED, None, _office),
    CollectionSpec("holders", ChangeKind.HOLDER_ADDED, ChangeKind.HOLDER_REMOVED, None, _holder),
    CollectionSpec(
        "roles",
        ChangeKind.ROLE_ADDED,
        ChangeKind.ROLE_REMOVED,
        ChangeKind.ROLE_RENAMED,
        _role,
        ("id", "number"),
    ),
    CollectionSpec(
        "redlines",
        ChangeKind.REDLINE_ADDED,
        ChangeKind.REDLINE_REMOVED,
        ChangeKind.REDLINE_RENAMED,
        _redline,
    ),
)
"""The catalogue's lists in the order changes are reported; options (variants, packages) join
here as their models do."""


def _content(item: BaseModel, ignore: tuple[str, ...]) -> str:
    return json.dumps(
        item.model_dump(mode="json", by_alias=True, exclude=set(ignore)), sort_keys=True
    )


def changes_between(
    old: Catalogue,
    new: Catalogue,
    *,
    old_locate: Locator | None = None,
    new_locate: Locator | None = None,
) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``, in catalogue order (sources ... roles, redlines).

    ``old_locate`` and ``new_locate`` place each change on its side (see ``Side.locate``).
    """
    d = _Differ(old_locate, new_locate)
    for spec in COLLECTIONS:
        before: list[Any] = getattr(old, spec.name)
        after: list[Any] = getattr(new, spec.name)
        if before == after:
            continue
        d.collection = spec.name
        old_ids = {item.id: item for item in before}
        new_ids = {item.id: item for item in after}
        renames: dict[str, str] = {}
        gone = [item for item in before if item.id not in new_ids]
        came = [item for item in after if item.id not in old_ids]
        if spec.renamed is not None and gone and came:
            by_content: dict[str, list[Any]] = {}
            for item in came:
                by_content.setdefault(_content(item, spec.ignore_in_rename), []).append(item)
            gone_content: Counter[str] = Counter(_content(i, spec.ignore_in_rename) for i in gone)
            for item in gone:
                content = _content(item, spec.ignore_in_rename)
                matches = by_content.get(content, [])
                if len(matches) == 1 and gone_content[content] == 1:
                    renames[item.id] = matches[0].id
        for item in before:
            d.item = item.id
            if item.id in renames:
                d.new_item = renames[item.id]
                assert spec.renamed is not None
                d.add(spec.renamed, (), item, new_ids[d.new_item])
                other = new_ids[d.new_item]
                if spec.name == "roles" and item.number != other.number:
                    d.add(ChangeKind.ROLE_TEXT, ("number",), item.number, other.number)
                continue
            d.new_item = item.id
            if item.id not in new_ids:
                d.add(spec.removed, (), item, None)
            elif item != new_ids[item.id]:
                spec.compare(d, item, new_ids[item.id])
        renamed_to = set(renames.values())
        for item in after:
            if item.id not in old_ids and item.id not in renamed_to:
                d.item = d.new_item = item.id
                d.add(spec.added, (), None, item)
    return tuple(d.changes)


# -- applying changes -----------------------------------------------------------------------------

_GONE = object()
"""Marks a value a change removes."""
_Op = tuple[Path, Action, Any]


def _apply(value: Any, ops: list[_Op]) -> Any:
    """``value`` with the operations (path relative to it, action, new value) applied."""
    for path, action, new in ops:
        if not path:
            return _GONE if action is Action.REMOVED else new
    below: dict[str | int, list[_Op]] = {}
    for path, action, new in ops:
        below.setdefault(path[0], []).append((path[1:], action, new))
    if isinstance(value, BaseModel):
        update = {}
        for name, sub in below.items():
            attr = {"in": "in_", "not": "not_"}.get(str(name), str(name))
            result = _apply(getattr(value, attr), sub)
            update[attr] = None if result is _GONE else result
        return value.model_copy(update=update)
    if isinstance(value, dict):
        copy = dict(value)
        for key, sub in below.items():
            result = _apply(copy.get(str(key)), sub)
            if result is _GONE:
                copy.pop(str(key), None)
            else:
                copy[str(key)] = result
        return copy
    if isinstance(value, (list, tuple)):
        items: list[Any] = []
        inserted: list[tuple[int, Any]] = []
        for index, item in enumerate(value):
            sub = below.get(index, [])
            additions = [op for op in sub if not op[0] and op[1] is Action.ADDED]
            inserted.extend((index, op[2]) for op in additions)
            rest = [op for op in sub if op not in additions]
            result = _apply(item, rest) if rest else item
            if result is not _GONE:
                items.append(result)
        for key, sub in below.items():
            if isinstance(key, int) and key >= len(value):
                inserted.extend((key, op[2]) for op in sub if op[1] is Action.ADDED)
        for index, item in sorted(inserted, key=lambda pair: pair[0]):
            items.insert(min(index, len(items)), item)
        return tuple(items) if isinstance(value, tuple) else items
    return value  # pragma: no cover - paths end at models, dicts and lists


def apply_changes(catalogue: Catalogue, changes: Iterable[Change]) -> Catalogue:
    """``catalogue`` (the OLD side) with some of the listed changes made, others left as they were.

    Works on the frozen models with ``model_copy(update=...)``: items no change touches are the
    same objects as before (so an :class:`Evaluator`'s cache still knows them). An item added is
    appended to its list; a removed one dropped; a renamed one replaced by NEW's item.
    """
    by_collection: dict[str, dict[str, list[_Op]]] = {}
    for change in changes:
        per_item = by_collection.setdefault(change.collection, {})
        per_item.setdefault(change.item, []).append((change.path, change.kind.action, change.new))
    update: dict[str, list[Any]] = {}
    for name, by_item in by_collection.items():
        items: list[Any] = []
        for item in getattr(catalogue, name):
            ops = by_item.pop(item.id, None)
            if ops is None:
                items.append(item)
                continue
            result = _apply(item, ops)
            if result is not _GONE:
                items.append(result)
        for added in by_item.values():  # items added
            items.extend(new for path, action, new in added if not path and action is Action.ADDED)
        update[name] = items
    return catalogue.model_copy(update=update)
