"""One glossary, enforced: every command in every format, on the shipped catalogue and on one the
test builds (with a delegation's redline file), prints no retired word and, in the formats for
people, names no holder by its id (docs/verdicts.md, ``render.glossary``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dsr_options.render.glossary import RETIRED
from tests.commands import COMMANDS
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


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_speaks_the_glossary(run: Run, command: str) -> None:
    """Every command's help (and the app's): no retired word, no old option name."""
    text = run(f"dsr-options {command} -h".replace("  ", " "), columns=200).stdout
    assert text.startswith("Usage: dsr-options")
    assert _retired(text) == []
    assert "--firmness-bound" not in text
    assert "--max-subset" not in text
    if command in ("check", "list"):
        assert "meets every condition" in text or "verdict" in text


def test_the_commands_listed_here_are_every_command(run: Run) -> None:
    text = run("dsr-options -h", columns=200).stdout
    lines = text.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in lines if line.startswith("  ")] == COMMANDS


def test_diff_validate_and_new_redlines_speak_the_glossary(run: Run, tmp_path: Path) -> None:
    """The commands the matrix above leaves out, with an answer that moves (holders named)."""
    old = _built(tmp_path / "old")
    new = _built(tmp_path / "new")
    # role 2 now has a standing capacity: it crosses both holders' redlines, and diff says so
    changed = dump(roles_document([role(1), role(2, standing=True)]))
    assert changed != (new / "roles.yaml").read_text(encoding="utf-8")
    (new / "roles.yaml").write_text(changed, encoding="utf-8")
    problems = []
    for command in (
        f"diff {old} {new} -f table",
        f"diff {old} {new} -f markdown",
        f"validate {new} --explain",
        f"new-redlines Freedonia --data {old} --out -",
    ):
        for width in (40, 80, 200):
            result = run(f"dsr-options {command}", columns=width)
            where = f"{command} at {width}"
            if result.exit_code not in (0, 1):
                problems.append(f"{where}: exit {result.exit_code}: {result.stderr}")
            problems += [f"{where}: retired word {w!r}" for w in _retired(result.stdout)]
            if command.startswith("diff"):
                said = " ".join(result.stdout.split())
                assert "Some member states, unnamed (working level)" in said, where
                problems += [
                    f"{where}: holder id {h}"
                    for h in ("zz-members", "zz-hosts")
                    if h in result.stdout
                ]
    assert problems == [], "\n".join(problems)


def test_firmness_left_out_says_by_what(run: Run) -> None:
    """``not assessed`` only where no firmness was computed, with the option that left it out."""
    for fmt in ("table", "markdown"):
        text = run(f"dsr-options check --bound 0 -f {fmt}").stdout
        assert "not assessed (--bound 0)" in text
        assert "add --firmness" not in text  # check has no --firmness
        assert "not assessed" not in run(f"dsr-options check -f {fmt}").stdout
    refused = run("dsr-options list --firmness --bound 0")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "dsr-options: error: --bound: --firmness asks for firmness and --bound 0 leaves it out: "
        "give a bound from 1 to 4\n"
    )
