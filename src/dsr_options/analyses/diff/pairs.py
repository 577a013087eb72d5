"""The options of both sides as every command evaluates them, matched, each with what it is
made of.

A diff compares the catalogues as written (``changes``) but the answers of the catalogues as
evaluated: the pipeline's steps after loading (:func:`dsr_options.analyses.pipeline.evaluated`)
add each variant and package as an option of its own. An evaluated option is made of items
written in the files: a role of itself; a variant of itself and its base role; a package of
itself and its member roles. The changes to any of those are the option's own (a change to a
variant's base moves the variant's answers), and a trial of the cause search rebuilds the
option from those items with some of the changes applied (:meth:`RolePairs.role_under`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.analyses.diff.apply import apply_changes
from dsr_options.analyses.diff.kinds import Change, ChangeKind
from dsr_options.analyses.options import package_role, variant_role
from dsr_options.analyses.pipeline import evaluated
from dsr_options.model.catalogue import Catalogue, Role

OPTION_COLLECTIONS = ("roles", "variants", "packages")
"""The lists an evaluated option is made from."""

Item = tuple[str, str]
"""``(collection, id)``: one item written in a file."""


def made_of(catalogue: Catalogue) -> dict[str, tuple[Item, ...]]:
    """For each option ``catalogue`` evaluates (by id), the items written in its files it is
    made of: the role itself; a variant and its base; a package and its members."""
    found: dict[str, tuple[Item, ...]] = {
        role.id: (("roles", role.id),) for role in catalogue.roles
    }
    for variant in catalogue.variants:
        found[variant.id] = (("variants", variant.id), ("roles", variant.base))
    for package in catalogue.packages:
        members = tuple(("roles", member) for member in dict.fromkeys(package.members))
        found[package.id] = (("packages", package.id), *members)
    return found


@dataclass(frozen=True)
class Pair:
    """One option matched across the sides (by id, a renamed role by its new id)."""

    old_id: str | None
    new_id: str | None
    own: tuple[Change, ...]
    """The changes to what it is made of, on either side, in the order of the changes."""

    @property
    def role_id(self) -> str:
        """Its id on NEW (on OLD when it was removed)."""
        return self.new_id or self.old_id or ""


class RolePairs:
    """Both sides' catalogues as evaluated, their options matched, and what each is made of.

    ``old`` and ``new`` are the catalogues as written; ``old_x`` and ``new_x`` as every command
    evaluates them. Indexes, not scans: every look-up is by id.
    """

    def __init__(self, old: Catalogue, new: Catalogue, changes: Sequence[Change]) -> None:
        self.old, self.new, self.changes = old, new, tuple(changes)
        self.old_x, self.new_x = evaluated(old), evaluated(new)
        self.old_roles = {role.id: role for role in self.old_x.roles}
        self.new_roles = {role.id: role for role in self.new_x.roles}
        self._old_made, self._new_made = made_of(old), made_of(new)
        self._written: dict[str, dict[str, Any]] = {
            name: {item.id: item for item in getattr(old, name)} for name in OPTION_COLLECTIONS
        }
        self._order = {id(change): index for index, change in enumerate(self.changes)}
        self._by_item: dict[Item, list[Change]] = {}
        self.renamed: dict[str, str] = {}
        """OLD id -> NEW id of each renamed role."""
        self.other: tuple[Change, ...] = tuple(
            c for c in self.changes if c.collection not in OPTION_COLLECTIONS
        )
        """The changes to anything but roles, variants and packages (redlines, holders...)."""
        for change in self.changes:
            if change.collection not in OPTION_COLLECTIONS:
                continue
            for item in dict.fromkeys((change.item, change.new_item or change.item)):
                self._by_item.setdefault((change.collection, item), []).append(change)
            if change.kind is ChangeKind.ROLE_RENAMED and change.new_item is not None:
                self.renamed[change.item] = change.new_item
        back = {new_id: old_id for old_id, new_id in self.renamed.items()}
        self._back = back
        pairs: list[tuple[str | None, str | None]] = []
        for role in self.old_x.roles:
            moved_to = self.renamed.get(role.id, role.id)
            pairs.append((role.id, moved_to if moved_to in self.new_roles else None))
        pairs += [
            (None, role.id)
            for role in self.new_x.roles
            if role.id not in self.old_roles and role.id not in back
        ]
        self.pairs = tuple(Pair(o, n, self._own(o, n)) for o, n in pairs)

    def _items(self, old_id: str | None, new_id: str | None) -> list[Item]:
        items: list[Item] = []
        if old_id is not None:
            items += self._old_made.get(old_id, ())
        if new_id is not None:
            items += self._new_made.get(new_id, ())
        return list(dict.fromkeys(items))

    def _own(self, old_id: str | None, new_id: str | None) -> tuple[Change, ...]:
        found = {
            id(change): change
            for item in self._items(old_id, new_id)
            for change in self._by_item.get(item, ())
        }
        return tuple(sorted(found.values(), key=lambda change: self._order[id(change)]))

    def written(self, pair: Pair) -> Catalogue:
        """OLD as written, with only the items ``pair``'s option is made of (on either side,
        a renamed role by its OLD id): what a trial applies changes to."""
        ids: dict[str, set[str]] = {name: set() for name in OPTION_COLLECTIONS}
        for collection, item in self._items(pair.old_id, pair.new_id):
            ids[collection].add(self._back.get(item, item) if collection == "roles" else item)
        update = {
            name: [self._written[name][i] for i in sorted(ids[name]) if i in self._written[name]]
            for name in OPTION_COLLECTIONS
        }
        return self.old.model_copy(update=update)

    def role_under(self, pair: Pair, written: Catalogue, subset: Sequence[Change]) -> Role | None:
        """``pair``'s option rebuilt from OLD's items (``written``, see :meth:`written`) with
        the option changes of ``subset`` applied; None when it does not exist then."""
        own = [c for c in subset if c.collection in OPTION_COLLECTIONS]
        if not own and pair.old_id is not None:
            return self.old_roles.get(pair.old_id)
        trial = apply_changes(written, own) if own else written
        number = (self.new_roles.get(pair.new_id or "") or self.old_roles[pair.old_id or ""]).number
        return build(trial, (pair.new_id, pair.old_id), number)


def build(trial: Catalogue, ids: Sequence[str | None], number: int) -> Role | None:
    """The option named by the first of ``ids`` that ``trial`` (as written) has, evaluated as
    the pipeline does; None when none is there, or its base or a member is missing."""
    roles = {role.id: role for role in trial.roles}
    for wanted in ids:
        if wanted is None:
            continue
        if wanted in roles:
            return roles[wanted]
        variant = next((v for v in trial.variants if v.id == wanted), None)
        if variant is not None:
            return variant_role(trial, variant, number, roles) if variant.base in roles else None
        package = next((p for p in trial.packages if p.id == wanted), None)
        if package is not None:
            if not all(member in roles for member in package.members):
                return None
            return package_role(trial, package, number, roles)
    return None
