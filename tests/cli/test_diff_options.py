"""``diff`` on catalogues with variants and packages (their changes located, their answers
moved by their base's), and a run whose budget stops its searches, said in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.factory import (
    evidence,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

VARIANT = {
    "id": "role-1-lite",
    "title": "Role one, started by the UN",
    "base": "role-1",
    "changes": {"trigger": "un-initiative"},
}


def document(standing: bool, variant: dict[str, Any]) -> dict[str, Any]:
    roles = roles_document([role(1, standing=standing), role(2, standing=False)])
    roles["variants"] = [variant]
    return roles


@pytest.fixture
def options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """role-1 comes to need a standing capacity, and its variant is started by a request."""
    monkeypatch.chdir(tmp_path)
    redlines = redlines_document([redline(1)])
    write_catalogue(tmp_path / "old", document(False, VARIANT), redlines)
    changed = {**VARIANT, "changes": {"trigger": "national-request"}}
    write_catalogue(tmp_path / "new", document(True, changed), redlines)
    return tmp_path


def test_a_variants_change_is_located_and_its_base_moves_it(run: Run, options: Path) -> None:
    result = run(["dsr-options", "diff", "./old", "./new", "-f", "json"])
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    changes = {c["key"]: c for c in data["changes"]}
    variant = changes["variants/role-1-lite/changes/trigger"]
    assert (variant["kind"], variant["old"], variant["new"]) == (
        "variant-value-changed",
        "un-initiative",
        "national-request",
    )
    roles_file = Path("old") / "roles.yaml"
    line = roles_file.read_text(encoding="utf-8").split("\n").index("    trigger: un-initiative")
    assert variant["old_at"] == f"OLD:{roles_file}:{line + 1}:14"
    assert variant["new_at"].startswith(f"NEW:{Path('new') / 'roles.yaml'}:")
    verdicts = {
        c["role"]: (c["old"], c["new"], c["causes"])
        for c in data["consequences"]
        if c["kind"] == "verdict"
    }
    cause = "roles/role-1/attributes/standing_un_capacity/value"
    assert verdicts == {
        "role-1": ("clear", "out", [cause]),
        "role-1-lite": ("clear", "out", [cause]),
    }


@pytest.fixture
def reworded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four quotes of role-1, each reworded."""
    monkeypatch.chdir(tmp_path)
    redlines = redlines_document([redline(1)])
    for side, word in (("old", "before"), ("new", "after")):
        made = role(1)
        made["evidence"] = [
            evidence(f"quote {n} says the same thing {word} in many words") for n in range(4)
        ]
        write_catalogue(tmp_path / side, roles_document([made]), redlines)
    return tmp_path


BOUNDED = (
    "bounded: diff's pairing of reworded texts stopped at its limit of 40 evaluations; still "
    "unknown: whether 8 removed and added texts are texts reworded (they are listed as removed "
    "and added); set DSR_OPTIONS_MAX_EVALUATIONS to raise the limit"
)


def diff(run: Run, fmt: str, limit: str = "40") -> Any:
    result = run(
        ["dsr-options", "diff", "./old", "./new", "-f", fmt],
        columns=400,
        env={"DSR_OPTIONS_MAX_EVALUATIONS": limit},
    )
    assert result.exit_code == 0, result
    return result


def test_reworded_quotes_are_paired_at_the_default_budget(run: Run, reworded: Path) -> None:
    result = run(["dsr-options", "diff", "./old", "./new", "-f", "json"])
    data = json.loads(result.stdout)
    assert [c["kind"] for c in data["changes"]] == ["quote-changed"] * 4
    assert data["bounded"] == []


def test_a_bounded_pairing_is_said_in_json(run: Run, reworded: Path) -> None:
    data = json.loads(diff(run, "json").stdout)
    assert sorted({c["kind"] for c in data["changes"]}) == ["evidence-added", "evidence-removed"]
    assert [b["what"] for b in data["bounded"]] == ["diff's pairing of reworded texts"]
    assert data["bounded"][0]["option"] == "DSR_OPTIONS_MAX_EVALUATIONS"
    assert data["bounds"]["run_evaluations"] == 40


def test_a_bounded_pairing_is_said_in_the_table_and_markdown(run: Run, reworded: Path) -> None:
    assert diff(run, "table").stdout.split("\n")[-2] == BOUNDED
    assert diff(run, "markdown").stdout.split("\n")[-2] == BOUNDED


def test_a_bounded_pairing_is_said_on_stderr_with_csv(run: Run, reworded: Path) -> None:
    result = diff(run, "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted({row["kind"] for row in rows}) == ["evidence-added", "evidence-removed"]
    assert result.stderr == f"dsr-options: warning: {BOUNDED}\n"
