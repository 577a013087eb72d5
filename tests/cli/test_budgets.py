"""Searches with a budget: inputs built to explode are refused up front, naming the numbers and
how to raise the limit; linear work stays linear."""

from __future__ import annotations

from pathlib import Path

from dsr_options.cli.options import load
from tests.conftest import Run
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue


def scenarios_yaml(count: int) -> str:
    lines = ["schema_version: 1", "scenarios:"]
    for index in range(count):
        lines += [
            f"  - id: s-{index}",
            f"    title: Scenario {index}",
            "    every_role:",
            "      trigger: un-initiative",
        ]
    return "\n".join(lines) + "\n"


def test_too_many_scenarios_are_refused_up_front(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(
        tmp_path / "c",
        roles_document([role(n) for n in range(1, 11)]),
        redlines_document([redline(n) for n in range(1, 11)]),
    )
    path = tmp_path / "many.yaml"
    path.write_text(scenarios_yaml(200), encoding="utf-8")
    result = run(
        f"dsr-options scenarios {path} --data {data} -f json",
        env={"DSR_OPTIONS_MAX_PAIRS": "10000"},
    )
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr == (
        "dsr-options: error: bounded: 200 scenarios and the catalogue, each 10 roles x 10 "
        "redlines, is 20,100 pairs to evaluate, more than the limit of 10,000; no scenario was "
        "run: name one as FILE:NAME, pick redlines with --only, or set DSR_OPTIONS_MAX_PAIRS to "
        "raise the limit\n"
    )
    under = run(
        f"dsr-options scenarios {path} --data {data} -f json",
        env={"DSR_OPTIONS_MAX_PAIRS": "20100"},
    )
    assert under.exit_code == 0, under


def test_packages_of_many_members_expand(tmp_path: Path) -> None:
    count = 40
    document = roles_document([role(n) for n in range(1, count + 1)])
    members = [f"role-{n}" for n in range(1, count + 1)]
    document["packages"] = [
        {"id": f"p-{n}", "title": f"Package {n}", "members": members} for n in range(5)
    ]
    data = write_catalogue(tmp_path / "c", document, redlines_document([redline(1)]))
    catalogue = load(data)
    assert len(catalogue.roles) == count + 5
    assert catalogue.roles[-1].id == "p-4"
