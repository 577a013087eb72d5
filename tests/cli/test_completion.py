"""Shell completion (issue 25) through typer's own mechanism: the completion entry point is
invoked as bash, zsh and fish invoke it (``_DSR_OPTIONS_COMPLETE`` and the shell's variables), and
the candidates are asserted: commands, options, formats, role, redline and holder ids from the
catalogue the command would load, ``--assume``'s parts, scenario names. A broken catalogue or a
malformed request completes nothing, and never prints a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dsr_options.cli import app
from tests.factory import (
    dump,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

FORMATS = ["table", "json", "yaml", "csv", "excel-csv", "markdown"]


@pytest.fixture(autouse=True)
def _no_catalogue_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DSR_OPTIONS_DATA", raising=False)


def complete(line: str, shell: str = "bash", **env: str) -> tuple[int, str, str]:
    """What the shell gets for ``line`` (the cursor at its end): exit code, stdout, stderr."""
    words = line.split(" ")
    variables: dict[str, Any] = {"_DSR_OPTIONS_COMPLETE": f"complete_{shell}", **env}
    if shell == "bash":
        variables |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        variables["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = CliRunner().invoke(app, [], env=variables, prog_name="dsr-options")
    return result.exit_code, result.stdout, result.stderr


def candidates(line: str, **env: str) -> list[str]:
    code, out, err = complete(line, **env)
    assert (code, err) == (0, ""), (code, out, err)
    return out.splitlines() if out.strip() else []


def catalogue(folder: Path) -> Path:
    roles = [role(1), role(2, standing=False), role(3, title="A third role")]
    lines = [
        redline(1, strictness="veto"),
        redline(2, strictness="concern", holders=("others",)),
        redline(3, strictness="condition"),
    ]
    document = redlines_document(lines)
    document["holders"].append({"id": "others", "name": "Other member states"})
    return write_catalogue(folder, roles_document(roles), document)


# -- commands and options (typer's) ------------------------------------------------------------


def test_commands() -> None:
    assert candidates("dsr-options ch") == ["check"]
    assert candidates("dsr-options n") == ["negotiate", "new-redlines"]


def test_options_without_their_old_names() -> None:
    assert candidates("dsr-options check --on") == ["--only"]
    assert candidates("dsr-options check --f") == ["--format"]  # not --firmness-bound
    assert candidates("dsr-options diff --m") == []  # --max-subset is an old name
    assert candidates("dsr-options --") == [
        "--version",
        "--date",
        "--install-completion",
        "--show-completion",
        "--help",
    ]


# -- closed vocabularies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("dsr-options check -f ", FORMATS),
        ("dsr-options list --format m", ["markdown"]),
        ("dsr-options brief -f ", ["markdown", "html", "docx"]),
        ("dsr-options validate -f ", ["text", "json", "github", "junit", "sarif"]),
        ("dsr-options schema ", ["roles", "redlines", "scenarios", "forum"]),
        ("dsr-options check --vary ", ["readings", "analysis", "all"]),
        ("dsr-options negotiate --vary ", ["analysis", "note"]),
        (
            "dsr-options negotiate --forum ",
            ["consensus", "security-council", "majority", "two-thirds"],
        ),
        ("dsr-options list --level s", ["strategic"]),
        ("dsr-options diff a b --fail-on v", ["verdict-change"]),
    ],
)
def test_closed_vocabularies(line: str, expected: list[str]) -> None:
    assert candidates(line) == expected


# -- ids from the catalogue the command would load ------------------------------------------------


def test_role_ids_from_data(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    assert candidates(f"dsr-options show --data {data} ") == ["role-1", "role-2", "role-3"]
    # compare leaves out the roles already given
    assert candidates(f"dsr-options compare --data {data} role-2 ") == ["role-1", "role-3"]


def test_role_ids_from_the_environment(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    assert candidates("dsr-options show role-", DSR_OPTIONS_DATA=str(data)) == [
        "role-1",
        "role-2",
        "role-3",
    ]


def test_role_ids_from_the_packaged_catalogue() -> None:
    assert candidates("dsr-options show str") == ["strategic-advice"]


def test_redline_ids_comma_separated(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    assert candidates(f"dsr-options check --data {data} --only redline-") == [
        "redline-1",
        "redline-2",
        "redline-3",
    ]
    assert candidates(f"dsr-options check --data {data} --only redline-2,") == [
        "redline-2,redline-1",
        "redline-2,redline-3",
    ]
    assert candidates(f"dsr-options list --data {data} --clear-of redline-3") == ["redline-3"]


def test_redline_ids_from_the_files_on_the_line(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    mine = tmp_path / "mine.yaml"
    document = redlines_document([redline(7), redline(8)])
    document["holders"] = [{"id": "freedonia", "name": "Freedonia"}]
    for line in document["redlines"]:
        line["holders"] = ["freedonia"]
    mine.write_text(dump(document), encoding="utf-8")
    line = f"dsr-options check --data {data} --redlines {mine} --only "
    assert candidates(line) == ["redline-7", "redline-8"]
    with_default = f"dsr-options check --data {data} --redlines {mine} --with-default --only "
    assert len(candidates(with_default)) == 5
    assert candidates(f"dsr-options brief --data {data} --redlines {mine} --for ") == ["freedonia"]


def test_holder_ids(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    assert candidates(f"dsr-options negotiate --data {data} --holder ") == ["members", "others"]
    assert candidates(f"dsr-options brief --data {data} --holder members,") == ["members,others"]


def test_assume_a_part_at_a_time(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    head = f"dsr-options check --data {data} --assume "
    assert candidates(head) == ["*.", "role-1.", "role-2.", "role-3."]
    assert candidates(head + "role-1.st") == ["role-1.standing_un_capacity="]
    assert candidates(head + "*.standing_un_capacity=") == [
        "*.standing_un_capacity=true",
        "*.standing_un_capacity=false",
        "*.standing_un_capacity=unknown",
    ]
    assert candidates(head + "role-1.delivered_by=") == [
        "role-1.delivered_by=un-secretariat",
        "role-1.delivered_by=member-state-experts",
        "role-1.delivered_by=unknown",
    ]
    # a set: a comma list, the values already listed left out, no "unknown" inside a list
    assert candidates(head + "role-1.delivered_by=un-secretariat,") == [
        "role-1.delivered_by=un-secretariat,member-state-experts"
    ]
    assert candidates(head + "role-2.trigger=n") == ["role-2.trigger=national-request"]
    assert candidates(head + "role-1.no_such_attribute=") == []


def test_scenario_names_from_the_file_on_the_line(tmp_path: Path) -> None:
    scenarios = tmp_path / "what-if.yaml"
    scenarios.write_text(
        dump(
            {
                "schema_version": 1,
                "scenarios": [
                    {"id": "mandate-only", "title": "Only a mandate", "every_role": {}},
                    {"id": "member-advice", "title": "Member States advise", "every_role": {}},
                    {"id": "host-request", "title": "At the host's request", "every_role": {}},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert candidates(f"dsr-options check --scenario {scenarios}:m") == [
        f"{scenarios}:mandate-only",
        f"{scenarios}:member-advice",
    ]
    assert candidates(f"dsr-options scenarios {scenarios}:h") == [f"{scenarios}:host-request"]
    # Before the colon the shell completes the file's name itself.
    assert candidates(f"dsr-options scenarios {tmp_path}/wh") == []


# -- the other shells ------------------------------------------------------------------------------


def test_zsh_gets_each_candidate_with_what_it_is(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    code, out, err = complete(f"dsr-options show --data {data} role-", shell="zsh")
    assert (code, err) == (0, "")
    assert out == (
        '_arguments \'*: :(("role-1":"Role number 1"\n'
        '"role-2":"Role number 2"\n'
        '"role-3":"A third role"))\'\n'
    )
    code, out, _ = complete("dsr-options scenarios ", shell="zsh")
    assert (code, out) == (0, "_files\n")  # no candidate: the file's name


def test_fish_gets_each_candidate_with_what_it_is() -> None:
    code, out, err = complete("dsr-options check -f ", shell="fish")
    assert (code, err) == (0, "")
    assert out.splitlines() == FORMATS


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("bash", "complete -o default -F _dsr_options_completion dsr-options"),
        ("zsh", "compdef _dsr_options_completion dsr-options"),
        ("fish", "complete --command dsr-options --no-files --arguments"),
    ],
)
def test_show_completion_prints_typers_script(
    monkeypatch: pytest.MonkeyPatch, shell: str, line: str
) -> None:
    # typer detects the shell it runs in; its own switch names the shell instead (tests only)
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--show-completion", shell], prog_name="dsr-options")
    assert result.exit_code == 0, result.output
    assert f"_DSR_OPTIONS_COMPLETE=complete_{shell}" in result.stdout
    assert line in result.stdout


# -- nothing, never a traceback --------------------------------------------------------------------


def test_a_broken_catalogue_completes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "roles.yaml").write_text("roles: [\n", encoding="utf-8")
    (broken / "redlines.yaml").write_text("x: 1\n", encoding="utf-8")
    assert candidates(f"dsr-options show --data {broken} ") == []
    assert candidates(f"dsr-options check --data {tmp_path}/none --only ") == []
    assert candidates("dsr-options show ", DSR_OPTIONS_DATA=str(broken)) == []
    assert candidates(f"dsr-options check --scenario {broken}/roles.yaml:") == []


def test_mistakes_on_the_line_still_complete(tmp_path: Path) -> None:
    data = catalogue(tmp_path / "c")
    assert candidates(f"dsr-options check --data {data} --bogus --bound x --only redline-3") == [
        "redline-3"
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"COMP_WORDS": "dsr-options ch", "COMP_CWORD": "x"},  # not a number
        {},  # the shell's variables missing
    ],
)
def test_a_malformed_request_is_silent(env: dict[str, str]) -> None:
    """Through the console script's own entry point, as a shell runs it."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("COMP_", "_DSR", "DSR_"))
    }
    result = subprocess.run(
        [sys.executable, "-m", "dsr_options"],
        env={**environment, "_DSR_OPTIONS_COMPLETE": "complete_bash", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
