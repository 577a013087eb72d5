"""Which kind each side of a diff is: a folder named like a revision never stands in for it, and a
git blob is measured before it is read."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from dsr_options.load.sides import (
    AmbiguousSideError,
    SideLoadError,
    SideOrigin,
    UnknownRevisionError,
    read_side,
)
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose tag v1 holds a catalogue with one standing role."""
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    write_catalogue(repo / "data", roles_document([role(1, standing=True)]))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    return repo


def plant(folder: Path) -> Path:
    """A catalogue on disk that differs from v1's (its role is not standing)."""
    return write_catalogue(folder, roles_document([role(1, standing=False)]))


@pytest.mark.parametrize("name", ["v1:data", "v1", "main"])
def test_a_path_that_is_also_a_revision_is_refused_naming_both(repo: Path, name: str) -> None:
    plant(repo / name)
    with pytest.raises(AmbiguousSideError) as caught:
        read_side(name, "OLD", cwd=repo)
    revision = name.partition(":")[0]
    assert str(caught.value) == (
        f"OLD side '{name}': is both a path on disk and a revision of the repository "
        f"('{revision}'): write './{name}' for the path or 'rev:{name}' for the revision"
    )
    assert caught.value.exit_code == 2


def test_rev_and_dot_slash_say_which_kind(repo: Path) -> None:
    plant(repo / "v1:data")
    revision = read_side("rev:v1:data", "OLD", cwd=repo)
    assert (revision.origin, revision.revision) == (SideOrigin.GIT, git(repo, "rev-parse", "v1"))
    assert revision.files[0] == "v1:data/roles.yaml"
    assert revision.catalogue.roles[0].attributes["standing_un_capacity"].value is True
    disk = read_side("./v1:data", "NEW", cwd=repo)
    assert disk.origin is SideOrigin.FOLDER
    assert disk.catalogue.roles[0].attributes["standing_un_capacity"].value is False
    assert read_side("rev:v1", "OLD", cwd=repo).revision == revision.revision
    assert read_side(str(repo / "v1:data"), "OLD", cwd=repo).origin is SideOrigin.FOLDER


def test_rev_never_reads_the_disk(repo: Path) -> None:
    plant(repo / "v9")
    with pytest.raises(UnknownRevisionError) as caught:
        read_side("rev:v9", "OLD", cwd=repo)
    assert str(caught.value) == "OLD side 'rev:v9': 'v9' is not a revision of the repository"
    assert read_side("v9", "OLD", cwd=repo).origin is SideOrigin.FOLDER  # not a revision


def test_a_blob_is_measured_before_it_is_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = redlines_document([redline(n) for n in range(1, 60)])
    write_catalogue(repo / "data", roles_document([role(1)]), big)
    git(repo, "commit", "-qam", "large redlines")
    size = int(git(repo, "cat-file", "-s", "HEAD:data/redlines.yaml"))
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", f"{(size - 1) / 1_048_576:.9f}")
    calls: list[Sequence[str]] = []
    run = subprocess.run

    def recorded(argv: Sequence[str], **kwargs: Any) -> Any:
        calls.append(argv)
        return run(argv, **kwargs)

    monkeypatch.setattr(subprocess, "run", recorded)
    with pytest.raises(SideLoadError) as caught:
        read_side("rev:HEAD", "NEW", cwd=repo)
    assert (
        str(caught.value)
        .split("\n")[0]
        .startswith(
            "HEAD:data/redlines.yaml: error [file-too-large] the file is 0.0 MiB; the limit is "
        )
    )
    blobs = [argv[-1] for argv in calls if "blob" in argv]
    assert blobs == [f"{git(repo, 'rev-parse', 'HEAD')}:data/roles.yaml"]  # never the large one
