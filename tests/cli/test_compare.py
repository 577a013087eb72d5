"""`dsr-options compare` from the command line: every format, the checks, and every width."""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.envelope import body, csv_body, payload, yaml_payload
from tests.factory import evidence, role, roles_document, write_catalogue

SHIPPED = ["strategic-advice", "coordination", "matchmaking", "best-practice-repository"]


@pytest.fixture
def varied(tmp_path: Path) -> Path:
    first = role(1, title="Strategic advice")
    second = role(
        2,
        levels=("operational", "tactical"),
        dimensions=("technical",),
        stance="skeptical",
        lead="oma",
        standing=False,
        title="Coordinate bilateral partners",
    )
    second["evidence"].append(evidence("a doubt", "opposes"))
    third = role(3, stance="mixed", trigger="un-initiative")
    third["concerns"].append({"text": "[red]Looks like markup[/red] " * 10, "basis": "analysis"})
    return write_catalogue(tmp_path / "varied", roles_document([first, second, third]))


def _json(run: Run, command: str) -> Any:
    result = run(command)
    assert result.exit_code == 0, result
    return payload(result.stdout)


def _all_evidence(role_data: dict[str, Any]) -> list[dict[str, Any]]:
    parts = [role_data["evidence"]]
    parts += [value["evidence"] for value in role_data["attributes"].values()]
    parts += [lead["evidence"] for lead in role_data["leads"]]
    parts.append(role_data["reception"]["evidence"])
    parts += [item["evidence"] for item in role_data["concerns"] + role_data["open_questions"]]
    unique: list[dict[str, Any]] = []
    for part in parts:
        for item in part:
            if item not in unique:
                unique.append(item)
    return unique


def _expected(aspect: str, shown: dict[str, Any]) -> Any:
    """What ``show -f json`` says a role's value for ``aspect`` should be."""
    if aspect in ("levels", "dimensions", "leads"):
        key = aspect
        items = shown[key]
        return [lead["office"] for lead in items] if aspect == "leads" else items
    if aspect.startswith("attributes."):
        found = shown["attributes"].get(aspect.split(".", 1)[1])
        return None if found is None else {"value": found["value"], "basis": found["basis"]}
    if aspect == "reception":
        return {"stance": shown["reception"]["stance"], "voices": shown["reception"]["voices"]}
    if aspect in ("concerns", "open_questions"):
        return [{"text": item["text"], "basis": item["basis"]} for item in shown[aspect]]
    if aspect == "evidence":
        pieces = _all_evidence(shown)
        counts = {"total": len(pieces)}
        for stance in ("supports", "opposes", "qualifies", "neutral"):
            counts[stance] = sum(item["stance"] == stance for item in pieces)
        return counts
    raise AssertionError(aspect)


def _same(aspect: str, value: Any, expected: Any) -> bool:
    if aspect in ("levels", "dimensions"):
        return sorted(value) == sorted(expected)
    if aspect.startswith("attributes.") and value and isinstance(value["value"], list):
        return sorted(value["value"]) == sorted(expected["value"]) and (
            value["basis"] == expected["basis"]
        )
    return bool(value == expected)


def check_against_show(run: Run, data: str, references: list[str]) -> dict[str, Any]:
    compared = _json(run, f"dsr-options compare {' '.join(references)} {data} -f json")
    shown = {
        role_id: _json(run, f"dsr-options show {role_id} {data} -f json")
        for role_id in compared["roles"]
    }
    assert set(compared) == {"roles", "summary", "aspects", "firmness"}
    for role_id in compared["roles"]:
        assert compared["firmness"][role_id] == shown[role_id]["redlines"]["firmness"]
    for entry in compared["aspects"]:
        assert set(entry) == {"aspect", "values", "differs"}
        name, values = entry["aspect"], entry["values"]
        assert list(values) == compared["roles"]
        for role_id, value in values.items():
            if name.startswith("evidence.strongest_"):
                stance = "supports" if name.endswith("_for") else "opposes"
                quotes = [
                    {"quote": e["quote"], "source": e["source"], "section": e["section"]}
                    for e in _all_evidence(shown[role_id])
                    if e["stance"] == stance
                ]
                assert value in quotes if quotes else value is None, (name, role_id)
            elif name.startswith("redlines."):
                verdict = shown[role_id]["redlines"]
                outcome = {"redlines.crosses": "crosses", "redlines.unknown": "unknown"}
                expected = (
                    [verdict["verdict"]]
                    if name == "redlines.verdict"
                    else [r["redline"] for r in verdict["results"] if r["outcome"] == outcome[name]]
                )
                assert value == expected, (name, role_id)
            else:
                assert _same(name, value, _expected(name, shown[role_id])), (name, role_id)
        compared_by = [
            v and v["value"] if name.startswith("attributes.") else v for v in values.values()
        ]
        assert entry["differs"] == any(v != compared_by[0] for v in compared_by[1:]), name
    differing = [entry["aspect"] for entry in compared["aspects"] if entry["differs"]]
    assert compared["summary"] == {
        "aspects": len(compared["aspects"]),
        "differing": len(differing),
        "differs": differing,
    }
    return dict(compared)


def test_json_matches_show_for_each_role(run: Run, varied: Path) -> None:
    compared = check_against_show(run, f"--data {varied}", ["1", "role-2", "role-3"])
    assert compared["roles"] == ["role-1", "role-2", "role-3"]
    assert compared["aspects"][0] == {
        "aspect": "levels",
        "values": {
            "role-1": ["strategic"],
            "role-2": ["operational", "tactical"],
            "role-3": ["strategic"],
        },
        "differs": True,
    }
    assert "dimensions" in compared["summary"]["differs"]


@pytest.mark.parametrize(
    "references", [*itertools.combinations(SHIPPED, 2), tuple(SHIPPED)], ids="-".join
)
def test_json_matches_show_on_the_shipped_catalogue(run: Run, references: tuple[str, ...]) -> None:
    check_against_show(run, "", list(references))


def test_yaml_is_the_json(run: Run, varied: Path) -> None:
    command = f"dsr-options compare 1 2 --data {varied}"
    assert yaml_payload(run(f"{command} -f yaml").stdout) == payload(
        run(f"{command} -f json").stdout
    )


def test_csv(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare role-1 role-2 --data {varied} -f csv")
    assert result.exit_code == 0, result
    rows = list(csv.DictReader(io.StringIO(csv_body(result.stdout))))
    assert list(rows[0]) == ["aspect", "label", "differs", "role-1", "role-2"]
    by_name = {row["aspect"]: row for row in rows}
    assert by_name["levels"] == {
        "aspect": "levels",
        "label": "levels",
        "differs": "true",
        "role-1": "strategic",
        "role-2": "operational, tactical",
    }
    assert by_name["attributes.standing_un_capacity"]["role-2"] == "false [note]"
    assert by_name["attributes.delivered_by"]["differs"] == "false"
    assert by_name["evidence.strongest_against"]["role-2"] == "“against it” (Findings)"


def test_markdown(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare 1 2 --data {varied} -f markdown --diff-only")
    assert result.exit_code == 0, result
    lines = body(result.stdout).splitlines()
    assert lines[0] == (
        "8 of 15 aspects differ (marked ≠): levels, dimensions, standing_un_capacity, "
        "lead candidates, reception, redline verdict, redlines crossed, evidence"
    )
    assert lines[2] == (
        "| aspect | (1) Strategic advice (role-1) | (2) Coordinate bilateral partners (role-2) |"
    )
    assert "| levels | strategic | operational, tactical |" in lines  # --diff-only: no ≠ column


def test_diff_only(run: Run, varied: Path) -> None:
    full = _json(run, f"dsr-options compare 1 2 --data {varied} -f json")
    only = _json(run, f"dsr-options compare 1 2 --data {varied} -f json --diff-only")
    assert only["summary"] == full["summary"]
    assert [a["aspect"] for a in only["aspects"]] == full["summary"]["differs"]
    assert all(a["differs"] for a in only["aspects"])
    table = run(f"dsr-options compare 1 2 --data {varied} --diff-only").stdout
    assert "≠ levels" in table
    assert "delivered_by" not in table


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("references", ["1 2", "1 2 3"])
def test_table_at_every_width(run: Run, varied: Path, columns: int, references: str) -> None:
    result = run(f"dsr-options compare {references} --data {varied}", columns=columns)
    assert result.exit_code == 0, result
    lines = body(result.stdout).splitlines()
    assert max(len(line) for line in lines) <= columns
    assert lines[0].startswith("8 of 15" if references == "1 2" else "10 of 15")
    for label in ["levels", "delivered_by", "lead candidates", "strongest against"]:
        assert any(line[2:].startswith(label) for line in lines), label
    assert "[red]Looks" in result.stdout if "3" in references else True
    assert "\x1b" not in result.stdout


COPY_TOKEN = re.compile(r"^ +--assume \S+$")


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_table_all_four_shipped_roles(run: Run, columns: int) -> None:
    result = run(f"dsr-options compare {' '.join(SHIPPED)}", columns=columns)
    assert result.exit_code == 0, result
    lines = body(result.stdout).splitlines()
    # A copy token (`--assume ...` under "To reproduce:") runs past a narrow terminal's edge
    # rather than being cut, so that it pastes whole; every other line fits.
    assert max(len(line) for line in lines if not COPY_TOKEN.match(line)) <= columns
    assert sum(line.startswith("≠ ") for line in lines) == int(lines[0].split()[0])


def test_colour_on_a_terminal_and_marks_without_it(run: Run, varied: Path) -> None:
    command = f"dsr-options compare 1 2 --data {varied}"
    coloured = run(command, env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm"}).stdout
    differing = next(line for line in coloured.splitlines() if "levels" in line)
    assert "\x1b[" in differing
    assert "≠" in differing
    plain = run(f"{command} --no-color", env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in plain
    assert "≠ levels" in plain


def test_same_role_twice_is_a_usage_error(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare role-1 1 --data {varied}")
    assert result.exit_code == 2, result
    assert result.stderr == "dsr-options: error: '1' names the role 'role-1' a second time\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("arguments", "said"),
    [("role-1", "only 'role-1' was given"), ("", "none was given")],
)
def test_fewer_than_two_roles_is_a_usage_error(
    run: Run, varied: Path, arguments: str, said: str
) -> None:
    result = run(f"dsr-options compare {arguments} --data {varied}")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"dsr-options: error: compare needs at least 2 roles, {said}; "
        "for example: dsr-options compare strategic coordination\n"
    )


def test_unknown_role_says_did_you_mean(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare role-1 rol-9 --data {varied}")
    assert result.exit_code == 1, result
    assert "dsr-options: error: no role has the id 'rol-9'; did you mean" in result.stderr
    assert result.stdout == ""


def test_ambiguous_prefix(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare role 1 --data {varied}")
    assert result.exit_code == 1, result
    assert "'role' matches more than one role: role-1, role-2, role-3" in result.stderr


def test_unknown_format_is_a_usage_error(run: Run, varied: Path) -> None:
    result = run(f"dsr-options compare 1 2 --data {varied} -f html")
    assert result.exit_code == 2, result
    assert "html" in result.stderr


def test_help_lists_compare(run: Run) -> None:
    assert "compare" in run("dsr-options --help").stdout
    result = run("dsr-options compare --help")
    assert result.exit_code == 0, result
    assert "--diff-only" in result.stdout
