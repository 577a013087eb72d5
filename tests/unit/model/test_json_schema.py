"""`dsr-options schema`: JSON Schema from the models, committed, and checked against the data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dsr_options.model.json_schema import KINDS, json_schema
from dsr_options.render.formats import write_json
from tests.conftest import Run
from tests.factory import ROOT, redlines_document, roles_document

REPO = ROOT


def _plain(value: Any) -> Any:
    """YAML data as JSON sees it: dates written as text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_the_generated_one(kind: str) -> None:
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == write_json(json_schema(kind)), (
        f"schemas/{kind}.schema.json is stale: run `dsr-options schema {kind} > "
        f"schemas/{kind}.schema.json`"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_yaml_is_valid_against_the_schema(kind: str) -> None:
    # A scenario or forum file is the user's: the shipped one is an example.
    path = REPO / ("examples" if kind in ("scenarios", "forum") else "data") / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    data = _plain(yaml.safe_load(text))
    errors = [error.message for error in _validator(kind).iter_errors(data)]
    assert errors == []


def test_built_catalogues_are_valid_and_broken_ones_are_not() -> None:
    roles = roles_document()
    assert list(_validator("roles").iter_errors(roles)) == []
    assert list(_validator("redlines").iter_errors(redlines_document())) == []
    roles["roles"][0]["levle"] = ["strategic"]
    roles["roles"][1]["levels"] = ["strategc"]
    messages = sorted(error.message for error in _validator("roles").iter_errors(roles))
    assert messages == [
        "'strategc' is not one of ['strategic', 'operational', 'tactical']",
        "Additional properties are not allowed ('levle' was unexpected)",
    ]
    redlines = redlines_document()
    redlines["redlines"][0]["rule"] = {"attribute": "x", "in": []}
    assert list(_validator("redlines").iter_errors(redlines))


def test_the_schema_command(run: Run) -> None:
    result = run("dsr-options schema redlines")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == json_schema("redlines")
    assert json.loads(result.stdout)["properties"]["redlines"]["type"] == "array"
    default = run("dsr-options schema")
    assert json.loads(default.stdout)["title"] == "RolesFile"
    wrong = run("dsr-options schema offices")
    assert wrong.exit_code == 2, wrong


def test_schema_takes_a_kind_and_says_so(run: Run) -> None:
    help_text = run("dsr-options schema -h").stdout
    assert "Usage: dsr-options schema [OPTIONS] [KIND]\n" in help_text
    assert (
        "[KIND] Which kind of file: roles (roles.yaml), redlines (redlines.yaml or a "
        "delegation's redline file), scenarios (a scenario file) or forum (a forum file). "
        "[default: roles]"
    ) in " ".join(help_text.split())
    assert "[FILE]" not in help_text
    assert json.loads(run("dsr-options schema SCENARIOS").stdout) == json_schema("scenarios")


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("rolse", "'rolse' is not one of roles, redlines, scenarios, forum; did you mean 'roles'?"),
        (
            "data/roles.yaml",
            "'data/roles.yaml' is a file; schema takes a KIND of file: roles, redlines, scenarios, "
            "forum; did you mean 'roles'?",
        ),
        (
            "./redline.yml",
            "'./redline.yml' is a file; schema takes a KIND of file: roles, redlines, scenarios, "
            "forum; did you mean 'redlines'?",
        ),
        (
            "freedonia.yaml",
            "'freedonia.yaml' is a file; schema takes a KIND of file: roles, redlines, scenarios, "
            "forum",
        ),
    ],
)
def test_a_wrong_kind_is_answered_with_the_kinds(run: Run, given: str, error: str) -> None:
    result = run(["dsr-options", "schema", given])
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '[KIND]': {error}"


# -- the schema is as strict as the tool ---------------------------------------------------------

SCHEMA_CODES = {
    "unknown-field",
    "missing-field",
    "wrong-type",
    "invalid-value",
    "invalid-rule",
    "invalid-id",
    "invalid-length",
    "invalid",
}
"""The codes of a file's shape: what a JSON Schema can say."""
BEYOND_JSON_SCHEMA = {
    # A file's own declarations decide these; a static schema cannot follow them.
    "redlines-rule-wrong-operator.yaml": "whether 'contains' fits depends on the attribute's "
    "declared type, in roles.yaml (another file)",
    "roles-boolean-attribute-text.yaml": "whether a value fits depends on the attribute's "
    "declared type in the file's own 'attributes' list (data, not shape)",
}
CORPUS = REPO / "tests" / "corpus"


def _schema_rejections() -> list[tuple[str, set[str]]]:
    from dsr_options.load.catalogue import load_files
    from tests.unit.files.test_corpus import CASES, pair

    found = []
    for name in CASES:
        roles, redlines = pair(CORPUS / name)
        loaded = load_files(roles, [redlines])
        codes = {
            d.code.value
            for d in loaded.diagnostics
            if Path(d.file).name == name and d.code.value in SCHEMA_CODES
        }
        if codes:
            found.append((name, codes))
    return found


REJECTED = _schema_rejections()


def test_the_corpus_has_schema_rejections() -> None:
    assert len(REJECTED) >= 20
    assert set(BEYOND_JSON_SCHEMA) <= {name for name, _ in REJECTED}


@pytest.mark.parametrize(("name", "codes"), REJECTED, ids=[name for name, _ in REJECTED])
def test_the_schema_rejects_what_the_tool_rejects_for_its_shape(name: str, codes: set[str]) -> None:
    kind = "roles" if name.startswith("roles-") else "redlines"
    data = _plain(yaml.safe_load((CORPUS / name).read_text(encoding="utf-8")))
    errors = list(_validator(kind).iter_errors(data))
    if name in BEYOND_JSON_SCHEMA:
        assert errors == [], f"{name} is now refused by the schema: drop it from the list"
        return
    assert errors, f"the tool refuses {name} ({', '.join(sorted(codes))}); the schema accepts it"


def test_a_rule_with_two_operators_is_refused_by_the_schema() -> None:
    redlines = redlines_document()
    rule = {"attribute": "standing_un_capacity", "equals": True, "in": [True]}
    redlines["redlines"][0]["rule"] = rule
    assert list(_validator("redlines").iter_errors(redlines))
    redlines["redlines"][0]["rule"] = {"attribute": "standing_un_capacity", "in": [True]}
    assert list(_validator("redlines").iter_errors(redlines)) == []
    redlines["redlines"][0]["rule"] = {"attribute": "standing_un_capacity", "equals": None}
    assert list(_validator("redlines").iter_errors(redlines))  # no operator given


def test_model_checks_are_in_the_schema() -> None:
    roles = roles_document()
    roles["roles"][0]["concerns"] = [{"text": "A worry.", "basis": "note"}]
    assert list(_validator("roles").iter_errors(roles))  # a note without evidence
    roles["roles"][0]["concerns"] = [{"text": "A worry.", "basis": "analysis"}]
    assert list(_validator("roles").iter_errors(roles)) == []
    roles["attributes"][0]["values"] = []
    kind = roles["attributes"][0]["type"]
    assert bool(list(_validator("roles").iter_errors(roles))) is (kind != "boolean")
