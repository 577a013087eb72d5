"""Every file a command writes: atomically, never over an input of the same run, over an existing
file or a link only with --force, and the old file intact on any error."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from dsr_options.errors import UsageError
from dsr_options.files.write import write_file
from tests.conftest import Run
from tests.factory import dump, redlines_document, write_catalogue

DATE = "--date 2011-01-15"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path / "data")


def test_brief_never_writes_over_a_file_it_reads(run: Run, catalogue: Path, tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(dump(redlines_document()), encoding="utf-8")
    before = ours.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(ours)
    for target, given in [(ours, ours), (link, ours), (catalogue / "roles.yaml", None)]:
        more = f"--redlines ours={ours}" if given else ""
        result = run(f"dsr-options brief --data {catalogue} {more} {DATE} --out {target} --force")
        assert result.exit_code == 2, result
        shown = given if given is not None else catalogue / "roles.yaml"
        assert result.stderr == (
            f"dsr-options: error: --out: '{target}' is a file this run reads ('{shown}'); "
            "give another file\n"
        )
    assert ours.read_bytes() == before


def test_brief_replaces_a_file_or_a_link_only_with_force(
    run: Run, catalogue: Path, tmp_path: Path
) -> None:
    old = tmp_path / "brief.md"
    old.write_text("the old brief\n", encoding="utf-8")
    result = run(f"dsr-options brief --data {catalogue} {DATE} --out {old}")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"dsr-options: error: --out: '{old}' already exists; it is left as it is "
        "(give --force to replace it)\n"
    )
    assert old.read_text(encoding="utf-8") == "the old brief\n"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not a brief\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(elsewhere)
    result = run(f"dsr-options brief --data {catalogue} {DATE} --out {link}")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"dsr-options: error: --out: '{link}' is a symbolic link; it is left as it is (give "
        "--force to replace the link, never the file it points to)\n"
    )
    for target in (old, link):
        result = run(f"dsr-options brief --data {catalogue} {DATE} --out {target} --force")
        assert (result.exit_code, result.stderr) == (0, ""), result
        assert not target.is_symlink()
        assert target.read_text(encoding="utf-8").startswith("# ")
    assert elsewhere.read_text(encoding="utf-8") == "not a brief\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brief.md",
        "data",
        "elsewhere.txt",
        "link.md",
    ]  # no temporary file left


def test_a_special_file_or_a_folder_is_never_written(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, what in [(fifo, "is not a regular file"), (tmp_path, "is a folder")]:
        result = run(f"dsr-options brief {DATE} --out {target} --force")
        assert result.exit_code == 2, result
        assert result.stderr == f"dsr-options: error: --out: '{target}' {what}; give a file name\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(b"old")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UsageError) as caught:
        write_file(target, b"new" * 1000, force=True)
    assert str(caught.value) == (
        f"cannot write '{target}': No space left on device; nothing was written"
    )
    assert caught.value.about == "out"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_file_that_appears_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new.yaml"
    real = os.fsync

    def racing(descriptor: int) -> None:
        real(descriptor)
        target.write_bytes(b"someone else's")

    monkeypatch.setattr(os, "fsync", racing)
    with pytest.raises(UsageError, match="already exists"):
        write_file(target, b"ours")
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_file(tmp_path / "brief.md", b"x")
    finally:
        os.umask(mask)
    assert (tmp_path / "brief.md").stat().st_mode & 0o777 == 0o640


def test_new_redlines_force_and_one_line_names(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("dsr-options new-redlines Freedonia").exit_code == 0
    again = run("dsr-options new-redlines Freedonia")
    assert again.exit_code == 2, again
    assert again.stderr == (
        "dsr-options: error: --out: 'freedonia.yaml' already exists; it is left as it is "
        "(give --force to replace it)\n"
    )
    assert run("dsr-options new-redlines Freedonia --force").exit_code == 0
    broken = run(["dsr-options", "new-redlines", "Free\ndonia"])
    assert broken.exit_code == 2, broken
    assert broken.stderr == (
        "dsr-options: error: NAME: 'Free\\ndonia' holds the character U+000A: a delegation's "
        "name is one line of text\n"
    )
    odd = 'The "Free\\" \\q delegation'
    made = run(["dsr-options", "new-redlines", odd, "--out", "odd.yaml"])
    assert made.exit_code == 0, made
    checked = run("dsr-options check --redlines odd.yaml -f json")
    assert checked.exit_code == 0, checked
    assert "The 'Free\\\\' \\\\q delegation" in checked.stdout
