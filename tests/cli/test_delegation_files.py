"""A delegation's own redline file, reasons with their basis, agree's quotes and standing labels."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.agreement import agreement
from dsr_options.analyses.evaluate import evaluate_role
from dsr_options.errors import CatalogueError
from dsr_options.load.catalogue import load_catalogue
from dsr_options.render.explain import explanation
from tests.conftest import Run
from tests.envelope import body, payload
from tests.factory import (
    ROOT,
    dump,
    evidence,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

ROOT = ROOT
EXAMPLE = ROOT / "examples" / "delegation-redlines.yaml"


def delegation_file(folder: Path, redlines: list[dict[str, Any]], **extra: Any) -> Path:
    """A redline file as a delegate writes it: holders and redlines, no sources, no evidence."""
    document = {
        "schema_version": 1,
        "holders": [{"id": "us", "name": "Our delegation"}],
        "redlines": redlines,
        **extra,
    }
    path = folder / "ours.yaml"
    path.write_text(dump(document), encoding="utf-8")
    return path


def bare(index: int, **options: Any) -> dict[str, Any]:
    data = redline(index, holders=("us",), **options)
    del data["evidence"]
    data["origin"] = "member-state"
    return data


def line_of(path: Path, text: str) -> tuple[int, int]:
    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if text in line)
    return number, lines[number - 1].index(text) + 1


# -- 1. writing one's own redline file ------------------------------------------------------------


def test_a_delegation_redline_without_evidence_is_not_warned(run: Run, tmp_path: Path) -> None:
    """A Member State's redline rests on its instructions, not on the note (issue 24)."""
    catalogue = write_catalogue(tmp_path / "data")
    ours = delegation_file(tmp_path, [bare(1)])
    result = run(f"dsr-options check --data {catalogue} --redlines {ours} -f json")
    assert result.exit_code == 0, result
    assert [r["verdict"] for r in payload(result.stdout)["roles"]] == ["out", "clear"]
    checked = run(f"dsr-options validate --strict {catalogue / 'roles.yaml'} {ours}")
    assert checked.exit_code == 0, checked
    assert checked.stdout == "checked 3 files: 0 errors, 0 warnings\n"


def test_another_redline_without_evidence_is_warned(run: Run, tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "data")
    theirs = {**bare(1), "origin": "participants"}
    ours = delegation_file(tmp_path, [theirs])
    line, column = line_of(ours, "redline-1")
    checked = run(f"dsr-options validate {catalogue / 'roles.yaml'} {ours}")
    assert checked.exit_code == 0, checked
    assert checked.stdout.splitlines()[0] == (
        f"{ours}:{line}:{column}: warning [no-evidence] redline 'redline-1' has no evidence; "
        "a redline without evidence cannot be traced to a source"
    )


def test_a_delegation_cites_its_own_instructions(run: Run, tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "data")
    cited = bare(1)
    cited["evidence"] = [
        {
            "quote": "no standing capacity",
            "source": "cable",
            "section": "Instructions",
            "stance": "opposes",
        }
    ]
    cable = {
        "id": "cable",
        "title": "Instructions from the capital",
        "date": "2026-11-30",
        "organisers": ["Ministry of Foreign Affairs"],
        "sections": ["Instructions"],
    }
    ours = delegation_file(tmp_path, [cited], sources=[cable])
    checked = run(f"dsr-options validate --strict {catalogue / 'roles.yaml'} {ours}")
    assert checked.exit_code == 0, checked
    assert checked.stdout == "checked 3 files: 0 errors, 0 warnings\n"


def test_evidence_citing_an_undeclared_source_says_where_to_declare_it(
    run: Run, tmp_path: Path
) -> None:
    catalogue = write_catalogue(tmp_path / "data")
    cited = bare(1)
    cited["evidence"] = [{**evidence(), "source": "our-cable"}]
    ours = delegation_file(tmp_path, [cited])
    line, column = line_of(ours, "our-cable")
    result = run(f"dsr-options check --data {catalogue} --redlines {ours}")
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[0] == (
        f"{ours}:{line}:{column}: error [unknown-reference] no source has the id 'our-cable'; "
        "declare it under 'sources:' in this file"
    )


def test_member_state_origin(tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "data")
    ours = delegation_file(tmp_path, [bare(1)])
    loaded = load_catalogue(catalogue, redlines=[ours], with_default=False)
    assert [r.origin.value for r in loaded.redlines] == ["member-state"]


@pytest.mark.parametrize("command", ["check", "agree", "list"])
def test_with_default_needs_redlines(run: Run, command: str) -> None:
    result = run(f"dsr-options {command} --with-default")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --with-default adds the shipped redlines to your own: give "
        "--redlines FILE too (without --redlines the shipped redlines are used anyway)\n"
    )


def test_a_roles_file_given_as_redlines(run: Run, tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "data")
    roles = catalogue / "roles.yaml"
    line, column = line_of(roles, "attributes:")
    result = run(f"dsr-options check --data {catalogue} --redlines {roles}")
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[0] == (
        f"{roles}:{line}:{column}: error [unknown-file-kind] this looks like a roles file (it has "
        "'attributes'); a redline file is expected, with 'holders' and 'redlines'"
    )
    assert "did you mean" not in result.stderr


def test_list_against_a_delegation_file(run: Run, tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "data")  # redline-1: a veto role-1 crosses
    ours = delegation_file(
        tmp_path, [bare(2, rule={"attribute": "delivered_by", "contains": "member-state-experts"})]
    )

    def ids(options: str) -> list[str]:
        result = run(f"dsr-options list --data {catalogue} {options} -f json")
        assert result.exit_code == 0, result
        return [r["id"] for r in payload(result.stdout)]

    assert ids("--survives") == ["role-2"]
    assert ids(f"--survives --redlines {ours}") == ["role-1", "role-2"]
    assert ids(f"--survives --redlines {ours} --with-default") == ["role-2"]
    assert ids(f"--clear-of redline-2 --redlines {ours}") == ["role-1", "role-2"]


def test_the_readme_sample_file(run: Run) -> None:
    def verdicts(options: str) -> list[tuple[str, str]]:
        result = run(f"dsr-options check --redlines {EXAMPLE} {options} -f json")
        assert result.exit_code == 0, result
        return [(r["role"], r["summary"]) for r in payload(result.stdout)["roles"]]

    # "Only at the host government's request" is a requirement: every in-country role that can
    # also start on a Council mandate crosses it (the data lists the mandate among its triggers).
    # No shipped role needs a new standing UN capacity, so the delegation's veto on it is clear;
    # the global repository is outside the requirement's scope.
    host = "out: crosses host-country-request (on our analysis)"
    expected = [
        ("strategic-advice", host),
        ("coordination", host),
        ("matchmaking", host),
    ]
    assert verdicts("") == [
        *expected,
        ("best-practice-repository", "clear: crosses nothing, no condition applies"),
    ]
    assert verdicts("--with-default") == [
        *expected,
        (
            "best-practice-repository",
            "conditional: must keep meeting embedded-in-ssr, human-rights-and-international-law",
        ),
    ]
    listed = run(f"dsr-options list --survives --redlines {EXAMPLE} -f json")
    assert [r["id"] for r in payload(listed.stdout)] == ["best-practice-repository"]


def test_the_readme_sample_file_has_no_evidence_and_validates(run: Run) -> None:
    result = run(f"dsr-options validate {ROOT / 'data' / 'roles.yaml'} {EXAMPLE} -f json")
    assert result.exit_code == 0, result
    report = payload(result.stdout)
    assert report["errors"] == []
    # A delegation's redlines need no evidence from the note; its "only at the request" is
    # warned: every in-country role crosses it, since the roles list several triggers.
    codes = [d["code"] for d in report["warnings"]]
    assert codes == ["set-operator"]


# -- 2 and 3. reasons read as logic, each with its basis -------------------------------------------

SCOPED = {
    **redline(
        1,
        strictness="condition",
        rule={"not": {"attribute": "trigger", "in": ["national-request"]}},
    ),
    "applies_to": {"attribute": "standing_un_capacity", "equals": True},
}


def test_reasons_state_scope_and_rule_with_basis(tmp_path: Path) -> None:
    catalogue = load_catalogue(
        write_catalogue(
            tmp_path / "d",
            roles_document([role(1), role(2, standing=False), role(3, trigger="un-initiative")]),
            redlines_document([SCOPED]),
        )
    )
    explained = [explanation(evaluate_role(catalogue, r).results[0]) for r in catalogue.roles]
    assert explained == [
        (
            "applies: standing_un_capacity is true [note]",
            "clear: the rule 'not (trigger is one of {national-request})' is false because "
            "trigger is national-request [analysis]",
        ),
        ("does not apply: standing_un_capacity is false [note]",),
        (
            "applies: standing_un_capacity is true [note]",
            "crosses: the rule 'not (trigger is one of {national-request})' is true because "
            "trigger is un-initiative [analysis]",
        ),
    ]


def test_reasons_in_every_check_format(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(
        tmp_path / "d",
        roles_document([role(1), role(3, trigger="un-initiative")]),
        redlines_document([SCOPED]),
    )
    crossing = (
        "applies: standing_un_capacity is true [note]; crosses: the rule 'not (trigger is one "
        "of {national-request})' is true because trigger is un-initiative [analysis]"
    )
    rows = list(csv.DictReader(io.StringIO(run(f"dsr-options check --data {data} -f csv").stdout)))
    assert [row["reasons"] for row in rows] == [
        "applies: standing_un_capacity is true [note]; clear: the rule 'not (trigger is one of "
        "{national-request})' is false because trigger is national-request [analysis]",
        crossing,
    ]
    markdown = run(f"dsr-options check --data {data} -f markdown --logic").stdout
    # Markdown escapes brackets (no links from data), so "[note]" reads "\\[note\\]" in the source.
    escaped = crossing.replace("[", "\\[").replace("]", "\\]")
    assert (
        f"| Role number 3 | “Redline 1” (Some member states) | ✗ crosses | {escaped} | clears if "
        "trigger were "
        "national-request instead of un-initiative; no longer applies if standing_un_capacity "
        "were false |"
    ) in markdown
    result = payload(run(f"dsr-options check --data {data} -f json --explain").stdout)
    reasons = result["roles"][1]["results"][0]["reasons"]
    assert [(r["part"], r["basis"], r["holds"], r["text"]) for r in reasons] == [
        ("applies_to", "note", True, "with standing UN capacity (the note)"),
        ("rule.not", "analysis", False, "trigger: UN initiative (on our reading)"),
    ]
    table = " ".join(run(f"dsr-options check --data {data} --logic").stdout.split())
    assert (
        "Out: crosses “Redline 1” (Some member states; on our analysis). ✗ crosses* “Redline 1” "
        "(Some member states), condition "
        "applies: standing_un_capacity is true [note] crosses: the rule 'not (trigger is one of "
        "{national-request})' is true because trigger is un-initiative [analysis]"
    ) in table


# -- 4. the redlines listing shows the scope --------------------------------------------------------


def test_redlines_listing_shows_applies_to(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "d", redlines=redlines_document([redline(2), SCOPED]))
    rows = list(
        csv.DictReader(io.StringIO(run(f"dsr-options redlines --data {data} -f csv").stdout))
    )
    assert [row["applies_to"] for row in rows] == [
        "every role",
        "only where standing_un_capacity is true",
    ]
    markdown = body(run(f"dsr-options redlines --data {data} -f markdown").stdout)
    assert markdown.splitlines()[2] == (
        "| id | title | strictness | origin | holders | applies_to | rule | reads | file |"
    )
    table = body(run(f"dsr-options redlines --data {data}").stdout)
    assert "Applies to" in table.split("\n\n", 1)[1].splitlines()[0]
    assert "every role" in table


# -- 5 and 6. agree: each quote once, honest standing labels ---------------------------------------


def test_agree_lists_each_quote_once(tmp_path: Path) -> None:
    repeated = role(1)
    repeated["evidence"] = [evidence("they liked it"), evidence("a worry", "opposes")]
    repeated["reception"]["evidence"] = [evidence("they liked it a lot")]
    repeated["concerns"] = [
        {"text": "A worry.", "basis": "note", "evidence": [evidence("a worry", "opposes")]},
        {"text": "Same.", "basis": "note", "evidence": [evidence("a worry", "qualifies")]},
    ]
    catalogue = load_catalogue(
        write_catalogue(tmp_path / "d", roles_document([repeated]), redlines_document([]))
    )
    (found,) = agreement(catalogue)
    assert [(q.evidence.quote, q.about) for q in found.support] == [
        ("they liked it a lot", "role, reception")
    ]
    assert [(q.evidence.quote, q.about) for q in found.opposition] == [("a worry", "role, concern")]
    assert [(q.evidence.quote, q.about) for q in found.qualifying] == [("a worry", "concern")]
    assert found.standing == "contested"


OFFERED = [evidence("offered"), evidence("also offered")]


@pytest.mark.parametrize(
    ("reception", "role_evidence", "standing"),
    [
        ([evidence("liked")], OFFERED, "supported"),
        ([evidence("doubted", "opposes")], OFFERED, "opposed"),
        ([evidence("listed", "neutral")], OFFERED, "no recorded view"),
        # a quote that only describes the role shows it was offered, not that it was backed
        ([], OFFERED, "no recorded view"),
    ],
)
def test_standing_rests_on_how_the_role_was_received(
    tmp_path: Path, reception: list[Any], role_evidence: list[Any], standing: str
) -> None:
    data = role(1, standing=False)
    data["reception"]["evidence"] = reception
    data["reception"]["basis"] = "analysis"
    data["evidence"] = role_evidence
    data["concerns"] = []
    catalogue = load_catalogue(write_catalogue(tmp_path / "d", roles_document([data])))
    assert agreement(catalogue)[0].standing == standing


def test_a_crossing_on_our_analysis_is_marked_and_does_not_contest(
    run: Run, tmp_path: Path
) -> None:
    by_analysis = role(1)
    by_analysis["attributes"]["standing_un_capacity"] = {"value": True, "basis": "analysis"}
    by_analysis["evidence"] = [evidence("offered"), evidence("also offered")]
    by_note = role(2)
    by_note["evidence"] = [evidence("offered"), evidence("also offered")]
    data = write_catalogue(tmp_path / "d", roles_document([by_analysis, by_note]))
    found = payload(run(f"dsr-options agree --data {data} -f json").stdout)
    assert [(a["role"], a["standing"]) for a in found] == [
        ("role-1", "supported"),
        ("role-2", "contested"),
    ]
    assert [o["on_analysis"] for o in found[0]["objections"]] == [True]
    markdown = run(f"dsr-options agree --data {data} -f markdown").stdout
    assert "May object (on our reading):\n\n- Some member states (veto “Redline 1”)" in markdown
    assert "- Some member states (veto “Redline 1”)\n" in markdown


# -- 7. reception basis ----------------------------------------------------------------------------


def test_a_reception_from_the_note_needs_evidence(tmp_path: Path) -> None:
    data = role(1)
    data["reception"]["evidence"] = []
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(write_catalogue(tmp_path / "d", roles_document([data])))
    assert "a reception with basis 'note' needs at least one piece of evidence" in str(raised.value)
    data["reception"].update(stance="unrecorded", voices="unrecorded", basis="analysis")
    catalogue = load_catalogue(write_catalogue(tmp_path / "e", roles_document([data])))
    assert catalogue.roles[0].reception.stance.value == "unrecorded"


def test_shipped_agreement() -> None:
    catalogue = load_catalogue()
    found = {a.role.id: a for a in agreement(catalogue)}
    assert {rid: a.standing for rid, a in found.items()} == {
        "strategic-advice": "supported",
        "coordination": "opposed",
        "matchmaking": "no recorded view",
        "best-practice-repository": "no recorded view",
    }
    assert {rid: a.role.reception.stance.value for rid, a in found.items()} == {
        "strategic-advice": "support",
        "coordination": "skeptical",
        "matchmaking": "unrecorded",
        "best-practice-repository": "unrecorded",
    }
    # Only the note's own finding on technical competency, and only on our reading.
    assert [(o.holder, o.on_analysis) for o in found["strategic-advice"].objections] == [
        ("note-writer", True),
    ]
    # Doubt about feasibility qualifies the role; the DRC refusal opposes it.
    quotes = [q.evidence.quote for q in found["coordination"].opposition]
    assert len(quotes) == len(set(quotes)) == 1
    standing_capacity = next(r for r in catalogue.redlines if r.id == "no-standing-un-capacity")
    assert standing_capacity.holders == ["one-participant"]
