"""How a command that loads the catalogue says it cannot: the paths named, the exit codes."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.factory import dump, redline, redlines_document, write_catalogue

HINT = "dsr-options: error: "


def last_line(text: str) -> str:
    return text.splitlines()[-1]


def broken_folder(path: Path) -> Path:
    folder = write_catalogue(path)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("  levels:\n", "  levle:\n", 1))
    return folder


def broken_redlines(path: Path) -> Path:
    document = redlines_document([redline(1)])
    document["redlines"][0]["strictness"] = "vetoo"
    path.write_text(dump(document), encoding="utf-8")
    return path


def test_a_broken_data_folder_is_named_in_the_hint(run: Run, tmp_path: Path) -> None:
    folder = broken_folder(tmp_path / "broken 1")
    result = run(["dsr-options", "list", "--data", str(folder)])
    assert result.exit_code == 1, result
    assert last_line(result.stderr) == (
        f"{HINT}the catalogue in {folder} is invalid; "
        f"run `dsr-options validate {shlex.quote(str(folder))}`"
    )


def test_a_broken_redline_file_is_named_in_the_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_catalogue(tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    broken_redlines(tmp_path / "mine.yaml")
    result = run("dsr-options check --redlines mine.yaml")
    assert result.exit_code == 1, result
    assert last_line(result.stderr) == (
        f"{HINT}the redline file mine.yaml is invalid; run `dsr-options validate mine.yaml`"
    )
    # With --data, the file is validated against that folder's roles.
    result = run("dsr-options check --data catalogue --redlines mine.yaml")
    assert last_line(result.stderr) == (
        f"{HINT}the redline file mine.yaml is invalid; "
        "run `dsr-options validate mine.yaml --data catalogue`"
    )
    assert folder.is_dir()


def test_a_broken_folder_and_two_broken_files_in_one_hint(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_folder(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    broken_redlines(tmp_path / "a.yaml")
    broken_redlines(tmp_path / "my b.yaml")
    result = run(["dsr-options", "check", "--data", "data", "--redlines", "a.yaml",
                  "--redlines", "my b.yaml"])  # fmt: skip
    assert result.exit_code == 1, result
    assert last_line(result.stderr) == (
        f"{HINT}the catalogue in data and the redline files a.yaml and my b.yaml are invalid; "
        "run `dsr-options validate data a.yaml 'my b.yaml'`"
    )


def test_the_packaged_catalogue_keeps_the_plain_hint(tmp_path: Path) -> None:
    from dsr_options.cli.output import invalid_hint
    from dsr_options.diagnostics import Code, Diagnostic
    from dsr_options.files.located import LoadedFile
    from dsr_options.load.catalogue import Loaded
    from dsr_options.validate.references import Parsed

    roles = LoadedFile(
        "roles.yaml", "", diagnostics=[Diagnostic("roles.yaml", 1, 1, Code.INVALID, "y")]
    )
    loaded = Loaded(None, [Parsed(roles, None)])
    assert invalid_hint(loaded) == "the catalogue is invalid; run `dsr-options validate`"
    mine = LoadedFile(
        "mine.yaml", "", diagnostics=[Diagnostic("mine.yaml", 1, 1, Code.INVALID, "y")]
    )
    loaded = Loaded(
        None, [Parsed(roles, None), Parsed(mine, None)], given={"mine.yaml": Path("mine.yaml")}
    )
    assert invalid_hint(loaded) == (
        "the catalogue and the redline file mine.yaml are invalid; "
        "run `dsr-options validate` and `dsr-options validate mine.yaml`"
    )


@pytest.mark.parametrize("command", ["check", "agree", "list"])
def test_a_missing_redline_file_is_a_usage_error(run: Run, command: str) -> None:
    result = run(f"dsr-options {command} --redlines /nope.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --redlines: '/nope.yaml' does not exist; give a redline file\n"
    )


def test_a_folder_as_redline_file_is_a_usage_error_shown_as_given(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(f"dsr-options check --redlines {tmp_path}")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"dsr-options: error: --redlines: '{tmp_path}' is a folder; give a redline file\n"
    )
    write_catalogue(tmp_path / "catalogue")
    result = run("dsr-options check --redlines catalogue")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --redlines: 'catalogue' is a folder; give a redline file such as "
        f"'{os.path.join('catalogue', 'redlines.yaml')}'\n"
    )


def test_the_working_folder_is_never_shown_as_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dsr_options.files.find import display_path

    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path) == str(tmp_path)
    assert display_path(Path(".")) == "."
    assert display_path(tmp_path / "x.yaml") == "x.yaml"
