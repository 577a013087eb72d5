"""Every check beyond one file's shape: unique ids, references, vocabularies, evidence sources.

The checks never stop at the first problem: each appends a located diagnostic to the file it
concerns and moves on, so that one run shows an editor everything to fix.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dsr_options.errors import Diagnostic, Severity
from dsr_options.loader import LoadedFile, position
from dsr_options.models import (
    AllRule,
    AnyRule,
    AttributeDecl,
    AttributeTest,
    Evidence,
    NotRule,
    RedlinesFile,
    Role,
    RolesFile,
    Rule,
    Source,
)
from dsr_options.pydantic_errors import suggest
from dsr_options.vocabulary import AttributeType

Path = tuple[str | int, ...]


@dataclass
class Parsed:
    """One file as loaded: the walked file (for locating) and its model, if it validated."""

    file: LoadedFile
    model: RolesFile | RedlinesFile | None


@dataclass
class _Scope:
    """The vocabularies declared across the files being checked, and where each id stands."""

    sources: dict[str, Source] = field(default_factory=dict)
    attributes: dict[str, AttributeDecl] = field(default_factory=dict)
    offices: set[str] = field(default_factory=set)
    holders: set[str] = field(default_factory=set)
    incomplete: set[str] = field(default_factory=set)
    """Vocabularies (``attributes``, ``offices``, ``holders``, ``sources``) that a file which
    failed to load may declare: references to them cannot be called dangling."""


_VOCABULARIES = ("attributes", "offices", "holders", "sources")


def check(parsed: Sequence[Parsed]) -> None:
    """Run the cross-file checks, adding diagnostics to the files they concern."""
    scope = _Scope()
    roles_files = [p for p in parsed if isinstance(p.model, RolesFile)]
    redline_files = [p for p in parsed if isinstance(p.model, RedlinesFile)]
    for item in parsed:
        if item.model is None:
            data = item.file.data
            declared = [v for v in _VOCABULARIES if not isinstance(data, dict) or v in data]
            scope.incomplete.update(declared)

    seen: dict[str, dict[str, tuple[LoadedFile, int]]] = {}
    for item in parsed:
        model = item.model
        if model is None:
            continue
        _unique(item.file, seen, "source", "sources", [s.id for s in model.sources])
        for source in model.sources:
            scope.sources.setdefault(source.id, source)
        if isinstance(model, RolesFile):
            _unique(item.file, seen, "attribute", "attributes", [a.id for a in model.attributes])
            _unique(item.file, seen, "office", "offices", [o.id for o in model.offices])
            _unique(item.file, seen, "role", "roles", [r.id for r in model.roles])
            _unique_numbers(item.file, model.roles)
            for index, decl in enumerate(model.attributes):
                values = [v.id for v in decl.values]
                _unique_in(item.file, ("attributes", index, "values"), "value", values)
            scope.attributes.update((a.id, a) for a in model.attributes)
            scope.offices.update(o.id for o in model.offices)
        else:
            _unique(item.file, seen, "holder", "holders", [h.id for h in model.holders])
            _unique(item.file, seen, "redline", "redlines", [r.id for r in model.redlines])
            scope.holders.update(h.id for h in model.holders)

    # A reference into a file that failed to load would be reported as dangling when it is
    # not: references into a vocabulary such a file declares are left unchecked.
    for item in roles_files:
        _check_roles_file(item.file, item.model, scope)  # type: ignore[arg-type]
    for item in redline_files:
        _check_redlines_file(item.file, item.model, scope)  # type: ignore[arg-type]


def _report(
    file: LoadedFile,
    path: Path,
    code: str,
    message: str,
    *,
    key: bool = False,
    severity: Severity = Severity.ERROR,
) -> None:
    line, column = position(file.locate(path, key=key))
    file.diagnostics.append(Diagnostic(file.path, line, column, code, message, severity, path))


def _unique(
    file: LoadedFile,
    seen: dict[str, dict[str, tuple[LoadedFile, int]]],
    noun: str,
    section: str,
    ids: list[str],
) -> None:
    """Ids of one kind are unique across every file checked together."""
    known = seen.setdefault(section, {})
    for index, item_id in enumerate(ids):
        if item_id in known:
            other, other_index = known[item_id]
            line, _ = position(other.locate((section, other_index, "id")))
            where = f"line {line}" if other is file else f"{other.path}:{line}"
            if section == "sources" and other is not file:
                continue  # every file may describe the note it quotes
            _report(
                file,
                (section, index, "id"),
                "duplicate-id",
                f"the {noun} id '{item_id}' is already used at {where}",
            )
        else:
            known[item_id] = (file, index)


def _unique_in(file: LoadedFile, path: Path, noun: str, ids: list[str]) -> None:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            line, _ = position(file.locate((*path, first[item_id], "id")))
            _report(
                file,
                (*path, index, "id"),
                "duplicate-id",
                f"the {noun} id '{item_id}' is already used at line {line}",
            )
        else:
            first[item_id] = index


def _unique_numbers(file: LoadedFile, roles: list[Role]) -> None:
    first: dict[int, int] = {}
    for index, role in enumerate(roles):
        if role.number in first:
            line, _ = position(file.locate(("roles", first[role.number], "number")))
            _report(
                file,
                ("roles", index, "number"),
                "duplicate-id",
                f"role number {role.number} is already used at line {line}",
            )
        else:
            first[role.number] = index


def _reference(
    file: LoadedFile, path: Path, noun: str, value: str, scope: _Scope, hint: str = ""
) -> None:
    section = f"{noun}s"
    if section in scope.incomplete:
        return
    known: Collection[str] = getattr(scope, section)
    if value not in known:  # a set or dict: checking stays linear in references
        _report(
            file,
            path,
            "unknown-reference",
            f"no {noun} has the id '{value}'{suggest(value, known) or hint}",
        )


def _check_roles_file(file: LoadedFile, model: RolesFile, scope: _Scope) -> None:
    for index, office in enumerate(model.offices):
        if office.part_of is not None:
            _reference(file, ("offices", index, "part_of"), "office", office.part_of, scope)
        _check_evidence(file, ("offices", index), office.evidence, scope)
    attributes_known = "attributes" not in scope.incomplete
    for index, role in enumerate(model.roles):
        base: Path = ("roles", index)
        for name, value in role.attributes.items() if attributes_known else ():
            decl = scope.attributes.get(name)
            if decl is None:
                _report(
                    file,
                    (*base, "attributes", name),
                    "unknown-attribute",
                    f"'{name}' is not a declared attribute{suggest(name, scope.attributes)}",
                    key=True,
                )
                continue
            _check_value(file, (*base, "attributes", name, "value"), decl, value.value)
        for name in scope.attributes if attributes_known else ():
            if name not in role.attributes:
                _report(
                    file,
                    (*base, "attributes"),
                    "missing-attribute",
                    f"role '{role.id}' gives no value for '{name}'; redlines that test it "
                    "will evaluate to unknown",
                    severity=Severity.WARNING,
                )
        for lead_index, lead in enumerate(role.leads):
            _reference(file, (*base, "leads", lead_index, "office"), "office", lead.office, scope)
        for evidence_path, evidence in _role_evidence(role, base):
            _check_one_evidence(file, evidence_path, evidence, scope)


def _role_evidence(role: Role, base: Path) -> Iterator[tuple[Path, Evidence]]:
    for index, evidence in enumerate(role.evidence):
        yield (*base, "evidence", index), evidence
    for name, value in role.attributes.items():
        for index, evidence in enumerate(value.evidence):
            yield (*base, "attributes", name, "evidence", index), evidence
    for lead_index, lead in enumerate(role.leads):
        for index, evidence in enumerate(lead.evidence):
            yield (*base, "leads", lead_index, "evidence", index), evidence
    for index, evidence in enumerate(role.reception.evidence):
        yield (*base, "reception", "evidence", index), evidence
    for section in ("concerns", "open_questions"):
        for item_index, item in enumerate(getattr(role, section)):
            for index, evidence in enumerate(item.evidence):
                yield (*base, section, item_index, "evidence", index), evidence


def _check_evidence(file: LoadedFile, base: Path, evidence: list[Evidence], scope: _Scope) -> None:
    for index, item in enumerate(evidence):
        _check_one_evidence(file, (*base, "evidence", index), item, scope)


def _check_one_evidence(file: LoadedFile, path: Path, evidence: Evidence, scope: _Scope) -> None:
    source = scope.sources.get(evidence.source)
    if source is None:
        hint = "; declare it under 'sources:' in this file"
        _reference(file, (*path, "source"), "source", evidence.source, scope, hint)
    elif source.sections and evidence.section not in source.sections:
        _report(
            file,
            (*path, "section"),
            "unknown-section",
            f"'{evidence.section}' is not a section of source '{source.id}'"
            f"{suggest(evidence.section, source.sections)}",
            severity=Severity.WARNING,
        )


def _check_value(file: LoadedFile, path: Path, decl: AttributeDecl, value: Any) -> None:
    allowed = [v.id for v in decl.values]
    if decl.type is AttributeType.BOOLEAN:
        if not isinstance(value, bool):
            _report(
                file, path, "wrong-type", f"'{decl.id}' is a boolean attribute: write true or false"
            )
        return
    if decl.type is AttributeType.CHOICE:
        if not isinstance(value, str):
            _report(
                file, path, "wrong-type", f"'{decl.id}' takes one value, one of {_list(allowed)}"
            )
        elif value not in allowed:
            _unknown_value(file, path, decl, value)
        return
    if not isinstance(value, tuple):
        _report(
            file, path, "wrong-type", f"'{decl.id}' takes a list of values from {_list(allowed)}"
        )
        return
    seen: set[str] = set()
    for index, item in enumerate(value):
        if item not in allowed:
            _unknown_value(file, (*path, index), decl, item)
        elif item in seen:
            _report(file, (*path, index), "duplicate-value", f"'{item}' is listed twice")
        seen.add(item)


def _unknown_value(file: LoadedFile, path: Path, decl: AttributeDecl, value: str) -> None:
    allowed = [v.id for v in decl.values]
    _report(
        file,
        path,
        "unknown-value",
        f"'{value}' is not a value of '{decl.id}' ({_list(allowed)}){suggest(value, allowed)}",
    )


def _list(values: list[str]) -> str:
    return ", ".join(values)


def _check_redlines_file(file: LoadedFile, model: RedlinesFile, scope: _Scope) -> None:
    for index, redline in enumerate(model.redlines):
        base: Path = ("redlines", index)
        for holder_index, holder in enumerate(redline.holders):
            _reference(file, (*base, "holders", holder_index), "holder", holder, scope)
        _check_rule(file, (*base, "rule"), redline.rule, scope)
        if redline.applies_to is not None:
            _check_rule(file, (*base, "applies_to"), redline.applies_to, scope)
        _check_evidence(file, base, redline.evidence, scope)
        if not redline.evidence:
            _report(
                file,
                (*base, "id"),
                "no-evidence",
                f"redline '{redline.id}' has no evidence; a redline without evidence cannot be "
                "traced to a source",
                severity=Severity.WARNING,
            )


def _check_rule(file: LoadedFile, path: Path, rule: Rule, scope: _Scope) -> None:
    if isinstance(rule, AllRule):
        for index, child in enumerate(rule.all):
            _check_rule(file, (*path, "all", index), child, scope)
    elif isinstance(rule, AnyRule):
        for index, child in enumerate(rule.any):
            _check_rule(file, (*path, "any", index), child, scope)
    elif isinstance(rule, NotRule):
        _check_rule(file, (*path, "not"), rule.not_, scope)
    else:
        _check_test(file, path, rule, scope)


def _check_test(file: LoadedFile, path: Path, test: AttributeTest, scope: _Scope) -> None:
    if "attributes" in scope.incomplete:
        return
    decl = scope.attributes.get(test.attribute)
    if decl is None:
        _report(
            file,
            (*path, "attribute"),
            "unknown-attribute",
            f"'{test.attribute}' is not a declared attribute"
            f"{suggest(test.attribute, scope.attributes)}",
        )
        return
    operator = test.operator
    operand_path: Path = (*path, operator)
    set_operator = operator in ("contains", "contains_any", "subset_of")
    if set_operator and decl.type is not AttributeType.CHOICES:
        _report(
            file,
            operand_path,
            "invalid-rule",
            f"'{operator}' tests a list attribute, but '{decl.id}' is a {decl.type.value} "
            "attribute; use 'equals' or 'in'",
            key=True,
        )
        return
    if decl.type is AttributeType.CHOICES and operator in ("equals", "in"):
        _report(
            file,
            operand_path,
            "invalid-rule",
            f"'{decl.id}' holds a list of values; test it with contains, contains_any or subset_of",
            key=True,
        )
        return
    operands = test.operand if isinstance(test.operand, list) else [test.operand]
    for index, operand in enumerate(operands):
        where = (*operand_path, index) if isinstance(test.operand, list) else operand_path
        if decl.type is AttributeType.BOOLEAN:
            if not isinstance(operand, bool):
                _report(
                    file,
                    where,
                    "wrong-type",
                    f"'{decl.id}' is a boolean attribute: test true or false",
                )
        elif isinstance(operand, bool):
            _report(file, where, "wrong-type", f"'{decl.id}' takes value ids, not true or false")
        elif operand not in {v.id for v in decl.values}:
            _unknown_value(file, where, decl, operand)
