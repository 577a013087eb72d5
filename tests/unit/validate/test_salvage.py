"""A file whose model fails still has its valid items checked: every problem at once.

When a file does not validate, each item of its lists (sources, attributes, offices, roles,
holders, redlines) is validated on its own, and each field of an item that fails; what is valid
takes part in the id-uniqueness and reference checks. A declaration that failed makes
references to its id unknowable, never dangling.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from dsr_options.load.catalogue import load_files
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue


def errors(folder: Path) -> list[tuple[str, int, int, str, str]]:
    loaded = load_files(folder / "roles.yaml", [folder / "redlines.yaml"])
    assert loaded.catalogue is None
    return [(Path(d.file).name, d.line, d.column, d.code, d.message) for d in loaded.errors]


def where(text: str, at: str) -> tuple[int, int]:
    index = text.index(at)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def edit(path: Path, *pairs: tuple[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


TWO_TESTS: dict[str, Any] = {
    "all": [
        {"attribute": "standing_un_capacity", "equals": True},
        {"attribute": "delivered_by", "contains": "un-secretariat"},
    ]
}


def test_five_mistakes_in_one_redline_are_all_reported(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path, redlines=redlines_document([redline(1, rule=TWO_TESTS)]))
    text = edit(
        folder / "redlines.yaml",
        ("origin: participants", "origin: participant"),
        ("  - members\n", "  - memebrs\n"),
        ("strictness: veto", "strictness: vetoo"),
        ("attribute: standing_un_capacity", "attribute: standing_un_capasity"),
        ("contains: un-secretariat", "contains: un-secretariatt"),
    )
    assert errors(folder) == [
        (
            "redlines.yaml",
            *where(text, "participant\n"),
            "invalid-value",
            "'participant' is not one of draft-policy, participants, member-state, note "
            "(did you mean 'participants'?)",
        ),
        (
            "redlines.yaml",
            *where(text, "memebrs"),
            "unknown-reference",
            "no holder has the id 'memebrs' (did you mean 'members'?)",
        ),
        (
            "redlines.yaml",
            *where(text, "vetoo"),
            "invalid-value",
            "'vetoo' is not one of veto, concern, condition (did you mean 'veto'?)",
        ),
        (
            "redlines.yaml",
            *where(text, "standing_un_capasity"),
            "unknown-attribute",
            "'standing_un_capasity' is not a declared attribute "
            "(did you mean 'standing_un_capacity'?)",
        ),
        (
            "redlines.yaml",
            *where(text, "un-secretariatt"),
            "unknown-value",
            "'un-secretariatt' is not a value of 'delivered_by' (un-secretariat, "
            "member-state-experts) (did you mean 'un-secretariat'?)",
        ),
    ]


def test_five_mistakes_in_five_redlines_are_all_reported(tmp_path: Path) -> None:
    document = redlines_document([redline(i, rule=copy.deepcopy(TWO_TESTS)) for i in range(1, 6)])
    document["redlines"][0]["origin"] = "participant"
    document["redlines"][1]["strictness"] = "vetoo"
    document["redlines"][2]["holders"] = ["memebrs"]
    document["redlines"][3]["rule"]["all"][0]["attribute"] = "standing_un_capasity"
    document["redlines"][4]["rule"]["all"][1]["contains"] = "un-secretariatt"
    folder = write_catalogue(tmp_path, redlines=document)
    text = (folder / "redlines.yaml").read_text(encoding="utf-8")
    assert [(code, (line, column)) for _, line, column, code, _ in errors(folder)] == [
        ("invalid-value", where(text, "participant\n")),
        ("invalid-value", where(text, "vetoo")),
        ("unknown-reference", where(text, "memebrs")),
        ("unknown-attribute", where(text, "standing_un_capasity")),
        ("unknown-value", where(text, "un-secretariatt")),
    ]


def test_a_duplicate_role_number_is_not_hidden_behind_type_errors(tmp_path: Path) -> None:
    roles = [role(1), role(2), role(3)]
    roles[0]["levels"] = "strategic"  # a type error in one role
    roles[2]["number"] = 2  # a duplicate in another
    document = roles_document(roles)
    document["offices"][0]["name"] = 12  # and one in another section
    folder = write_catalogue(tmp_path, roles=document)
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    role_2 = text.index("number: 2")
    role_3 = text.index("number: 2", role_2 + 1)
    line_of = text.count("\n", 0, role_2) + 1
    assert errors(folder) == [
        (
            "roles.yaml",
            *where(text, "name: 12")[:1],
            9,
            "not-text",
            "'name' must be text, but YAML read 12 as a number; quote it",
        ),
        (
            "roles.yaml",
            *where(text, "levels: strategic")[:1],
            11,
            "wrong-type",
            "'levels' must be a list, not text",
        ),
        (
            "roles.yaml",
            text.count("\n", 0, role_3) + 1,
            11,
            "duplicate-id",
            f"role number 2 is already used at line {line_of}",
        ),
    ]


def test_a_reference_to_an_office_whose_declaration_failed_is_not_dangling(
    tmp_path: Path,
) -> None:
    document = roles_document([role(1, lead="ssr-unit"), role(2, lead="ssr-unitt")])
    for office in document["offices"]:
        if office["id"] == "ssr-unit":
            office["name"] = ["not", "text"]
    folder = write_catalogue(tmp_path, roles=document)
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    # 'ssr-unit' failed to declare, so role 1's lead cannot be judged; 'ssr-unitt' names no
    # office that could exist, and is reported.
    found = errors(folder)
    assert [(code, message) for *_, code, message in found] == [
        ("wrong-type", "'name' must be text, not a list"),
        ("unknown-reference", "no office has the id 'ssr-unitt'"),
    ]
    assert found[1][1:3] == where(text, "ssr-unitt")
