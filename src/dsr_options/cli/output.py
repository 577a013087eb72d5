"""What the command line writes: the payload to stdout, errors to stderr, and exit codes.

The two consoles are made once, on first use. The library's errors carry typed fields; here
they are worded in the command line's own terms (``about="redlines"`` becomes ``--redlines:``).
"""

from __future__ import annotations

import errno
import io
import os
import shlex
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from dsr_options.errors import DsrOptionsError
    from dsr_options.load.catalogue import Loaded
    from dsr_options.render import Rendered

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2

OPTION_FOR = {
    "data": "--data",
    "redlines": "--redlines",
    "source": "--source",
    "leads": "--lead",
    "only": "--only",
    "holder": "--holder",
    "written_for": "--for",
    "out": "--out",
    "name": "NAME",
    "bound": "--bound",
    "clear_of": "--clear-of",
    "assume": "--assume",
    "scenario": "--scenario",
    "firmness_bound": "--bound",
    "vary": "--vary",
    "date": "--date",
    "forum": "--forum",
    "forum_file": "--forum-file",
}
"""The command-line option for each library argument an error can be about."""

MEMORY_MESSAGE = (
    "out of memory: the catalogue is too large for this machine; "
    "check fewer redlines with --only or use a smaller catalogue"
)


_consoles: dict[bool, Console] = {}
"""The console of this run, made on first use (``start`` forgets it, for the next run)."""


def start() -> None:
    """A command starts: its console is made afresh, for this run's terminal and width."""
    _consoles.clear()


def _console(no_color: bool) -> Console:
    console = _consoles.get(no_color)
    if console is None:
        from rich.console import Console

        plain = no_color or bool(os.environ.get("NO_COLOR"))
        console = Console(no_color=plain or None, highlight=False, emoji=False, markup=False)
        if plain:
            console.no_color = True
        _consoles[no_color] = console
    return console


class OutputFailed(Exception):
    """Standard output could not be written (a reader that left, a full disk)."""

    def __init__(self, error: OSError) -> None:
        self.error = error
        super().__init__(str(error))


def output_failed(failed: OutputFailed) -> typer.Exit:
    """A closed pipe ends the run quietly (exit 0); any other write error is one line (exit 1).

    Standard output is pointed at the null device first, so that the interpreter's last flush
    at exit cannot fail again with a message of its own.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing will flush it at exit
    error = failed.error
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        return typer.Exit(EXIT_OK)
    return fail(f"cannot write the output: {error.strerror or error}", EXIT_DATA)


def emit(rendered: Rendered, no_color: bool = False) -> None:
    """Payload to stdout: text as it is (or as it is made), rich renderables through a console.

    On a terminal rich writes directly; piped, the rendering is captured and each line
    stripped of the padding rich adds up to the width. A write that fails raises
    :class:`OutputFailed` (the app turns it into :func:`output_failed`).
    """
    try:
        _emit(rendered, no_color)
    except OSError as exc:
        raise OutputFailed(exc) from None


def _emit(rendered: Rendered, no_color: bool) -> None:
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    if isinstance(rendered, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
        return
    if isinstance(rendered, Iterable) and not hasattr(rendered, "__rich_console__"):
        for piece in rendered:  # large JSON: written as it is made, not held whole
            sys.stdout.write(piece)
        sys.stdout.flush()
        return
    out = _console(no_color)
    if out.is_terminal:
        out.print(rendered, crop=False)
        return
    # Piped: no colour (rich leaves it off off a terminal), and no trailing spaces padding each
    # line out to the width, which would only clutter a file or a diff.
    with out.capture() as captured:
        out.print(rendered, crop=False)
    text = "\n".join(line.rstrip() for line in captured.get().split("\n"))
    sys.stdout.write(text)
    sys.stdout.flush()


def warn(message: str) -> None:
    from dsr_options.render.safe import visible

    sys.stderr.write(f"dsr-options: warning: {visible(message)}\n")


def fail(message: str, code: int) -> typer.Exit:
    """Print ``message`` to stderr and return the exit to raise."""
    from dsr_options.render.safe import visible

    sys.stderr.write(f"dsr-options: error: {visible(message)}\n")
    return typer.Exit(code)


def exit_for(exc: DsrOptionsError) -> typer.Exit:
    """One of our own errors as a message on stderr and its exit code, worded for the CLI."""
    from dsr_options.errors import TooManyPairs
    from dsr_options.load.catalogue import LoadFailed

    if isinstance(exc, LoadFailed):
        return report_load_failure(exc.loaded)
    from dsr_options.analyses.forum.read import ForumFileError
    from dsr_options.analyses.scenarios import ScenarioFileError

    if isinstance(exc, (ScenarioFileError, ForumFileError)):
        from dsr_options.render.views.diagnostics import diagnostics_text

        sys.stderr.write(diagnostics_text(exc.diagnostics, exc.texts))
        kind = "scenario" if isinstance(exc, ScenarioFileError) else "forum"
        files = ", ".join(exc.texts) or f"the {kind} file"
        return fail(f"{files} is invalid; run `dsr-options validate {files}`", EXIT_DATA)
    message = str(exc)
    code = exc.exit_code
    if exc.about in OPTION_FOR:
        message = f"{OPTION_FOR[exc.about]}: {message}"
        code = EXIT_USAGE  # a value given on the command line
    if isinstance(exc, TooManyPairs):
        from dsr_options.analyses.evaluate import MAX_PAIRS_ENV

        advice = exc.narrow or (
            "use -f json or -f csv, or pick redlines with --only"
            if exc.reading
            else "pick redlines with --only or check a smaller catalogue"
        )
        message = f"{message}: {advice} (set {MAX_PAIRS_ENV} to raise the limit)"
    return fail(message, code)


def report_load_failure(loaded: Loaded) -> typer.Exit:
    """Every diagnostic of a catalogue that did not load, and the command that lists them."""
    from dsr_options.render.safe import visible
    from dsr_options.render.views.diagnostics import diagnostics_text

    texts = {p.file.path: p.file.text for p in loaded.parsed}
    sys.stderr.write(diagnostics_text(loaded.diagnostics, texts))
    sys.stderr.write(f"dsr-options: error: {visible(invalid_hint(loaded))}\n")
    return typer.Exit(EXIT_DATA)


def invalid_hint(loaded: Loaded) -> str:
    """What failed to load and the command that lists its problems, paths shell-quoted:
    ``the catalogue in /tmp/broken is invalid; run `dsr-options validate /tmp/broken```."""
    broken = {d.file for d in loaded.errors}
    own = [path for shown, path in loaded.given.items() if shown in broken]
    catalogue_broken = bool(broken - set(loaded.given)) or not own
    subjects: list[str] = []
    commands: list[list[str]] = []
    if catalogue_broken:
        if loaded.folder is None:
            subjects.append("the catalogue")
            commands.append([])
        else:
            subjects.append(f"the catalogue in {loaded.folder}")
            commands.append([str(loaded.folder)])
    if own:
        noun = "the redline file" if len(own) == 1 else "the redline files"
        subjects.append(f"{noun} {_and([str(path) for path in own])}")
        paths = [str(path) for path in own]
        if commands and commands[0]:
            commands[0].extend(paths)  # one run checks the folder and the files together
        elif commands:
            commands.append(paths)
        else:
            data = ["--data", str(loaded.folder)] if loaded.folder is not None else []
            commands.append([*paths, *data])
    verb = "is" if len(subjects) == 1 and len(own) <= 1 else "are"
    runs = _and(["`" + shlex.join(["dsr-options", "validate", *args]) + "`" for args in commands])
    return f"{' and '.join(subjects)} {verb} invalid; run {runs}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def append_step_summary(text: str) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when it is set; a failure to write is a warning."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    try:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:  # the annotations are out already; say so, keep the verdict
        warn(f"cannot write $GITHUB_STEP_SUMMARY: {exc.strerror}")
