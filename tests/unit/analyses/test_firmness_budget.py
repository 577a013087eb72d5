"""Firmness within its budget: a search the budget stops says so, in every format."""

from __future__ import annotations

from pathlib import Path

from benchmarks.explode import analysis, readings

from dsr_options import load_catalogue
from dsr_options.analyses.firmness import firmness
from dsr_options.analyses.firmness_types import NOT_KNOWN
from dsr_options.model.budget import MAX_EVALUATIONS_ENV, Bounded, Budget


def test_a_budget_too_small_stops_every_role_and_says_what_is_unknown(tmp_path: Path) -> None:
    catalogue = load_catalogue(readings(tmp_path / "data", roles=3, doubts=6, positions=4))
    whole = firmness(catalogue, budget=Budget("the firmness search", 1_000_000))
    assert whole.bounded is None
    assert not any(f.stopped for f in whole.roles)
    small = firmness(catalogue, budget=Budget("the firmness search", 30))
    assert small.bounded == Bounded(
        "the firmness search",
        30,
        "whether other changes, not yet tried, alter the verdicts of 3 of 3 roles",
        MAX_EVALUATIONS_ENV,
    )
    for found, complete in zip(small.roles, whole.roles, strict=True):
        assert found.stopped
        # what a stopped search found is what the whole search found first, never more
        assert set(found.minimal) <= set(complete.minimal)
        assert found.label == NOT_KNOWN or found.minimal
        assert "bounded" in found.text or found.minimal


def test_the_analysis_search_at_bound_4_stops_within_its_budget(tmp_path: Path) -> None:
    catalogue = load_catalogue(analysis(tmp_path / "data", roles=2, attributes=12))
    budget = Budget("the firmness search", 2_000)
    report = firmness(catalogue, vary="analysis", bound=4, budget=budget)
    assert [f.label for f in report.roles] == [NOT_KNOWN, NOT_KNOWN]
    assert report.bounded is not None
    # each role had its share, and no role more than one redline's worth beyond it
    assert budget.spent <= 2_000
