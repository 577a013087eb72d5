"""The engine's logic: what a test holds, three-valued truth, and one redline against values.

Each rule is made into a function of the values once (:func:`rule_check`, :func:`value_check`,
:func:`redline_check`); :func:`truth`, :func:`test_holds` and :func:`redline_truths` call those.
See the package's docstring for the whole engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, NamedTuple

from dsr_options.model.catalogue import AllRule, AnyRule, AttributeTest, NotRule, Redline, Rule

__all__ = [
    "Check",
    "Outcome",
    "Tested",
    "Truth",
    "Values",
    "applies",
    "could_cross",
    "crosses",
    "explain",
    "outcome_of",
    "redline_attributes",
    "redline_check",
    "redline_tests",
    "redline_truths",
    "rule_attributes",
    "rule_check",
    "test_holds",
    "tests_of",
    "truth",
    "value_check",
]

Truth = bool | None
"""Kleene truth: true, false, or None when the values cannot decide."""

Values = Mapping[str, Any]
"""An attribute's name to its plain value (bool, str, or a tuple of str); absent is unknown."""


class Outcome(str, Enum):
    """What one redline says about one role."""

    CROSSES = "crosses"
    CLEAR = "clear"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not-applicable"


# -- what a test holds ----------------------------------------------------------------------------


def test_holds(test: AttributeTest, value: Any) -> Truth:
    """Whether one test holds for a value: None when the value is absent or of the wrong kind.

    ``equals`` and ``in`` test a single value (a bool or a str); ``contains`` (one member),
    ``contains_any`` (at least one of) and ``subset_of`` (every member among) test a set of values
    given as a tuple or list. A single value given to a set operator, or a set given to a single
    one, cannot be tested: unknown. A boolean never equals a str, nor the reverse.
    """
    return value_check(test)(value)


def value_check(test: AttributeTest) -> Callable[[Any], Truth]:
    """:func:`test_holds` for this test as a function of the value, made once per test.

    The operator and operand are read here, once, not per value: a search tests the same rule
    against millions of values.
    """
    found = _made.get((id(test), "value"))
    if found is not None and found[0] is test:
        return found[1]  # type: ignore[no-any-return]
    check = _value_check(test.operator, test.operand)
    _keep(test, "value", check)
    return check


def _value_check(operator: str, operand: Any) -> Callable[[Any], Truth]:
    many = (list, tuple)
    if operator in ("equals", "in"):
        items = (operand,) if operator == "equals" else tuple(operand)
        # Python's True == 1 and hash(True) == hash(1): booleans and strs are kept apart.
        flags = frozenset(item for item in items if isinstance(item, bool))
        words = frozenset(item for item in items if not isinstance(item, bool))

        def single(value: Any) -> Truth:
            if value is None or isinstance(value, many):
                return None
            return value in (flags if isinstance(value, bool) else words)

        return single
    if operator == "contains":

        def contains(value: Any) -> Truth:
            return None if value is None or not isinstance(value, many) else operand in value

        return contains
    members = frozenset(operand)
    if operator == "contains_any":

        def contains_any(value: Any) -> Truth:
            if value is None or not isinstance(value, many):
                return None
            return not members.isdisjoint(value)

        return contains_any

    def subset_of(value: Any) -> Truth:
        return None if value is None or not isinstance(value, many) else members.issuperset(value)

    return subset_of


# -- three-valued truth ---------------------------------------------------------------------------


def truth(rule: Rule, values: Values) -> Truth:
    """Kleene truth of ``rule`` for ``values`` (an absent attribute is unknown)."""
    return rule_check(rule)(values)


Check = Callable[[Values], Truth]
"""A rule made into a function of the values: :func:`truth` for that one rule."""


def rule_check(rule: Rule) -> Check:
    """:func:`truth` for this rule as a function of the values, made once per rule.

    This is where the engine's three-valued logic lives; :func:`truth` calls it. Each test's
    operator and operand, and each node's kind, are read once here rather than per role, which
    is what makes checking every role of a large catalogue linear at a small constant.
    """
    found = _made.get((id(rule), "rule"))
    if found is not None and found[0] is rule:
        return found[1]  # type: ignore[no-any-return]
    check = _rule_check(rule)
    _keep(rule, "rule", check)
    return check


def _rule_check(rule: Rule) -> Check:
    if isinstance(rule, AttributeTest):
        attribute, holds = rule.attribute, value_check(rule)
        return lambda values: holds(values.get(attribute))
    if isinstance(rule, NotRule):
        inner = rule_check(rule.not_)

        def negated(values: Values) -> Truth:
            found = inner(values)
            return None if found is None else not found

        return negated
    decisive = isinstance(rule, AnyRule)
    members = rule.any if isinstance(rule, AnyRule) else rule.all
    children = tuple(rule_check(child) for child in members)

    def combined(values: Values) -> Truth:
        unknown = False
        for child in children:
            found = child(values)
            if found is decisive:
                return decisive
            if found is None:
                unknown = True
        return None if unknown else not decisive

    return combined


_made: dict[tuple[int, str], tuple[object, Any]] = {}
"""Checks made, by the identity of what they were made for and their kind (a test is a rule
too), kept alive with it so that the identity is not reused while the entry stands. Models are
frozen: a check never goes stale."""
MAX_MADE = 200_000


def _keep(made_for: object, kind: str, check: Any) -> None:
    if len(_made) >= MAX_MADE:  # a long-lived process that reads many catalogues
        _made.clear()
    _made[id(made_for), kind] = (made_for, check)


class Tested(NamedTuple):
    """One test that decided (or failed to decide) a rule's truth, as data (no words)."""

    part: str
    """Where the test sits: ``rule``, ``rule.all[1].not``, ``applies_to``."""
    test: AttributeTest
    value: Any
    """The value tested, or None when the values give none."""
    holds: Truth


def explain(rule: Rule, values: Values, part: str = "rule") -> tuple[Truth, list[Tested]]:
    """The truth of ``rule`` (as :func:`truth`) and the tests that decided it, in order.

    For ``all`` and ``any``: the children that decided (false for ``all``, true for ``any``), else
    the unknown ones, else every child. ``part`` names where the rule sits in its redline.
    """
    if isinstance(rule, AttributeTest):
        value = values.get(rule.attribute)
        holds = test_holds(rule, value)
        return holds, [Tested(part, rule, value, holds)]
    if isinstance(rule, NotRule):
        inner, tested = explain(rule.not_, values, f"{part}.not")
        return (None if inner is None else not inner), tested
    children, key = (rule.all, "all") if isinstance(rule, AllRule) else (rule.any, "any")
    found = [
        explain(child, values, f"{part}.{key}[{index}]") for index, child in enumerate(children)
    ]
    decisive = key == "any"
    deciding = [tested for result, tested in found if result is decisive]
    if deciding:
        return decisive, [t for tested in deciding for t in tested]
    undecided = [tested for result, tested in found if result is None]
    if undecided:
        return None, [t for tested in undecided for t in tested]
    return not decisive, [t for _, tested in found for t in tested]


# -- the attributes a rule tests ------------------------------------------------------------------


def tests_of(rule: Rule | None) -> tuple[AttributeTest, ...]:
    """Every attribute test in ``rule``, in the order written (none for no rule)."""
    found: list[AttributeTest] = []
    _collect(rule, found)
    return tuple(found)


def _collect(rule: Rule | None, found: list[AttributeTest]) -> None:
    if rule is None:
        return
    if isinstance(rule, AttributeTest):
        found.append(rule)
    elif isinstance(rule, NotRule):
        _collect(rule.not_, found)
    else:
        for child in rule.all if isinstance(rule, AllRule) else rule.any:
            _collect(child, found)


def redline_tests(redline: Redline) -> tuple[AttributeTest, ...]:
    """Every test of a redline: its scope's (``applies_to``), then its rule's, as written."""
    return tests_of(redline.applies_to) + tests_of(redline.crossing)


def rule_attributes(tests: Iterable[AttributeTest]) -> tuple[str, ...]:
    """The attributes some of ``tests`` test, each once, in the order first tested."""
    return tuple(dict.fromkeys(test.attribute for test in tests))


def redline_attributes(redline: Redline) -> tuple[str, ...]:
    """The attributes a redline tests, in its scope or its rule, in the order written.

    A redline's outcome depends on these values only.
    """
    return rule_attributes(redline_tests(redline))


# -- one redline against values -------------------------------------------------------------------


def applies(redline: Redline, values: Values) -> Truth:
    """Whether the redline speaks to a role with these values (true without ``applies_to``)."""
    return True if redline.applies_to is None else truth(redline.applies_to, values)


def redline_truths(redline: Redline, values: Values) -> tuple[Truth, Truth]:
    """Whether the redline applies, and whether its crossing rule holds (``not requires``)."""
    return redline_check(redline)(values)


def redline_check(redline: Redline) -> Callable[[Values], tuple[Truth, Truth]]:
    """:func:`redline_truths` for this redline as a function of the values, made once."""
    found = _made.get((id(redline), "redline"))
    if found is not None and found[0] is redline:
        return found[1]  # type: ignore[no-any-return]
    scope = None if redline.applies_to is None else rule_check(redline.applies_to)
    if redline.rule is not None:
        crossing = rule_check(redline.rule)
    else:
        assert redline.requires is not None  # exactly one of the two, checked on validation
        required = rule_check(redline.requires)

        def crossing(values: Values) -> Truth:
            met = required(values)
            return None if met is None else not met

    if scope is None:

        def check(values: Values) -> tuple[Truth, Truth]:
            return True, crossing(values)

    else:

        def check(values: Values) -> tuple[Truth, Truth]:
            return scope(values), crossing(values)

    _keep(redline, "redline", check)
    return check


def outcome_of(applies: Truth, holds: Truth) -> Outcome:
    """The outcome of a redline that applies (or not) and whose crossing rule holds (or not).

    Out of scope is not applicable whatever the rule says; otherwise unknown when either is.
    """
    if applies is False:
        return Outcome.NOT_APPLICABLE
    if applies is None or holds is None:
        return Outcome.UNKNOWN
    return Outcome.CROSSES if holds else Outcome.CLEAR


def could_cross(applies: Truth, holds: Truth) -> bool:
    """Crossed, or crossed once the unknowns are known: neither truth is false."""
    return applies is not False and holds is not False


def crosses(redline: Redline, values: Values) -> Truth:
    """Whether a role with these values crosses the redline: False out of scope, None unknown."""
    scope, holds = redline_truths(redline, values)
    if scope is False:
        return False
    if scope is None or holds is None:
        return None
    return holds
