"""No traceback from any path: every path-taking option, as a user without root's override.

chmod alone proves nothing as root (root searches and reads anything), so when the suite runs
as root the command line runs as ``nobody`` through ``setpriv`` (skipped where that is
impossible); run as any other user, it runs as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.factory import write_catalogue

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

Cli = Callable[..., subprocess.CompletedProcess[str]]


def _prefix() -> list[str] | None:
    """How to run a command without root's permission override, or None if impossible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
    try:
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import dsr_options.cli"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return prefix if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def prefix() -> list[str]:
    found = _prefix()
    if found is None:
        pytest.skip("cannot run as a user without root's permission override here")
    return found


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's own tmp folders are root's, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="dsr-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.fixture
def cli(prefix: list[str], place: Path) -> Cli:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(place),
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        return subprocess.run(
            [*prefix, sys.executable, "-m", "dsr_options", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=place,
            timeout=120,
            check=False,
        )

    return run


def _layout(place: Path) -> dict[str, Path]:
    """A catalogue in a folder without the search bit, one with unreadable files, one unlistable."""
    blocked = write_catalogue(place / "blocked")
    (blocked / "note.txt").write_text("a note\n")
    unreadable = write_catalogue(place / "unreadable")
    (unreadable / "note.txt").write_text("a note\n")
    unlistable = write_catalogue(place / "unlistable")
    for name in ("roles.yaml", "redlines.yaml", "note.txt"):
        (unreadable / name).chmod(0)
    blocked.chmod(0o644)  # listable, not searchable
    unlistable.chmod(0o311)  # searchable, not listable
    return {"blocked": blocked, "unreadable": unreadable, "unlistable": unlistable}


DENIED = "ermission denied"
NOT_READABLE = "is not readable"  # click's own check of a path argument: a usage error too
CASES = [
    # (arguments, exit code, words the one-line message holds)
    (("validate", "{blocked}/roles.yaml"), 2, "search the folder '{blocked}'"),
    (("validate", "{blocked}/redlines.yaml"), 2, "search the folder '{blocked}'"),
    (("validate", "{blocked}"), 2, "search the folder '{blocked}'"),
    (("validate", "{unreadable}/roles.yaml"), 2, NOT_READABLE),
    (("validate", "{unreadable}"), 2, DENIED),
    (("validate", "--data", "{blocked}"), 2, "search the folder '{blocked}'"),
    (("validate", "--data", "{unreadable}"), 2, DENIED),
    (("validate", "{blocked}/redlines.yaml", "--data", "{unreadable}"), 2, "search the folder"),
    (("validate", "--source", "{blocked}/note.txt"), 2, "search the folder '{blocked}'"),
    (("validate", "--source", "note={blocked}/note.txt"), 2, "search the folder '{blocked}'"),
    (("validate", "--source", "{unreadable}/note.txt"), 2, DENIED),
    (("list", "--data", "{blocked}"), 2, "search the folder '{blocked}'"),
    # The catalogue's own files are data: an unreadable one is a located error (exit 1), as a
    # FIFO or a folder in its place is (tests/test_odd_files.py).
    (("list", "--data", "{unreadable}"), 1, DENIED),
    (("check", "--redlines", "{blocked}/redlines.yaml"), 2, "search the folder '{blocked}'"),
    (("check", "--redlines", "{unreadable}/redlines.yaml"), 2, NOT_READABLE),
    (("check", "--redlines", "{blocked}"), 2, "is a folder"),
    (("check", "--data", "{blocked}"), 2, "search the folder '{blocked}'"),
    (("check", "--data", "{unreadable}"), 1, DENIED),
]


@pytest.mark.parametrize(
    ("args", "code", "words"), CASES, ids=[" ".join(case[0]) for case in CASES]
)
def test_a_path_the_user_cannot_reach_is_a_clear_error(
    cli: Cli, place: Path, args: tuple[str, ...], code: int, words: str
) -> None:
    paths = {name: str(path) for name, path in _layout(place).items()}
    result = cli(*(arg.format(**paths) for arg in args))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    message = result.stderr.strip()
    assert words.format(**paths) in message, message
    if words != NOT_READABLE:  # ours: one line, or a located error and its summary line
        assert message.splitlines()[-1].startswith("dsr-options: error:"), message


def test_an_unlistable_folder_is_read_by_name(cli: Cli, place: Path) -> None:
    paths = _layout(place)
    for args in (
        ["validate", str(paths["unlistable"] / "redlines.yaml")],
        ["validate", str(paths["unlistable"] / "roles.yaml")],
    ):
        result = cli(*args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    # A folder argument or option is refused by click's own readable check: a usage error.
    for args in (
        ["validate", str(paths["unlistable"])],
        ["list", "--data", str(paths["unlistable"])],
    ):
        result = cli(*args)
        assert (result.returncode, "Traceback" in result.stderr) == (2, False), result.stderr
        assert NOT_READABLE in result.stderr


def test_a_redline_file_beside_a_roles_file_it_cannot_read(cli: Cli, place: Path) -> None:
    folder = write_catalogue(place / "half")
    (folder / "roles.yaml").chmod(0)
    result = cli("validate", str(folder / "redlines.yaml"))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "half/roles.yaml, cannot be read (cannot read the file: Permission denied)" in (
        result.stdout
    )
    assert "has errors" not in result.stdout
