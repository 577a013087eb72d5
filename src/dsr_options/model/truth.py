"""Kleene truth of a rule for plain attribute values, without reasons (see analyses.evaluate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dsr_options.model.catalogue import AllRule, AnyRule, AttributeTest, NotRule, Rule

Truth = bool | None


def _same(value: Any, operand: Any) -> bool:
    return isinstance(value, bool) == isinstance(operand, bool) and value == operand


def test_holds(test: AttributeTest, value: Any) -> Truth:
    """Whether one test holds for a value: None when the value is absent or of the wrong kind."""
    if value is None:
        return None
    operator, operand = test.operator, test.operand
    is_list = isinstance(value, (list, tuple))
    if operator in ("equals", "in"):
        if is_list:
            return None
        if operator == "in":
            return any(_same(value, item) for item in operand)
        return _same(value, operand)
    if not is_list:
        return None
    if operator == "contains":
        return operand in value
    if operator == "contains_any":
        return bool(set(operand) & set(value))
    return set(value) <= set(operand)  # subset_of


def truth(rule: Rule, values: Mapping[str, Any]) -> Truth:
    """Kleene truth of ``rule`` for ``values`` (an absent attribute is unknown)."""
    if isinstance(rule, AttributeTest):
        return test_holds(rule, values.get(rule.attribute))
    if isinstance(rule, NotRule):
        inner = truth(rule.not_, values)
        return None if inner is None else not inner
    children = rule.all if isinstance(rule, AllRule) else rule.any
    decisive = isinstance(rule, AnyRule)
    unknown = False
    for child in children:
        result = truth(child, values)
        if result is decisive:
            return decisive
        unknown = unknown or result is None
    return None if unknown else not decisive


def tests_of(rule: Rule | None) -> list[AttributeTest]:
    """Every attribute test in ``rule``, in order."""
    if rule is None:
        return []
    if isinstance(rule, AttributeTest):
        return [rule]
    if isinstance(rule, NotRule):
        return tests_of(rule.not_)
    children = rule.all if isinstance(rule, AllRule) else rule.any
    return [test for child in children for test in tests_of(child)]
