"""Repair hints: the smallest changes to a role after which it no longer crosses a redline.

Derived from the rule's structure and the attribute declarations: a test that must become false
is turned into what the attribute's value would have to be, the needs are combined through
``all``/``any``/``not``, impossible combinations are dropped and only the smallest kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.model.catalogue import (
    AllRule,
    AttributeDecl,
    AttributeTest,
    Catalogue,
    NotRule,
    Redline,
    Rule,
)
from dsr_options.model.vocabulary import AttributeType

AttributeValues = Mapping[str, Any]


def value_text(value: Any) -> str:
    """A role's attribute value as the rules write it: ``true``, ``{a, b}``, ``empty``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(str(v) for v in value) + "}" if value else "empty"
    return str(value)


@dataclass(frozen=True)
class Change:
    """One attribute of a role changed, in words."""

    attribute: str
    text: str
    parts: tuple[tuple[str, tuple[Any, ...], str], ...] = ()
    """The same change as data, for words other than ids: (verb, values, joiner) each, the verb
    one of ``were``, ``no longer included``, ``did not include``, ``also included``,
    ``included``; the joiner ``or``/``and``."""
    empties: bool = False
    """The change leaves the list empty."""


@dataclass(frozen=True)
class Repair:
    """A smallest set of attribute changes after which the role no longer crosses."""

    kind: str
    """``rule``: the rule becomes false; ``scope``: the redline stops applying to the role."""
    changes: tuple[Change, ...]

    @property
    def text(self) -> str:
        lead = "clears" if self.kind == "rule" else "no longer applies"
        return f"{lead} if {' and '.join(change.text for change in self.changes)}"


@dataclass(frozen=True)
class _Need:
    """What a value must be for a set of tests to come out as wanted.

    ``allowed`` for boolean and choice attributes; the rest for choices (list) attributes.
    """

    allowed: frozenset[Any] | None = None
    include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    one_of: frozenset[frozenset[str]] = frozenset()

    def merge(self, other: _Need) -> _Need:
        if self.allowed is None:
            allowed = other.allowed
        elif other.allowed is None:
            allowed = self.allowed
        else:
            allowed = self.allowed & other.allowed
        return _Need(
            allowed,
            self.include | other.include,
            self.exclude | other.exclude,
            self.one_of | other.one_of,
        )

    @property
    def possible(self) -> bool:
        if self.allowed is not None and not self.allowed:
            return False
        if self.include & self.exclude:
            return False
        return all(group - self.exclude for group in self.one_of)

    def met_by(self, value: Any) -> bool:
        if value is None:
            return False
        if self.allowed is not None:
            return not isinstance(value, (list, tuple)) and value in self.allowed
        present = set(value)
        return (
            self.include <= present
            and not self.exclude & present
            and all(group & present for group in self.one_of)
        )


_Way = tuple[tuple[str, _Need], ...]
"""One way to make a rule come out as wanted: a need per attribute, in rule order."""
_MAX_WAYS = 256
"""Bound on alternatives kept while combining, so a pathological rule stays cheap."""


def _domain(decl: AttributeDecl) -> frozenset[Any]:
    if decl.type is AttributeType.BOOLEAN:
        return frozenset({True, False})
    return frozenset(value.id for value in decl.values)


def _test_need(test: AttributeTest, decl: AttributeDecl, target: bool) -> _Need | None:
    domain = _domain(decl)
    operator, operand = test.operator, test.operand
    list_attribute = decl.type is AttributeType.CHOICES
    if operator in ("equals", "in"):
        if list_attribute:
            return None
        wanted = frozenset(operand) if operator == "in" else frozenset({operand})
        return _Need(allowed=wanted & domain if target else domain - wanted)
    if not list_attribute:
        return None
    if operator == "contains":
        single = frozenset({operand})
        return _Need(include=single) if target else _Need(exclude=single)
    if operator == "contains_any":
        group = frozenset(operand)
        return _Need(one_of=frozenset({group})) if target else _Need(exclude=group)
    outside = domain - frozenset(operand)  # subset_of
    return _Need(exclude=outside) if target else _Need(one_of=frozenset({outside}))


def _and(ways_per_child: Sequence[list[_Way]]) -> list[_Way]:
    combined: list[_Way] = [()]
    for ways in ways_per_child:
        step: list[_Way] = []
        for left, right in itertools.product(combined, ways):
            merged = _merge(left, right)
            if merged is not None:
                step.append(merged)
            if len(step) >= _MAX_WAYS:
                break
        combined = step
    return combined


def _merge(left: _Way, right: _Way) -> _Way | None:
    needs = dict(left)
    for attribute, need in right:
        needs[attribute] = needs[attribute].merge(need) if attribute in needs else need
        if not needs[attribute].possible:
            return None
    return tuple(needs.items())  # in the rule's order, as a person reads it


def _ways(rule: Rule, target: bool, decls: Mapping[str, AttributeDecl]) -> list[_Way]:
    """Every way (as attribute needs) for ``rule`` to evaluate to ``target``."""
    if isinstance(rule, AttributeTest):
        decl = decls.get(rule.attribute)
        need = _test_need(rule, decl, target) if decl is not None else None
        return [((rule.attribute, need),)] if need is not None and need.possible else []
    if isinstance(rule, NotRule):
        return _ways(rule.not_, not target, decls)
    children = rule.all if isinstance(rule, AllRule) else rule.any
    conjunctive = isinstance(rule, AllRule) == target
    per_child = [_ways(child, target, decls) for child in children]
    if conjunctive:
        return _and(per_child)
    return [way for ways in per_child for way in ways][:_MAX_WAYS]


def _words(values: Iterable[Any], joiner: str) -> str:
    items = sorted(value_text(v) for v in values)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def _change(attribute: str, need: _Need, value: Any) -> Change:
    """One attribute's change, worded to follow "clears if": ``training were ...``."""
    if need.allowed is not None:
        now = f" instead of {value_text(value)}" if value is not None else ""
        if all(isinstance(v, bool) for v in need.allowed):
            now = ""
        allowed = tuple(sorted(need.allowed, key=value_text))
        return Change(
            attribute,
            f"{attribute} were {_words(need.allowed, 'or')}{now}",
            (("were", allowed, "or"),),
        )
    known = value is not None
    present = set(value) if isinstance(value, (list, tuple)) else set()
    parts: list[tuple[str, tuple[Any, ...], str]] = []
    drop = need.exclude & present if known else need.exclude
    if drop:
        parts.append(
            ("no longer included" if known else "did not include", tuple(sorted(drop)), "or")
        )
    also = "also included" if known else "included"
    add = need.include - present
    if add:
        parts.append((also, tuple(sorted(add)), "and"))
    groups = [g for g in sorted(need.one_of, key=sorted) if not g & present]
    parts += [(also, tuple(sorted(group - need.exclude)), "or") for group in groups]
    text = f"{attribute} {' and '.join(f'{verb} {_words(vs, j)}' for verb, vs, j in parts)}"
    empties = bool(known and drop and not add and not groups and not present - drop)
    if empties:
        text += " (it would then be empty)"
    return Change(attribute, text, tuple(parts), empties)


def _repairs(kind: str, ways: list[_Way], values: AttributeValues) -> list[Repair]:
    found: dict[tuple[Change, ...], Repair] = {}
    for way in ways:
        changes = tuple(
            _change(attribute, need, values.get(attribute))
            for attribute, need in way
            if not need.met_by(values.get(attribute))
        )
        if changes:
            found.setdefault(changes, Repair(kind, changes))
    repairs = list(found.values())
    attribute_sets = [frozenset(c.attribute for c in r.changes) for r in repairs]
    minimal = [
        repair
        for repair, attrs in zip(repairs, attribute_sets, strict=True)
        if not any(other < attrs for other in attribute_sets)
    ]
    return sorted(minimal, key=lambda r: (len(r.changes), r.text))


_DECLS: dict[int, tuple[Catalogue, dict[str, AttributeDecl]]] = {}


def catalogue_decls(catalogue: Catalogue) -> dict[str, AttributeDecl]:
    """The catalogue's attribute declarations by id, built once per catalogue (the last one)."""
    cached = _DECLS.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    decls = {decl.id: decl for decl in catalogue.attributes}
    _DECLS.clear()
    _DECLS[id(catalogue)] = (catalogue, decls)
    return decls


def repair_hints(
    catalogue: Catalogue, redline: Redline, values: AttributeValues
) -> tuple[Repair, ...]:
    """The smallest changes to a role's attributes after which it no longer crosses ``redline``.

    First the ways to make the rule false, then the ways to take the role out of the redline's
    scope (``applies_to`` false).
    """
    decls = catalogue_decls(catalogue)
    hints = _repairs("rule", _ways(redline.crossing, False, decls), values)
    if redline.applies_to is not None:
        hints += _repairs("scope", _ways(redline.applies_to, False, decls), values)
    return tuple(hints)
