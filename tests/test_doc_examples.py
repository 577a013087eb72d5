"""Every example in the README and docs/ is real: each ``console`` block is run and compared.

A block reads ``$ dsr-options ...`` then the output, exactly as the tool prints it at 100
columns without colour. A last line ``...`` means "the output goes on": only what stands above
it is compared. After a deliberate change of output, rewrite the blocks with
``DSR_OPTIONS_UPDATE_DOCS=1 python -m pytest tests/test_doc_examples.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import Run

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n(\$ dsr-options[^\n]*)\n(.*?)```", re.S)
MORE = "...\n"
UPDATE = os.environ.get("DSR_OPTIONS_UPDATE_DOCS") == "1"


def _examples() -> list[tuple[Path, str, str]]:
    found = []
    for path in DOCS:
        for match in BLOCK.finditer(path.read_text(encoding="utf-8")):
            found.append((path, match.group(1)[2:], match.group(2)))
    return found


EXAMPLES = _examples()


def test_the_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 6
    assert any(path.name == "README.md" for path, _, _ in EXAMPLES)


@pytest.mark.parametrize(
    ("path", "command", "shown"),
    EXAMPLES,
    ids=[f"{p.name}:{c}" for p, c, _ in EXAMPLES],
)
def test_example(
    run: Run, monkeypatch: pytest.MonkeyPatch, path: Path, command: str, shown: str
) -> None:
    monkeypatch.chdir(ROOT)
    assert "|" not in shlex.split(command), "one command per block, no pipes"
    result = run(command, columns=100)
    printed = result.stdout + result.stderr
    truncated = shown.endswith(MORE)
    expected = shown[: -len(MORE)] if truncated else shown
    if UPDATE:
        lines = printed.splitlines(keepends=True)
        kept = expected.count("\n") if truncated else len(lines)
        new = "".join(lines[:kept]) + (MORE if truncated else "")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"$ {command}\n{shown}```", f"$ {command}\n{new}```"))
        return
    if truncated:
        assert printed.startswith(expected), (path.name, command)
    else:
        assert printed == expected, (path.name, command)
