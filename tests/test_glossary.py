"""One glossary, enforced: every command in every format, on the shipped catalogue and on one the
test builds (with a delegation's redline file), prints no retired word and, in the formats for
people, names no holder by its id (docs/verdicts.md, ``render.glossary``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dsr_options.render.glossary import RETIRED
from tests.conftest import Run
from tests.factory import dump, redline, redlines_document, role, roles_document, write_catalogue

ROOT = Path(__file__).parent.parent
FORMATS = ("table", "json", "yaml", "csv", "markdown")
PEOPLE = ("table", "markdown")
DELEGATION = {
    "schema_version": 1,
    "holders": [{"id": "qq-delegation", "name": "Delegation Q, speaking for its capital"}],
    "redlines": [
        {
            "id": "qq-no-standing",
            "title": "No standing capacity",
            "statement": "We fund no standing capacity.",
            "origin": "member-state",
            "holders": ["qq-delegation"],
            "strictness": "condition",
            "rule": {"attribute": "standing_un_capacity", "equals": True},
        }
    ],
}
SCENARIOS = {
    "schema_version": 1,
    "scenarios": [
        {
            "id": "no-standing",
            "title": "No standing capacity anywhere",
            "every_role": {"standing_un_capacity": False},
        }
    ],
}


def _built(tmp: Path) -> Path:
    redlines = redlines_document(
        [
            redline(1, holders=("zz-members",)),
            redline(
                2,
                strictness="condition",
                rule={"attribute": "trigger", "equals": "un-initiative"},
                holders=("zz-hosts", "zz-members"),
            ),
            redline(3, strictness="concern", holders=("zz-hosts",)),
        ]
    )
    redlines["holders"] = [
        {"id": "zz-members", "name": "Some member states, unnamed (working level)"},
        {"id": "zz-hosts", "name": "Host governments", "short": "Hosts"},
    ]
    return write_catalogue(
        tmp / "built", roles_document([role(1), role(2, standing=False)]), redlines
    )


def _commands(data: str, delegation: str, scenarios: str, first: str, second: str) -> list[str]:
    both = f"--data {data} --redlines {delegation} --with-default"
    return [
        f"list {both}",
        f"show {first} {both}",
        f"redlines {both}",
        f"attributes --data {data}",
        f"check {both}",
        f"check {both} --all",
        f"list {both} --firmness",
        f"agree {both}",
        f"negotiate {both}",
        f"compare {first} {second} --data {data}",
        f"scenarios {scenarios} {both}",
        f"offices --data {data}",
        f"sources --data {data}",
    ]


def _retired(text: str) -> list[str]:
    return [word for word in RETIRED if re.search(rf"\b{word}\b", text, re.IGNORECASE)]


@pytest.mark.parametrize("data", ["shipped", "built"])
def test_no_retired_word_and_no_holder_id(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: str
) -> None:
    monkeypatch.chdir(ROOT)
    delegation = tmp_path / "delegation.yaml"
    delegation.write_text(dump(DELEGATION), encoding="utf-8")
    scenarios = tmp_path / "scenarios.yaml"
    if data == "shipped":
        folder, first, second = "data", "strategic-advice", "matchmaking"
        scenarios = ROOT / "examples" / "scenarios.yaml"
        holders = ["participants-general", "participants-unnamed", "one-participant"]
    else:
        folder, first, second = str(_built(tmp_path)), "role-1", "role-2"
        scenarios.write_text(dump(SCENARIOS), encoding="utf-8")
        holders = ["zz-members", "zz-hosts"]
    holders.append("qq-delegation")
    problems = []
    for command in _commands(folder, str(delegation), str(scenarios), first, second):
        for fmt in FORMATS:
            for width in (40, 80, 200) if fmt == "table" else (100,):
                result = run(f"dsr-options {command} -f {fmt}", columns=width)
                where = f"{command} -f {fmt} at {width}"
                if result.exit_code != 0:
                    problems.append(f"{where}: exit {result.exit_code}: {result.stderr}")
                    continue
                if fmt not in PEOPLE:
                    continue
                problems += [f"{where}: retired word {w!r}" for w in _retired(result.stdout)]
                problems += [f"{where}: holder id {h}" for h in holders if h in result.stdout]
    for fmt in ("markdown", "html"):
        result = run(
            f"dsr-options brief --data {folder} --redlines {delegation} --with-default -f {fmt}"
        )
        problems += [f"brief -f {fmt}: retired word {w!r}" for w in _retired(result.stdout)]
        # ids belong in the brief's annex (its "Ids" and findings), never in its body
        body = re.split(r'\n---\n\n## Annex\n|<section class="annex"', result.stdout)[0]
        problems += [f"brief -f {fmt}: holder id {h}" for h in holders if h in body]
    assert problems == [], "\n".join(problems)


def test_retired_words_name_their_replacement() -> None:
    assert RETIRED["conditional"] == "meets every condition"
    assert _retired("Ruritania: conditional (x)") == ["conditional"]
    assert _retired("meets every condition; conditions apply") == []


def test_holders_go_by_their_short_name(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _built(tmp_path)
    result = run(f"dsr-options negotiate --data {folder} -f markdown")
    assert result.exit_code == 0, result
    header = next(line for line in result.stdout.splitlines() if line.startswith("| role"))
    assert (
        header == "| role | Some member states, unnamed (working level) | Hosts | acceptable to |"
    )
    data = run(f"dsr-options negotiate --data {folder} -f json")
    assert '"name": "Hosts"' in data.stdout
