"""Every check beyond one file's shape: unique ids, references, vocabularies, evidence sources.

The checks never stop at the first problem: each appends a located diagnostic to the file it
concerns and moves on, so that one run shows an editor everything to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from dsr_options.diagnostics import Code, Severity
from dsr_options.files.located import LoadedFile, position
from dsr_options.ids import suggest
from dsr_options.model.catalogue import (
    AttributeDecl,
    Bloc,
    Holder,
    Office,
    Redline,
    RedlinesFile,
    Role,
    RolesFile,
    Source,
)
from dsr_options.model.vocabulary import Origin
from dsr_options.validate.evidence_checks import (
    check_evidence,
    check_one_evidence,
    role_evidence,
    written,
)
from dsr_options.validate.mistakes import check_intent
from dsr_options.validate.rule_checks import check_rule
from dsr_options.validate.salvage import salvage
from dsr_options.validate.scope import (
    FileModel,
    Item,
    Items,
    M,
    Parsed,
    Path,
    Scope,
    present,
    reference,
)
from dsr_options.validate.values import check_value, listed_once

__all__ = ["Parsed", "check"]

_VOCABULARIES = ("attributes", "offices", "holders", "sources", "blocs")
_SECTIONS: dict[FileModel, dict[str, type[BaseModel]]] = {
    RolesFile: {"sources": Source, "attributes": AttributeDecl, "offices": Office, "roles": Role},
    RedlinesFile: {"sources": Source, "holders": Holder, "redlines": Redline, "blocs": Bloc},
}


def check(parsed: Sequence[Parsed], *, expectations: bool = False) -> None:
    """Run the cross-file checks (each ``expect:`` too with ``expectations``: validate only)."""
    scope = Scope()
    files: list[tuple[LoadedFile, Items]] = []
    for item in parsed:
        items = _items(item, scope)
        if items is not None:
            files.append((item.file, items))

    seen: dict[str, dict[str, tuple[LoadedFile, int]]] = {}
    for file, items in files:
        _unique(
            file, seen, "source", "sources", [(s.index, s.value.id) for s in _ids(items.sources)]
        )
        for source in items.sources:
            if source.complete:
                first = scope.sources.setdefault(source.value.id, source.value)
                if first != source.value:
                    file.report(
                        Code.SOURCE_DIFFERS,
                        f"the source '{first.id}' is described differently in another file: "
                        "keep one copy, or make the copies identical",
                        path=("sources", source.index, "id"),
                    )
        if items.kind is RolesFile:
            for noun, section in (("attribute", "attributes"), ("office", "offices")):
                declared: list[Item[Any]] = getattr(items, section)
                _unique(file, seen, noun, section, [(d.index, d.value.id) for d in _ids(declared)])
            _unique(file, seen, "role", "roles", [(r.index, r.value.id) for r in _ids(items.roles)])
            _unique_numbers(file, [r for r in items.roles if r.has("number")])
            for decl in items.attributes:
                if decl.has("values"):
                    values = [v.id for v in decl.value.values]
                    _unique_in(file, ("attributes", decl.index, "values"), "value", values)
            scope.attributes.update((a.value.id, a.value) for a in items.attributes if a.complete)
            scope.offices.update(o.value.id for o in items.offices if o.complete)
        else:
            # Each redline file is one delegation's: its holder and redline ids are its own
            # (unique within it); ids two files share are told apart when they are combined.
            own: dict[str, dict[str, tuple[LoadedFile, int]]] = {}
            holders = [(h.index, h.value.id) for h in _ids(items.holders)]
            _unique(file, own, "holder", "holders", holders)
            redlines = [(r.index, r.value.id) for r in _ids(items.redlines)]
            _unique(file, own, "redline", "redlines", redlines)
            scope.holders.update(h.value.id for h in items.holders if h.complete)
            _unique(file, own, "bloc", "blocs", [(b.index, b.value.id) for b in _ids(items.blocs)])
            scope.blocs.update(b.value.id for b in items.blocs if b.complete)
            scope.redlines.update(r.value.id for r in items.redlines if r.has("id"))

    # A reference into a declaration that failed to load would be reported as dangling when it
    # is not: such references (see ``Scope.failed`` and ``incomplete``) are left unchecked.
    for file, items in files:
        if items.kind is RolesFile:
            _check_roles_file(file, items, scope)
        else:
            _check_redlines_file(file, items, scope)
    for item in parsed:
        if isinstance(item.model, RolesFile) and (item.model.variants or item.model.packages):
            from dsr_options.validate.options import check_options

            check_options(item.file, item.model, scope.attributes)

    roles = [r.value for _, items in files if items.kind is RolesFile for r in items.roles]
    complete_roles = all(
        r.complete for _, items in files if items.kind is RolesFile for r in items.roles
    )
    if scope.attributes and complete_roles and not scope.incomplete:
        for file, items in files:
            if items.kind is RedlinesFile and not any(
                d.severity is Severity.ERROR for d in file.diagnostics
            ):
                written = [(r.index, r.value) for r in items.redlines if r.complete]
                check_intent(file, written, roles, scope.attributes, expectations=expectations)


def _ids(items: Sequence[Item[M]]) -> list[Item[M]]:
    return [item for item in items if item.has("id")]


def _items(parsed: Parsed, scope: Scope) -> Items | None:
    """The file's lists as items; for a file that failed, each item validated on its own.

    The item pass reports nothing (the whole-file pass did): it only decides which items take
    part in the uniqueness and reference checks, and which ids cannot be known.
    """
    model, data = parsed.model, parsed.file.data
    if model is not None:
        items = Items(type(model))
        for section in _SECTIONS[type(model)]:
            entries = getattr(model, section)
            setattr(items, section, [Item(i, v, True) for i, v in enumerate(entries)])
        return items
    if parsed.kind is None or not isinstance(data, dict):
        # Nothing readable: whatever it might declare is unknowable, but only what a file of
        # its kind declares (a broken roles file says nothing about redline holders).
        possible = [v for v in _VOCABULARIES if parsed.kind is None or v in _SECTIONS[parsed.kind]]
        declared = [v for v in possible if not isinstance(data, dict) or v in data]
        scope.incomplete.update(declared)
        return None
    items = Items(parsed.kind)
    for section, item_model in _SECTIONS[parsed.kind].items():
        raw = data.get(section)
        if raw is None:
            continue
        if not isinstance(raw, list):
            scope.incomplete.add(section)
            continue
        found: list[Item[Any]] = []
        for index, entry in enumerate(raw):
            try:
                found.append(Item(index, item_model.model_validate(entry), True))
                continue
            except ValidationError:
                pass
            if section in _VOCABULARIES:
                entry_id = entry.get("id") if isinstance(entry, dict) else None
                if isinstance(entry_id, str):
                    scope.failed.setdefault(section, set()).add(entry_id)
                else:
                    scope.incomplete.add(section)
            partial = salvage(item_model, entry)
            if partial is not None:
                found.append(Item(index, partial, False))
        setattr(items, section, found)
    return items


def _unique(
    file: LoadedFile,
    seen: dict[str, dict[str, tuple[LoadedFile, int]]],
    noun: str,
    section: str,
    ids: list[tuple[int, str]],
) -> None:
    """Ids of one kind are unique across every file checked together."""
    known = seen.setdefault(section, {})
    for index, item_id in ids:
        if item_id in known:
            other, other_index = known[item_id]
            line, _ = position(other.locate((section, other_index, "id")))
            where = f"line {line}" if other is file else f"{other.path}:{line}"
            if section == "sources" and other is not file:
                continue  # every file may describe the note it quotes
            file.report(
                Code.DUPLICATE_ID,
                f"the {noun} id '{item_id}' is already used at {where}",
                path=(section, index, "id"),
            )
        else:
            known[item_id] = (file, index)


def _unique_in(file: LoadedFile, path: Path, noun: str, ids: list[str]) -> None:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            line, _ = position(file.locate((*path, first[item_id], "id")))
            file.report(
                Code.DUPLICATE_ID,
                f"the {noun} id '{item_id}' is already used at line {line}",
                path=(*path, index, "id"),
            )
        else:
            first[item_id] = index


def _unique_numbers(file: LoadedFile, roles: list[Item[Role]]) -> None:
    first: dict[int, int] = {}
    for item in roles:
        index, role = item.index, item.value
        if role.number in first:
            line, _ = position(file.locate(("roles", first[role.number], "number")))
            file.report(
                Code.DUPLICATE_ID,
                f"role number {role.number} is already used at line {line}",
                path=("roles", index, "number"),
            )
        else:
            first[role.number] = index


def _check_roles_file(file: LoadedFile, items: Items, scope: Scope) -> None:
    for entry in items.offices:
        office, base = entry.value, ("offices", entry.index)
        if entry.has("part_of") and office.part_of is not None:
            reference(file, (*base, "part_of"), "office", office.part_of, scope)
        if entry.has("evidence"):
            check_evidence(file, base, office.evidence, scope)
    attributes_known = "attributes" not in scope.incomplete
    for item in items.roles:
        role, base = item.value, ("roles", item.index)
        attributes = role.attributes if item.has("attributes") else {}
        for name, value in attributes.items() if attributes_known else ():
            decl = scope.attributes.get(name)
            if decl is None:
                if name in scope.failed.get("attributes", ()):
                    continue
                file.report(
                    Code.UNKNOWN_ATTRIBUTE,
                    f"'{name}' is not a declared attribute{suggest(name, scope.attributes)}",
                    path=(*base, "attributes", name),
                    key=True,
                )
                continue
            if present(value, "value"):
                check_value(file, (*base, "attributes", name, "value"), decl, value.value)
            readings = value.alternatives if present(value, "alternatives") else []
            for index, reading in enumerate(readings):
                at = (*base, "attributes", name, "alternatives", index, "value")
                check_value(file, at, decl, reading.value)
        if attributes_known and item.has("attributes", "id"):
            # At the 'attributes:' key, or at the role's id when it has none.
            where = "attributes" if written(file, (*base, "attributes")) else "id"
            for name in scope.attributes:
                if name not in role.attributes:
                    file.report(
                        Code.MISSING_ATTRIBUTE,
                        f"role '{role.id}' gives no value for '{name}'; redlines that test it "
                        "will evaluate to unknown",
                        path=(*base, where),
                        key=True,
                    )
        for section in ("levels", "dimensions"):
            if item.has(section):
                listed_once(file, (*base, section), getattr(role, section))
        leads = role.leads if item.has("leads") else []
        offices = [lead.office if present(lead, "office") else None for lead in leads]
        listed_once(file, (*base, "leads"), offices, "office")
        for lead_index, lead in enumerate(leads):
            if present(lead, "office"):
                path = (*base, "leads", lead_index, "office")
                reference(file, path, "office", lead.office, scope)
        for evidence_path, evidence in role_evidence(item, base):
            check_one_evidence(file, evidence_path, evidence, scope)


def _check_redlines_file(file: LoadedFile, items: Items, scope: Scope) -> None:
    for declared in items.holders:
        if declared.has("holds"):
            for index, held_id in enumerate(declared.value.holds):
                where = ("holders", declared.index, "holds", index)
                reference(file, where, "redline", held_id, scope)
    _check_blocs(file, items, scope)
    for item in items.redlines:
        redline, base = item.value, ("redlines", item.index)
        holders = redline.holders if item.has("holders") else []
        for holder_index, holder in enumerate(holders):
            if holder not in scope.blocs:  # a bloc's own position
                reference(file, (*base, "holders", holder_index), "holder", holder, scope)
        listed_once(file, (*base, "holders"), holders)
        if item.has("rule") and redline.rule is not None:
            check_rule(file, (*base, "rule"), redline.rule, scope)
        if item.has("requires") and redline.requires is not None:
            check_rule(file, (*base, "requires"), redline.requires, scope)
        if item.has("applies_to") and redline.applies_to is not None:
            check_rule(file, (*base, "applies_to"), redline.applies_to, scope)
        if item.has("evidence"):
            check_evidence(file, base, redline.evidence, scope)
        own = item.has("origin") and redline.origin is Origin.MEMBER_STATE  # cites no note
        if item.has("evidence", "id") and not redline.evidence and not own:
            file.report(
                Code.NO_EVIDENCE,
                f"redline '{redline.id}' has no evidence; a redline without evidence cannot be "
                "traced to a source",
                path=(*base, "id"),
            )


def _check_blocs(file: LoadedFile, items: Items, scope: Scope) -> None:
    """Blocs (issue 26): each member a declared holder, each ``member_of`` a declared bloc."""
    for declared in items.holders:
        if declared.has("member_of"):
            for index, bloc in enumerate(declared.value.member_of):
                where = ("holders", declared.index, "member_of", index)
                reference(file, where, "bloc", bloc, scope)
            listed_once(file, ("holders", declared.index, "member_of"), declared.value.member_of)
    for group in items.blocs:
        if group.has("members"):
            for index, member in enumerate(group.value.members):
                reference(file, ("blocs", group.index, "members", index), "holder", member, scope)
            listed_once(file, ("blocs", group.index, "members"), group.value.members)
