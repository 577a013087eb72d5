"""What changed between two catalogues: the typed changes, each located on its side."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from dsr_options.analyses.diff.kinds import Action, Change, ChangeKind, Locator, Path
from dsr_options.analyses.diff.pairing import Pairing
from dsr_options.model.catalogue import (
    Catalogue,
    Evidence,
    Noted,
    Redline,
    Role,
)


class _Differ:
    """Collects the changes of one pair of catalogues, locating each on its side."""

    def __init__(
        self, old_locate: Locator | None, new_locate: Locator | None, pairing: Pairing
    ) -> None:
        self.changes: list[Change] = []
        self.pairing = pairing
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


def _evidence(
    d: _Differ, old: Sequence[Evidence], new: Sequence[Evidence], path: Path, new_path: Path
) -> None:
    if old == new:
        return
    pairs, removed, added = d.pairing.pair(
        old, new, lambda e: (e.quote, e.source), lambda e: e.quote
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
    pairs, removed, added = d.pairing.pair(old, new, lambda n: n.text, lambda n: n.text)
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
        pairs, removed, added = d.pairing.pair(
            old.leads, new.leads, lambda lead: lead.office, lambda lead: lead.rationale
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
        pairs, removed, added = d.pairing.pair(
            old.values, new.values, lambda v: v.id, lambda v: v.id
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


def _variant(d: _Differ, old: Any, new: Any) -> None:
    d.fields(old, new, {"title": ChangeKind.VARIANT_TEXT, "summary": ChangeKind.VARIANT_TEXT})
    d.fields(old, new, {"base": ChangeKind.VARIANT_BASE})
    for name in dict.fromkeys([*old.changes, *new.changes]):
        at: Path = ("changes", name)
        if name not in old.changes:
            d.add(ChangeKind.VARIANT_VALUE_ADDED, at, None, new.changes[name])
        elif name not in new.changes:
            d.add(ChangeKind.VARIANT_VALUE_REMOVED, at, old.changes[name], None)
        elif old.changes[name] != new.changes[name]:
            d.add(ChangeKind.VARIANT_VALUE_CHANGED, at, old.changes[name], new.changes[name])


def _package(d: _Differ, old: Any, new: Any) -> None:
    d.fields(old, new, {"title": ChangeKind.PACKAGE_TEXT, "summary": ChangeKind.PACKAGE_TEXT})
    d.fields(old, new, {"members": ChangeKind.PACKAGE_MEMBERS})


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
        "variants", ChangeKind.VARIANT_ADDED, ChangeKind.VARIANT_REMOVED, None, _variant
    ),
    CollectionSpec(
        "packages", ChangeKind.PACKAGE_ADDED, ChangeKind.PACKAGE_REMOVED, None, _package
    ),
    CollectionSpec(
        "redlines",
        ChangeKind.REDLINE_ADDED,
        ChangeKind.REDLINE_REMOVED,
        ChangeKind.REDLINE_RENAMED,
        _redline,
    ),
)
"""The catalogue's lists in the order changes are reported: a variant or a package is compared
as written (its base and changes, its members); the answers it moves are those of the option
as every command evaluates it, expanded (see ``consequences``)."""


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
    pairing: Pairing | None = None,
) -> tuple[Change, ...]:
    """Every change from ``old`` to ``new``, in catalogue order (sources ... roles, redlines).

    ``pairing`` pairs reworded texts within the run's budget (by default a budget of its own;
    give one to learn what it left unpaired, ``Pairing.bounded``).

    ``old_locate`` and ``new_locate`` place each change on its side (see ``Side.locate``).
    """
    d = _Differ(old_locate, new_locate, pairing or Pairing())
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
