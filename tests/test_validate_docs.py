"""The validate documentation cannot drift: every error code is in the reference, the hook is sound."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from dsr_options.diagnostics import CODES, Code

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "dsr_options"


def emitted_codes() -> dict[str, str]:
    """Every ``Code`` member the source names, with where (codes are typed: mypy catches a typo)."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "diagnostics.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in re.findall(r"\bCode\.([A-Z_]+)\b", line):
                found.setdefault(Code[name].value, f"{path.name}:{number}")
    return found


REFERENCE = REPO / "docs" / "reference.md"


def readme_codes() -> list[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE)


def test_every_emitted_code_is_registered() -> None:
    emitted = emitted_codes()
    assert len(emitted) > 25
    assert set(emitted) - set(CODES) == set(), emitted
    assert set(CODES) - set(emitted) == set(), "registered but never emitted"


def test_every_code_is_in_the_readme_table_once_with_an_example() -> None:
    listed = readme_codes()
    assert sorted(listed) == sorted(CODES)
    text = REFERENCE.read_text(encoding="utf-8")
    for code in CODES:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{code}` |"))
        assert f"[{code}]" in row, f"the example for {code} does not show the code"


def test_the_pre_commit_hook() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "dsr-options-validate"
    assert hook["entry"] == "dsr-options validate"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    files = re.compile(hook["files"])
    for path in (
        "data/roles.yaml",
        "data/redlines.yaml",
        "roles.yml",
        "x/my-redlines.yaml",
        "catalogue/redlines-fr.yml",
    ):
        assert files.search(path), path
    for path in (
        "data/other.yaml",
        "roles.yaml.bak",
        "docs/roles.md",
        "k8s/cluster-roles.yaml",
        "deploy/rbac-roles.yaml",
        "ansible/roles/web/tasks/main.yaml",
        "my-roles.yaml",  # a roles file by another name: widen `files:` (README, pre-commit)
    ):
        assert not files.search(path), path


def test_the_ci_guide_shows_how_to_widen_the_hook() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text.split("## pre-commit", 1)[1].split("\n## ", 1)[0]
    widened = re.search(r"files: (\S+)", section.split("To widen it", 1)[1])
    assert widened is not None
    pattern = re.compile(widened.group(1))
    assert pattern.search("catalogue/my-roles.yaml")
    assert pattern.search("catalogue/redlines.yaml")
    assert not pattern.search("k8s/cluster-roles.yaml")


def test_the_ci_guide_documents_validate_in_ci() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "# Validating the catalogue in CI" in text
    for needed in (
        "dsr-options validate",
        "--format",
        "--strict",
        "--source",
        "dsr-options schema",
        "GITHUB_STEP_SUMMARY",
        "pre-commit",
        "sarif",
        "junit",
    ):
        assert needed in text, needed
