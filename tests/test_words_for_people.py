"""Words for people, enforced: every command's output for people (the terminal at two widths,
Markdown, and the brief in Markdown, HTML and at the terminal) over a catalogue the test builds
with distinctive ids names no attribute by its id, writes no ``attribute=value`` and no
``redline:ID``, and names no role by its id in a sentence. Ids and ``--assume`` tokens belong
in machine formats and on a line marked "to reproduce" (issues 23 and 27).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.factory import dump, redline, redlines_document, role, roles_document

ATTRIBUTE_IDS = {
    "standing_un_capacity": "zz_attr_one",
    "trigger": "zz_attr_two",
    "delivered_by": "zz_attr_three",
}
LABELS = {
    "zz_attr_one": "a standing capacity",
    "zz_attr_two": "what starts it",
    "zz_attr_three": "who does the work",
}
ROLE_IDS = ("zz-role-one", "zz-role-two")
REDLINE_IDS = {"redline-1": "zz-redline-one", "redline-2": "zz-redline-two"}
"""Redline ids: never in a table or sentence for people (the title and holder name them)."""
SCENARIOS = {
    "schema_version": 1,
    "scenarios": [
        {
            "id": "nothing-standing",
            "title": "No standing capacity",
            "every_role": {"zz_attr_one": False},
        }
    ],
}
MARKER = re.compile(r"to reproduce", re.IGNORECASE)
TOKEN = re.compile(r"--assume \S+")


def _renamed(data: Any) -> Any:
    """``data`` with the factory's attribute and role ids made distinctive."""
    text = dump(data)
    for old, new in ATTRIBUTE_IDS.items():
        text = re.sub(rf"\b{old}\b", new, text)
    for old, new in REDLINE_IDS.items():
        text = re.sub(rf"\b{old}\b", new, text)
    text = text.replace("role-1", ROLE_IDS[0]).replace("role-2", ROLE_IDS[1])
    import yaml

    return yaml.safe_load(text)


def _catalogue(tmp: Path) -> Path:
    first = role(1)
    # a declared reading, so that firmness has a change set to word
    first["attributes"]["standing_un_capacity"] = {
        "value": True,
        "basis": "analysis",
        "note": "Our reading.",
        "alternatives": [{"value": False, "note": "The other reading."}],
    }
    roles = roles_document([first, role(2, standing=False, trigger="un-initiative")])
    for attribute in roles["attributes"]:
        attribute["label"] = LABELS[ATTRIBUTE_IDS[attribute["id"]]]
    redlines = redlines_document(
        [
            redline(1, strictness="concern"),
            redline(
                2,
                strictness="condition",
                rule={"attribute": "trigger", "equals": "un-initiative"},
            ),
        ]
    )
    redlines["redlines"][1]["confidence"] = {"level": "inferred", "note": "We read it so."}
    folder = tmp / "zz"
    folder.mkdir()
    (folder / "roles.yaml").write_text(dump(_renamed(roles)), encoding="utf-8")
    (folder / "redlines.yaml").write_text(dump(_renamed(copy.deepcopy(redlines))), "utf-8")
    return folder


def _problems(where: str, text: str, *, role_ids: bool = True) -> list[str]:
    """Every id or token outside a marked line, with where it was found (``role_ids``: role
    ids in sentences too; ``list`` is the index of roles, its first column their ids)."""
    problems = []
    lines = [re.sub(r"<[^>]*>", "", line) for line in text.splitlines()]  # HTML: the text
    for number, line in enumerate(lines):
        marked = MARKER.search(line) or (number and MARKER.search(lines[number - 1]))
        if TOKEN.search(line) and not marked and not line.lstrip().startswith("--assume"):
            problems.append(f"{where}: an --assume token outside a marked line: {line!r}")
        said = TOKEN.sub("", line)
        if marked:
            found = MARKER.search(said)
            said = said[: found.start()] if found else ""
        for attribute in LABELS:
            if attribute in said:
                problems.append(f"{where}: attribute id {attribute}: {line!r}")
        if re.search(r"\w=\S", said):
            problems.append(f"{where}: attr=value: {line!r}")
        if "redline:" in said:
            problems.append(f"{where}: redline:ID: {line!r}")
        problems += [
            f"{where}: redline id {r}: {line!r}" for r in REDLINE_IDS.values() if r in said
        ]
        if role_ids and any(mark in said for mark in ("“", "→")):
            problems += [
                f"{where}: role id {r} in a sentence: {line!r}" for r in ROLE_IDS if r in said
            ]
    return problems


def test_no_id_in_a_sentence_for_people(run: Run, tmp_path: Path) -> None:
    folder = _catalogue(tmp_path)
    data = f"--data {folder}"
    scenarios = tmp_path / "scenarios.yaml"
    scenarios.write_text(dump(SCENARIOS), encoding="utf-8")
    one, two = ROLE_IDS
    commands = [
        f"check {data}",
        f"check {data} --all",
        f"agree {data}",
        f"negotiate {data}",
        f"show {one} {data}",
        f"compare {one} {two} {data}",
        f"list {data} --firmness",
        f"scenarios {scenarios} {data}",
    ]
    problems: list[str] = []
    for command in commands:
        for fmt, width in (("table", 80), ("table", 200), ("markdown", 100)):
            result = run(f"dsr-options {command} -f {fmt}", columns=width)
            where = f"{command} -f {fmt} at {width}"
            assert result.exit_code == 0, f"{where}: {result.stderr}"
            problems += _problems(where, result.stdout, role_ids=not command.startswith("list"))
    for fmt in ("markdown", "html"):
        result = run(f"dsr-options brief {data} -f {fmt}")
        assert result.exit_code == 0, result.stderr
        # ids belong in the brief's annex, never in its body
        body = re.split(r'\n---\n\n## Annex\n|<section class="annex"', result.stdout)[0]
        problems += _problems(f"brief -f {fmt}", body)
    assert problems == [], "\n".join(problems)


def test_the_catalogue_gives_firmness_a_change_to_word(run: Run, tmp_path: Path) -> None:
    """The test above reads a real change set: firmness finds one, and JSON keeps the tokens."""
    import json

    folder = _catalogue(tmp_path)
    result = run(f"dsr-options check --data {folder} -f json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    roles = data.get("data", data)["roles"]
    changes = roles[0]["firmness"]["changes"]
    assert changes, roles[0]["firmness"]
    assert changes[0]["reproduce"].startswith("--assume ")
    assert "zz_attr_one" in json.dumps(changes)
    assert "a standing capacity" in changes[0]["text"] or "redline" in changes[0]["text"]
