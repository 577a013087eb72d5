"""Every search has a budget: on inputs built to explode (small versions of
``benchmarks/explode.py``'s), each command answers and says "bounded: ..." in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from benchmarks.explode import readings

from dsr_options.analyses.firmness_types import NOT_KNOWN
from dsr_options.model.budget import MAX_EVALUATIONS_ENV
from tests.conftest import Run


@pytest.mark.parametrize("fmt", ["json", "markdown", "table", "csv"])
def test_check_says_bounded_in_every_format(
    tmp_path: Path, run: Run, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = readings(tmp_path / "data", roles=2, doubts=6, positions=4)
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "40")
    result = run(["dsr-options", "check", "--data", str(data), "-f", fmt])
    assert result.exit_code == 0, result
    if fmt == "json":
        said = json.loads(result.stdout)["firmness"]
        assert said["bounded"] == {
            "what": "the firmness search",
            "limit": 40,
            "unknown": "whether other changes, not yet tried, alter the verdicts of 2 of 2 roles",
            "option": MAX_EVALUATIONS_ENV,
        }
        labels = {r["firmness"]["label"] for r in json.loads(result.stdout)["roles"]}
        assert labels == {NOT_KNOWN}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert len(rows) == 12  # two roles x six redlines
        assert {row["firmness"] for row in rows} == {
            f"{NOT_KNOWN}: its budget stopped the search before every change was tried (bounded)"
        }
    else:
        text = " ".join(result.stdout.split())
        assert (
            "bounded: the firmness search stopped at its limit of 40 evaluations; still "
            "unknown: whether other changes, not yet tried, alter the verdicts of 2 of 2 "
            f"roles; set {MAX_EVALUATIONS_ENV} to raise the limit"
        ) in text.replace("\\", "")


def _source_case(tmp_path: Path) -> tuple[Path, Path]:
    from benchmarks.explode import source

    return source(tmp_path, megabytes=0.01, quotes=12)


def test_quote_matching_stops_at_its_budget_located_at_the_first_quote_left(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _source_case(tmp_path)
    monkeypatch.chdir(tmp_path)
    whole = run(["dsr-options", "validate", "data", "--source", "note.txt", "-f", "json"])
    assert whole.exit_code == 1, whole
    assert "quotes-bounded" not in whole.stdout
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "30")
    result = run(["dsr-options", "validate", "data", "--source", "note.txt", "-f", "json"])
    assert result.exit_code == 1, result
    bounded = [e for e in json.loads(result.stdout)["errors"] if e["code"] == "quotes-bounded"]
    assert [(e["file"], e["line"], e["path"]) for e in bounded] == [
        ("data/redlines.yaml", 26, ["redlines", 0, "evidence", 0, "quote"]),
        ("data/roles.yaml", 109, ["roles", 2, "reception", "evidence", 0, "quote"]),
    ]
    assert bounded[1]["message"] == (
        "bounded: quote matching stopped at its limit of 30 evaluations; still unknown: "
        "whether this quote and the 8 after it occur in their source (data/roles.yaml); "
        f"set {MAX_EVALUATIONS_ENV} to raise the limit"
    )
    # what was checked before the budget ran out is reported as without one
    before = [e for e in json.loads(whole.stdout)["errors"] if e["line"] < 109]
    assert [e for e in json.loads(result.stdout)["errors"] if e["code"] != "quotes-bounded"] == [
        e for e in before if e["file"] == "data/roles.yaml"
    ]


def test_too_many_scenarios_are_refused_up_front_naming_the_budget(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.explode import scenarios

    data, file = scenarios(tmp_path, count=30)
    argv = ["dsr-options", "scenarios", str(file), "--data", str(data), "-f", "json"]
    assert len(json.loads(run(argv).stdout)["scenarios"]) == 30
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "2000")
    result = run(argv)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    # 31 runs (the catalogue and each scenario) x 4 roles x (2 x 8 redlines + 8 attributes)
    assert result.stderr == (
        "dsr-options: error: bounded: running the scenarios would take more than its limit of "
        "2,000 evaluations; still unknown: every role's verdict under 30 scenarios; no "
        "scenario was run: name one as FILE:NAME or pick redlines with --only; set "
        f"{MAX_EVALUATIONS_ENV} to raise the limit\n"
    )
    one = run([*argv[:2], f"{file}:scenario-3", *argv[3:]])
    assert one.exit_code == 0, one


def test_a_scenario_reaches_the_packages_built_from_the_roles_it_names(
    tmp_path: Path, run: Run
) -> None:
    from benchmarks.explode import options

    data = options(tmp_path / "data", roles=2, packages=1, variants=0)
    file = tmp_path / "scenarios.yaml"
    # role-1 is true in b1, b3, b5, b7, role-2 in b0, b2, b4, b6; redline-I forbids bI true
    lines = ["schema_version: 1", "scenarios:", "  - id: quiet", "    title: Nothing true"]
    lines += ["    roles:"]
    for role, first in (("role-1", 1), ("role-2", 0)):
        lines += [f"      {role}:", *(f"        b{j}: false" for j in range(first, 8, 2))]
    file = tmp_path / "scenarios.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(["dsr-options", "scenarios", str(file), "--data", str(data), "-f", "json"])
    assert result.exit_code == 0, result
    rows = {row["role"]: row for row in json.loads(result.stdout)["roles"]}
    assert {role: row["catalogue"] for role, row in rows.items()} == dict.fromkeys(
        ("role-1", "role-2", "package-0"), "out"
    )
    # the package is true in bI when any member is: with no member true, it crosses nothing
    assert {role: row["scenarios"]["quiet"]["verdict"] for role, row in rows.items()} == (
        dict.fromkeys(("role-1", "role-2", "package-0"), "clear")
    )


def test_packages_too_large_to_expand_are_refused_up_front(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.explode import options

    data = options(tmp_path / "data", roles=20, packages=10, variants=5)
    assert run(["dsr-options", "list", "--data", str(data), "-f", "json"]).exit_code == 0
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "1000")
    result = run(["dsr-options", "list", "--data", str(data), "-f", "json"])
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: bounded: expanding the variants and packages would take more than "
        "its limit of 1,000 evaluations; still unknown: every answer about the 5 variants and "
        "10 packages; nothing was expanded: give fewer or smaller packages; set "
        f"{MAX_EVALUATIONS_ENV} to raise the limit\n"
    )


def test_the_inputs_built_to_explode_are_valid_and_every_case_runs(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.explode import cases

    from dsr_options.load.catalogue import load

    found = cases(tmp_path, scale=0.01)
    assert [name for name, _ in found] == [
        "readings: check",
        "readings: agree",
        "analysis: check --bound 4",
        "options: list",
        "options: validate",
        "source: validate --source",
        "scenarios",
    ]
    for folder in ("readings", "analysis", "options", "source/data", "scenarios/data"):
        assert load(tmp_path / folder).diagnostics == [], folder
    monkeypatch.setenv(MAX_EVALUATIONS_ENV, "5000")  # bounded soon: this is not a timing
    for name, argv in found:
        result = run(["dsr-options", *argv])
        # the source's quotes are built not to occur: validate --source finds them (exit 1);
        # 200 scenarios are past this budget, and refused up front (exit 2)
        expected = {"source: validate --source": 1, "scenarios": 2}.get(name, 0)
        assert result.exit_code == expected, (name, result)
        stopped = name.startswith(("readings", "analysis", "scenarios"))
        assert ("bounded" in result.stdout + result.stderr) == stopped, (name, result)
