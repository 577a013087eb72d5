"""Every command in every format, byte for byte against files kept in ``tests/golden/``.

The cases run on a catalogue the suite builds itself (``tests/golden/catalogue``: fixed, so a
change of the shipped data never moves them), on the shipped catalogue, and on the corpus of broken
files. A difference is either a regression or a deliberate change; for the latter, regenerate with
``DSR_OPTIONS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import Run

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
ROOT = HERE.parent
UPDATE = os.environ.get("DSR_OPTIONS_UPDATE_GOLDEN") == "1"

FORMATS = ("table", "json", "yaml", "csv", "markdown")
REPORTS = ("text", "json", "github", "junit", "sarif")


def _cases() -> list[tuple[str, str, int]]:
    cases: list[tuple[str, str, int]] = []
    for data in ("shipped", "built"):
        where = "--data data" if data == "shipped" else "--data tests/golden/catalogue"
        first, second = (
            ("strategic-advice", "matchmaking") if data == "shipped" else ("alpha", "beta")
        )
        views = {
            "list": "list",
            "show": f"show {first}",
            "redlines": "redlines",
            "check": "check",
            "agree": "agree",
            "compare": f"compare {first} {second}",
            "sources": "sources",
            "attributes": "attributes",
            "negotiate": "negotiate",
        }
        for name, command in views.items():
            for fmt in FORMATS:
                widths = (40, 80, 200) if fmt == "table" else (100,)
                for width in widths:
                    cases.append(
                        (f"{data}-{name}-{fmt}-{width}", f"{command} {where} -f {fmt}", width)
                    )
        for report in REPORTS:
            cases.append((f"{data}-validate-{report}", f"validate {where} -f {report}", 100))
    # A generated catalogue with long titles and many roles (tests/golden/make_long.py).
    long_views = {
        "list": "list",
        "show": "show 3",
        "redlines": "redlines",
        "check": "check",
        "agree": "agree",
        "compare": "compare 1 2 3",
    }
    for name, command in long_views.items():
        for width in (40, 80, 200):
            cases.append(
                (f"long-{name}-table-{width}", f"{command} --data tests/golden/long", width)
            )
        cases.append(
            (f"long-{name}-markdown-100", f"{command} --data tests/golden/long -f md", 100)
        )
    for fmt in FORMATS:
        for width in (40, 80, 200) if fmt == "table" else (100,):
            cases.append((f"shipped-offices-{fmt}-{width}", f"offices --data data -f {fmt}", width))
    cases.append(("shipped-check-only", "check --data data --only no-standing,limited", 100))
    cases.append(("shipped-check-only-json", "check --data data --only no-standing -f json", 100))
    cases.append(("shipped-check-all", "check --data data --all", 100))
    cases.append(("shipped-check-logic-md", "check --data data --logic -f md", 100))
    cases.append(("shipped-list-excel-csv", "list --data data -f excel-csv", 100))
    cases.append(
        (
            "shipped-check-delegation-table",
            "check --data data --redlines examples/delegation-redlines.yaml",
            80,
        )
    )
    cases.append(("shipped-list-survives", "list --data data --survives", 100))
    cases.append(("shipped-compare-diff-only", "compare 1 2 3 --data data --diff-only", 100))
    cases.append(
        (
            "shipped-check-delegation",
            "check --data data --redlines examples/delegation-redlines.yaml -f json",
            100,
        )
    )
    both = (
        "--data data --redlines a=tests/delegations/delegation-a.yaml"
        " --redlines b=tests/delegations/delegation-b.yaml"
    )
    for fmt in FORMATS:
        cases.append((f"shipped-negotiate-delegations-{fmt}", f"negotiate {both} -f {fmt}", 100))
    cases.append(("shipped-redlines-delegations", f"redlines {both} -f csv", 100))
    # Issue 26: the forum's rule, undecided members and blocs.
    forum = (
        "--data data --redlines tests/golden/forum/freedonia.yaml"
        " --redlines tests/golden/forum/sylvania.yaml --redlines tests/golden/forum/ruritania.yaml"
        " --forum-file tests/golden/forum/forum.yaml"
    )
    for fmt in FORMATS:
        cases.append((f"shipped-negotiate-forum-{fmt}", f"negotiate {forum} -f {fmt}", 100))
    cases.append(("shipped-negotiate-forum-table-40", f"negotiate {forum}", 40))
    cases.append(
        ("shipped-negotiate-forum-consensus", f"negotiate {forum} --forum consensus -f md", 100)
    )
    cases.append(
        (
            "shipped-check-twice",
            "check --data data --redlines examples/delegation-redlines.yaml"
            " --redlines ./examples/delegation-redlines.yaml -f csv",
            100,
        )
    )
    cases.append(("new-redlines", "new-redlines Freedonia --out -", 100))
    cases.append(("shipped-brief-markdown", "brief --data data --date 2010-12-15", 100))
    cases.append(
        (
            "shipped-brief-delegation",
            "brief --data data --date 2010-12-15 --redlines examples/delegation-redlines.yaml"
            " --with-default",
            100,
        )
    )
    cases.append(("schema-roles", "schema roles", 100))
    cases.append(("schema-redlines", "schema redlines", 100))
    cases.append(("schema-scenarios", "schema scenarios", 100))
    cases.append(("schema-forum", "schema forum", 100))
    # What-if: assumptions and scenarios state themselves in every format (issue 13).
    assume = (
        "--assume strategic-advice.standing_un_capacity=false "
        "--assume strategic-advice.technical_delivery_by_un=false"
    )
    for fmt in FORMATS:
        cases.append((f"shipped-check-assume-{fmt}", f"check --data data {assume} -f {fmt}", 100))
        cases.append(
            (
                f"shipped-scenarios-{fmt}",
                f"scenarios examples/scenarios.yaml --data data -f {fmt}",
                100,
            )
        )
    cases.append(
        (
            "shipped-show-scenario",
            "show strategic --data data --scenario examples/scenarios.yaml:brokered-advice",
            100,
        )
    )
    cases.append(("shipped-list-firmness", "list --data data --firmness -f csv", 100))
    cases.append(
        (
            "shipped-check-firmness-bound-1",
            "check --data data --firmness-bound 1 --vary note -f markdown",
            100,
        )
    )
    # Every command with a terminal table, at 40, 80 and 200 columns (issue 25): the views the
    # loops above leave at one width.
    wide_cases = {
        "scenarios": "scenarios examples/scenarios.yaml --data data",
        "negotiate-delegations": f"negotiate {both}",
        "diff": "diff tests/golden/diff/old.yaml tests/golden/diff/new.yaml --data data",
        "check-firmness": "check --data data --bound 1",
        "brief": "brief --data data --date 2010-12-15",
    }
    for name, command in wide_cases.items():
        for width in (40, 80, 200):
            cases.append((f"shipped-{name}-table-{width}", command, width))
    cases.append(
        (
            "shipped-diff-markdown",
            "diff tests/golden/diff/old.yaml tests/golden/diff/new.yaml --data data -f markdown",
            100,
        )
    )
    for path in sorted((HERE / "corpus").glob("*.yaml")):
        cases.append((f"corpus-{path.stem}", f"validate tests/corpus/{path.name}", 100))
    return cases


CASES = _cases()
_VOLATILE = re.compile(r'"(version|driver|semanticVersion)": "[^"]*"')
_HEADER_VERSION = re.compile(r"dsr-options [0-9][^ ;,]*")
_BRIEF_VERSION = re.compile(r"^Tool: dsr-options [^ ]+ ·", re.MULTILINE)


def _normalise(text: str) -> str:
    """Tool versions vary between a release and a checkout; nothing else may."""
    text = _BRIEF_VERSION.sub("Tool: dsr-options * ·", _VOLATILE.sub(r'"\1": "*"', text))
    return _HEADER_VERSION.sub("dsr-options *", text)


@pytest.mark.parametrize(("name", "command", "width"), CASES, ids=[c[0] for c in CASES])
def test_golden(
    run: Run, monkeypatch: pytest.MonkeyPatch, name: str, command: str, width: int
) -> None:
    monkeypatch.chdir(ROOT)
    result = run(f"dsr-options {command}", columns=width)
    got = _normalise(
        f"$ dsr-options {command}\nexit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    )
    path = GOLDEN / f"{name}.txt"
    if UPDATE or not path.exists():
        path.write_text(got, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"{path.name} was missing and has been written; review and commit it")
    assert got == path.read_text(encoding="utf-8")
