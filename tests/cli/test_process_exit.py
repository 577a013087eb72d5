"""The console script ends a finished command without tearing the interpreter down
(``cli/app.py``, ``_leave_now``): the output is whole, the exit code is the command's, and exit
handlers still run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

MAIN = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('handler ran\\n'))\n"
    "from dsr_options.cli.app import main\n"
    "main()\n"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MAIN, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_a_finished_command_leaves_its_output_whole_and_runs_exit_handlers() -> None:
    done = _run("list", "-f", "json")
    assert done.returncode == 0, done.stderr
    roles = json.loads(done.stdout)["roles"]
    assert [r["id"] for r in roles][:1] == ["strategic-advice"]
    assert done.stderr == "handler ran\n"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("check", "--only", "nothing"), 2, "no redline has the id 'nothing'"),
        (("show", "no-such-role"), 1, "no role has the id 'no-such-role'"),
    ],
)
def test_a_refused_command_keeps_its_exit_code(args: tuple[str, ...], code: int, said: str) -> None:
    done = _run(*args)
    assert done.returncode == code, done.stderr
    assert said in done.stderr
    assert done.stderr.endswith("handler ran\n")
