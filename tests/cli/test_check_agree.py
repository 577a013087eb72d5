"""`check`, `agree`, `list --clear-of/--survives` and `show` with redline results."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from dsr_options.render import OutputFormat
from tests.conftest import Run
from tests.envelope import payload, yaml_payload
from tests.factory import dump, redline, redlines_document, role, roles_document, write_catalogue

BY_UN = {"attribute": "delivered_by", "contains": "un-secretariat"}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Three roles: one crossing the veto, one clear, one missing the attribute the veto tests."""
    unknown = role(3)
    del unknown["attributes"]["standing_un_capacity"]
    redlines = [
        redline(1),
        redline(2, strictness="concern", rule=BY_UN),
        {
            **redline(
                3, strictness="condition", rule={"attribute": "trigger", "equals": "un-initiative"}
            )
        },
    ]
    return write_catalogue(
        tmp_path / "mixed",
        roles_document(
            [role(1), role(2, standing=False, delivered_by=("member-state-experts",)), unknown]
        ),
        redlines_document(redlines),
    )


def user_file(folder: Path, redlines: list[dict[str, Any]], name: str = "mine.yaml") -> Path:
    document = redlines_document(redlines)
    document["holders"] = [{"id": "members", "name": "Our delegation"}]
    path = folder / name
    path.write_text(dump(document), encoding="utf-8")
    return path


def test_check_json_structure(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options check --data {mixed} -f json")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    assert [(r["role"], r["verdict"]) for r in data["roles"]] == [
        ("role-1", "out"),
        ("role-2", "conditional"),
        ("role-3", "undetermined"),
    ]
    # A result as a script needs it: ids, the outcome, whether it decides the verdict and the
    # attributes that decided it; the words are behind --explain, the redline's once below.
    first = data["roles"][0]["results"][0]
    assert first == {
        "redline": "redline-1",
        "outcome": "crosses",
        "applies": True,
        "holds": True,
        "on_analysis": False,
        "decides": True,
        "tests": ["standing_un_capacity"],
    }
    third = data["roles"][2]
    assert third["possible"] == ["out", "flagged"]
    assert third["results"][0]["outcome"] == "unknown"
    assert third["results"][0]["tests"] == ["standing_un_capacity"]
    assert {k for r in data["roles"] for x in r["results"] for k in x} == set(first)
    assert data["redlines"][0] == {
        "redline": "redline-1",
        "title": "Redline 1",
        "strictness": "veto",
        "rule": "standing_un_capacity is true",
        "applies_to": None,
        "repair": None,
        "holders": [{"id": "members", "name": "Some member states"}],
        "roles": {
            "crosses": ["role-1"],
            "clear": ["role-2"],
            "unknown": ["role-3"],
            "not-applicable": [],
        },
        "file": "catalogue",
    }


def test_check_json_explain_carries_the_words(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options check --data {mixed} -f json --explain")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    first = data["roles"][0]["results"][0]
    assert first == {
        "redline": "redline-1",
        "outcome": "crosses",
        "applies": True,
        "holds": True,
        "on_analysis": False,
        "decides": True,
        "tests": ["standing_un_capacity"],
        "title": "Redline 1",
        "strictness": "veto",
        "rule": "standing_un_capacity is true",
        "applies_to": None,
        "reasons": [
            {
                "part": "rule",
                "attribute": "standing_un_capacity",
                "test": "standing_un_capacity is true",
                "value": True,
                "basis": "note",
                "holds": True,
                "text": "with standing UN capacity (the note)",
            }
        ],
        "explanation": [
            "crosses: the rule 'standing_un_capacity is true' is true because "
            "standing_un_capacity is true [note]"
        ],
        "repairs": [
            {
                "kind": "rule",
                "text": "it clears without standing UN capacity",
                "changes": [
                    {
                        "attribute": "standing_un_capacity",
                        "text": "without standing UN capacity",
                    }
                ],
            }
        ],
        "redline_repair": None,
    }
    assert data["roles"][2]["results"][0]["reasons"][0]["value"] is None


def test_check_table_uses_symbols_and_words(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options check --data {mixed}", columns=100)
    assert result.exit_code == 0, result
    out = " ".join(result.stdout.split())
    for expected in [
        "Roles × redlines",  # noqa: RUF001 - the times sign the view prints
        "At a glance",
        "role-1",
        "✗ crosses",
        "✓ clear",
        "? unknown",
        "Vetoes",
        "Out: crosses “Redline 1” (Some member states).",
        "Meets the one condition that applies and crosses nothing.",
        "Undetermined (out or flagged): unknown against “Redline 1” (Some member states).",
        "It clears without standing UN capacity.",
        "held by Some member states",
        "crossed by Role number 1",
        "unknown for Role number 3",
    ]:
        assert expected in out, expected
    assert "(1)" not in out  # options are named, not numbered with a key
    assert "\x1b" not in out


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_check_table_narrow_does_not_crash(run: Run, mixed: Path, columns: int) -> None:
    result = run(f"dsr-options check --data {mixed}", columns=columns)
    assert result.exit_code == 0, result
    assert "crosses" in result.stdout


def test_check_not_applicable_shows_as_na(run: Run, tmp_path: Path) -> None:
    scoped = {**redline(1, strictness="condition"), "applies_to": BY_UN}
    folder = write_catalogue(
        tmp_path / "c",
        roles_document([role(1, delivered_by=("member-state-experts",))]),
        redlines_document([scoped]),
    )
    result = run(f"dsr-options check --data {folder}")
    assert "– n/a" in result.stdout  # noqa: RUF001 - the en dash the view prints
    assert "Clear: crosses nothing, and no condition applies." in result.stdout


def test_check_csv_markdown_yaml(run: Run, mixed: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(f"dsr-options check --data {mixed} -f csv").stdout)))
    assert len(rows) == 9
    assert rows[0]["role"] == "role-1"
    assert rows[0]["outcome"] == "crosses"
    assert rows[0]["verdict"] == "out"
    assert rows[0]["repairs"] == "clears if standing_un_capacity were false"
    assert rows[0]["holders"] == "Some member states"
    markdown = run(f"dsr-options check --data {mixed} -f markdown").stdout
    # redlines by title for people; the ids are in CSV and JSON
    assert "| redline | strictness | role-1 | role-2 | role-3 |" in markdown
    assert "| Redline 1 | veto | ✗ crosses | ✓ clear | ? unknown |" in markdown
    assert "redline-1" not in markdown
    assert "## At a glance" in markdown
    assert "## Verdicts" in markdown
    assert "## Holders" in markdown
    as_yaml = yaml_payload(run(f"dsr-options check --data {mixed} -f yaml").stdout)
    as_json = payload(run(f"dsr-options check --data {mixed} -f json").stdout)
    assert as_yaml == as_json


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders_check_and_agree(run: Run, mixed: Path, fmt: OutputFormat) -> None:
    for command in ("check", "agree"):
        result = run(f"dsr-options {command} --data {mixed} -f {fmt.value}")
        assert result.exit_code == 0, result
        assert result.stdout.strip()


def test_only_picks_redlines_by_id_or_prefix(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options check --data {mixed} -f json --only redline-2 --only redline-1")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    assert [r["redline"] for r in data["redlines"]] == ["redline-1", "redline-2"]
    assert [r["verdict"] for r in data["roles"]] == ["out", "clear", "undetermined"]


def test_only_unknown_id_says_did_you_mean(run: Run, mixed: Path) -> None:
    # An id given on the command line is a usage error (exit 2), as for list --clear-of.
    result = run(f"dsr-options check --data {mixed} --only redlin-9")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --only: no redline has the id 'redlin-9'; did you mean "
        "'redline-3' or 'redline-2' or 'redline-1'?\n"
    )
    assert result.stdout == ""
    result = run(f"dsr-options agree --data {mixed} --only redlin-9")
    assert result.exit_code == 2, result


def test_user_redlines_replace_the_shipped_ones(run: Run, mixed: Path, tmp_path: Path) -> None:
    mine = user_file(tmp_path, [{**redline(9, strictness="concern", rule=BY_UN)}])
    result = run(f"dsr-options check --data {mixed} --redlines {mine} -f json")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    assert [r["redline"] for r in data["redlines"]] == ["redline-9"]
    assert data["redlines"][0]["holders"] == [{"id": "members", "name": "Our delegation"}]
    assert [r["verdict"] for r in data["roles"]] == ["flagged", "clear", "flagged"]


def test_user_redlines_with_default(run: Run, mixed: Path, tmp_path: Path) -> None:
    document = redlines_document([redline(9, rule=BY_UN)])
    document["holders"] = []  # the shipped file's holders serve
    mine = tmp_path / "mine.yaml"
    mine.write_text(dump(document))
    result = run(f"dsr-options check --data {mixed} --redlines {mine} --with-default -f json")
    assert result.exit_code == 0, result
    ids = [r["redline"] for r in payload(result.stdout)["redlines"]]
    assert ids == ["redline-1", "redline-2", "redline-3", "redline-9"]


def test_several_user_files(run: Run, mixed: Path, tmp_path: Path) -> None:
    first = user_file(tmp_path, [redline(8)], "a.yaml")
    second_doc = redlines_document([redline(9, rule=BY_UN)])
    second_doc["holders"] = [{"id": "others", "name": "Another delegation"}]
    second_doc["redlines"][0]["holders"] = ["others"]
    second = tmp_path / "b.yaml"
    second.write_text(dump(second_doc))
    result = run(f"dsr-options check --data {mixed} --redlines {first} --redlines {second} -f json")
    assert result.exit_code == 0, result
    assert [r["redline"] for r in payload(result.stdout)["redlines"]] == [
        "redline-8",
        "redline-9",
    ]


def test_broken_user_file_is_a_located_error(run: Run, mixed: Path, tmp_path: Path) -> None:
    mine = user_file(tmp_path, [redline(9)])
    text = mine.read_text().replace("strictness: veto", "strictness: vetoo")
    mine.write_text(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "vetoo" in t)
    result = run(f"dsr-options check --data {mixed} --redlines {mine}")
    assert result.exit_code == 1, result
    assert f"mine.yaml:{line}:" in result.stderr
    assert "vetoo" in result.stderr
    assert result.stdout == ""


def test_broken_yaml_in_user_file(run: Run, mixed: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("schema_version: 1\nredlines: [\n")
    result = run(f"dsr-options check --data {mixed} --redlines {mine}")
    assert result.exit_code == 1, result
    assert result.stderr.startswith(f"{mine}:3:1: error [yaml-syntax] "), result


def test_user_rule_on_an_undeclared_attribute(run: Run, mixed: Path, tmp_path: Path) -> None:
    mine = user_file(
        tmp_path, [redline(9, rule={"attribute": "standing_capacity", "equals": True})]
    )
    text = mine.read_text()
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "standing_capacity" in t)
    column = text.splitlines()[line - 1].index("standing_capacity") + 1
    result = run(f"dsr-options check --data {mixed} --redlines {mine}")
    assert result.exit_code == 1, result
    assert (
        f"mine.yaml:{line}:{column}: error [unknown-attribute] 'standing_capacity' is not a "
        "declared attribute (did you mean 'standing_un_capacity'?)"
    ) in result.stderr


def test_user_rule_on_an_attribute_no_role_gives(run: Run, tmp_path: Path) -> None:
    roles = roles_document([role(1), role(2)])
    roles["attributes"].append(
        {"id": "uses_force", "type": "boolean", "description": "Declared, given by no role."}
    )
    folder = write_catalogue(tmp_path / "c", roles, redlines_document())
    mine = user_file(tmp_path, [redline(9, rule={"attribute": "uses_force", "equals": True})])
    result = run(f"dsr-options check --data {folder} --redlines {mine} -f json")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    assert [r["results"][0]["outcome"] for r in data["roles"]] == ["unknown", "unknown"]
    assert {r["verdict"] for r in data["roles"]} == {"undetermined"}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("--survives", ["role-2"]),
        ("--clear-of redline-1", ["role-2"]),
        ("--clear-of redline-2", ["role-2"]),
        ("--clear-of redline-1,redline-3", ["role-2"]),
        ("--clear-of redline-3", ["role-1", "role-2", "role-3"]),
        ("--survives --level strategic", ["role-2"]),
    ],
)
def test_list_by_redlines(run: Run, mixed: Path, options: str, expected: list[str]) -> None:
    result = run(f"dsr-options list --data {mixed} -f json {options}")
    assert result.exit_code == 0, result
    assert [r["id"] for r in payload(result.stdout)] == expected


def test_list_clear_of_unknown_redline(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options list --data {mixed} --clear-of redlne-1")
    assert result.exit_code == 2, result  # a filter value: a usage error, like --level
    assert "--clear-of: no redline has the id 'redlne-1'; did you mean" in result.stderr


def test_agree_json(run: Run, mixed: Path) -> None:
    result = run(f"dsr-options agree --data {mixed} -f json")
    assert result.exit_code == 0, result
    first, second, third = payload(result.stdout)
    assert first["standing"] == "contested"
    assert [q["quote"] for q in first["support"]] == ["for it", "received well"]
    assert [q["quote"] for q in first["opposition"]] == ["against it"]
    assert [(o["name"], o["redline"], o["certain"]) for o in first["objections"]] == [
        ("Some member states", "redline-1", True),
        ("Some member states", "redline-2", True),
    ]
    assert [(o["redline"], o["certain"]) for o in third["objections"]] == [
        ("redline-1", False),
        ("redline-2", True),
    ]
    assert second["reception"]["stance"] == "support"


def test_agree_table(run: Run, mixed: Path) -> None:
    out = run(f"dsr-options agree --data {mixed}").stdout
    for expected in ["(1) Role number 1", "contested", "“for it”", "“against it”", "objects"]:
        assert expected in out, expected


def test_show_json_keeps_the_role_and_adds_redlines(run: Run, mixed: Path) -> None:
    role_only = payload(run(f"dsr-options list --data {mixed} -f json").stdout)[0]
    result = run(f"dsr-options show role-1 --data {mixed} -f json")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    redlines = data.pop("redlines")
    assert data == role_only
    assert redlines["verdict"] == "out"
    assert [r["outcome"] for r in redlines["results"]] == ["crosses", "crosses", "clear"]


def test_show_table_csv_markdown_have_redlines(run: Run, mixed: Path) -> None:
    table = run(f"dsr-options show role-1 --data {mixed}").stdout
    assert "Redlines" in table
    assert "Out: crosses “Redline 1” (Some member states)." in table
    words = " ".join(table.split())
    assert (
        "It clears once delivered by no longer includes UN secretariat (it would then be empty)."
        in words
    )
    rows = list(
        csv.DictReader(io.StringIO(run(f"dsr-options show role-1 --data {mixed} -f csv").stdout))
    )
    fields = {row["field"]: row["value"] for row in rows}
    assert fields["redline verdict"] == "out: crosses redline-1"
    assert fields["redline redline-1"] == (
        "✗ crosses (veto); crosses: the rule 'standing_un_capacity is true' is true because "
        "standing_un_capacity is true [note]; clears if standing_un_capacity were false"
    )
    markdown = run(f"dsr-options show role-1 --data {mixed} -f markdown").stdout
    assert "| redline “Redline 3” (condition) | Meets “Redline 3” — trigger: national" in markdown


# -- the shipped catalogue ------------------------------------------------------------------------


def test_shipped_catalogue_matrix(run: Run) -> None:
    """The matrix the data author expects from the note."""
    result = run("dsr-options check -f json --explain")
    assert result.exit_code == 0, result
    roles = {r["role"]: r for r in payload(result.stdout)["roles"]}
    expected = {
        # The one reading that the UN produces the expertise itself: one attribute, one concern.
        "strategic-advice": ("flagged", ["limited-un-technical-competency"]),
        "coordination": (
            "flagged",
            [
                "national-ownership",
                "no-authority-over-bilaterals",
                "coordination-opposed-in-country",
            ],
        ),
        "matchmaking": ("conditional", []),
        # The store-and-share reading the note's word "repository" supports.
        "best-practice-repository": ("conditional", []),
    }
    for role_id, (verdict, crossed) in expected.items():
        data = roles[role_id]
        assert data["verdict"] == verdict, role_id
        assert [r["redline"] for r in data["results"] if r["outcome"] == "crosses"] == crossed
        assert all(r["outcome"] != "unknown" for r in data["results"])
    repository = roles["best-practice-repository"]
    not_applicable = [
        r["redline"] for r in repository["results"] if r["outcome"] == "not-applicable"
    ]
    assert not_applicable == [
        "request-or-mandate",
        "grounded-in-local-context",
        "national-ownership",
    ]
    for data in roles.values():
        for crossing in (r for r in data["results"] if r["outcome"] == "crosses"):
            assert crossing["repairs"], crossing["redline"]
            assert crossing["redline_repair"], crossing["redline"]


def test_shipped_catalogue_survivors(run: Run) -> None:
    result = run("dsr-options list --survives -f json")
    assert [r["id"] for r in payload(result.stdout)] == [
        "strategic-advice",
        "coordination",
        "matchmaking",
        "best-practice-repository",
    ]
    result = run("dsr-options list --clear-of no-standing,coordination-opp -f json")
    assert [r["id"] for r in payload(result.stdout)] == [
        "strategic-advice",
        "matchmaking",
        "best-practice-repository",
    ]
