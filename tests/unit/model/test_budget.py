"""The shared search budget: a counter with a limit and a name."""

from __future__ import annotations

import pytest

from dsr_options.errors import UsageError
from dsr_options.model.budget import (
    DEFAULT_MAX_EVALUATIONS,
    MAX_EVALUATIONS_ENV,
    Bounded,
    Budget,
    OverBudget,
    max_evaluations,
)


def test_spend_counts_and_says_whether_the_search_may_go_on() -> None:
    budget = Budget("the search", 3)
    assert [budget.spend(), budget.spend(), budget.spend()] == [True, True, True]
    assert (budget.exhausted, budget.left) == (False, 0)
    assert budget.spend() is False
    assert (budget.exhausted, budget.spent) == (True, 4)


def test_check_refuses_up_front_with_what_is_unknown_and_how_to_raise_it() -> None:
    budget = Budget("quote matching", 10)
    budget.check(10, "nothing")
    with pytest.raises(OverBudget) as caught:
        budget.check(11, "whether 4 quotes are in the source", about="source")
    assert str(caught.value) == (
        "bounded: quote matching would take more than its limit of 10 evaluations; still "
        f"unknown: whether 4 quotes are in the source; set {MAX_EVALUATIONS_ENV} to raise "
        "the limit"
    )
    assert caught.value.about == "source"
    assert caught.value.exit_code == 2
    assert caught.value.bounded == Bounded(
        "quote matching", 10, "whether 4 quotes are in the source", MAX_EVALUATIONS_ENV
    )


def test_charge_stops_past_the_limit() -> None:
    budget = Budget("expansion", 2, option="--bound")
    budget.charge(2, "x")
    with pytest.raises(OverBudget, match=r"raise it with --bound$"):
        budget.charge(1, "the rest")


def test_bounded_in_words_and_as_data() -> None:
    bounded = Budget("the firmness search", 1_500).bounded("whether 2 roles hang on 2 changes")
    assert bounded.text == (
        "bounded: the firmness search stopped at its limit of 1,500 evaluations; still "
        "unknown: whether 2 roles hang on 2 changes; set DSR_OPTIONS_MAX_EVALUATIONS to "
        "raise the limit"
    )
    assert bounded.data() == {
        "what": "the firmness search",
        "limit": 1500,
        "unknown": "whether 2 roles hang on 2 changes",
        "option": "DSR_OPTIONS_MAX_EVALUATIONS",
    }


def test_the_default_limit_and_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_EVALUATIONS_ENV, raising=False)
    assert max_evaluations() == DEFAULT_MAX_EVALUATIONS == Budget("x").limit
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "5_000")
    assert Budget("x").limit == 5000
    for bad in ("lots", "0", "-3"):
        monkeypatch.setenv(MAX_EVALUATIONS_ENV, bad)
        with pytest.raises(UsageError, match=f"^{MAX_EVALUATIONS_ENV}='{bad}': give the most"):
            max_evaluations()
    with pytest.raises(UsageError, match="at least 1 evaluation, not 0"):
        Budget("x", 0)


def test_a_share_is_an_equal_part_of_what_is_left_and_settles_into_the_whole() -> None:
    whole = Budget("the firmness search", 100)
    first = whole.share(4)
    assert (first.limit, first.what, first.option) == (25, whole.what, whole.option)
    first.spend(40)  # it stopped past its share: only the share counts
    whole.settle(first)
    assert (whole.spent, whole.share(3).limit) == (25, 25)
    spent = Budget("x", 2)
    spent.spend(2)
    assert spent.share(5).limit == 1
