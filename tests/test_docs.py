"""Docs that cannot drift: the quick start is what CI runs; every command and option is documented.

``docs/commands.md`` is generated from ``--help``; after changing a command, regenerate it with
``DSR_OPTIONS_UPDATE_DOCS=1 python -m pytest tests/test_docs.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer.main

from dsr_options.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
REFERENCE = (DOCS / "reference.md").read_text(encoding="utf-8")
COMMANDS = DOCS / "commands.md"


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    """Two lines, each making its own virtual environment (never the system's Python): the
    first installs the tool with Word output and runs check, the second runs the tests."""
    install_and_run, install_and_test = quick_start_commands()
    assert install_and_run == (
        'python3 -m venv .venv && .venv/bin/python -m pip install ".[docx]" '
        "&& .venv/bin/dsr-options check"
    )
    assert install_and_test == (
        'python3 -m venv .venv && .venv/bin/python -m pip install ".[test]" '
        "&& .venv/bin/python -m pytest"
    )


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, install_and_test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands.count(install_and_test) == 1


def commands_reference() -> str:
    """Every command's ``--help``, at 100 columns, as Markdown."""
    group = typer.main.get_command(app)
    parts = [
        "# Every command and option\n\n"
        "Generated from `dsr-options COMMAND --help` (a test keeps it in step with the tool).\n"
    ]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        context = command.context_class  # typer 0.29 vendors click: no import of click here
        with context(command, info_name=f"dsr-options {name}", terminal_width=100) as ctx:
            ctx.max_content_width = 100
            text = command.get_help(ctx)
        parts.append(f"\n## `dsr-options {name}`\n\n```text\n{text}\n```\n")
    return "".join(parts)


def test_every_command_has_help_with_examples() -> None:
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert "Example" in command.help, name
        assert f"`dsr-options {name}`" in COMMANDS.read_text(encoding="utf-8"), name


def test_the_command_reference_is_generated_from_help() -> None:
    generated = commands_reference()
    if os.environ.get("DSR_OPTIONS_UPDATE_DOCS") == "1":
        COMMANDS.write_text(generated, encoding="utf-8")
    assert COMMANDS.read_text(encoding="utf-8") == generated


def test_exit_codes_are_documented() -> None:
    for text in (README, REFERENCE):
        for code in ("| 0 |", "| 1 |", "| 2 |"):
            assert code in text


def test_every_doc_link_resolves() -> None:
    for path in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", text):
            assert (path.parent / target).is_file(), f"{path.name} links to a missing {target}"


def test_code_blocks_are_closed() -> None:
    """An unclosed fence swallows the sections after it; GitHub would render them as code."""
    for path in [ROOT / "README.md", *DOCS.glob("*.md")]:
        inside = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                inside = not inside
            elif inside:
                assert not line.startswith("## "), (
                    f"{path.name}:{number}: a heading in a code block"
                )
        assert not inside, f"{path.name} ends inside a code block"


def test_every_module_is_on_the_map() -> None:
    """docs/architecture.md names every module of the package (views and terminal tables, one per
    command, by their folder; the brief's writers by name)."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "dsr_options"
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
        if path.name == "__init__.py" and folder not in ("", "render", "analyses/diff"):
            continue
        if folder in ("render/views", "render/terminal"):
            assert f"`{folder}/*.py`" in text, folder
            continue
        shown = (f"`{rel}`", f"`{path.name}`" if folder == "render/brief" else f"`{rel}`")
        assert any(name in text for name in shown) or f"`{folder}/`" in text, rel
