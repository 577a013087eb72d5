"""Build catalogues in tests: small or large, valid or broken, written as YAML files.

Tests never depend on the shipped four roles: they build the catalogue they mean to test.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parent
"""The tests folder (the corpus, golden files and delegation files sit in it)."""
ROOT = TESTS.parent
"""The repository."""

SOURCE_ID = "note"
SECTION = "Findings"


def evidence(quote: str = "a short quote", stance: str = "supports") -> dict[str, Any]:
    return {"quote": quote, "source": SOURCE_ID, "section": SECTION, "stance": stance}


def source() -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "title": "A test note",
        "date": "2020-01-02",
        "organisers": ["Test organiser"],
        "sections": [SECTION, "Conclusion"],
    }


ATTRIBUTES = [
    {
        "id": "delivered_by",
        "type": "choices",
        "description": "Who delivers the support.",
        "values": [
            {"id": "un-secretariat", "description": "UN staff."},
            {"id": "member-state-experts", "description": "Experts of member states."},
        ],
    },
    {"id": "standing_un_capacity", "type": "boolean", "description": "Needs a standing capacity."},
    {
        "id": "trigger",
        "type": "choice",
        "description": "What starts it.",
        "values": [
            {"id": "national-request", "description": "A request."},
            {"id": "un-initiative", "description": "The UN decides."},
        ],
    },
]

OFFICES = [
    {"id": "dpko", "name": "Department of Peacekeeping Operations"},
    {"id": "orolsi", "name": "Office of Rule of Law", "part_of": "dpko"},
    {"id": "ssr-unit", "name": "SSR Unit", "part_of": "orolsi"},
    {"id": "oma", "name": "Office of Military Affairs", "part_of": "dpko"},
]


def role(
    index: int,
    *,
    levels: tuple[str, ...] = ("strategic",),
    dimensions: tuple[str, ...] = ("political",),
    stance: str = "support",
    lead: str = "ssr-unit",
    delivered_by: tuple[str, ...] = ("un-secretariat",),
    standing: bool = True,
    trigger: str = "national-request",
    title: str | None = None,
) -> dict[str, Any]:
    return {
        "id": f"role-{index}",
        "number": index,
        "title": title or f"Role number {index}",
        "summary": f"What role {index} does, in our own words.",
        "levels": list(levels),
        "dimensions": list(dimensions),
        "attributes": {
            "delivered_by": {"value": list(delivered_by), "basis": "analysis"},
            "standing_un_capacity": {"value": standing, "basis": "note", "evidence": [evidence()]},
            "trigger": {"value": trigger, "basis": "analysis", "note": "Our reading."},
        },
        "leads": [{"office": lead, "rationale": "It holds the portfolio.", "basis": "analysis"}],
        "reception": {
            "stance": stance,
            "voices": "several",
            "summary": "How it was received.",
            "evidence": [evidence("received well")],
        },
        "concerns": [{"text": "A worry.", "basis": "analysis"}],
        "open_questions": [
            {"text": "An open question?", "basis": "note", "evidence": [evidence()]}
        ],
        "evidence": [evidence("for it"), evidence("against it", "opposes")],
    }


def redline(
    index: int,
    *,
    strictness: str = "veto",
    rule: dict[str, Any] | None = None,
    holders: tuple[str, ...] = ("members",),
) -> dict[str, Any]:
    return {
        "id": f"redline-{index}",
        "title": f"Redline {index}",
        "statement": f"What redline {index} forbids.",
        "origin": "participants",
        "holders": list(holders),
        "strictness": strictness,
        "rule": rule or {"attribute": "standing_un_capacity", "equals": True},
        "evidence": [evidence("a redline quote")],
    }


def roles_document(roles: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "sources": [source()],
        "attributes": copy.deepcopy(ATTRIBUTES),
        "offices": copy.deepcopy(OFFICES),
        "roles": roles if roles is not None else [role(1), role(2, standing=False)],
    }


def redlines_document(redlines: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "sources": [source()],
        "holders": [{"id": "members", "name": "Some member states"}],
        "redlines": redlines if redlines is not None else [redline(1)],
    }


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_catalogue(
    folder: Path,
    roles: dict[str, Any] | None = None,
    redlines: dict[str, Any] | None = None,
) -> Path:
    """Write ``roles.yaml`` and ``redlines.yaml`` into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roles.yaml").write_text(dump(roles or roles_document()), encoding="utf-8")
    (folder / "redlines.yaml").write_text(dump(redlines or redlines_document()), encoding="utf-8")
    return folder
