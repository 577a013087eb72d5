"""Issue 15: provenance in every view and format, the overview, hints, Excel CSV, verdict words."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from dsr_options.render.formats import write_csv
from tests.conftest import Run

VIEWS = {
    "list": "list",
    "show": "show strategic-advice",
    "redlines": "redlines",
    "check": "check",
    "agree": "agree",
    "compare": "compare 1 2",
    "offices": "offices",
}
FORMATS = ("table", "json", "yaml", "csv", "excel-csv", "markdown")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_and_format_carries_the_provenance(run: Run, view: str, fmt: str) -> None:
    result = run(f"dsr-options {VIEWS[view]} -f {fmt}")
    assert result.exit_code == 0, result
    out = result.stdout
    if fmt in ("json", "yaml"):
        data = json.loads(out) if fmt == "json" else yaml.safe_load(out)
        assert data["schema"] == 2
        provenance = data["provenance"]
        assert provenance["tool"] == "dsr-options"
        assert provenance["catalogue"] == "packaged"
        assert len(provenance["catalogue_sha256"]) == 12
        assert provenance["redlines"] == ["packaged"]
        assert provenance["date"] == "2026-12-01"
        assert provenance["only"] == []
        assert provenance["scenario"] is None
        assert provenance["assumptions"] == []
    elif fmt in ("csv", "excel-csv"):
        rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
        assert rows
        assert all("catalogue packaged (sha256 " in row["provenance"] for row in rows)
        assert all(row["provenance"].endswith("2026-12-01") for row in rows)
    elif fmt == "markdown":
        assert out.startswith("> Made by dsr-options ")
        assert "on 2026-12-01 from the packaged catalogue (sha256 " in out.splitlines()[0]
    else:
        assert out.startswith("dsr-options ")
        assert "2026-12-01" in out.splitlines()[0]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_subset_is_labelled_as_such(run: Run, fmt: str) -> None:
    result = run(f"dsr-options check --only no-standing,limited -f {fmt}")
    assert result.exit_code == 0, result
    expected = {
        "table": "SUBSET: only no-standing-un-capacity, limited-un-technical-competency",
        "json": '"subset": true',
        "csv": "SUBSET: only no-standing-un-capacity, limited-un-technical-competency",
        "markdown": "**Subset: only the redlines no-standing-un-capacity, "
        "limited-un-technical-competency were evaluated",
    }[fmt]
    assert expected in " ".join(result.stdout.split())


def test_the_date_is_fixable(run: Run) -> None:
    result = run("dsr-options --date 2027-01-31 list -f json")
    assert json.loads(result.stdout)["provenance"]["date"] == "2027-01-31"
    bad = run("dsr-options --date tomorrow list")
    assert bad.exit_code == 2, bad
    assert "'tomorrow' is not a date" in bad.stderr


def test_excel_csv_has_a_bom_and_crlf(run: Run) -> None:
    result = run("dsr-options list -f excel-csv")
    assert result.stdout.startswith("\ufeffnumber,id,title")  # the runner folds CRLF itself
    text = write_csv([{"a": "x\ny"}], ["a"], excel=True)
    assert text == '\ufeffa\r\n"x\ny"\r\n'
    assert write_csv([{"a": "x"}], ["a"]) == "a\nx\n"


def test_md_is_markdown(run: Run) -> None:
    assert run("dsr-options list -f md").stdout == run("dsr-options list -f markdown").stdout


def test_an_empty_level_is_refused(run: Run) -> None:
    result = run(["dsr-options", "list", "--level", ""])
    assert result.exit_code == 2, result
    assert "--level: give a value" in result.stderr


def test_show_two_roles_points_to_compare(run: Run) -> None:
    result = run("dsr-options show 1 2")
    assert result.exit_code == 2, result
    assert "dsr-options compare 1 2" in result.stderr


def test_check_a_file_points_to_redlines(run: Run) -> None:
    result = run("dsr-options check mine.yaml")
    assert result.exit_code == 2, result
    assert "dsr-options check --redlines mine.yaml" in result.stderr


def test_check_opens_with_the_overview(run: Run) -> None:
    lines = run("dsr-options check", columns=200).stdout.splitlines()
    assert lines[2] == "At a glance"
    # A long column heading ("May object (on our reading)") may wrap above the others.
    heading = next(line for line in lines[3:6] if line.startswith("Role")).split()
    assert heading[:4] == ["Role", "Verdict", "Standing", "Rests"]
    text = " ".join(" ".join(lines).split())
    assert "meets every condition" in text
    assert "conditional" not in text  # the JSON value, not a word for people


def test_json_keeps_the_verdict_and_adds_words(run: Run) -> None:
    roles = json.loads(run("dsr-options check -f json").stdout)["roles"]
    matchmaking = next(r for r in roles if r["role"] == "matchmaking")
    assert matchmaking["verdict"] == "conditional"
    assert matchmaking["label"] == "meets every condition"
    assert matchmaking["verdict_text"] == "Meets all 4 conditions that apply and crosses nothing."
    assert matchmaking["summary"].startswith("conditional: must keep meeting")


def test_clear_results_are_collapsed_unless_all(run: Run) -> None:
    short = run("dsr-options check", columns=100).stdout
    full = run("dsr-options check --all", columns=100).stdout
    assert "more it does not cross (--all shows them)" in short
    assert "more it does not cross" not in full
    assert len(full) > len(short)


def test_terminal_quotes_drop_emphasis_and_double_quotes(run: Run) -> None:
    out = run("dsr-options show strategic-advice", columns=100).stdout
    assert "*through*" not in out
    assert "““" not in out
    assert "””" not in out
