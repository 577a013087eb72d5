"""``brief`` takes ``check``'s firmness options (issues 21 and 25): ``--bound`` and ``--vary``
are the same option definitions, searched by the same function, and the brief's annex states the
search it used and the ``check`` options that reproduce it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.factory import write_catalogue

DATE = "--date 2010-12-15"


def help_record(help_text: str, option: str) -> str:
    """An option's help entry (its first line and the lines under it), whitespace joined."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(option))
    entry = [lines[start]]
    for line in lines[start + 1 :]:
        if line.strip().startswith("-") or not line.startswith(" " * 10):
            break
        entry.append(line)
    return " ".join(" ".join(entry).split())


@pytest.mark.parametrize("option", ["--bound N", "--vary WHAT"])
def test_brief_shows_checks_firmness_options_word_for_word(run: Run, option: str) -> None:
    brief_help = run("dsr-options brief -h").stdout
    check_help = run("dsr-options check -h").stdout
    assert help_record(brief_help, option) == help_record(check_help, option)
    assert "--firmness-bound" not in brief_help


def test_the_default_brief_states_what_firmness_varied(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c")
    result = run(f"dsr-options brief --data {data} {DATE}")
    assert result.exit_code == 0, result
    assert (
        "- Firmness: every combination of the readings the data declares and the positions "
        "held with confidence reported or inferred, searched exactly (--vary readings)\n"
    ) in result.stdout
    assert "Firmness: firm: no declared reading or uncertain position to vary." in result.stdout
    # The command that reproduces the findings needs no firmness option at the defaults.
    assert "--bound" not in result.stdout.split("### What the brief was made from")[0]


def test_vary_all_moves_the_brief_as_it_moves_check(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c")
    brief = run(f"dsr-options brief --data {data} --bound 3 --vary all {DATE}")
    check = run(f"dsr-options check --data {data} --bound 3 --vary all -f json")
    assert brief.exit_code == check.exit_code == 0, brief
    labels = [r["firmness"]["label"] for r in json.loads(check.stdout)["roles"]]
    assert labels == ["hangs on one judgement", "hangs on one judgement"]
    assert brief.stdout.count("Firmness: hangs on one judgement (standing UN capacity).") == 2
    assert (
        "- Firmness: every combination of up to 3 changes of the analysis and note values, "
        "searched exactly (--bound 3 --vary all)\n"
    ) in brief.stdout
    assert "  --bound 3 \\\n  --vary all\n" in brief.stdout


def test_vary_analysis_bound_one(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c")
    result = run(f"dsr-options brief --data {data} --bound 1 --vary analysis {DATE}")
    assert result.exit_code == 0, result
    assert result.stdout.count("Firmness: firm: no change of up to 1 analysis value alters it.")
    assert (
        "- Firmness: every combination of up to 1 change of the analysis values, searched "
        "exactly (--bound 1 --vary analysis)\n"
    ) in result.stdout


def test_bound_zero_leaves_firmness_out_and_says_so(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c")
    result = run(f"dsr-options brief --data {data} --bound 0 {DATE}")
    assert result.exit_code == 0, result
    body, annex = result.stdout.split("### What the brief was made from")
    assert "Firmness:" not in body.split("## Annex")[0]
    assert "- Firmness: not searched (--bound 0)\n" in annex
    assert "  --bound 0\n" in body


def test_the_old_name_still_works_for_the_brief(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c")
    new = run(f"dsr-options brief --data {data} --bound 1 --vary all {DATE}")
    old = run(f"dsr-options brief --data {data} --firmness-bound 1 --vary all {DATE}")
    assert new.exit_code == old.exit_code == 0
    assert new.stdout == old.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "--bound 9",
            "dsr-options: error: --bound: the firmness bound is a number of changes "
            "from 1 to 4, not 9\n",
        ),
        (
            "--vary bogus",
            "dsr-options: error: --vary: vary 'readings', 'analysis' or 'all', not 'bogus'\n",
        ),
    ],
)
def test_a_bad_firmness_option_is_refused_as_check_refuses_it(
    run: Run, tmp_path: Path, options: str, message: str
) -> None:
    data = write_catalogue(tmp_path / "c")
    brief = run(f"dsr-options brief --data {data} {options}")
    check = run(f"dsr-options check --data {data} {options}")
    assert brief.exit_code == check.exit_code == 2
    assert brief.stderr == check.stderr == message
    assert brief.stdout == ""
