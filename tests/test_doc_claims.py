"""What docs/ says a command prints, where no ``console`` example shows it: checked here against
the real output, so that a claim in prose cannot drift from the tool (the examples are run by
tests/test_doc_examples.py)."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.conftest import Run
from tests.factory import ROOT

DOCS = ROOT / "docs"


def test_the_guide_names_each_shipped_roles_standing(run: Run) -> None:
    text = " ".join((DOCS / "guide.md").read_text(encoding="utf-8").split())
    sentence = text.split("In the shipped catalogue: ", 1)[1].split(" (a test checks", 1)[0]
    claimed: dict[str, str] = {}
    for names, standing in re.findall(r"([a-z-]+(?: and [a-z-]+)?) `([a-z ]+)`", sentence):
        for name in names.split(" and "):
            claimed[name] = standing
    result = run("dsr-options agree -f json")
    data = json.loads(result.stdout)
    rows = data.get("roles") or data.get("items")
    assert claimed == {row["role"] if "role" in row else row["id"]: row["standing"] for row in rows}


def test_firmness_is_where_the_verdicts_page_says(run: Run) -> None:
    text = (DOCS / "verdicts.md").read_text(encoding="utf-8")
    assert "a line of each role in `check`'s overview" in text
    check = run("dsr-options check").stdout
    assert check.count("Firmness: ") >= 4
    plain = list(csv.DictReader(io.StringIO(run("dsr-options list -f csv").stdout)))
    assert "firmness" not in plain[0]
    firm = list(csv.DictReader(io.StringIO(run("dsr-options list --firmness -f csv").stdout)))
    assert "not assessed" not in {row["firmness"] for row in firm}


def test_no_page_promises_work_as_future_that_is_done() -> None:
    future = re.compile(r"until [^.]*\(issue \d+\)|comes with the [^.]* of issue \d+", re.S)
    for page in sorted(DOCS.glob("*.md")):
        found = future.findall(page.read_text(encoding="utf-8"))
        assert not found, (page.name, found)
