"""A delegation's redlines say what the delegation means (issue 24).

Three delegations' files, written once as meant and once with the mistakes a newcomer makes (a
condition written the wrong way round, the wrong set operator, a broad attribute), each with the
``expect:`` its writer wrote first: ``validate`` passes the right ones and fails every wrong one
at the line of the expectation, saying why; the likely mistake is warned at the rule.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Run
from tests.factory import dump, role, roles_document

TRIGGERS = ["national-request", "security-council-mandate", "general-assembly-mandate"]

ATTRIBUTES: list[dict[str, Any]] = [
    {
        "id": "triggers",
        "type": "choices",
        "description": "Everything that could set the role in motion, listed in full.",
        "values": [
            {"id": "national-request", "description": "A request from the government."},
            {"id": "security-council-mandate", "description": "A Security Council mandate."},
            {"id": "general-assembly-mandate", "description": "A General Assembly mandate."},
        ],
    },
    {
        "id": "training",
        "type": "choices",
        "description": "The kinds of training the role involves, whoever gives it.",
        "values": [
            {"id": "mentoring", "description": "Mentoring of defense personnel."},
            {"id": "institutional", "description": "Training in defense management."},
        ],
    },
    {
        "id": "training_by_un",
        "type": "choices",
        "description": "The kinds of training the UN gives itself. Member States' is not the UN's.",
        "values": [
            {"id": "mentoring", "description": "Mentoring of defense personnel."},
            {"id": "institutional", "description": "Training in defense management."},
        ],
    },
    {
        "id": "coordinates_partners",
        "type": "boolean",
        "description": "True when the UN coordinates other actors' work. False when it links them.",
    },
]


def _role(index: int, name: str, triggers: list[str], training: list[str], **flags: Any) -> Any:
    made = role(index, title=name.capitalize())
    made["id"] = name
    made["attributes"] = {
        "triggers": {"value": triggers, "basis": "analysis"},
        "training": {"value": training, "basis": "analysis"},
        "training_by_un": {"value": flags.get("by_un", []), "basis": "analysis"},
        "coordinates_partners": {"value": flags.get("coordinates", False), "basis": "analysis"},
    }
    return made


def world(folder: Path) -> Path:
    """Four roles as the note has them: advice (the UN trains), coordination, matchmaking
    (Member States train), a repository only the General Assembly could start."""
    document = roles_document(
        [
            _role(1, "advice", TRIGGERS, ["institutional"], by_un=["institutional"]),
            _role(2, "coordination", TRIGGERS, [], coordinates=True),
            _role(3, "matchmaking", TRIGGERS, ["mentoring", "institutional"]),
            _role(4, "repository", ["general-assembly-mandate"], []),
        ]
    )
    document["attributes"] = copy.deepcopy(ATTRIBUTES)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roles.yaml").write_text(dump(document), encoding="utf-8")
    return folder


def delegation(folder: Path, name: str, redline: dict[str, Any]) -> Path:
    hid = name.lower()
    document = {
        "schema_version": 1,
        "holders": [{"id": hid, "name": name}],
        "redlines": [
            {
                "id": redline.pop("id"),
                "title": redline.pop("title"),
                "statement": redline.pop("statement"),
                "origin": "member-state",
                "holders": [hid],
                **{k: v for k, v in redline.items() if k != "expect"},
                "expect": redline["expect"],
            }
        ],
    }
    path = folder / f"{hid}.yaml"
    path.write_text(dump(document), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> tuple[int, int]:
    lines = path.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if text in line)
    return number, lines[number - 1].index(text) + 1


FREEDONIA: dict[str, Any] = {
    "id": "request-or-mandate",
    "title": "Host government request or Security Council mandate",
    "statement": "A request from the host government or a Council mandate must be behind it.",
    "strictness": "condition",
    "expect": {"crosses": ["repository"], "clears": ["advice", "coordination", "matchmaking"]},
}
SYLVANIA: dict[str, Any] = {
    "id": "no-un-training",
    "title": "No UN training",
    "statement": "The UN itself must not train defense forces.",
    "strictness": "veto",
    "expect": {"crosses": ["advice"], "clears": ["coordination", "matchmaking", "repository"]},
}
RURITANIA: dict[str, Any] = {
    "id": "nationally-led-coordination",
    "title": "Coordination stays national",
    "statement": "The UN does not coordinate other actors' defense work.",
    "strictness": "condition",
    "expect": {"crosses": ["coordination"], "clears": ["advice", "matchmaking", "repository"]},
}

RIGHT: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "Freedonia": (
        FREEDONIA,
        {"requires": {"attribute": "triggers", "contains_any": TRIGGERS[:2]}},
    ),
    "Sylvania": (
        SYLVANIA,
        {"rule": {"attribute": "training_by_un", "contains_any": ["mentoring", "institutional"]}},
    ),
    "Ruritania": (
        RURITANIA,
        {"requires": {"attribute": "coordinates_partners", "equals": False}},
    ),
}


@pytest.mark.parametrize("name", list(RIGHT))
def test_a_file_written_as_meant_passes_strict(run: Run, tmp_path: Path, name: str) -> None:
    folder = world(tmp_path / "data")
    meant, rule = RIGHT[name]
    path = delegation(folder, name, {**copy.deepcopy(meant), **rule})
    result = run(f"dsr-options validate --strict {path}")
    assert result.exit_code == 0, result
    assert result.stdout == "checked 1 file: 0 errors, 0 warnings\n"


def _diagnostics(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if ": error [" in line or ": warning [" in line]


def at(path: Path, text: str) -> str:
    """``FILE:LINE:COLUMN`` of the first occurrence of ``text`` in the file (of the item, for a
    list item ``- x``)."""
    line, column = line_of(path, text)
    return f"{path}:{line}:{column + 2 if text.startswith('- ') else column}"


def test_the_wrong_set_operator_fails_at_each_expectation(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    rule = {"requires": {"attribute": "triggers", "subset_of": TRIGGERS[:2]}}
    path = delegation(folder, "Freedonia", {**copy.deepcopy(FREEDONIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    because = (
        "but it crosses it, because its requirement does not hold: triggers is "
        "{national-request, security-council-mandate, general-assembly-mandate} [analysis]"
    )
    assert _diagnostics(result.stdout) == [
        f"{at(path, 'attribute: triggers')}: warning [set-operator] every role in its scope "
        "crosses 'request-or-mandate', and the roles combine values of 'triggers' (advice, "
        "coordination, matchmaking list several): 'subset_of [national-request, "
        "security-council-mandate]' holds for a role whose every value is among them (none); "
        "'contains_any [national-request, security-council-mandate]' holds for a role with any "
        "of them (advice, coordination, matchmaking); check that the form says what you mean",
        *[
            f"{at(path, '- ' + role_id)}: error [expectation-failed] expected {role_id} to "
            f"clear 'request-or-mandate', {because}"
            for role_id in ["advice", "coordination", "matchmaking"]
        ],
    ]


def test_an_inverted_condition_fails_and_is_warned(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    rule = {"rule": {"attribute": "triggers", "contains_any": TRIGGERS[:2]}}
    path = delegation(folder, "Freedonia", {**copy.deepcopy(FREEDONIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    assert _diagnostics(result.stdout) == [
        f"{at(path, 'attribute: triggers')}: warning [condition-reads-inverted] 3 of the 4 roles "
        "the condition 'request-or-mandate' applies to cross it (advice, coordination, "
        "matchmaking): 'rule:' says when a role crosses, and a condition most roles cross is "
        "usually written the wrong way round; to say what must hold, write requires: with the "
        "same test",
        f"{at(path, '- repository')}: error [expectation-failed] expected repository to cross "
        "'request-or-mandate', but it clears it, because its rule does not hold: triggers is "
        "{general-assembly-mandate} [analysis]",
        *[
            f"{at(path, '- ' + role_id)}: error [expectation-failed] expected {role_id} to "
            "clear 'request-or-mandate', but it crosses it, because its rule holds: triggers is "
            "{national-request, security-council-mandate, general-assembly-mandate} [analysis]"
            for role_id in ["advice", "coordination", "matchmaking"]
        ],
    ]


def test_a_warning_names_ten_roles_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    """In a catalogue of 25 roles, 22 cross an inverted condition: the warning names the first
    ten in the catalogue's order and counts the other twelve, in every format."""
    document = roles_document(
        [_role(i, f"option-{i:02}", TRIGGERS if i % 8 else TRIGGERS[2:], []) for i in range(1, 26)]
    )
    document["attributes"] = copy.deepcopy(ATTRIBUTES)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "roles.yaml").write_text(dump(document), encoding="utf-8")
    meant = copy.deepcopy(FREEDONIA)
    meant["expect"] = {"crosses": ["option-08"]}
    rule = {"rule": {"attribute": "triggers", "contains_any": TRIGGERS[:2]}}
    path = delegation(folder, "Freedonia", {**meant, **rule})
    crossing = ", ".join(f"option-{i:02}" for i in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11))
    want = (
        "warning [condition-reads-inverted] 22 of the 25 roles the condition "
        f"'request-or-mandate' applies to cross it ({crossing} and 12 more): 'rule:' says when "
        "a role crosses, and a condition most roles cross is usually written the wrong way "
        "round; to say what must hold, write requires: with the same test"
    )
    result = run(f"dsr-options validate {path}")
    assert f"{at(path, 'attribute: triggers')}: {want}" in _diagnostics(result.stdout)
    result = run(f"dsr-options validate -f json {path}")
    warnings = json.loads(result.stdout)["warnings"]
    found = [w["message"] for w in warnings if w["code"] == "condition-reads-inverted"]
    assert found == [want.split("] ", 1)[1]]


def test_an_inverted_only_from_condition_that_no_role_crosses_is_warned(
    run: Run, tmp_path: Path
) -> None:
    folder = world(tmp_path / "data")
    rule = {"rule": {"attribute": "triggers", "subset_of": TRIGGERS[:2]}}
    path = delegation(folder, "Freedonia", {**copy.deepcopy(FREEDONIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    found = _diagnostics(result.stdout)
    assert found[0] == (
        f"{at(path, 'attribute: triggers')}: warning [condition-reads-inverted] no role crosses "
        "the condition 'request-or-mandate': 'rule:' says when a role crosses, and 'triggers "
        "subset_of' crosses only a role whose every value is among those listed; if that is "
        "what must hold, write requires: with the same test"
    )
    assert found[-1] == (
        f"{at(path, '- repository')}: error [expectation-failed] expected repository to cross "
        "'request-or-mandate', but it clears it, because its rule does not hold: triggers is "
        "{general-assembly-mandate} [analysis]"
    )


def test_a_broad_attribute_fails_and_names_the_narrower_one(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    rule = {"rule": {"attribute": "training", "contains_any": ["mentoring", "institutional"]}}
    path = delegation(folder, "Sylvania", {**copy.deepcopy(SYLVANIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    assert _diagnostics(result.stdout) == [
        f"{at(path, 'attribute: training')}: warning [broad-attribute] 'no-un-training' tests "
        "'training', which is broader than 'training_by_un': matchmaking crosses it through "
        "'training' although tested on 'training_by_un' it would not; if the redline means what "
        "the UN itself does, test 'training_by_un' (the kinds of training the UN gives itself)",
        f"{at(path, '- matchmaking')}: error [expectation-failed] expected matchmaking to clear "
        "'no-un-training', but it crosses it, because its rule holds: training is {mentoring, "
        "institutional} [analysis]",
    ]


def test_a_broad_attribute_with_a_boolean_sibling(run: Run, tmp_path: Path) -> None:
    """A narrower sibling may also be a boolean: the warning names it and what true covers."""
    folder = world(tmp_path / "data")
    roles_path = folder / "roles.yaml"
    text = roles_path.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    for attribute in document["attributes"]:
        if attribute["id"] == "training_by_un":
            attribute.pop("values")
            attribute["type"] = "boolean"
            attribute["description"] = "True when UN staff give the training. False otherwise."
    for made in document["roles"]:
        held = made["attributes"]["training_by_un"]
        held["value"] = bool(held["value"])
    roles_path.write_text(dump(document), encoding="utf-8")
    rule = {"rule": {"attribute": "training", "contains_any": ["mentoring", "institutional"]}}
    path = delegation(folder, "Sylvania", {**copy.deepcopy(SYLVANIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    assert _diagnostics(result.stdout)[0] == (
        f"{at(path, 'attribute: training')}: warning [broad-attribute] 'no-un-training' tests "
        "'training', which is broader than 'training_by_un': matchmaking crosses it through "
        "'training' although 'training_by_un' is false; if the redline means what the UN itself "
        "does, test 'training_by_un' (true when UN staff give the training)"
    )


def test_a_condition_on_a_boolean_written_inverted(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    rule = {"rule": {"attribute": "coordinates_partners", "equals": False}}
    path = delegation(folder, "Ruritania", {**copy.deepcopy(RURITANIA), **rule})
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    found = _diagnostics(result.stdout)
    assert found[0].startswith(
        f"{at(path, 'attribute: coordinates_partners')}: warning [condition-reads-inverted] 3 of "
        "the 4 roles the condition 'nationally-led-coordination' applies to cross it (advice, "
        "matchmaking, repository)"
    )
    assert found[1] == (
        f"{at(path, '- coordination')}: error [expectation-failed] expected coordination to "
        "cross 'nationally-led-coordination', but it clears it, because its rule does not hold: "
        "coordinates_partners is true [analysis]"
    )
    assert len(found) == 5


def test_an_unknown_role_in_expect(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    meant, rule = RIGHT["Sylvania"]
    wrong = {**copy.deepcopy(meant), **rule}
    wrong["expect"]["clears"][0] = "cordination"
    path = delegation(folder, "Sylvania", wrong)
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    assert _diagnostics(result.stdout) == [
        f"{at(path, '- cordination')}: error [unknown-role] 'cordination' is not a role of the "
        "catalogue in use (did you mean 'coordination'?)"
    ]


def test_a_role_expected_twice_is_located(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    meant, rule = RIGHT["Sylvania"]
    wrong = {**copy.deepcopy(meant), **rule}
    wrong["expect"]["clears"].append("advice")
    path = delegation(folder, "Sylvania", wrong)
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    assert "role 'advice' is expected under both crosses and clears" in result.stdout


def test_expectations_do_not_stop_check(run: Run, tmp_path: Path) -> None:
    """A failed expectation is validate's: check still answers from the file."""
    folder = world(tmp_path / "data")
    rule = {"requires": {"attribute": "triggers", "subset_of": TRIGGERS[:2]}}
    path = delegation(folder, "Freedonia", {**copy.deepcopy(FREEDONIA), **rule})
    result = run(f"dsr-options check --data {folder} --redlines {path}")
    assert result.exit_code == 0, result
    assert (
        "Crosses “Host government request or Security Council mandate” — triggers: national "
        "request, security council mandate and general assembly mandate (on our reading), so it "
        "does not meet the requirement." in " ".join(result.stdout.split())
    )


def test_redlines_reads_each_rule_back(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    meant, rule = RIGHT["Freedonia"]
    path = delegation(folder, "Freedonia", {**copy.deepcopy(meant), **rule})
    result = run(f"dsr-options redlines --data {folder} --redlines {path} -f json")
    assert result.exit_code == 0, result
    from tests.envelope import payload

    (found,) = payload(result.stdout)
    assert found["reads"] == (
        "Freedonia accepts a role only if everything that could set the role in motion includes "
        "a request from the government or a Security Council mandate."
    )


def test_validate_explain_reads_back_and_says_what_to_expect(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    meant, rule = RIGHT["Ruritania"]
    path = delegation(folder, "Ruritania", {**copy.deepcopy(meant), **rule})
    result = run(f"dsr-options validate --explain {path}")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "checked 1 file: 0 errors, 0 warnings\n"
        "\n"
        f"{path}: what each redline says\n"
        "  nationally-led-coordination (condition): Ruritania accepts a role only if it is not "
        "the case that\n"
        "    the UN coordinates other actors' work.\n"
        "    as the roles stand: crosses coordination; clears advice, matchmaking, repository\n"
    )


def test_the_scaffold_reads_back_expects_and_passes_strict(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "freedonia.yaml"
    written = run(f"dsr-options new-redlines Freedonia --out {path}")
    assert written.exit_code == 0, written
    text = path.read_text(encoding="utf-8")
    assert text.count("    expect:\n") == 3
    assert "    # Reads: Freedonia rejects a role when " in text
    checked = run(f"dsr-options validate --strict {path}")
    assert checked.exit_code == 0, checked
    assert checked.stdout == "checked 1 file: 0 errors, 0 warnings\n"


def test_negotiate_given_a_file_says_to_use_redlines(run: Run) -> None:
    result = run("dsr-options negotiate freedonia.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: negotiate takes no arguments; to negotiate over a redline file of "
        "your own: dsr-options negotiate --redlines freedonia.yaml\n"
    )


# -- negotiate: repairs a delegate could propose --------------------------------------------------


def _three(folder: Path) -> str:
    """The three delegations, written as meant, as --redlines options."""
    paths = []
    for name, (meant, rule) in RIGHT.items():
        redline = {**copy.deepcopy(meant), **rule}
        if name == "Freedonia":  # "nothing but a request or a Council mandate"
            redline["requires"] = {"attribute": "triggers", "subset_of": TRIGGERS[:2]}
        redline.pop("expect")
        redline["expect"] = {}
        paths.append(delegation(folder, name, redline))
    return " ".join(f"--redlines {path}" for path in paths)


def _defining(folder: Path) -> None:
    """Coordination coordinates: its value is marked as defining it."""
    import yaml

    path = folder / "roles.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    (coordination,) = [r for r in document["roles"] if r["id"] == "coordination"]
    coordination["attributes"]["coordinates_partners"]["defining"] = True
    path.write_text(dump(document), encoding="utf-8")


def test_negotiate_ranks_and_keeps_defining_values(run: Run, tmp_path: Path) -> None:
    folder = world(tmp_path / "data")
    _defining(folder)
    options = _three(folder)
    result = run(f"dsr-options negotiate --data {folder} {options} -f json")
    assert result.exit_code == 0, result
    from tests.envelope import payload

    found = payload(result.stdout)
    roles = {r["role"]: r for r in found["roles"]}
    # Closest first: one change for one holder (matchmaking before the repository, in catalogue
    # order), then advice (two changes, two holders); coordination last, its defining value kept.
    assert found["closest_first"] == ["matchmaking", "repository", "advice", "coordination"]
    assert roles["coordination"]["joint_repair"] is None
    assert roles["coordination"]["kept_defining"] == ["coordinates_partners"]
    # The repository is never left with nothing that could start it.
    assert roles["repository"]["joint_repair"]["assume"] == ["repository.triggers=national-request"]
    table = run(f"dsr-options negotiate --data {folder} {options}", columns=200)
    assert (
        "Closest to acceptable to all: Matchmaking (1 change; 1 of 3 holders to move). Roles below, "
        "closest first." in table.stdout
    )
    assert (
        "Coordination: none within 3 changes that keep what defines the role "
        "(coordinates partners; --vary note changes that too)" in table.stdout
    )
    varied = run(f"dsr-options negotiate --data {folder} {options} --vary note -f json")
    again = {r["role"]: r for r in payload(varied.stdout)["roles"]}
    assert (
        "coordination.coordinates_partners=false" in again["coordination"]["joint_repair"]["assume"]
    )
