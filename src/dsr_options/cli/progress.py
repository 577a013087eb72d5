"""A progress line for long work: a search or a brief that runs longer than about a second says
so on stderr, and only when stderr is a terminal. Machine output (stdout, a pipe, a file, a CI
log) never sees it, and nothing is shown for work that finishes sooner."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0
"""Seconds of work before the line appears."""


@contextmanager
def busy(what: str, stream: TextIO | None = None, delay: float = DELAY) -> Iterator[None]:
    """``with busy("checking every combination of up to 2 changes"):`` a transient spinner with
    the elapsed time on ``stream`` (stderr) after ``delay`` seconds, if it is a terminal."""
    out = stream if stream is not None else sys.stderr
    if not _is_terminal(out):
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(file=out, force_terminal=True, highlight=False, markup=False),
        transient=True,
    )
    started = threading.Event()

    def show() -> None:
        progress.add_task(what, total=None)
        progress.start()
        started.set()

    if delay <= 0:
        show()
    timer = threading.Timer(max(delay, 0), show if delay > 0 else lambda: None)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        if started.is_set():
            progress.stop()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
