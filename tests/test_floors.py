"""The dependency floors: what pyproject.toml declares is exactly what .ci/floors.txt pins, and
.ci/run installs those pins in an environment of its own and runs the whole suite there."""

from __future__ import annotations

import re

from tests.factory import ROOT


def declared() -> dict[str, str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = text.split("[project]", 1)[1].split("\n[", 1)[0]
    extras = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    docx = extras.split("docx = [", 1)[1].split("]", 1)[0]
    found = re.findall(r'"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)', project + docx)
    return {name.lower(): version for name, version in found}


def pinned() -> dict[str, str]:
    text = (ROOT / ".ci" / "floors.txt").read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9_.-]+)==([0-9][0-9.]*)$", text, flags=re.MULTILINE)
    return {name.lower(): version for name, version in found}


def test_every_dependency_has_a_floor_and_floors_txt_pins_it() -> None:
    assert set(declared()) == {
        "typer",
        "rich",
        "pydantic",
        "pyyaml",
        "typing-extensions",
        "python-docx",
    }
    assert declared() == pinned()


def test_ci_runs_the_suite_at_the_floors() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '-m pip install --quiet -c .ci/floors.txt ".[test]"' in ci
    assert ".floors/bin/python -m pytest" in ci
