"""Issue 13: firmness of verdicts, what-if assumptions, scenarios, variants and packages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.assumptions import apply_assumptions, parse_assumption
from dsr_options.analyses.evaluate import analyse
from dsr_options.analyses.firmness import firmness
from dsr_options.errors import UsageError
from dsr_options.load.catalogue import load_catalogue
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import (
    ROOT,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

ONE = redline(1, rule={"attribute": "trigger", "equals": "un-initiative"})
"""Out exactly when the trigger (our analysis) is the UN's initiative."""
TWO = redline(
    1,
    rule={
        "all": [
            {"attribute": "trigger", "equals": "un-initiative"},
            {"attribute": "delivered_by", "contains": "member-state-experts"},
        ]
    },
)
"""Out only when two analysis values change together."""
NONE = redline(1, rule={"attribute": "standing_un_capacity", "equals": False})
"""Tests only a value from the note: no analysis value can alter it."""


def _catalogue(tmp_path: Path, rule: dict[str, Any]) -> Path:
    return write_catalogue(
        tmp_path / "c", roles_document([role(1), role(2)]), redlines_document([rule])
    )


def _firmness(run: Run, data: Path, *extra: str) -> dict[str, Any]:
    result = run(f"dsr-options check --data {data} -f json {' '.join(extra)}")
    assert result.exit_code == 0, result
    firm: dict[str, Any] = json.loads(result.stdout)["roles"][0]["firmness"]
    return firm


def _verdict(run: Run, data: Path, *assume: str) -> str:
    flags = " ".join(f"--assume role-1.{a}" for a in assume)
    result = run(f"dsr-options check --data {data} -f json {flags}")
    assert result.exit_code == 0, result
    verdict: str = json.loads(result.stdout)["roles"][0]["verdict"]
    return verdict


def test_a_verdict_that_hangs_on_one_analysis_value(run: Run, tmp_path: Path) -> None:
    data = _catalogue(tmp_path, ONE)
    firm = _firmness(run, data, "--vary analysis")
    assert firm["label"] == "hangs on one judgement"
    assert firm["bound"] == 2
    assert [r["attribute"] for r in firm["rests_on"]] == ["trigger"]
    assert firm["rests_on"][0]["alternatives"] == [
        {"value": "un-initiative", "verdict": "out", "alters": True},
        {"value": None, "verdict": "undetermined", "alters": True},
    ]
    assert [c["text"] for c in firm["changes"]] == [
        "trigger: UN initiative → out (worse for the role)"
    ]
    for change in firm["changes"]:
        assumed = [c["assume"] for c in change["changes"]]
        assert _verdict(run, data, *assumed) == change["verdict"]


def test_a_verdict_that_hangs_on_two_values_together(run: Run, tmp_path: Path) -> None:
    data = _catalogue(tmp_path, TWO)
    firm = _firmness(run, data, "--vary analysis")
    assert firm["label"] == "rests on analysis"
    assert firm["smallest"] == 2
    assert [c["text"] for c in firm["changes"]] == [
        "(trigger: UN initiative; delivered by: UN secretariat and member state experts) → out "
        "(worse for the role)"
    ]
    (change,) = firm["changes"]
    assumed = [c["assume"] for c in change["changes"]]
    assert assumed == ["trigger=un-initiative", "delivered_by=un-secretariat,member-state-experts"]
    assert _verdict(run, data, *assumed) == "out"
    # Each change alone does not alter it: the set is the smallest.
    assert _verdict(run, data, assumed[0]) == "clear"
    assert _verdict(run, data, assumed[1]) == "clear"
    # With a bound of 1 the search says so: none up to 1.
    one = _firmness(run, data, "--vary analysis --firmness-bound 1")
    assert (one["label"], one["changes"], one["bound"]) == ("firm", [], 1)
    assert one["text"] == "firm: no change of up to 1 analysis value alters it"


def test_a_verdict_no_analysis_value_alters(run: Run, tmp_path: Path) -> None:
    data = _catalogue(tmp_path, NONE)
    firm = _firmness(run, data, "--vary analysis")
    assert (firm["label"], firm["rests_on"], firm["changes"]) == ("firm", [], [])
    assert firm["text"] == "firm: no change of up to 2 analysis values alters it"
    # A reader who disputes the note's reading varies the note's values too.
    disputed = _firmness(run, data, "--vary all")
    assert disputed["label"] == "hangs on one judgement"
    assert [c["text"] for c in disputed["changes"]] == [
        "without standing UN capacity → out (worse for the role)"
    ]
    assert _verdict(run, data, "standing_un_capacity=false") == "out"


def test_a_condition_every_role_meets_does_not_tell_roles_apart(tmp_path: Path) -> None:
    data = _catalogue(tmp_path, ONE)
    catalogue = load_catalogue(data)
    report = firmness(catalogue, analyse(catalogue))
    assert [u.text for u in report.undiscriminating] == [
        "redline-1 is clear for every role by our analysis or an assumption: "
        "it does not tell the roles apart"
    ]


def test_the_shipped_strategic_advice_rests_on_one_reading_counted_once() -> None:
    catalogue = load_catalogue()
    report = firmness(catalogue)
    strategic = report.of("strategic-advice")
    assert strategic is not None
    better = [s.text for s in strategic.minimal if s.verdict.value == "conditional"]
    assert better == ["technical_delivery_by_un=false gives conditional (better for the role)"]


# -- assumptions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rol-1.trigger=un-initiative", "no role has the id 'rol-1'; did you mean 'role-1'"),
        ("role-1.triger=un-initiative", "no attribute is named 'triger'; did you mean 'trigger'?"),
        ("role-1.trigger=un-initiativ", "did you mean 'un-initiative'?"),
        ("role-1.standing_un_capacity=maybe", "is a boolean attribute: give true or false"),
        ("role-1.trigger=national-request,un-initiative", "is a choice attribute: give ONE"),
        ("role-1.trigger", "write ROLE.ATTRIBUTE=VALUE"),
    ],
)
def test_bad_assumptions_are_usage_errors(
    run: Run, catalogue_dir: Path, text: str, message: str
) -> None:
    result = run(["dsr-options", "check", "--data", str(catalogue_dir), "--assume", text])
    assert result.exit_code == 2
    assert result.stderr.startswith("dsr-options: error: --assume: ")
    assert message in result.stderr


def test_the_same_assumption_twice_is_refused(run: Run, catalogue_dir: Path) -> None:
    result = run(
        f"dsr-options check --data {catalogue_dir} --assume role-1.trigger=un-initiative "
        "--assume role-1.trigger=national-request"
    )
    assert result.exit_code == 2
    assert "assumed twice" in result.stderr


def test_apply_assumptions_returns_a_new_catalogue(catalogue_dir: Path) -> None:
    catalogue = load_catalogue(catalogue_dir)
    assumption = parse_assumption("*.trigger=un-initiative", catalogue)
    changed = apply_assumptions(catalogue, [assumption])
    assert changed.assumed == ["*.trigger=un-initiative"]
    assert catalogue.assumed == []
    assert {r.attributes["trigger"].basis.value for r in changed.roles} == {"assumed"}
    assert {r.attributes["trigger"].basis.value for r in catalogue.roles} == {"analysis"}
    unknown = apply_assumptions(catalogue, [parse_assumption("role-1.trigger=unknown", catalogue)])
    assert "trigger" not in unknown.roles[0].attributes
    with pytest.raises(UsageError):
        parse_assumption("role-1.trigger=nope", catalogue)


COMMANDS = ("list", "show role-1", "check", "agree", "compare role-1 role-2")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "csv", "markdown"])
def test_no_output_passes_an_assumption_off_as_the_catalogue(
    run: Run, catalogue_dir: Path, command: str, fmt: str
) -> None:
    result = run(
        f"dsr-options {command} --data {catalogue_dir} -f {fmt} "
        "--assume role-1.trigger=un-initiative"
    )
    assert result.exit_code == 0, result
    assert "assumed" in result.stdout
    assert "role-1.trigger=un-initiative" in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["what_if"]["assumptions"] == ["role-1.trigger=un-initiative"]
    if fmt == "csv":
        assert result.stdout.startswith("assumptions,")
    plain = run(f"dsr-options {command} --data {catalogue_dir} -f {fmt}")
    assert "assumed" not in plain.stdout


def test_show_marks_the_assumed_value(run: Run, catalogue_dir: Path) -> None:
    result = run(
        f"dsr-options show role-1 --data {catalogue_dir} -f json "
        "--assume role-1.trigger=un-initiative"
    )
    data = json.loads(result.stdout)
    assert data["attributes"]["trigger"]["basis"] == "assumed"
    assert data["attributes"]["trigger"]["value"] == "un-initiative"
    assert data["attributes"]["delivered_by"]["basis"] == "analysis"


# -- scenarios ------------------------------------------------------------------------------------

BAD_SCENARIOS = """\
schema_version: 1
scenarios:
  - id: one
    title: A scenario with mistakes
    every_role:
      triger: un-initiative
      standing_un_capacity: maybe
    roles:
      role-3:
        trigger: un-initiative
      role-2:
        delivered_by: [member-state]
        trigger: [un-initiative]
  - id: one
    title: Again
"""


def test_a_scenario_file_with_mistakes_is_located(run: Run, catalogue_dir: Path) -> None:
    path = catalogue_dir / "scenarios.yaml"
    path.write_text(BAD_SCENARIOS, encoding="utf-8")
    result = run(f"dsr-options validate {path} -f json")
    assert result.exit_code == 1
    found = [(d["line"], d["column"], d["code"]) for d in json.loads(result.stdout)["errors"]]
    assert found == [
        (6, 7, "unknown-attribute"),
        (7, 29, "unknown-value"),
        (9, 7, "unknown-reference"),
        (12, 23, "unknown-value"),
        (13, 18, "unknown-value"),
        (14, 9, "duplicate-id"),
    ]
    check = run(f"dsr-options check --data {catalogue_dir} --scenario {path}:one")
    assert check.exit_code == 1
    assert f"{path}:6:7: error [unknown-attribute]" in check.stderr


GOOD_SCENARIOS = """\
schema_version: 1
scenarios:
  - id: initiative
    title: The UN decides
    every_role:
      trigger: un-initiative
  - id: only-two
    title: Only role 2 changes
    roles:
      role-2:
        delivered_by: [member-state-experts]
"""


def test_scenarios_side_by_side(run: Run, tmp_path: Path) -> None:
    data = _catalogue(tmp_path, ONE)
    path = tmp_path / "scenarios.yaml"
    path.write_text(GOOD_SCENARIOS, encoding="utf-8")
    result = run(f"dsr-options scenarios {path} --data {data} -f json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)["roles"]
    first = rows[0]
    assert first["catalogue"] == "clear"
    assert first["scenarios"]["initiative"] == {
        "verdict": "out",
        "changed": True,
        "why": ["redline-1: clear -> crosses"],
        "assumed": ["*.trigger=un-initiative"],
    }
    assert first["scenarios"]["only-two"]["changed"] is False
    csv = run(f"dsr-options scenarios {path} --data {data} -f csv").stdout
    assert csv.splitlines()[0] == "role,catalogue,initiative,only-two,provenance"
    one = run(f"dsr-options check --data {data} --scenario {path}:initiative -f json")
    assert json.loads(one.stdout)["what_if"]["scenarios"] == ["initiative"]
    several = run(f"dsr-options check --data {data} --scenario {path}")
    assert several.exit_code == 2
    assert "name the one to apply as FILE:NAME" in several.stderr


def test_the_shipped_example_scenarios_are_valid(run: Run) -> None:
    result = run("dsr-options validate examples/scenarios.yaml")
    assert result.exit_code == 0, result


# -- variants and packages ------------------------------------------------------------------------


def _options_document(**extra: Any) -> dict[str, Any]:
    document = roles_document(
        [role(1), role(2, standing=False, delivered_by=("member-state-experts",))]
    )
    for decl in document["attributes"]:
        if decl["id"] == "standing_un_capacity":
            decl["combine"] = "any"
        if decl["id"] == "delivered_by":
            decl["combine"] = "union"
    document["variants"] = [
        {
            "id": "role-1-seconded",
            "title": "Role 1 by seconded experts",
            "base": "role-1",
            "changes": {"standing_un_capacity": False, "delivered_by": ["member-state-experts"]},
        }
    ]
    document["packages"] = [
        {"id": "both", "title": "Role 1 and role 2 together", "members": ["role-1", "role-2"]}
    ]
    document.update(extra)
    return document


def test_variants_and_packages_are_compared_with_roles(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c", _options_document(), redlines_document([redline(1)]))
    result = run(f"dsr-options compare role-1 role-1-seconded both --data {data} -f json")
    assert result.exit_code == 0, result
    aspects = {a["aspect"]: a["values"] for a in json.loads(result.stdout)["aspects"]}
    standing = aspects["attributes.standing_un_capacity"]
    assert standing["role-1"] == {"value": True, "basis": "note"}
    assert standing["role-1-seconded"] == {"value": False, "basis": "analysis"}
    assert standing["both"] == {"value": True, "basis": "analysis"}  # any member needs one
    assert aspects["attributes.delivered_by"]["both"]["value"] == [
        "un-secretariat",
        "member-state-experts",
    ]
    assert aspects["attributes.trigger"]["both"] is None  # no combine rule: unknown
    check = json.loads(run(f"dsr-options check --data {data} -f json").stdout)
    verdicts = {r["role"]: r["verdict"] for r in check["roles"]}
    assert verdicts == {
        "role-1": "out",
        "role-2": "clear",
        "role-1-seconded": "clear",
        "both": "out",
    }
    shown = json.loads(run(f"dsr-options show role-1-sec --data {data} -f json").stdout)
    assert "changed in variant 'role-1-seconded'" in shown["attributes"]["delivered_by"]["note"]


def test_variant_and_package_mistakes_are_located(run: Run, tmp_path: Path) -> None:
    document = _options_document(
        variants=[
            {
                "id": "bad-variant",
                "title": "A variant of nothing",
                "base": "role-9",
                "changes": {"colour": True, "trigger": "sometimes"},
            }
        ],
        packages=[
            {"id": "alone", "title": "One role", "members": ["role-1"]},
            {"id": "ghost", "title": "With a ghost", "members": ["role-1", "role-7"]},
        ],
    )
    data = write_catalogue(tmp_path / "c", document, redlines_document([redline(1)]))
    result = run(f"dsr-options validate {data}/roles.yaml -f json")
    assert result.exit_code == 1
    codes = [
        (d["code"], ".".join(str(p) for p in d["path"]))
        for d in json.loads(result.stdout)["errors"]
    ]
    assert codes == [
        ("unknown-reference", "variants.0.base"),
        ("unknown-attribute", "variants.0.changes.colour"),
        ("unknown-value", "variants.0.changes.trigger"),
        ("package-too-small", "packages.0.members"),
        ("unknown-reference", "packages.1.members.1"),
    ]


def test_the_library_guide_runs() -> None:
    import re
    import subprocess
    import sys

    root = ROOT
    text = (root / "docs" / "library.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        subprocess.run([sys.executable, "-c", block], check=True, cwd=root, capture_output=True)


def test_option_mistakes_name_the_option(run: Run, catalogue_dir: Path, tmp_path: Path) -> None:
    vary = run(f"dsr-options check --data {catalogue_dir} --vary notes")
    assert (vary.exit_code, vary.stderr) == (
        2,
        "dsr-options: error: --vary: vary 'readings', 'analysis' or 'all', not 'notes'\n",
    )
    missing = run(f"dsr-options check --data {catalogue_dir} --scenario {tmp_path}/none.yaml")
    assert missing.exit_code == 2
    assert "--scenario: no scenario file at" in missing.stderr
    path = tmp_path / "scenarios.yaml"
    path.write_text(GOOD_SCENARIOS, encoding="utf-8")
    typo = run(f"dsr-options check --data {catalogue_dir} --scenario {path}:initiatve")
    assert typo.exit_code == 2
    assert "--scenario: " in typo.stderr
    assert "initiative" in typo.stderr


def test_list_firmness_adds_the_verdict(run: Run, tmp_path: Path) -> None:
    data = _catalogue(tmp_path, ONE)
    plain = payload(run(f"dsr-options list --data {data} -f json").stdout)
    assert "firmness" not in plain[0]
    listed = payload(run(f"dsr-options list --data {data} --firmness -f json").stdout)
    assert listed[0]["verdict"] == "clear"
    assert listed[0]["firmness"]["label"] == "firm"  # no declared reading to vary
    varied = payload(
        run(f"dsr-options list --data {data} --firmness --vary analysis -f json").stdout
    )
    assert varied[0]["firmness"]["label"] == "hangs on one judgement"
