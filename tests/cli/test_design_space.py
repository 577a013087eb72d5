"""negotiate's whole design space, through the command line: the answer first, the JSON under
``design_space``, and a witness that ``check --assume`` accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.envelope import payload

HEADER = "schema_version: 1\nholders:\n  - id: {holder}\n    name: {name}\nredlines:\n"
REDLINE = """  - id: {id}
    title: {title}
    statement: {title}
    origin: member-state
    holders: [{holder}]
    strictness: veto
    {body}
"""


def delegation(path: Path, holder: str, *redlines: tuple[str, str, str]) -> Path:
    text = HEADER.format(holder=holder, name=holder.title()) + "".join(
        REDLINE.format(id=rid, title=title, holder=holder, body=body)
        for rid, title, body in redlines
    )
    path.write_text(text, encoding="utf-8")
    return path


def blocked(tmp_path: Path) -> list[Path]:
    """Freedonia needs in-country work; Sylvania forbids it unless nationally requested, and
    Ruritania forbids national requests as the only trigger: three redlines, no design."""
    return [
        delegation(
            tmp_path / "f.yaml",
            "freedonia",
            ("in-country", "Work in a country", "requires: {attribute: in_country, equals: true}"),
        ),
        delegation(
            tmp_path / "s.yaml",
            "sylvania",
            (
                "requested",
                "Only on request",
                "rule: {all: [{attribute: in_country, equals: true}, "
                "{not: {attribute: triggers, subset_of: [national-request]}}]}",
            ),
        ),
        delegation(
            tmp_path / "r.yaml",
            "ruritania",
            (
                "mandated",
                "A mandate too",
                "requires: {attribute: triggers, contains_any: [security-council-mandate]}",
            ),
        ),
    ]


def test_no_design_names_the_blocking_set_and_who_must_move(run: Run, tmp_path: Path) -> None:
    files = " ".join(f"--redlines {p}" for p in blocked(tmp_path))
    result = run(f"dsr-options negotiate {files} -f json")
    assert result.exit_code == 0, result
    data: dict[str, Any] = payload(result.stdout)
    space = data["design_space"]
    assert space["acceptable_exists"] is False
    assert space["complete"] is True
    assert space["witness"] is None
    assert [b["redlines"] for b in space["blocking_sets"]] == [
        ["in-country", "requested", "mandated"]
    ]
    assert space["must_move"] == [["freedonia"], ["sylvania"], ["ruritania"]]
    assert data["answer"] == (
        "No design of the UN's role clears Freedonia, Sylvania and Ruritania's vetoes and "
        "conditions together; one of them must move."
    )
    assert space["searched"]["attributes"] == 2
    table = run(f"dsr-options negotiate {files}", columns=200)
    first = [line for line in table.stdout.splitlines() if line.strip()][2]
    assert first.startswith("No design of the UN's role clears Freedonia")


def test_a_witness_that_check_accepts(run: Run, tmp_path: Path) -> None:
    files = blocked(tmp_path)[:2]
    given = " ".join(f"--redlines {p}" for p in files)
    data = payload(run(f"dsr-options negotiate {given} -f json").stdout)
    space = data["design_space"]
    assert space["acceptable_exists"] is True
    assert space["blocking_sets"] == []
    assert space["region"]["exact"] is True
    assert [c["attribute"] for c in space["region"]["conditions"]] == ["triggers", "in_country"]
    role = space["nearest"][0]["role"]
    assume = " ".join(
        f"--assume {role}.{a}={','.join(v) if isinstance(v, list) else str(v).lower()}"
        for a, v in space["witness"].items()
    )
    checked = payload(run(f"dsr-options check {given} {assume} -f json").stdout)
    verdict = next(v for v in checked["roles"] if v["role"] == role)
    assert verdict["verdict"] in ("clear", "conditional", "flagged")


def test_a_search_the_shared_budget_stops_says_so_and_how_to_raise_it(
    run: Run, tmp_path: Path
) -> None:
    files = " ".join(f"--redlines {p}" for p in blocked(tmp_path))
    env = {"DSR_OPTIONS_MAX_EVALUATIONS": "1"}
    result = run(f"dsr-options negotiate {files} -f json", env=env)
    assert result.exit_code == 0, result
    space = payload(result.stdout)["design_space"]
    assert space["complete"] is False
    assert space["acceptable_exists"] is None  # unknown, never a guess
    assert space["bounded"] == {
        "what": "the design-space search",
        "limit": 1,
        "unknown": "whether some design is acceptable to every holder is not known",
        "option": "DSR_OPTIONS_MAX_EVALUATIONS",
    }
    table = run(f"dsr-options negotiate {files}", columns=200, env=env).stdout
    assert "set DSR_OPTIONS_MAX_EVALUATIONS to raise the limit" in table
