"""Writes tests/golden/long/: a catalogue with long titles and many roles, for golden outputs.

Run from the repository root (``python -m tests.golden.make_long``) when tests/factory.py
changes; the files are committed so that the golden outputs never move by themselves.
"""

from __future__ import annotations

from tests.factory import TESTS, dump, redline, redlines_document, role, roles_document

LONG = (
    "Strategic, operational and tactical support to national defence sector reform "
    "processes across every dimension the meeting note records, at length"
)


def main() -> None:
    folder = TESTS / "long"
    folder.mkdir(exist_ok=True)
    roles = [
        role(
            index,
            title=f"{LONG} ({index})" if index % 3 else f"Short role {index}",
            standing=index % 2 == 0,
            trigger="national-request" if index % 4 else "un-initiative",
            stance=("support", "mixed", "skeptical")[index % 3],
        )
        for index in range(1, 13)
    ]
    redlines = [
        redline(1),
        redline(2, strictness="concern", rule={"attribute": "trigger", "equals": "un-initiative"}),
        redline(
            3, strictness="condition", rule={"attribute": "standing_un_capacity", "equals": False}
        ),
    ]
    (folder / "roles.yaml").write_text(dump(roles_document(roles)), encoding="utf-8")
    (folder / "redlines.yaml").write_text(dump(redlines_document(redlines)), encoding="utf-8")


if __name__ == "__main__":
    main()
