"""What changed between two catalogues, and which answers moved because of it (``diff``).

Three steps, each plain data:

1. :func:`changes_between` lists the changes, typed (:class:`ChangeKind`), each at its place in
   the item it changes and located on its side (``OLD:data/roles.yaml:12:7``).
2. :func:`consequences_of` re-evaluates every role on both sides and lists each verdict and
   agreement standing that moved, with its causes: the smallest set of the listed changes that,
   applied to the OLD catalogue (:func:`apply_changes`), reproduces the new answer. The search is
   exact (subsets in increasing size) over the changes relevant to the role (its own, and those
   of the redlines), and bounded (:class:`Bounds`); a search stopped by its bound says so.
3. :func:`diff_catalogues` / :func:`diff_sides` put both together with a :class:`Summary`
   (counts per kind; whether any answer moved) in a :class:`Diff`, whose ``to_data()`` is the
   JSON-ready form every output format is made from.

Items (roles, redlines, declarations) are matched by id; an item whose id changed and whose
content did not is a rename when exactly one removed and one added item share that content.
New collections (variants, packages) are added by listing them in ``COLLECTIONS`` with a
function comparing two of their items.
"""

from __future__ import annotations

import difflib
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from dsr_options.analyses.agreement import role_agreement
from dsr_options.analyses.evaluate import (
    MAX_PAIRS_ENV,
    Evaluator,
    RoleVerdict,
    Verdict,
    combine_results,
    max_pairs,
    role_bases,
    role_values,
)
from dsr_options.errors import DsrOptionsError
from dsr_options.load.catalogue import outside_the_collector
from dsr_options.model.catalogue import (
    AllRule,
    AttributeTest,
    Catalogue,
    Evidence,
    Noted,
    NotRule,
    Redline,
    Role,
    Rule,
)

if TYPE_CHECKING:
    from dsr_options.load.sides import Location, Side

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


# -- consequences ---------------------------------------------------------------------------------


class ConsequenceKind(str, Enum):
    """Which answer moved."""

    VERDICT = "verdict"
    """The role's ``check`` verdict, or the verdicts its unknown results leave possible."""
    STANDING = "standing"
    """The role's ``agree`` standing."""


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


_Answer = tuple[str, tuple[str, ...]]


class _Remembering(Evaluator):
    """An evaluator that evaluates each role object once: its verdict, then its standing."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__(catalogue)
        self._roles: dict[int, tuple[Role, RoleVerdict]] = {}

    def evaluate_role(self, role: Role) -> RoleVerdict:
        held = self._roles.get(id(role))
        if held is None or held[0] is not role:
            held = self._roles[id(role)] = (role, super().evaluate_role(role))
        return held[1]


class _Answers:
    """A role's verdict and standing on some catalogue, sharing one evaluator per catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.evaluator: Evaluator = _Remembering(catalogue)

    def verdict(self, role: Role) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
        rv = self.evaluator.evaluate_role(role)
        return rv.verdict, rv.possible, rv.deciding

    def standing(self, role: Role) -> str:
        return role_agreement(self.catalogue, role, self.evaluator).standing


def _answer_kinds() -> tuple[ConsequenceKind, ...]:
    return (ConsequenceKind.VERDICT, ConsequenceKind.STANDING)


class _Search:
    """Re-evaluates one role under subsets of changes applied to OLD."""

    def __init__(self, old: Catalogue, shared: Evaluator) -> None:
        self.old = old
        self.shared = shared
        self.redline_ids = {r.id for r in old.redlines}

    def role_under(self, role: Role | None, subset: Sequence[Change]) -> Role | None:
        ops = [(c.path, c.kind.action, c.new) for c in subset if c.collection == "roles"]
        if not ops:
            return role
        if role is None:  # the role is only on NEW: its addition brings it
            added = [new for path, action, new in ops if not path and action is Action.ADDED]
            return added[0] if added else None
        result = _apply(role, ops)
        return None if result is _GONE else result

    def verdict(self, role: Role, subset: Sequence[Change]) -> _Answer:
        redline_changes = [c for c in subset if c.collection == "redlines"]
        if redline_changes:
            redlines = apply_changes(self.old, redline_changes).redlines
        else:
            redlines = self.old.redlines
        values, bases = role_values(role), role_bases(role)
        results = [self.shared.evaluate(role, r, values, bases) for r in redlines]
        verdict, possible, _ = combine_results(results)
        return verdict.value, tuple(v.value for v in possible)

    def standing(self, role: Role, subset: Sequence[Change]) -> str:
        catalogue = apply_changes(self.old, [c for c in subset if c.collection != "roles"])
        evaluator = Evaluator(catalogue)
        evaluator._results = self.shared._results  # results are keyed by the redline object
        return role_agreement(catalogue, role, evaluator).standing


def _search(
    search: _Search,
    kind: ConsequenceKind,
    role: Role | None,
    relevant: Sequence[Change],
    target: Any,
    bounds: Bounds,
) -> tuple[tuple[Change, ...], int, bool, int]:
    """The smallest subset of ``relevant`` under which the role's answer is ``target``.

    Returns (causes, evaluations, bound reached, largest size searched in full).
    """
    evaluations = 0
    largest = min(bounds.max_subset, len(relevant))
    for size in range(1, largest + 1):
        for subset in itertools.combinations(relevant, size):
            if evaluations >= bounds.max_evaluations:
                return (), evaluations, True, size - 1
            evaluations += 1
            changed = search.role_under(role, subset)
            if changed is None:
                answer: Any = None
            elif kind is ConsequenceKind.VERDICT:
                answer = search.verdict(changed, subset)
            else:
                answer = search.standing(changed, subset)
            if answer == target:
                return subset, evaluations, False, size
    return (), evaluations, len(relevant) > largest, largest


def consequences_of(
    old: Catalogue,
    new: Catalogue,
    changes: Sequence[Change],
    bounds: Bounds | None = None,
) -> tuple[Consequence, ...]:
    """Every verdict and standing that differs between ``old`` and ``new``, with its causes.

    Roles are matched by id, a renamed role to its new id. The causes of each are searched for
    among the changes relevant to the role: its own (by either id) and every redline change, of
    a kind that can move an answer (``ChangeKind.moves_answers``). Changes to declarations,
    offices, holders and sources, and to a role's text, leads or open questions, cannot move a
    verdict or a standing, so they are never causes.
    """
    bounds = bounds or Bounds()
    renamed = {c.item: c.new_item for c in changes if c.kind is ChangeKind.ROLE_RENAMED}
    back = {new_id: old_id for old_id, new_id in renamed.items() if new_id is not None}
    olds, news = _Answers(old), _Answers(new)
    old_roles = {role.id: role for role in old.roles}
    new_roles = {role.id: role for role in new.roles}
    by_role: dict[str, list[Change]] = {}
    redline_changes: list[Change] = []
    for change in changes:
        if change.collection == "roles":
            by_role.setdefault(change.item, []).append(change)
        elif change.collection == "redlines":
            redline_changes.append(change)
    search = _Search(old, olds.evaluator)
    pairs: list[tuple[str | None, str | None]] = [
        (
            role.id,
            renamed.get(role.id, role.id) if renamed.get(role.id, role.id) in new_roles else None,
        )
        for role in old.roles
    ]
    pairs += [
        (None, role.id) for role in new.roles if role.id not in old_roles and role.id not in back
    ]
    # Only a role for which some redline comes out differently can have moved: a changed
    # redline, or (when the role's own changes are all values and bases) a redline testing a
    # changed attribute. Other roles are not re-evaluated, and no answer is missed: a verdict
    # and a standing are made of the redlines' results and the role's evidence.
    screen = _redline_pairs(old, new, redline_changes)
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    testing_old, testing_new = _testing(old.redlines), _testing(new.redlines)

    def may_move(old_id: str | None, new_id: str | None) -> bool:
        own = by_role.get(old_id or "", []) + (
            by_role.get(new_id or "", []) if new_id != old_id else []
        )
        own = [change for change in own if change.moves_answers]
        if old_id is None or new_id is None:
            return bool(own)
        checked = list(screen)
        if any(change.kind not in _VALUE_KINDS for change in own):
            return True
        for name in {str(change.path[1]) for change in own}:
            checked += [(r, new_by_id.get(r.id)) for r in testing_old.get(name, ())]
            checked += [(old_by_id.get(r.id), r) for r in testing_new.get(name, ())]
        return bool(checked) and _moved_by_redlines(
            olds.evaluator, news.evaluator, old_roles[old_id], new_roles[new_id], checked
        )

    pairs = [(o, n) for o, n in pairs if may_move(o, n)]
    _check_pairs(len(pairs), max(len(old.redlines), len(new.redlines)))
    found: list[Consequence] = []
    for old_id, new_id in pairs:
        old_role = old_roles.get(old_id) if old_id is not None else None
        new_role = new_roles.get(new_id) if new_id is not None else None
        own = by_role.get(old_id or "", []) + (
            by_role.get(new_id or "", []) if new_id != old_id else []
        )
        # A change of a kind that cannot move an answer (a title, a lead, a redline's holders)
        # is never needed in a smallest set: leaving such changes out keeps the search exact.
        relevant = [c for c in own + redline_changes if c.moves_answers]
        if not relevant:
            continue
        role_id = new_id or old_id or ""
        if old_role is None or new_role is None:
            for kind in _answer_kinds():
                before = _answer_text(olds, old_role, kind)
                after = _answer_text(news, new_role, kind)
                found.append(
                    Consequence(kind, role_id, old_id, before, after, tuple(own), len(relevant), 0)
                )
            continue
        ov, op, od = olds.verdict(old_role)
        nv, np, nd = news.verdict(new_role)
        if (ov, op) != (nv, np):
            target = (nv.value, tuple(v.value for v in np))
            causes, count, stopped, upto = _search(
                search, ConsequenceKind.VERDICT, old_role, relevant, target, bounds
            )
            found.append(
                Consequence(
                    ConsequenceKind.VERDICT,
                    role_id,
                    old_id,
                    ov.value,
                    nv.value,
                    causes,
                    len(relevant),
                    count,
                    stopped,
                    upto,
                    tuple(v.value for v in op),
                    tuple(v.value for v in np),
                    od,
                    nd,
                )
            )
        old_standing, new_standing = olds.standing(old_role), news.standing(new_role)
        if old_standing != new_standing:
            causes, count, stopped, upto = _search(
                search, ConsequenceKind.STANDING, old_role, relevant, new_standing, bounds
            )
            found.append(
                Consequence(
                    ConsequenceKind.STANDING,
                    role_id,
                    old_id,
                    old_standing,
                    new_standing,
                    causes,
                    len(relevant),
                    count,
                    stopped,
                    upto,
                )
            )
    return tuple(found)


def _redline_pairs(
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


_VALUE_KINDS = frozenset(
    {
        ChangeKind.VALUE_ADDED,
        ChangeKind.VALUE_REMOVED,
        ChangeKind.VALUE_CHANGED,
        ChangeKind.BASIS_CHANGED,
    }
)


def _testing(redlines: Sequence[Redline]) -> dict[str, list[Redline]]:
    """The redlines that test each attribute, in their scope or their rule."""
    found: dict[str, list[Redline]] = {}
    for redline in redlines:
        names: dict[str, None] = {}
        _tested(redline.applies_to, names)
        _tested(redline.crossing, names)
        for name in names:
            found.setdefault(name, []).append(redline)
    return found


def _tested(rule: Rule | None, found: dict[str, None]) -> None:
    if rule is None:
        return
    if isinstance(rule, AttributeTest):
        found.setdefault(rule.attribute)
    elif isinstance(rule, NotRule):
        _tested(rule.not_, found)
    else:
        for child in rule.all if isinstance(rule, AllRule) else rule.any:
            _tested(child, found)


def _moved_by_redlines(
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


def _check_pairs(roles: int, redlines: int) -> None:
    """Refuse up front to re-evaluate more role x redline pairs than ``check`` would."""
    pairs, limit = roles * redlines, max_pairs()
    if pairs > limit:
        raise DsrOptionsError(
            f"{roles:,} roles to re-evaluate x {redlines:,} redlines is {pairs:,} pairs on each "
            f"side, more than the limit of {limit:,} (set {MAX_PAIRS_ENV} to raise it)"
        )


def _answer_text(answers: _Answers, role: Role | None, kind: ConsequenceKind) -> str | None:
    if role is None:
        return None
    if kind is ConsequenceKind.VERDICT:
        return answers.verdict(role)[0].value
    return answers.standing(role)


# -- the whole diff -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Counts, and whether anything that moves an answer changed (for a CI exit status)."""

    changes: int
    by_kind: Mapping[str, int]
    """Changes per :class:`ChangeKind` value, in the kinds' order; kinds with none left out."""
    verdict_changes: int
    standing_changes: int
    answer_moving_changes: int
    """Changes of a kind that can move an answer (``ChangeKind.moves_answers``)."""
    bound_reached: int
    """Consequences whose causes the bound kept the search from finding."""

    @property
    def answers_moved(self) -> bool:
        return bool(self.verdict_changes or self.standing_changes)

    def fails_on(self, condition: FailOn) -> bool:
        """Whether a CI run asked to fail on ``condition`` fails."""
        if condition is FailOn.ANY_CHANGE:
            return self.changes > 0
        if condition is FailOn.VERDICT_CHANGE:
            return self.verdict_changes > 0
        if condition is FailOn.STANDING_CHANGE:
            return self.standing_changes > 0
        return self.answers_moved

    def to_data(self) -> dict[str, Any]:
        return {
            "changes": self.changes,
            "by_kind": dict(self.by_kind),
            "verdict_changes": self.verdict_changes,
            "standing_changes": self.standing_changes,
            "answer_moving_changes": self.answer_moving_changes,
            "answers_moved": self.answers_moved,
            "bound_reached": self.bound_reached,
        }


class FailOn(str, Enum):
    """What a CI job may choose to fail on."""

    ANY_CHANGE = "change"
    VERDICT_CHANGE = "verdict-change"
    STANDING_CHANGE = "standing-change"
    ANSWER_CHANGE = "answer-change"
    """A verdict or a standing."""


@dataclass(frozen=True)
class SideInfo:
    """What a report says about one side."""

    label: str
    spec: str
    kind: str
    origin: str
    revision: str | None
    files: tuple[str, ...]

    def to_data(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "spec": self.spec,
            "kind": self.kind,
            "origin": self.origin,
            "revision": self.revision,
            "files": list(self.files),
        }


@dataclass(frozen=True)
class Diff:
    """What changed between two sides, and which answers moved: the result of ``diff``."""

    changes: tuple[Change, ...]
    consequences: tuple[Consequence, ...]
    summary: Summary
    bounds: Bounds
    old: SideInfo | None = None
    new: SideInfo | None = None
    _by_key: dict[str, Change] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {c.key: c for c in self.changes})

    def change(self, key: str) -> Change:
        """The change named ``key`` (as consequences name their causes in ``to_data``)."""
        return self._by_key[key]

    def to_data(self) -> dict[str, Any]:
        """The whole diff as JSON-ready data (what every output format is made from)."""
        return {
            "old": None if self.old is None else self.old.to_data(),
            "new": None if self.new is None else self.new.to_data(),
            "summary": self.summary.to_data(),
            "bounds": self.bounds.to_data(),
            "changes": [change.to_data() for change in self.changes],
            "consequences": [c.to_data() for c in self.consequences],
        }


def summarise(changes: Sequence[Change], consequences: Sequence[Consequence]) -> Summary:
    """The counts of a diff."""
    counted = Counter(change.kind for change in changes)
    return Summary(
        changes=len(changes),
        by_kind={kind.value: counted[kind] for kind in ChangeKind if counted[kind]},
        verdict_changes=sum(c.kind is ConsequenceKind.VERDICT for c in consequences),
        standing_changes=sum(c.kind is ConsequenceKind.STANDING for c in consequences),
        answer_moving_changes=sum(change.moves_answers for change in changes),
        bound_reached=sum(c.bound_reached for c in consequences),
    )


def diff_catalogues(
    old: Catalogue,
    new: Catalogue,
    *,
    bounds: Bounds | None = None,
    old_locate: Locator | None = None,
    new_locate: Locator | None = None,
    old_info: SideInfo | None = None,
    new_info: SideInfo | None = None,
) -> Diff:
    """The changes from ``old`` to ``new``, the answers they move, and the summary."""
    bounds = bounds or Bounds()
    # Like loading, a diff allocates many acyclic objects next to two loaded catalogues and
    # their node graphs: with the collector on, it rescans that heap again and again.
    with outside_the_collector():
        changes = changes_between(old, new, old_locate=old_locate, new_locate=new_locate)
        consequences = consequences_of(old, new, changes, bounds)
    return Diff(changes, consequences, summarise(changes, consequences), bounds, old_info, new_info)


def side_info(side: Side) -> SideInfo:
    """What a report says about a side."""
    return SideInfo(
        side.label, side.spec, side.kind.value, side.origin.value, side.revision, side.files
    )


def diff_sides(old: Side, new: Side, *, bounds: Bounds | None = None) -> Diff:
    """The diff of two sides read by :func:`dsr_options.load.sides.read_sides`, located."""
    return diff_catalogues(
        old.catalogue,
        new.catalogue,
        bounds=bounds,
        old_locate=old.locate,
        new_locate=new.locate,
        old_info=side_info(old),
        new_info=side_info(new),
    )


def diff_data(diff: Diff) -> dict[str, Any]:
    """``diff.to_data()``: the JSON-ready form."""
    return diff.to_data()
