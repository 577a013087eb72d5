"""Three delegations' redline files, written as a counsellor would write them, against the
attributes of the shipped catalogue: Freedonia (a veto, a condition written with ``requires:``
and a concern), Sylvania (a veto over two attributes) and Ruritania (a condition).

With the shipped redlines they make the largest brief the tests print: no role is acceptable to
every holder, and one change (matchmaking started only on a national request or a Security
Council mandate) makes one acceptable to all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.factory import dump


def _file(holder: str, name: str, redlines: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "holders": [{"id": holder, "name": name, "description": f"The delegation of {name}."}],
        "redlines": [
            {"origin": "member-state", "holders": [holder], **redline} for redline in redlines
        ],
    }


FREEDONIA = _file(
    "freedonia",
    "Freedonia",
    [
        {
            "id": "no-standing-capacity",
            "title": "No standing UN DSR capacity",
            "statement": "We will not fund a standing DSR capacity in the Secretariat.",
            "strictness": "veto",
            "rule": {"attribute": "standing_un_capacity", "equals": True},
        },
        {
            "id": "request-or-sc-mandate",
            "title": "Only on a national request or a Security Council mandate",
            "statement": "The UN acts only on a national request or a Security Council mandate.",
            "strictness": "condition",
            "requires": {
                "attribute": "triggers",
                "subset_of": ["national-request", "security-council-mandate"],
            },
        },
        {
            "id": "no-un-coordination",
            "title": "The UN does not coordinate bilateral partners",
            "statement": "We are wary of the UN coordinating bilateral programmes.",
            "strictness": "concern",
            "rule": {"attribute": "coordinates_partners", "equals": True},
        },
    ],
)

SYLVANIA = _file(
    "sylvania",
    "Sylvania",
    [
        {
            "id": "no-un-technical-training",
            "title": "No UN technical training of defense forces",
            "statement": "The UN does not itself train defense forces.",
            "strictness": "veto",
            "rule": {
                "all": [
                    {"attribute": "technical_delivery_by_un", "equals": True},
                    {
                        "attribute": "training",
                        "contains_any": [
                            "advisory-mentoring",
                            "institutional",
                            "offensive-operations",
                        ],
                    },
                ]
            },
        }
    ],
)

RURITANIA = _file(
    "ruritania",
    "Ruritania",
    [
        {
            "id": "nationally-led-coordination",
            "title": "Coordination stays with the host nation",
            "statement": "The UN does not coordinate partners; the host nation does.",
            "strictness": "condition",
            "requires": {"attribute": "coordinates_partners", "equals": False},
        }
    ],
)


def write_three(folder: Path) -> list[str]:
    """The three files in ``folder``, as ``--redlines NAME=FILE`` arguments."""
    folder.mkdir(parents=True, exist_ok=True)
    given = []
    for name, document in (
        ("freedonia", FREEDONIA),
        ("sylvania", SYLVANIA),
        ("ruritania", RURITANIA),
    ):
        path = folder / f"{name}.yaml"
        path.write_text(dump(document), encoding="utf-8")
        given += ["--redlines", f"{name}={path}"]
    return given
