"""negotiate's joint-repair search within the run's budget of evaluations (issue 21): a role the
budget stopped is "not known", never "none within the bound", in the table and in JSON, with
what is unknown and how to raise the limit."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_pair_the_conflict_check_could_not_decide_is_said(run: Run, tmp_path: Path) -> None:
    """Two vetoes that no value clears together: a conflict at the default budget; with a
    budget of one assignment the pair is undecided, and negotiate says so (not "no conflict")
    in the table and in JSON."""
    path = tmp_path / "two.yaml"
    path.write_text(
        "schema_version: 1\nholders:\n  - {id: us, name: Us}\n  - {id: them, name: Them}\n"
        "redlines:\n"
        "  - {id: needs-standing, title: Needs standing, statement: s, origin: member-state,\n"
        "     holders: [us], strictness: veto,\n"
        "     rule: {attribute: standing_un_capacity, equals: false}}\n"
        "  - {id: no-standing, title: No standing, statement: s, origin: member-state,\n"
        "     holders: [them], strictness: veto,\n"
        "     rule: {attribute: standing_un_capacity, equals: true}}\n",
        encoding="utf-8",
    )
    found = json.loads(run(f"dsr-options negotiate --redlines {path} -f json").stdout)
    assert [c["redlines"] for c in found["conflicts"]] == [["needs-standing", "no-standing"]]
    assert "conflicts_bounded" not in found["search"]
    env = {"DSR_OPTIONS_MAX_EVALUATIONS": "1"}
    result = run(f"dsr-options negotiate --redlines {path} -f json", env=env)
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["conflicts"] == []
    assert data["search"]["conflicts_bounded"] == {
        "what": "the conflict check",
        "limit": 1,
        "unknown": "whether 1 veto or condition can be cleared at all and whether 1 pair of "
        "vetoes and conditions can be cleared together (not reported as conflicts)",
        "option": "DSR_OPTIONS_MAX_EVALUATIONS",
    }
    table = run(f"dsr-options negotiate --redlines {path}", columns=200, env=env).stdout
    assert "bounded: the conflict check stopped at its limit of 1 evaluations" in table
