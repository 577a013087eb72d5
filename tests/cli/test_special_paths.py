"""Special files through every option and argument that takes a path: a FIFO, /dev/zero, a link
to either, a folder, a link that loops, a link to nothing, a name that is not UTF-8, a file that
cannot be read. Each is a prompt error naming the path (exit 2), never a hang or a traceback.

A file that cannot be read is tested in test_permissions.py (as a user without root's override).
The files are built in ``tmp_path``; a command that opened a FIFO would block for ever, so each
run is stopped by an alarm after a few seconds (a failure, not a hang of the suite).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest

from tests.conftest import Run
from tests.factory import write_catalogue

KINDS = ("fifo", "zero", "zero-link", "fifo-link", "folder", "loop", "dangling", "not-utf8")
NOT_REGULAR: tuple[str, ...] = ("is not a regular file",)
SAID = {
    "fifo": NOT_REGULAR,
    "zero": NOT_REGULAR,
    "zero-link": NOT_REGULAR,
    "fifo-link": NOT_REGULAR,
    "folder": ("is a folder", "Is a directory", "has no roles.yaml", "holds neither"),
    "loop": ("loops", "Too many levels of symbolic links"),
    "dangling": ("does not exist", "no such file", "No such file"),
    "not-utf8": (
        "does not exist",
        "no such file",
        "No such file",
        "no scenario file at",
        "no forum file at",
    ),
}
"""What the error says of each kind, in one of these words (each option words it its way)."""
LINK: tuple[str, ...] = ("is a symbolic link",)
FOR_OUT: dict[str, tuple[str, ...]] = dict.fromkeys(
    ("zero-link", "fifo-link", "loop", "dangling"), LINK
)
"""An output path that is a link is left as it is: the error says it is a link (and a new
file with a name that is not UTF-8 is written: see test_an_output_name_not_utf8_is_written)."""
NOT_FOLDER: tuple[str, ...] = ("is not a folder",)
FOR_DATA: dict[str, tuple[str, ...]] = dict.fromkeys(
    ("fifo", "zero", "zero-link", "fifo-link"), NOT_FOLDER
)

Argv = Callable[[str], list[str]]
OPTIONS: dict[str, tuple[Argv, dict[str, tuple[str, ...]]]] = {
    "--data": (lambda p: ["check", "--data", p], FOR_DATA),
    "--redlines": (lambda p: ["check", "--data", "ok", "--redlines", p], {}),
    "--scenario": (lambda p: ["check", "--data", "ok", "--scenario", p], {}),
    "scenarios FILE": (lambda p: ["scenarios", p, "--data", "ok"], {}),
    "validate PATH": (lambda p: ["validate", p], {}),
    "validate --explain": (lambda p: ["validate", "--explain", p], {}),
    "--source": (lambda p: ["validate", "ok", "--source", p], {}),
    "brief --out": (lambda p: ["brief", "--data", "ok", "--out", p], FOR_OUT),
    "new-redlines --out": (lambda p: ["new-redlines", "Freedonia", "--out", p], FOR_OUT),
    "diff OLD": (lambda p: ["diff", p, "./ok"], {}),
    "diff NEW": (lambda p: ["diff", "./ok", p], {}),
    "--forum-file": (lambda p: ["negotiate", "--data", "ok", "--forum-file", p], {}),
}


def _special(folder: Path, kind: str) -> str:
    """Make one special path in ``folder`` and return it as the command line gives it."""
    if kind == "fifo":
        os.mkfifo(folder / "fifo")
        return "fifo"
    if kind == "zero":
        return "/dev/zero"
    if kind == "zero-link":
        (folder / "zero-link").symlink_to("/dev/zero")
        return "zero-link"
    if kind == "fifo-link":
        os.mkfifo(folder / "a-fifo")
        (folder / "fifo-link").symlink_to(folder / "a-fifo")
        return "fifo-link"
    if kind == "folder":
        (folder / "folder").mkdir()
        return "folder"
    if kind == "loop":
        (folder / "loop").symlink_to("loop")
        return "loop"
    if kind == "dangling":
        (folder / "dangling").symlink_to("nowhere")
        return "dangling"
    return os.fsdecode(b"\xff-not-utf8.yaml")


@pytest.fixture
def alarm() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the command did not finish within 20 seconds (a hang)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize(
    ("option", "kind"),
    [(o, k) for o in OPTIONS for k in KINDS if not ("--out" in o and k == "not-utf8")],
)
def test_a_special_path_is_a_prompt_error_naming_it(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, option: str, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalogue(tmp_path / "ok")
    path = _special(tmp_path, kind)
    argv, said = OPTIONS[option]
    result = run(["dsr-options", *argv(path)])
    assert result.exit_code == 2, result
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith("dsr-options: error: "), result
    shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    assert path in last or shown in last or shown.replace("\\x", "\\udc") in last, result
    assert any(words in last for words in said.get(kind, SAID[kind])), result


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("option", [o for o in OPTIONS if "--out" in o])
def test_an_output_name_not_utf8_is_written(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_catalogue(tmp_path / "ok")
    path = _special(tmp_path, "not-utf8")
    argv, _ = OPTIONS[option]
    result = run(["dsr-options", *argv(path)])
    assert result.exit_code == 0, result
    assert (tmp_path / path).read_bytes()[:1] in (b"#", b"s")  # a brief, or a redline file
