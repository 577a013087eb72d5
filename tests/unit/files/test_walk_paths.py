"""The walk takes plain text as it is when a file has no anchor; every trap is still reported.

A file without an anchor (``&name``) shares no node, so the walk skips alias counting and takes
string scalars without further checks. These tests hold that shortcut to the full walk: the same
data and the same diagnostics (codes, messages, locations) whichever way a file is walked.
"""

from __future__ import annotations

import pytest

from dsr_options.files.located import LoadedFile
from dsr_options.files.read import parse_text
from dsr_options.files.walk import MAX_DEPTH

TRAPS = (
    "roles:\n"
    "  - id: a\n"
    "    name: Advise & assist\n"
    "    name: R&D support\n"
    "    flag: no\n"
    "    code: 0755\n"
    "    clock: 1:30\n"
    "    when: !!timestamp 2024-02-30\n"
    "    what: !!python/object:os.system x\n"
    "    1: one\n"
    "    ? [x]\n"
    "    : listed key\n"
    "    <<: {b: 1}\n"
    '    quoted: "a\\tb"\n'
    "    tags: [one, two, !!binary aGk=]\n"
    "    nothing: !!null text\n"
    "    ok: 'plain text'\n"
)
"""Every trap the walk reports, in a file with ``&`` in prose but no anchor."""

ANCHORED = TRAPS + "spare: &unused kept\n"
"""The same traps in a file with an anchor, so the walk takes its slow path throughout."""


def found(loaded: LoadedFile) -> list[tuple[str, str, int, int]]:
    return [(str(d.code), d.message, d.line, d.column) for d in loaded.diagnostics]


def test_a_file_without_anchors_reports_every_trap() -> None:
    loaded = parse_text(TRAPS, "traps.yaml")
    assert [(code, line, column) for code, _, line, column in found(loaded)] == [
        ("duplicate-key", 4, 5),
        ("ambiguous-boolean", 5, 11),
        ("ambiguous-number", 6, 11),
        ("ambiguous-number", 7, 12),
        ("bad-scalar", 8, 11),
        ("tag-not-allowed", 9, 11),
        ("key-not-text", 10, 5),
        ("key-not-text", 11, 7),
        ("merge-key", 13, 5),
        ("tag-not-allowed", 15, 22),
        ("bad-scalar", 16, 14),
    ]


def test_the_shortcut_and_the_full_walk_agree() -> None:
    plain, anchored = parse_text(TRAPS, "traps.yaml"), parse_text(ANCHORED, "traps.yaml")
    assert found(plain) == found(anchored)
    assert isinstance(anchored.data, dict)
    assert anchored.data.pop("spare") == "kept"
    assert plain.data == anchored.data
    assert plain.data["roles"][0]["tags"] == ["one", "two", None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: Reform & reintegration\nb: [R&D, x & y]\nc: {d: '&e'}\n",
            {"a": "Reform & reintegration", "b": ["R&D", "x & y"], "c": {"d": "&e"}},
        ),
        ("a: &x [1, 2]\nb: *x\nc: plain\n", {"a": [1, 2], "b": [1, 2], "c": "plain"}),
        ('a: "caf\\u00e9"\nb: [True, false]\n', {"a": "caf\u00e9", "b": [True, False]}),
    ],
    ids=["ampersands-in-prose", "anchor", "escape"],
)
def test_data_with_and_without_anchors(text: str, expected: object) -> None:
    loaded = parse_text(text, "x.yaml")
    assert loaded.diagnostics == []
    assert loaded.data == expected


def test_text_past_the_depth_limit_is_reported_on_the_shortcut_too() -> None:
    text = "a: " + "[" * MAX_DEPTH + "deep" + "]" * MAX_DEPTH + "\n"
    assert [
        (code, line, column) for code, _, line, column in found(parse_text(text, "d.yaml"))
    ] == [("too-deep", 1, 4 + MAX_DEPTH)]
