"""Redlines as data: their rules written out in words (evaluation builds on this)."""

from __future__ import annotations

from dsr_options.models import AllRule, AnyRule, AttributeTest, NotRule, Rule


def _operand(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(_operand(v) for v in value) + "}"
    return str(value)


_VERBS = {
    "equals": "is",
    "in": "is one of",
    "contains": "includes",
    "contains_any": "includes any of",
    "subset_of": "is only from",
}


def rule_text(rule: Rule) -> str:
    """A rule as one line a person reads: ``training includes offensive-operations``."""
    if isinstance(rule, AttributeTest):
        return f"{rule.attribute} {_VERBS[rule.operator]} {_operand(rule.operand)}"
    if isinstance(rule, NotRule):
        return f"not ({rule_text(rule.not_)})"
    if isinstance(rule, AllRule):
        return " and ".join(_grouped(child) for child in rule.all)
    if isinstance(rule, AnyRule):
        return " or ".join(_grouped(child) for child in rule.any)
    raise TypeError(rule)  # pragma: no cover - the model admits no other rule


def _grouped(rule: Rule) -> str:
    text = rule_text(rule)
    return f"({text})" if isinstance(rule, (AllRule, AnyRule)) else text
