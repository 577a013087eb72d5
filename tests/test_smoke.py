"""One real process: the installed entry point, as a user's shell runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.envelope import payload


def test_installed_entry_point_lists_the_packaged_catalogue(tmp_path: object) -> None:
    executable = shutil.which("dsr-options")
    if executable is None:
        pytest.skip("dsr-options is not installed on PATH")
    env = {k: v for k, v in os.environ.items() if k != "DSR_OPTIONS_DATA"}
    result = subprocess.run(
        [executable, "list", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=str(tmp_path),  # any folder: the catalogue comes from the installed package
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(payload(result.stdout)) >= 4
    assert result.stderr == ""


def test_python_dash_m_and_bad_option_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dsr_options", "list", "--no-such-option"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_fast_path_agrees_with_the_typer_path(flag: str) -> None:
    from typer.testing import CliRunner

    from dsr_options.cli.app import app

    fast = subprocess.run(
        [sys.executable, "-m", "dsr_options", flag],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    typer_path = CliRunner().invoke(app, [flag], catch_exceptions=False)
    assert fast.returncode == typer_path.exit_code == 0
    assert fast.stdout == typer_path.stdout
    assert fast.stdout.startswith("dsr-options ")
