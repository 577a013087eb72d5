"""Who objects, honestly: on the note's facts a holder objects; on our reading it may object."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from tests.envelope import payload
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

HOLDERS = [
    {"id": "alpha", "name": "Alpha delegation"},
    {"id": "beta", "name": "Beta delegation"},
    {"id": "gamma", "name": "Gamma delegation"},
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """role-1 crosses Alpha's redline on a note value (standing) and Beta's on our analysis
    (trigger); role-2 crosses only Beta's; role-3 lacks the value Gamma's redline tests."""
    third = role(3, standing=False, trigger="un-initiative")
    del third["attributes"]["delivered_by"]
    redlines = redlines_document(
        [
            redline(1, strictness="concern", holders=("alpha",)),
            redline(
                2,
                strictness="concern",
                holders=("beta", "alpha"),
                rule={"attribute": "trigger", "equals": "national-request"},
            ),
            redline(
                3,
                strictness="concern",
                holders=("gamma",),
                rule={"attribute": "delivered_by", "contains": "member-state-experts"},
            ),
        ]
    )
    redlines["holders"] = HOLDERS
    return write_catalogue(
        tmp_path, roles_document([role(1), role(2, standing=False), third]), redlines
    )


def _stands(entries: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(e["holder"], e["stand"], tuple(e["redlines"])) for e in entries]  # type: ignore[arg-type]


def test_agree_json_separates_objectors_from_those_who_may_object(run: Run, folder: Path) -> None:
    roles = {
        r["role"]: r for r in payload(run(f"dsr-options agree --data {folder} -f json").stdout)
    }
    # Alpha objects to role-1 on the note's facts (its other redline only on our reading).
    assert _stands(roles["role-1"]["objectors"]) == [("alpha", "objects", ("redline-1",))]
    assert _stands(roles["role-1"]["may_object"]) == [
        ("beta", "may object (on our reading)", ("redline-2",))
    ]
    assert roles["role-2"]["objectors"] == []
    assert _stands(roles["role-2"]["may_object"]) == [
        ("beta", "may object (on our reading)", ("redline-2",)),
        ("alpha", "may object (on our reading)", ("redline-2",)),
    ]
    assert _stands(roles["role-3"]["may_object"]) == [
        ("gamma", "may object (unknown)", ("redline-3",))
    ]
    # The names stay names: no tag is appended to them.
    assert [e["name"] for e in roles["role-2"]["may_object"]] == [
        "Beta delegation",
        "Alpha delegation",
    ]


def test_check_json_and_overview_carry_the_same_fields(run: Run, folder: Path) -> None:
    roles = {
        r["role"]: r
        for r in payload(run(f"dsr-options check --data {folder} -f json").stdout)["roles"]
    }
    assert _stands(roles["role-1"]["objectors"]) == [("alpha", "objects", ("redline-1",))]
    assert [e["holder"] for e in roles["role-2"]["may_object"]] == ["beta", "alpha"]
    text = run(f"dsr-options check --data {folder}", columns=80).stdout
    assert (
        "  Who objects: Alpha delegation\n  May object (on our reading): Beta delegation\n"
    ) in text
    assert (
        "  Who objects: none\n  May object (on our reading): Beta delegation; Alpha delegation\n"
        in text
    )
    assert (
        "  Who objects: none\n  May object (on our reading): Gamma delegation (if an unknown "
        "value is so)\n"
    ) in text


def test_agree_text_names_each_stand(run: Run, folder: Path) -> None:
    text = run(f"dsr-options agree --data {folder}", columns=80).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    first = lines.index("(1) Role number 1 role-1 contested")
    objects = lines.index("objects Alpha delegation (concern “Redline 1”)", first)
    assert lines[objects : objects + 3] == [
        "objects Alpha delegation (concern “Redline 1”)",
        "may object (on our reading) Beta delegation (concern “Redline 2”)",
        "may object (on our reading) Alpha delegation (concern “Redline 2”)",
    ]
    assert "may object (unknown) Gamma delegation (concern “Redline 3”)" in lines
    csv_text = run(f"dsr-options agree --data {folder} -f csv").stdout
    assert "role-1,contested,flagged,objects,Alpha delegation,redline-1 (concern)" in csv_text
    assert (
        "role-1,contested,flagged,may object (on our reading),Beta delegation,redline-2 (concern)"
    ) in csv_text
