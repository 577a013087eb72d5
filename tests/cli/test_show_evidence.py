"""``show`` carries every quote of a role, each beside what it backs, in every format."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.envelope import body, csv_body
from tests.factory import evidence, redlines_document, role, roles_document, write_catalogue


@pytest.fixture
def quoted(tmp_path: Path) -> Path:
    first = role(1, title="Strategic advice")
    first["leads"][0]["evidence"] = [evidence("the lead quote")]
    first["reception"]["voices"] = "unrecorded"
    first["concerns"] = [
        {"text": "A worry.", "basis": "note", "evidence": [evidence("worried words", "opposes")]}
    ]
    return write_catalogue(
        tmp_path / "quoted", roles_document([first, role(2)]), redlines_document()
    )


SHOW_AT_80 = """\
(1) Strategic advice  role-1
Verdict: out (rests on the note)
  Out: crosses “Redline 1” (Some member states).
  Crosses “Redline 1” — with standing UN capacity (the note). It clears without
  standing UN capacity.

What role 1 does, in our own words.

Levels      strategic
Dimensions  political
Reception   support (voices not recorded): How it was received.
            “received well” (Findings; supports)

Attributes
delivered by: UN secretariat [analysis]
standing UN capacity: yes [note]
  “a short quote” (Findings; supports)
trigger: national request [analysis]
  Our reading.

Lead candidates
Office    Basis     Rationale
─────────────────────────────────────────────────────────
SSR Unit  analysis  It holds the portfolio.
                    “the lead quote” (Findings; supports)

Concerns
• A worry. [note]
  “worried words” (Findings; opposes)

Open questions
• An open question? [note]
  “a short quote” (Findings; supports)

Evidence on the role as a whole
Quote         Section   Stance
────────────────────────────────
“for it”      Findings  supports
“against it”  Findings  opposes

"""


def test_show_table_puts_every_quote_under_what_it_backs(run: Run, quoted: Path) -> None:
    result = run(f"dsr-options show 1 --data {quoted}", columns=80)
    assert result.exit_code == 0, result
    # The Redlines section after it is the redline analysis's own (tested there).
    assert body(result.stdout).split("Redlines\n")[0] == SHOW_AT_80


def test_show_csv_has_every_quote(run: Run, quoted: Path) -> None:
    result = run(f"dsr-options show 1 --data {quoted} -f csv")
    rows = [tuple(row) for row in csv.reader(io.StringIO(csv_body(result.stdout)))]
    start = rows.index(("attribute delivered_by", "un-secretariat [analysis]"))
    assert rows[start : start + 15] == [
        ("attribute delivered_by", "un-secretariat [analysis]"),
        ("attribute standing_un_capacity", "true [note]"),
        ("attribute standing_un_capacity evidence", "“a short quote” (Findings; supports)"),
        ("attribute trigger", "national-request [analysis] — Our reading."),
        ("lead", "SSR Unit (ssr-unit) [analysis]: It holds the portfolio."),
        ("lead ssr-unit evidence", "“the lead quote” (Findings; supports)"),
        ("reception", "support (voices not recorded): How it was received."),
        ("reception evidence", "“received well” (Findings; supports)"),
        ("concern", "A worry. [note]"),
        ("concern evidence", "“worried words” (Findings; opposes)"),
        ("open question", "An open question? [note]"),
        ("open question evidence", "“a short quote” (Findings; supports)"),
        ("evidence", "“for it” (Findings; supports)"),
        ("evidence", "“against it” (Findings; opposes)"),
        ("redline verdict", "out: crosses redline-1"),
    ]


def test_show_markdown_has_every_quote(run: Run, quoted: Path) -> None:
    result = run(f"dsr-options show 1 --data {quoted} -f markdown")
    for line in (
        "| standing UN capacity evidence | “a short quote” (Findings; supports) |",
        "| lead ssr-unit evidence | “the lead quote” (Findings; supports) |",
        "| reception evidence | “received well” (Findings; supports) |",
        "| concern evidence | “worried words” (Findings; opposes) |",
        "| open question evidence | “a short quote” (Findings; supports) |",
        "| evidence | “for it” (Findings; supports) |",
    ):
        assert line in result.stdout.splitlines()
