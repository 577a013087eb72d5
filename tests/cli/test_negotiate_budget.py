"""negotiate's joint-repair search within the run's budget of evaluations (issue 21): a role the
budget stopped is "not known", never "none within the bound", in the table and in JSON, with
what is unknown and how to raise the limit."""

from __future__ import annotations

import json

from tests.conftest import Run
from tests.factory import ROOT

DELEGATION = ROOT / "examples" / "delegation-redlines.yaml"


def test_a_role_the_budget_stopped_is_not_known(run: Run) -> None:
    env = {"DSR_OPTIONS_MAX_EVALUATIONS": "3"}
    result = run(f"dsr-options negotiate --redlines {DELEGATION} -f json", env=env)
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["coordination"]["bounded"] is True
    assert roles["coordination"]["joint_repair"] is None
    assert roles["strategic-advice"]["bounded"] is False
    assert roles["strategic-advice"]["joint_repair"] is not None
    assert data["search"]["bounded"] == {
        "what": "the joint-repair search",
        "limit": 3,
        "unknown": "whether a change of at most 3 values makes 1 role acceptable to every holder",
        "option": "DSR_OPTIONS_MAX_EVALUATIONS",
    }
    table = run(f"dsr-options negotiate --redlines {DELEGATION}", columns=200, env=env).stdout
    assert "multilateral actors: not known: the search was bounded (see below)" in table
    assert "bounded: the joint-repair search stopped at its limit of 3 evaluations" in table


def test_at_the_default_budget_nothing_is_bounded(run: Run) -> None:
    result = run(f"dsr-options negotiate --redlines {DELEGATION} -f json")
    data = json.loads(result.stdout)
    assert "bounded" not in data["search"]
    assert not any(r["bounded"] for r in data["roles"])


def test_the_brief_never_calls_a_bounded_search_impossible(run: Run) -> None:
    env = {"DSR_OPTIONS_MAX_EVALUATIONS": "3"}
    result = run(f"dsr-options brief --redlines {DELEGATION} -f markdown", env=env)
    assert result.exit_code == 0, result
    assert (
        "- Whether a change of up to 3 values makes Coordination of DSR engagement across "
        "bilateral and multilateral actors acceptable to every holder is not known: the search "
        "was bounded.\n"
    ) in result.stdout
    assert "No change of up to 3 values makes Coordination" not in result.stdout
