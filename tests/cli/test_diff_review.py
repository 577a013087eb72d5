"""``diff`` for a reviewer: the redlines behind a moved verdict, values whose rationale did not
follow them, and "can move" an answer kept apart from "did move" one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.factory import ROOT, redline, redlines_document, role, roles_document, write_catalogue


def sides(tmp_path: Path, roles: dict[str, Any], redlines: dict[str, Any]) -> None:
    write_catalogue(tmp_path / "old", roles_document(), redlines_document(REDLINES))
    write_catalogue(tmp_path / "new", roles, redlines)


REDLINES = [
    redline(1, strictness="veto"),
    redline(
        2,
        strictness="concern",
        rule={"attribute": "trigger", "equals": "un-initiative"},
        holders=("members",),
    ),
]


@pytest.fixture
def moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """role-2 comes to need a standing capacity (its evidence unchanged): it crosses the veto;
    role-1's trigger changes with its note, crossing nothing."""
    monkeypatch.chdir(tmp_path)
    roles = roles_document()
    roles["roles"][1]["attributes"]["standing_un_capacity"]["value"] = True
    roles["roles"][0]["attributes"]["delivered_by"]["value"] = ["member-state-experts"]
    roles["roles"][0]["attributes"]["delivered_by"]["note"] = "Experts, we now read."
    sides(tmp_path, roles, redlines_document(REDLINES))
    return tmp_path


def test_a_moved_verdict_names_the_redlines_whose_outcome_changed(run: Run, moved: Path) -> None:
    data = json.loads(run("dsr-options diff old new -f json").stdout)
    (verdict,) = [c for c in data["consequences"] if c["kind"] == "verdict"]
    assert (verdict["role"], verdict["old"], verdict["new"]) == ("role-2", "clear", "out")
    assert verdict["redlines"] == [
        {
            "redline": "redline-1",
            "title": "Redline 1",
            "old": "clear",
            "new": "crosses",
            "holders": ["Some member states"],
        }
    ]
    result = run("dsr-options diff old new", columns=200)
    lines = result.stdout.splitlines()
    at = lines.index("Answers that moved")
    assert lines[at + 1].startswith("• role-2: verdict clear → out, because roles/role-2 ")
    assert lines[at + 2] == "  - “Redline 1” (held by Some member states): clear → crosses"
    markdown = run("dsr-options diff old new -f markdown").stdout
    assert "\n  - “Redline 1” (held by Some member states): clear → crosses\n" in markdown


def test_a_value_changed_without_its_rationale_is_a_warning_at_the_value(
    run: Run, moved: Path
) -> None:
    """role-2's standing capacity changed, its evidence did not: a warning at the value.
    role-1's delivered_by changed with its note: no warning."""
    data = json.loads(run("dsr-options diff old new -f json").stdout)
    (warning,) = data["warnings"]
    text = (moved / "new" / "roles.yaml").read_text(encoding="utf-8")
    role_two = text.index("id: role-2")
    offset = text.index("value: true", text.index("standing_un_capacity", role_two)) + 7
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    assert warning == {
        "kind": "stale-rationale",
        "change": "roles/role-2/attributes/standing_un_capacity/value",
        "role": "role-2",
        "attribute": "standing_un_capacity",
        "note": False,
        "evidence": 1,
        "at": f"NEW:new/roles.yaml:{line}:{column}",
    }
    assert data["summary"]["stale_rationales"] == 1
    result = run("dsr-options diff old new", columns=200)
    lines = result.stdout.splitlines()
    at = lines.index("Check the rationale")
    assert lines[at + 1] == (
        f"• NEW:new/roles.yaml:{line}:{column}: role-2's standing UN capacity changed "
        "(false → true), its evidence (1) did not: the rationale may argue for the old value"
    )
    assert lines[at + 2] == ""
    documented = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"`{lines[at + 1][2:]}`" in documented  # the example in docs/ci.md is this one


def test_can_move_an_answer_is_not_did_move_one(run: Run, moved: Path) -> None:
    """Both changes are of a kind that can move an answer; only role-2's did."""
    result = run("dsr-options diff old new -f csv")
    rows = [
        (row["kind"], row["subject"], row["can_move_answers"], row["moved_answers"])
        for row in csv.DictReader(io.StringIO(result.stdout))
    ]
    assert rows == [
        ("value-changed", "roles/role-1", "yes", "no"),
        ("value-note-changed", "roles/role-1", "no", "no"),
        ("value-changed", "roles/role-2", "yes", "yes"),
    ]
    data = json.loads(run("dsr-options diff old new -f json").stdout)
    assert [(c["moves_answers"], c["moved_answers"]) for c in data["changes"]] == [
        (True, False),
        (False, False),
        (True, True),
    ]
    summary = data["summary"]
    assert (summary["answer_moving_changes"], summary["answer_moved_changes"]) == (2, 1)
    table = run("dsr-options diff old new", columns=200).stdout.splitlines()
    assert table[1] == (
        # No reading is declared, so firmness (over declared readings) does not move.
        "3 changes (2 can move an answer, 1 did); 1 verdict and 1 standing moved; "
        "1 rationale to check"
    )


def test_a_redline_tightened_names_itself_and_no_rationale(run: Run, tmp_path: Path) -> None:
    """A concern becomes a veto: role-1 goes from flagged to out while the redline's outcome
    stays crosses, so no redline is listed as moved; the cause names the strictness."""
    write_catalogue(
        tmp_path / "old",
        roles_document([role(1)]),
        redlines_document([redline(1, strictness="concern")]),
    )
    write_catalogue(tmp_path / "new", roles_document([role(1)]), redlines_document([redline(1)]))
    data = json.loads(
        run(
            ["dsr-options", "diff", str(tmp_path / "old"), str(tmp_path / "new"), "-f", "json"]
        ).stdout
    )
    (verdict,) = [c for c in data["consequences"] if c["kind"] == "verdict"]
    assert (verdict["old"], verdict["new"]) == ("flagged", "out")
    assert verdict["redlines"] == []
    assert verdict["causes"] == ["redlines/redline-1/strictness"]
    assert data["warnings"] == []
