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

from .conftest import Run
from .factory import redlines_document, roles_document

REPO = Path(__file__).resolve().parents[1]


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
    # A scenario file is the user's: the shipped one is an example.
    path = REPO / ("examples" if kind == "scenarios" else "data") / f"{kind}.yaml"
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
