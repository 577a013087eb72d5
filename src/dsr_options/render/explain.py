"""A result in the logic form: rules as written, the facts a result rests on, and why it is so.

What ``check --logic``, JSON's ``explanation``, ``reasons[].text`` and ``rule`` print. The engine
(``model/rules/``) and ``analyses/evaluate.py`` give the structured reasons (which test, the
role's value, whether it holds, its basis); the words are made here, at rendering (issue 20).
"""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.analyses.evaluate import Reason, Result
from dsr_options.analyses.repairs import value_text
from dsr_options.model.catalogue import AllRule, AnyRule, AttributeTest, NotRule, Redline, Rule

__all__ = ["explanation", "reason_text", "redline_text", "rule_text", "value_text"]


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


_TEXTS: dict[int, tuple[Rule, str]] = {}
"""``rule_text`` per rule object (kept alive with it, so that its id is not reused): checking
asks for the same few rules' text once per pair."""
_MAX_TEXTS = 4096


def rule_text(rule: Rule) -> str:
    """A rule as one line, as written: ``training includes offensive-operations``."""
    cached = _TEXTS.get(id(rule))
    if cached is not None and cached[0] is rule:
        return cached[1]
    text = _rule_text(rule)
    if len(_TEXTS) >= _MAX_TEXTS:
        _TEXTS.clear()
    _TEXTS[id(rule)] = (rule, text)
    return text


def redline_text(redline: Redline) -> str:
    """A redline's condition as written: ``rule``'s text, or ``requires: ...`` for a requirement."""
    if redline.requires is not None:
        return f"requires: {rule_text(redline.requires)}"
    return rule_text(redline.crossing)


def _rule_text(rule: Rule) -> str:
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


def reason_text(reason: Reason) -> str:
    """The fact a test rests on, in the logic form: ``in_country is true [analysis]``."""
    if reason.value is None:
        return f"the role gives no value for {reason.attribute}"
    fact = f"{reason.attribute} is {value_text(reason.value)}"
    if reason.holds is None:
        fact += f", which '{rule_text(reason.test)}' cannot test"
    return fact + (f" [{reason.basis.value}]" if reason.basis is not None else "")


def explanation(result: Result) -> tuple[str, ...]:
    """The result as logic: whether the redline applies, then the rule's truth and why.

    ``applies: in_country is true [analysis]``, then ``crosses: the rule 'not (...)' is
    true because triggers is {...} [note]``.
    """
    redline = result.redline
    scope = [r for r in result.reasons if r.part.startswith("applies_to")]
    rule = [r for r in result.reasons if r.part.startswith(("rule", "requires"))]
    lines = []
    if redline.applies_to is not None:
        lines.append(_scope_line(redline.applies_to, result.applies, scope))
    if result.applies is not False:
        if redline.requires is not None:
            lines.append(_requires_line(redline.requires, result.applies, result.holds, rule))
        else:
            lines.append(_rule_line(redline.crossing, result.applies, result.holds, rule))
    return tuple(lines)


def _facts(reasons: Sequence[Reason]) -> str:
    return " and ".join(dict.fromkeys(reason_text(reason) for reason in reasons))


def _scope_line(scope: Rule, applies: bool | None, reasons: Sequence[Reason]) -> str:
    facts = _facts(reasons)
    if applies is None:
        return f"may or may not apply: the scope '{rule_text(scope)}' is unknown because {facts}"
    lead = "applies" if applies else "does not apply"
    if isinstance(scope, AttributeTest) and scope.operator == "equals":
        return f"{lead}: {facts}"
    truth = "true" if applies else "false"
    return f"{lead}: the scope '{rule_text(scope)}' is {truth} because {facts}"


def _rule_line(
    rule: Rule, applies: bool | None, holds: bool | None, reasons: Sequence[Reason]
) -> str:
    text, facts = rule_text(rule), _facts(reasons)
    if holds is None:
        return f"unknown: the rule '{text}' is unknown because {facts}"
    if holds:
        lead = "crosses" if applies else "would cross if it applies"
        return f"{lead}: the rule '{text}' is true because {facts}"
    lead = "clear" if applies else "clear if it applies"
    return f"{lead}: the rule '{text}' is false because {facts}"


def _requires_line(
    requirement: Rule, applies: bool | None, holds: bool | None, reasons: Sequence[Reason]
) -> str:
    text, facts = rule_text(requirement), _facts(reasons)
    if holds is None:
        return f"unknown: whether '{text}' holds is unknown because {facts}"
    if holds:
        lead = "crosses" if applies else "would cross if it applies"
        return f"{lead}: the requirement '{text}' does not hold because {facts}"
    lead = "clear" if applies else "clear if it applies"
    return f"{lead}: the requirement '{text}' holds because {facts}"
