"""Docs that cannot drift: the README's quick start is what CI runs; every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from dsr_options.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    install_and_run, install_and_test = quick_start_commands()
    assert install_and_run == "pip install . && dsr-options list"
    assert "pytest" in install_and_test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, install_and_test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_every_command_has_help_and_a_readme_section() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert "Example" in command.help, name
        # README.md is rewritten elsewhere; a feature's guide in docs/ documents it meanwhile.
        assert f"dsr-options {name}" in README or f"dsr-options {name}" in DOCS, name


def test_exit_codes_are_documented() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README


def test_readme_code_blocks_are_closed() -> None:
    """An unclosed fence swallows the sections after it; GitHub would render them as code."""
    inside = False
    for number, line in enumerate(README.splitlines(), 1):
        if line.startswith("```"):
            inside = not inside
        elif inside:
            assert not line.startswith("## "), f"README.md:{number}: a heading inside a code block"
    assert not inside, "README.md ends inside a code block"
