"""A redline read back in plain words, from the vocabulary's own descriptions.

``Freedonia accepts a role only if everything that could set the role in motion is only a
request from the national government concerned or a Security Council mandate.`` The words come
from the attribute and value descriptions of the catalogue in use, so that a writer reads what
the rule says about roles, not what its operators are called; a rule the writer wrote the wrong
way round reads wrong.

An attribute's phrase: a boolean attribute whose description opens ``True when X.`` reads as X;
a list attribute reads as the first clause of its description; a value reads as the first
sentence of its description. Anything else reads as its id (``in_country is true``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from dsr_options.model.catalogue import (
    AllRule,
    AnyRule,
    AttributeDecl,
    AttributeTest,
    NotRule,
    Redline,
    Rule,
)
from dsr_options.model.vocabulary import AttributeType, Strictness

Decls = Mapping[str, AttributeDecl]

_TRUE_WHEN = re.compile(r"^\s*True when (?P<clause>.+?)(?:\.\s|\.$|$)", re.DOTALL)
_CLAUSE = re.compile(r"^(?P<clause>.+?)(?:[.:;]\s|[.:;]$|$)", re.DOTALL)


def _lower_first(text: str) -> str:
    """``A request`` -> ``a request``; ``UN missions`` stays (an acronym keeps its case)."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (len(first) == 1 or first[1:].islower()):
        return text[0].lower() + text[1:]
    return text


def _clause(text: str) -> str:
    match = _CLAUSE.match(" ".join(text.split()))
    return _lower_first(match.group("clause") if match else text).rstrip(".")


def _noun_clause(text: str) -> str:
    """The subject an attribute's description opens with, up to its first comma."""
    return _clause(text).split(", ", 1)[0]


def value_phrase(decl: AttributeDecl | None, value: object) -> str:
    """One value as its description says it: ``a Security Council mandate``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if decl is not None:
        for declared in decl.values:
            if declared.id == value:
                return _clause(declared.description)
    return str(value)


def _either(decl: AttributeDecl | None, values: Sequence[object]) -> str:
    phrases = [value_phrase(decl, v) for v in values]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _true_clause(decl: AttributeDecl | None, attribute: str) -> str | None:
    if decl is None or decl.type is not AttributeType.BOOLEAN:
        return None
    match = _TRUE_WHEN.match(" ".join(decl.description.split()))
    return match.group("clause") if match else None


def _noun(decl: AttributeDecl | None, attribute: str) -> str:
    if decl is None:
        return attribute
    return _noun_clause(decl.description)


def attribute_test_phrase(test: AttributeTest, decls: Decls, negated: bool = False) -> str:
    """One attribute test in words; ``negated`` reads its opposite."""
    decl = decls.get(test.attribute)
    operator, operand = test.operator, test.operand
    if operator == "equals" and isinstance(operand, bool):
        clause = _true_clause(decl, test.attribute)
        if clause is not None:
            return clause if operand is not negated else f"it is not the case that {clause}"
        shown = operand is not negated
        return f"{test.attribute} is {'true' if shown else 'false'}"
    noun = _noun(decl, test.attribute)
    not_ = " not" if negated else ""
    if operator == "equals":
        return f"{noun} is{not_} {value_phrase(decl, operand)}"
    values = list(operand) if isinstance(operand, (list, tuple)) else [operand]
    if operator == "in":
        return f"{noun} is{not_} {_either(decl, values)}"
    if operator == "contains":
        verb = "does not include" if negated else "includes"
        return f"{noun} {verb} {_either(decl, values)}"
    if operator == "contains_any":
        verb = "includes none of" if negated else "includes"
        joined = (
            _either(decl, values)
            if not negated
            else "; ".join(value_phrase(decl, v) for v in values)
        )
        return f"{noun} {verb} {joined}"
    # subset_of
    if negated:
        return f"{noun} includes something other than {_either(decl, values)}"
    return f"{noun} is only {_either(decl, values)}"


def rule_phrase(rule: Rule, decls: Decls, negated: bool = False) -> str:
    """A rule in words, from the descriptions; ``negated`` reads its opposite."""
    if isinstance(rule, AttributeTest):
        return attribute_test_phrase(rule, decls, negated)
    if isinstance(rule, NotRule):
        return rule_phrase(rule.not_, decls, not negated)
    children = rule.all if isinstance(rule, AllRule) else rule.any
    conjunction = "and" if isinstance(rule, AllRule) is not negated else "or"
    parts = [_grouped(child, decls, negated) for child in children]
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 2 or any(len(part) > 60 for part in parts):
        return f"; {conjunction} ".join(parts)
    return f" {conjunction} ".join(parts)


def _grouped(rule: Rule, decls: Decls, negated: bool) -> str:
    text = rule_phrase(rule, decls, negated)
    return f"({text})" if isinstance(rule, (AllRule, AnyRule)) else text


def redline_phrase(redline: Redline, decls: Decls, holders: Sequence[str] = ()) -> str:
    """The redline as one sentence: who, how strict, when a role crosses, where it applies.

    ``Freedonia accepts a role only if ...`` for a requirement (``requires:``, or a rule that
    only negates: ``not: X``, ``equals: false``); ``Freedonia rejects a role when ...`` for a
    veto written as its crossing.
    """
    names = list(dict.fromkeys(holders))
    who = _names(names) or "Its holder"
    plural = len(names) > 1 or any(_PLURAL.search(name) for name in names)
    role = "it" if redline.applies_to is not None else "a role"
    requirement = _requirement(redline, decls)
    if requirement is not None:
        if redline.strictness is Strictness.CONCERN:
            verb = "are concerned by" if plural else "is concerned by"
            said = f"{who} {verb} {role} unless {requirement}"
        else:
            said = f"{who} {'accept' if plural else 'accepts'} {role} only if {requirement}"
    else:
        verb = _CROSSING_VERB[redline.strictness][plural]
        said = f"{who} {verb.format(role=role)} when {rule_phrase(redline.crossing, decls)}"
    if redline.applies_to is not None:
        said = f"For a role where {rule_phrase(redline.applies_to, decls)}: {said}"
    return said + "."


_PLURAL = re.compile(r"\b(participants|delegations|states|members)\b", re.IGNORECASE)

_CROSSING_VERB = {
    Strictness.VETO: {False: "rejects {role}", True: "reject {role}"},
    Strictness.CONDITION: {False: "rules {role} out", True: "rule {role} out"},
    Strictness.CONCERN: {False: "is concerned by {role}", True: "are concerned by {role}"},
}


def _requirement(redline: Redline, decls: Decls) -> str | None:
    """What must hold, in words, when the redline says it so: ``requires: X``, ``rule: {not:
    X}`` or a rule that a boolean is false."""
    if redline.requires is not None:
        return rule_phrase(redline.requires, decls)
    rule = redline.rule
    if isinstance(rule, NotRule):
        return rule_phrase(rule.not_, decls)
    if isinstance(rule, AttributeTest) and rule.operator == "equals" and rule.operand is False:
        return rule_phrase(rule, decls, negated=True)
    return None


def _names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
