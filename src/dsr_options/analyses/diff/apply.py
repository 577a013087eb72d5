"""Applying some of a diff's changes to the OLD catalogue (the cause search's trials)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from dsr_options.analyses.diff.kinds import Action, Change, Path
from dsr_options.model.catalogue import Catalogue

GONE = object()
"""Marks a value a change removes."""
Op = tuple[Path, Action, Any]
"""One operation: the path (relative to the value), the action, the new value."""


def apply_ops(value: Any, ops: list[Op]) -> Any:
    """``value`` with the operations (path relative to it, action, new value) applied."""
    for path, action, new in ops:
        if not path:
            return GONE if action is Action.REMOVED else new
    below: dict[str | int, list[Op]] = {}
    for path, action, new in ops:
        below.setdefault(path[0], []).append((path[1:], action, new))
    if isinstance(value, BaseModel):
        update = {}
        for name, sub in below.items():
            attr = {"in": "in_", "not": "not_"}.get(str(name), str(name))
            result = apply_ops(getattr(value, attr), sub)
            update[attr] = None if result is GONE else result
        return value.model_copy(update=update)
    if isinstance(value, dict):
        copy = dict(value)
        for key, sub in below.items():
            result = apply_ops(copy.get(str(key)), sub)
            if result is GONE:
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
            result = apply_ops(item, rest) if rest else item
            if result is not GONE:
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
    by_collection: dict[str, dict[str, list[Op]]] = {}
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
            result = apply_ops(item, ops)
            if result is not GONE:
                items.append(result)
        for added in by_item.values():  # items added
            items.extend(new for path, action, new in added if not path and action is Action.ADDED)
        update[name] = items
    return catalogue.model_copy(update=update)
