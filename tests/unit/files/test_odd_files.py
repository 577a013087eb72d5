"""A catalogue file that is a broken link, a folder or a link loop is reported, never ignored."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.factory import write_catalogue

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links as POSIX has them")


def dangling(path: Path) -> str:
    path.symlink_to(path.parent / "nowhere.yaml")
    return "no such file"


def folder(path: Path) -> str:
    path.mkdir()
    return "is a directory, not a YAML file"


def loop(path: Path) -> str:
    other = path.parent / "other.yaml"
    path.symlink_to(other)
    other.symlink_to(path)
    return "cannot read the file: Too many levels of symbolic links"


ODD = [dangling, folder, loop]


@pytest.mark.parametrize("make", ODD, ids=lambda f: f.__name__)
def test_an_odd_redlines_file_is_not_taken_for_no_redlines(
    run: Run, tmp_path: Path, make: Callable[[Path], str]
) -> None:
    catalogue = write_catalogue(tmp_path / "c")
    (catalogue / "redlines.yaml").unlink()
    message = make(catalogue / "redlines.yaml")
    result = run(f"dsr-options check --data {catalogue}")
    assert result.exit_code == 1, result
    assert f"redlines.yaml: error [unreadable] {message}" in result.stderr
    assert "No redline to check" not in result.stdout
    validated = run(f"dsr-options validate {catalogue}")
    assert validated.exit_code == 2, validated
    assert message in validated.stdout + validated.stderr


@pytest.mark.parametrize("make", ODD, ids=lambda f: f.__name__)
def test_an_odd_roles_file_is_read_and_reported(
    run: Run, tmp_path: Path, make: Callable[[Path], str]
) -> None:
    catalogue = write_catalogue(tmp_path / "c")
    (catalogue / "roles.yaml").unlink()
    message = make(catalogue / "roles.yaml")
    result = run(f"dsr-options list --data {catalogue}")
    assert result.exit_code == 1, result
    assert "has no roles.yaml" not in result.stderr
    assert f"roles.yaml: error [unreadable] {message}" in result.stderr
