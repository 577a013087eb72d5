"""The corpus of bad inputs: each file in tests/corpus is a whole catalogue file with one defect.

A file names what it expects in header comments, ``# expect: code line:col`` (0:0 for the file as
a whole), one line per error. A roles file is loaded with the corpus's base redlines file, a
redlines file with its base roles file, so every case runs the whole pipeline; each also runs
through the CLI, which must exit 1 with the located errors on stderr and no traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dsr_options.diagnostics import Severity
from dsr_options.load.catalogue import load_files
from tests.conftest import Run
from tests.factory import TESTS

CORPUS = TESTS / "corpus"
BASE = CORPUS / "base"
# Files that cannot carry a header comment.
NO_HEADER = {
    "roles-empty.yaml": ["empty-file 0:0"],
    "roles-utf16.yaml": ["encoding 1:1"],
}
CASES = sorted(path.name for path in CORPUS.glob("*.yaml"))


def expected(path: Path) -> list[str]:
    if path.name in NO_HEADER:
        return NO_HEADER[path.name]
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]
    assert found, f"{path.name} names no expected error"
    return found


def pair(path: Path) -> tuple[Path, Path]:
    """(roles file, redlines file) with the case in its place."""
    if path.name.startswith("roles-"):
        return path, BASE / "redlines.yaml"
    assert path.name.startswith("redlines-"), path.name
    return BASE / "roles.yaml", path


def test_the_corpus_is_large_enough_and_the_base_is_valid() -> None:
    assert len(CASES) >= 60
    loaded = load_files(BASE / "roles.yaml", [BASE / "redlines.yaml"])
    assert loaded.errors == []
    assert loaded.catalogue is not None


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name: str, run: Run, tmp_path: Path) -> None:
    path = CORPUS / name
    roles, redlines = pair(path)
    loaded = load_files(roles, [redlines])
    assert loaded.catalogue is None
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assert {Path(d.file).resolve() for d in errors} == {path}, errors
    assert [f"{d.code} {d.line}:{d.column}" for d in errors] == expected(path), errors

    folder = tmp_path / "catalogue"
    folder.mkdir()
    shutil.copyfile(roles, folder / "roles.yaml")
    shutil.copyfile(redlines, folder / "redlines.yaml")
    result = run(["dsr-options", "list", "--data", str(folder)])
    assert result.exit_code == 1, result
    assert result.stdout == "", result
    shown = path.name.split("-", 1)[0] + ".yaml"
    for expectation in expected(path):
        code, where = expectation.split(" ")
        location = "" if where == "0:0" else ":" + where
        assert f"{shown}{location}: error [{code}]" in result.stderr, result
    # Whatever the file holds, nothing but text reaches the terminal.
    assert not any(char in result.stderr for char in "\x00\x07\x08\x1b\x9b\r"), result
