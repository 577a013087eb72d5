"""The rule engine (model/rules/) against a brute-force reference written independently here.

The reference: a test's truth from set semantics, Kleene logic as min/max/1-x over the order
false < unknown < true, and a verdict as the set of definite verdicts over every way of
resolving each unknown result.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from dsr_options.analyses.evaluate import analyse
from dsr_options.load.catalogue import load_catalogue
from dsr_options.model import rules as engine
from dsr_options.model.catalogue import AttributeTest, Catalogue, Redline, Role, Rule
from dsr_options.model.rules import (
    NO_COUNTS,
    Counts,
    Outcome,
    Truth,
    Verdict,
    add_counts,
    counts_of,
    crosses,
    explain,
    outcome_of,
    possible_verdicts,
    redline_attributes,
    redline_counts,
    redline_tests,
    redline_truths,
    subtract_counts,
    truth,
    verdict_of,
)
from dsr_options.model.rules import logic as made
from dsr_options.model.vocabulary import Strictness
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

RULE: TypeAdapter[Any] = TypeAdapter(Rule)
IDS = ("un-secretariat", "member-state-experts", "national-request")
ATTRIBUTES = ("delivered_by", "standing_un_capacity", "trigger", "undeclared")


def rule(data: dict[str, Any]) -> Any:
    return RULE.validate_python(data)


def a_test(data: dict[str, Any]) -> AttributeTest:
    found = rule(data)
    assert isinstance(found, AttributeTest)
    return found


# -- what a test holds, operator by operator ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "value", "expected"),
    [
        ({"equals": True}, True, True),
        ({"equals": True}, False, False),
        ({"equals": True}, None, None),
        ({"equals": "a"}, "a", True),
        ({"equals": "a"}, "b", False),
        ({"equals": "a"}, ("a",), None),  # a set given to a single-value test
        ({"in": ["a", "b"]}, "b", True),
        ({"in": ["a", "b"]}, "c", False),
        ({"in": [True]}, True, True),
        ({"in": ["a"]}, ("a",), None),
        ({"contains": "a"}, ("a", "b"), True),
        ({"contains": "a"}, ("b",), False),
        ({"contains": "a"}, (), False),
        ({"contains": "a"}, "a", None),  # a single value given to a set test
        ({"contains_any": ["a", "c"]}, ("b", "c"), True),
        ({"contains_any": ["a", "c"]}, ("b",), False),
        ({"contains_any": ["a"]}, True, None),
        ({"subset_of": ["a", "b"]}, ("a",), True),
        ({"subset_of": ["a", "b"]}, (), True),
        ({"subset_of": ["a", "b"]}, ("a", "c"), False),
        ({"subset_of": ["a"]}, ["a"], True),  # a list is a set as a tuple is
        ({"subset_of": ["a"]}, None, None),
    ],
)
def test_each_operator_over_a_value(data: dict[str, Any], value: Any, expected: Truth) -> None:
    assert engine.test_holds(a_test({"attribute": "x", **data}), value) is expected


def test_a_boolean_never_equals_a_number_or_a_string() -> None:
    assert engine.test_holds(a_test({"attribute": "x", "equals": True}), 1) is False
    assert engine.test_holds(a_test({"attribute": "x", "equals": "true"}), True) is False


# -- the attributes a rule tests ------------------------------------------------------------------


def test_tests_and_attributes_in_the_order_written() -> None:
    line = Redline.model_validate(
        {
            **redline(1, rule={"any": [{"attribute": "b", "equals": True}]}),
            "rule": None,
            "requires": {
                "all": [
                    {"attribute": "b", "equals": True},
                    {"not": {"attribute": "a", "contains": "x"}},
                ]
            },
            "applies_to": {"attribute": "c", "in": ["y"]},
        }
    )
    assert [t.attribute for t in redline_tests(line)] == ["c", "b", "a"]
    assert redline_attributes(line) == ("c", "b", "a")
    assert engine.tests_of(None) == ()


# -- a brute-force reference ----------------------------------------------------------------------


def reference_holds(test: AttributeTest, value: Any) -> Truth:
    if value is None:
        return None
    single = not isinstance(value, (list, tuple))
    operator, operand = test.operator, test.operand
    if operator in ("equals", "in"):
        if not single:
            return None
        options = [operand] if operator == "equals" else list(operand)
        return any(type(value) is type(option) and value == option for option in options)
    if single:
        return None
    have = set(value)
    if operator == "contains":
        return operand in have
    if operator == "contains_any":
        return len(have & set(operand)) > 0
    return have.issubset(operand)


_LEVEL = {False: 0.0, None: 0.5, True: 1.0}
_TRUTH = {0.0: False, 0.5: None, 1.0: True}


def reference_truth(data: dict[str, Any], values: dict[str, Any]) -> Truth:
    """Kleene logic as min (and), max (or) and 1 - x (not), over the raw rule data."""
    if "all" in data:
        return _TRUTH[min(_LEVEL[reference_truth(c, values)] for c in data["all"])]
    if "any" in data:
        return _TRUTH[max(_LEVEL[reference_truth(c, values)] for c in data["any"])]
    if "not" in data:
        return _TRUTH[1.0 - _LEVEL[reference_truth(data["not"], values)]]
    return reference_holds(a_test(data), values.get(data["attribute"]))


def reference_verdict(results: Sequence[tuple[Strictness, Truth, Truth]]) -> set[Verdict]:
    """Every definite verdict some resolution of the unknown truths gives."""
    found = set()
    choices = [
        [
            (strictness, a, h)
            for a in ((True, False) if applies is None else (applies,))
            for h in ((True, False) if holds is None else (holds,))
        ]
        for strictness, applies, holds in results
    ]
    for resolved in itertools.product(*choices):
        crossed = {s for s, a, h in resolved if a and h}
        if crossed & {Strictness.VETO, Strictness.CONDITION}:
            found.add(Verdict.OUT)
        elif Strictness.CONCERN in crossed:
            found.add(Verdict.FLAGGED)
        elif any(s is Strictness.CONDITION and a for s, a, _ in resolved):
            found.add(Verdict.CONDITIONAL)
        else:
            found.add(Verdict.CLEAR)
    return found


# -- random rules and values ----------------------------------------------------------------------

single_values = st.one_of(st.booleans(), st.sampled_from(IDS))
set_values = st.lists(st.sampled_from(IDS), max_size=3, unique=True).map(tuple)
values_of = st.one_of(st.none(), single_values, set_values)
tests = st.one_of(
    st.builds(
        lambda a, v: {"attribute": a, "equals": v}, st.sampled_from(ATTRIBUTES), single_values
    ),
    st.builds(
        lambda a, v: {"attribute": a, "in": v},
        st.sampled_from(ATTRIBUTES),
        st.lists(single_values, min_size=1, max_size=3),
    ),
    st.builds(
        lambda a, v: {"attribute": a, "contains": v},
        st.sampled_from(ATTRIBUTES),
        st.sampled_from(IDS),
    ),
    *(
        st.builds(
            lambda a, v, op=op: {"attribute": a, op: v},
            st.sampled_from(ATTRIBUTES),
            st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True),
        )
        for op in ("contains_any", "subset_of")
    ),
)
rules = st.recursive(
    tests,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"all": c}),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"any": c}),
        inner.map(lambda c: {"not": c}),
    ),
    max_leaves=8,
)
role_values = st.dictionaries(st.sampled_from(ATTRIBUTES), values_of, max_size=4)
truths = st.sampled_from((True, False, None))
strictnesses = st.sampled_from(list(Strictness))


@given(rules, role_values)
def test_truth_is_kleene_logic(data: dict[str, Any], values: dict[str, Any]) -> None:
    parsed = rule(data)
    expected = reference_truth(data, values)
    assert truth(parsed, values) is expected
    found, tested = explain(parsed, values)
    assert found is expected
    assert tested, "a truth always rests on some test"
    for part, test, value, holds in tested:
        assert part.startswith("rule")
        assert value == values.get(test.attribute)
        assert holds is reference_holds(test, value)


def test_a_check_is_made_once_per_rule_and_never_for_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine makes each rule into a function once; a second rule, or a copy with another
    rule, gets its own, and a full memo is emptied rather than grown."""
    first, second = (
        rule({"attribute": "trigger", "equals": "a"}),
        rule({"attribute": "trigger", "equals": "b"}),
    )
    assert engine.rule_check(first) is engine.rule_check(first)
    assert truth(first, {"trigger": "a"}) is True
    assert truth(second, {"trigger": "a"}) is False
    held = Redline.model_validate(
        redline(1, rule={"attribute": "trigger", "equals": "a"}), strict=False
    )
    moved = held.model_copy(update={"rule": second})
    assert redline_truths(held, {"trigger": "a"}) == (True, True)
    assert redline_truths(moved, {"trigger": "a"}) == (True, False)
    monkeypatch.setattr(made, "MAX_MADE", 2)
    many = [rule({"attribute": "trigger", "equals": str(n)}) for n in range(5)]
    assert [truth(r, {"trigger": "3"}) for r in many] == [False, False, False, True, False]
    assert len(made._made) <= 2


@given(st.lists(st.tuples(strictnesses, truths, truths), max_size=6))
def test_the_verdict_over_counts_is_every_resolution_of_the_unknowns(
    results: list[tuple[Strictness, Truth, Truth]],
) -> None:
    counts = NO_COUNTS
    for strictness, applies, holds in results:
        counts = add_counts(counts, counts_of(strictness, applies, holds))
    expected = reference_verdict(results)
    assert set(possible_verdicts(counts)) == expected
    assert list(possible_verdicts(counts)) == sorted(expected, key=list(Verdict).index)
    assert verdict_of(counts) is (expected.pop() if len(expected) == 1 else Verdict.UNDETERMINED)


@given(st.lists(st.tuples(strictnesses, truths, truths), min_size=1, max_size=6))
def test_counts_subtract_what_they_add(results: list[tuple[Strictness, Truth, Truth]]) -> None:
    each = [counts_of(*result) for result in results]
    total = NO_COUNTS
    for counts in each:
        total = add_counts(total, counts)
    assert subtract_counts(total, each[0]) == sum_counts(each[1:])


def sum_counts(each: Sequence[Counts]) -> Counts:
    return Counts(*(sum(c[i] for c in each) for i in range(6)))


@pytest.mark.parametrize(
    ("applies", "holds", "outcome"),
    [
        (False, None, Outcome.NOT_APPLICABLE),
        (False, True, Outcome.NOT_APPLICABLE),
        (None, False, Outcome.UNKNOWN),
        (True, None, Outcome.UNKNOWN),
        (True, True, Outcome.CROSSES),
        (True, False, Outcome.CLEAR),
    ],
)
def test_outcome_of(applies: Truth, holds: Truth, outcome: Outcome) -> None:
    assert outcome_of(applies, holds) is outcome


# -- small random catalogues: the engine against the reference, through `analyse` ----------------


@pytest.fixture(scope="module")
def base() -> Iterator[Catalogue]:
    with tempfile.TemporaryDirectory() as folder:
        written = write_catalogue(
            Path(folder), roles_document([role(1)]), redlines_document([redline(1)])
        )
        yield load_catalogue(written)


redline_data = st.tuples(strictnesses, st.one_of(st.none(), rules), rules, st.booleans())


def make_redline(index: int, data: tuple[Strictness, Any, Any, bool]) -> Redline:
    strictness, scope, condition, required = data
    written = redline(index, strictness=strictness.value, rule=condition)
    if required:
        written = {**written, "rule": None, "requires": condition}
    if scope is not None:
        written["applies_to"] = scope
    return Redline.model_validate(written)


def make_role(index: int, values: dict[str, Any]) -> Role:
    written = role(index)
    written["attributes"] = {
        name: {"value": list(v) if isinstance(v, tuple) else v, "basis": "analysis"}
        for name, v in values.items()
        if v is not None
    }
    return Role.model_validate(written)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(redline_data, min_size=1, max_size=4),
    st.lists(role_values, min_size=1, max_size=4),
)
def test_analyse_equals_brute_force_over_small_random_catalogues(
    base: Catalogue,
    lines: list[tuple[Strictness, Any, Any, bool]],
    roles: list[dict[str, Any]],
) -> None:
    catalogue = base.model_copy(
        update={
            "redlines": [make_redline(i + 1, data) for i, data in enumerate(lines)],
            "roles": [make_role(i + 1, values) for i, values in enumerate(roles)],
        }
    )
    analysis = analyse(catalogue)
    for verdict, values in zip(analysis.verdicts, roles, strict=True):
        values = {k: v for k, v in values.items() if v is not None}
        expected_results = []
        for (strictness, scope, condition, required), result in zip(
            lines, verdict.results, strict=True
        ):
            applies = True if scope is None else reference_truth(scope, values)
            holds = reference_truth({"not": condition} if required else condition, values)
            assert (result.applies, result.holds) == (applies, holds)
            assert redline_truths(result.redline, values) == (applies, holds)
            assert result.outcome is outcome_of(applies, holds)
            assert crosses(result.redline, values) is (
                False if applies is False else None if None in (applies, holds) else holds
            )
            assert redline_counts(result.redline, values) == counts_of(strictness, applies, holds)
            expected_results.append((strictness, applies, holds))
        expected = reference_verdict(expected_results)
        assert set(verdict.possible) == expected
        single = expected.pop() if len(expected) == 1 else Verdict.UNDETERMINED
        assert verdict.verdict is single
