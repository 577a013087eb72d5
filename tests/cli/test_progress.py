"""Long work shows a progress line on stderr only when stderr is a terminal (issue 25)."""

from __future__ import annotations

import io

from dsr_options.cli.progress import busy
from tests.conftest import Run


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_line() -> None:
    stream = _Terminal()
    with busy("negotiate: checking every combination of up to 3 changes", stream, delay=0):
        pass
    assert "negotiate: checking every combination of up to 3 changes" in stream.getvalue()


def test_a_pipe_or_file_never_does() -> None:
    stream = io.StringIO()
    ran = []
    with busy("checking", stream, delay=0):
        ran.append(True)
    assert ran == [True]
    assert stream.getvalue() == ""


def test_machine_output_carries_no_progress(run: Run) -> None:
    result = run("dsr-options negotiate --bound 3 -f json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("{")
