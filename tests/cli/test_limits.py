"""Bounded work: the pair limit, out of memory without a traceback, the walker's report cap,
and results shared between alike roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsr_options.files.located import MAX_REPORTED
from dsr_options.files.read import parse_text
from dsr_options.render.formats import write_json
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue


def test_a_run_over_the_pair_limit_is_refused_up_front(run: Run, catalogue_dir: Path) -> None:
    for command in ("check", "agree", "list --survives"):
        result = run(
            f"dsr-options {command} --data {catalogue_dir}", env={"DSR_OPTIONS_MAX_PAIRS": "1"}
        )
        assert result.exit_code == 1, (command, result)
        assert result.stderr == (
            "dsr-options: error: 2 roles x 1 redlines is 2 pairs to evaluate, more than the "
            "limit of 1: pick redlines with --only or check a smaller catalogue "
            "(set DSR_OPTIONS_MAX_PAIRS to raise the limit)\n"
        )


@pytest.mark.parametrize("command", ["check", "agree"])
def test_a_report_to_read_has_a_lower_limit(
    run: Run, catalogue_dir: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr("dsr_options.cli.limits.MAX_READING_PAIRS", 1)
    for fmt in ("table", "markdown"):
        result = run(f"dsr-options {command} --data {catalogue_dir} -f {fmt}")
        assert result.exit_code == 1, result
        assert result.stderr == (
            "dsr-options: error: 2 roles x 1 redlines is 2 pairs, more than 1 for a report to "
            "read: use -f json or -f csv, or pick redlines with --only (set "
            "DSR_OPTIONS_MAX_PAIRS to raise the limit)\n"
        )
    for fmt in ("json", "csv"):
        assert run(f"dsr-options {command} --data {catalogue_dir} -f {fmt}").exit_code == 0


def _over_the_limit(folder: Path) -> Path:
    """30 roles x 4 redlines: 120 pairs, over a limit of 100."""
    roles = roles_document([role(i, standing=i % 2 == 0) for i in range(1, 31)])
    redlines = redlines_document([redline(i) for i in range(1, 5)])
    return write_catalogue(folder, roles, redlines)


@pytest.mark.parametrize("command", ["check -f json", "check -f csv", "agree -f json"])
def test_a_run_over_the_limit_is_refused_before_any_analysis(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    def not_before_the_refusal(*_: object, **__: object) -> None:
        raise AssertionError("the analysis ran before the refusal")

    for name in ("evaluate.analyse", "firmness.firmness", "agreement.agreement"):
        monkeypatch.setattr(f"dsr_options.analyses.{name}", not_before_the_refusal)
    folder = _over_the_limit(tmp_path / "big")
    result = run(f"dsr-options {command} --data {folder}", env={"DSR_OPTIONS_MAX_PAIRS": "100"})
    assert result.exit_code == 1, result
    assert result.stdout == ""
    assert result.stderr == (
        "dsr-options: error: 30 roles x 4 redlines is 120 pairs to evaluate, more than the "
        "limit of 100: pick redlines with --only or check a smaller catalogue "
        "(set DSR_OPTIONS_MAX_PAIRS to raise the limit)\n"
    )
    with pytest.raises(AssertionError, match="the analysis ran"):  # 60 pairs: not refused
        run(
            f"dsr-options {command} --data {folder} --only redline-1,redline-2",
            env={"DSR_OPTIONS_MAX_PAIRS": "100"},
        )


@pytest.mark.parametrize(
    "command", ["check -f json", "agree", "brief -f markdown", "negotiate", "scenarios S"]
)
def test_the_refusal_comes_as_soon_as_the_files_are_parsed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Over the limit by the counts the files list: refused before any cross-file check runs
    (they cost as much as parsing on a large catalogue), with the same message; with --only
    the redlines kept are not known until the files are checked, so the checks run first."""

    def not_before_the_refusal(*_: object, **__: object) -> None:
        raise AssertionError("the files were checked before the refusal")

    monkeypatch.setattr("dsr_options.validate.references.check", not_before_the_refusal)
    monkeypatch.setattr("dsr_options.cli.limits.MAX_READING_PAIRS", 100)
    folder = _over_the_limit(tmp_path / "big")
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text("schema_version: 1\nscenarios: []\n", encoding="utf-8")
    line = command.replace(" S", f" {scenarios}")
    result = run(f"dsr-options {line} --data {folder}", env={"DSR_OPTIONS_MAX_PAIRS": "100"})
    assert result.exit_code == 1, result
    assert "30 roles x 4 redlines is 120 pairs" in result.stderr, result.stderr
    if command.startswith("check"):
        with pytest.raises(AssertionError, match="were checked before"):
            run(f"dsr-options {line} --data {folder} --only redline-1")


@pytest.mark.parametrize("limit", ["100", None])
def test_brief_refuses_before_working_without_offering_formats_it_lacks(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str | None
) -> None:
    monkeypatch.setattr("dsr_options.cli.limits.MAX_READING_PAIRS", 100)

    def not_before_the_refusal(*_: object, **__: object) -> None:
        raise AssertionError("the analysis ran before the refusal")

    monkeypatch.setattr("dsr_options.analyses.evaluate.analyse", not_before_the_refusal)
    folder = _over_the_limit(tmp_path / "big")
    env = {"DSR_OPTIONS_MAX_PAIRS": limit} if limit else {}
    result = run(f"dsr-options brief --data {folder} -o {tmp_path / 'b.md'}", env=env)
    assert result.exit_code == 1, result
    counted = "30 roles x 4 redlines is 120 pairs"
    told = (
        f"{counted} to evaluate, more than the limit of 100"
        if limit
        else f"{counted}, more than 100 for a report to read"
    )
    assert result.stderr == (
        f"dsr-options: error: {told}: pick redlines with --only or holders with --holders, "
        "or give a catalogue with fewer roles (set DSR_OPTIONS_MAX_PAIRS to raise the limit)\n"
    )
    assert "-f json" not in result.stderr
    assert not (tmp_path / "b.md").exists()


def test_a_bad_pair_limit_is_a_usage_error(run: Run, catalogue_dir: Path) -> None:
    result = run(f"dsr-options check --data {catalogue_dir}", env={"DSR_OPTIONS_MAX_PAIRS": "x"})
    assert result.exit_code == 2
    assert result.stderr == (
        "dsr-options: error: DSR_OPTIONS_MAX_PAIRS='x': give the most role x redline pairs to "
        "evaluate (a whole number, e.g. 5000000)\n"
    )


def test_out_of_memory_is_a_message_not_a_traceback(
    run: Run, catalogue_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*_: object) -> None:
        raise MemoryError

    monkeypatch.setattr("dsr_options.analyses.evaluate.analyse", exhausted)
    result = run(f"dsr-options check --data {catalogue_dir}")
    assert result.exit_code == 1
    assert result.stderr == (
        "dsr-options: error: out of memory: the catalogue is too large for this machine; "
        "check fewer redlines with --only or use a smaller catalogue\n"
    )


def test_walk_problems_are_capped_with_one_summary_at_the_first_left_out() -> None:
    loaded = parse_text("a: 1\n" * (MAX_REPORTED + 50), "big.yaml")
    assert len(loaded.diagnostics) == MAX_REPORTED + 1
    assert {d.code for d in loaded.diagnostics[:MAX_REPORTED]} == {"duplicate-key"}
    summary = loaded.diagnostics[-1]
    # Line 1 holds the first `a`; lines 2 to 1001 are the repeats reported.
    assert (summary.line, summary.column, summary.code) == (MAX_REPORTED + 2, 1, "too-many-errors")
    assert summary.message == "49 more problems from here on not shown; fix these first"
    assert loaded.data is None  # no schema validation past the cap


def test_check_json_shares_results_and_reads_back(run: Run, catalogue_dir: Path) -> None:
    result = run(f"dsr-options check --data {catalogue_dir} -f json")
    assert result.exit_code == 0
    data = payload(result.stdout)
    assert len(data["roles"]) == 2
    shared = {"x": [1, "\u202e"]}
    document = {"a": [shared, shared, {"b": {}}], "c": []}
    assert (
        write_json(document)
        == json.dumps(document, indent=2, ensure_ascii=False).replace("\u202e", "\\u202e") + "\n"
    )
