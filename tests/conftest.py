"""Shared fixtures: run the CLI as a shell line would, build catalogues on disk."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dsr_options.cli import app
from tests.factory import write_catalogue

# Deterministic terminal output: a fixed width, no colour, whatever the developer's terminal.
TERMINAL_ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "DSR_OPTIONS_DATA": "",
    "SOURCE_DATE_EPOCH": "1796083200",
}


@dataclass
class Result:
    """What a command printed and returned; shown whole when an assertion fails."""

    exit_code: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("dsr-options list -f json")`` or ``run(["dsr-options", "list"])``."""
    for key, value in TERMINAL_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DSR_OPTIONS_DATA")

    def invoke(
        command: str | list[str], *, columns: int = 100, env: dict[str, Any] | None = None
    ) -> Result:
        argv = shlex.split(command) if isinstance(command, str) else list(command)
        assert argv[0] == "dsr-options", argv
        runner = CliRunner()
        result = runner.invoke(
            app,
            argv[1:],
            catch_exceptions=False,
            env={"COLUMNS": str(columns), **(env or {})},
        )
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    """A small valid catalogue built by the test suite (two roles, one redline)."""
    return write_catalogue(tmp_path / "catalogue")
