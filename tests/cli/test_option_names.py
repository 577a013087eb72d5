"""One name per idea (issue 25): ``--bound`` wherever a search is bounded (old names kept
unshown), ``--date`` before or after the command, ``--only`` says it is for redlines, and an
unknown option is answered by what the user most likely meant."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Run


@pytest.mark.parametrize("command", ["check", "list", "show strategic", "agree"])
def test_bound_is_the_name_and_the_old_one_is_not_shown(run: Run, command: str) -> None:
    help_text = run(f"dsr-options {command} -h").stdout
    assert "--bound N" in help_text
    assert "--firmness-bound" not in help_text


def test_the_old_names_still_work(run: Run) -> None:
    new = run("dsr-options check --bound 1 -f json")
    old = run("dsr-options check --firmness-bound 1 -f json")
    assert new.exit_code == old.exit_code == 0
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert "--max-subset" not in run("dsr-options diff -h").stdout
    assert "--bound N" in run("dsr-options diff -h").stdout


def test_a_bad_bound_is_named_by_its_new_name(run: Run) -> None:
    result = run("dsr-options check --firmness-bound 9")
    assert result.exit_code == 2
    assert "--bound" in result.stderr
    assert "--firmness-bound" not in result.stderr


@pytest.mark.parametrize(
    "command", ["--date 2011-01-10 check -f json", "check --date 2011-01-10 -f json"]
)
def test_date_before_or_after_the_command(run: Run, command: str) -> None:
    result = run(f"dsr-options {command}")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["provenance"]["date"] == "2011-01-10"


def test_date_after_the_command_is_checked(run: Run) -> None:
    result = run("dsr-options list --date 2011-13-40")
    assert result.exit_code == 2
    assert "2011-13-40" in result.stderr


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "check --role matchmaking",
            "Error: No such option: --role; a role is named as an argument: "
            "`dsr-options show ROLE` for one role, `compare ROLE ROLE` for several.",
        ),
        ("check --firmness 1", "Error: No such option: --firmness; did you mean --bound?"),
        ("check --json", "Error: No such option: --json; write `-f json`."),
        (
            "negotiate --delegation x",
            "Error: No such option: --delegation; did you mean --holder or --redlines?",
        ),
        ("diff a b --max-changes 2", "Error: No such option: --max-changes; did you mean --bound?"),
        ("list --bogus", "Error: No such option: --bogus (Possible options: --bound)"),
    ],
)
def test_unknown_options_are_answered_by_meaning(run: Run, command: str, expected: str) -> None:
    result = run(f"dsr-options {command}")
    assert result.exit_code == 2
    assert expected in result.stderr.splitlines(), result


def test_only_says_it_selects_redlines(run: Run) -> None:
    assert "not roles: `show ROLE` is for one role" in " ".join(
        run("dsr-options check -h").stdout.split()
    )
    result = run("dsr-options check --only matchmaking")
    assert result.exit_code == 2
    assert result.stderr == (
        "dsr-options: error: --only: 'matchmaking' is a role, not a redline: --only selects "
        "redlines; `dsr-options show matchmaking` is for one role\n"
    )
