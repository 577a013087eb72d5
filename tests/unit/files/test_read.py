"""The loader: every problem located at its line and column, all of them in one run."""

from __future__ import annotations

import textwrap

import pytest

from dsr_options.files.located import validate_model
from dsr_options.files.read import parse_bytes, parse_text
from dsr_options.model.catalogue import RedlinesFile, RolesFile
from tests.factory import dump, redlines_document, roles_document


def problems(text: str, model: type = RolesFile) -> list[tuple[int, int, str]]:
    loaded = parse_text(textwrap.dedent(text), "f.yaml")
    validate_model(loaded, model)
    return [(d.line, d.column, d.code) for d in sorted(loaded.diagnostics)]


def messages(text: str, model: type = RolesFile) -> list[str]:
    loaded = parse_text(textwrap.dedent(text), "f.yaml")
    validate_model(loaded, model)
    return [d.format() for d in sorted(loaded.diagnostics)]


HEAD = """\
schema_version: 1
sources:
  - id: note
    title: A note
    date: 2010-12-02
    organisers: [Someone]
"""


def test_valid_documents_load_clean() -> None:
    for document, model in ((roles_document(), RolesFile), (redlines_document(), RedlinesFile)):
        loaded = parse_text(dump(document), "f.yaml")
        assert validate_model(loaded, model) is not None
        assert loaded.diagnostics == []


def test_yaml_syntax_error_is_located() -> None:
    assert problems(HEAD + "roles: [\n  - a\n") == [(8, 3, "yaml-syntax")]


def test_duplicate_key_names_both_lines() -> None:
    text = HEAD + "roles: []\nroles: []\n"
    assert messages(text) == [
        "f.yaml:8:1: error [duplicate-key] duplicate key 'roles' (first at line 7); "
        "YAML keeps only one of them, so remove or rename the other"
    ]


def test_each_duplicate_names_the_first_text_key() -> None:
    """A key read as a number is not kept: the first occurrence a duplicate names is the first
    key kept, however many duplicates follow."""
    text = HEAD + 'roles: []\n1: x\n"1": y\n"1": z\nroles: []\n"1": w\n'
    keeps = "YAML keeps only one of them, so remove or rename the other"
    assert messages(text) == [
        "f.yaml:8:1: error [key-not-text] the key '1' is read as a number; quote it",
        f"f.yaml:10:1: error [duplicate-key] duplicate key '1' (first at line 9); {keeps}",
        f"f.yaml:11:1: error [duplicate-key] duplicate key 'roles' (first at line 7); {keeps}",
        f"f.yaml:12:1: error [duplicate-key] duplicate key '1' (first at line 9); {keeps}",
    ]


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES"])
def test_yaml11_booleans_where_text_is_expected(word: str) -> None:
    text = HEAD.replace("title: A note", f"title: {word}")
    assert messages(text) == [
        f"f.yaml:4:12: error [ambiguous-boolean] YAML 1.1 reads '{word}' as a boolean; "
        f"write true or false, or quote it ('{word}') if you mean text"
    ]


def test_quoted_no_is_text() -> None:
    assert problems(HEAD.replace("title: A note", "title: 'no'")) == []


def test_number_where_text_is_expected_suggests_quoting() -> None:
    assert messages(HEAD.replace("title: A note", "title: 1.10")) == [
        "f.yaml:4:12: error [not-text] 'title' must be text, but YAML read 1.1 as a number; quote it"
    ]


def test_date_where_text_is_expected() -> None:
    assert messages(HEAD.replace("title: A note", "title: 2010-12-02")) == [
        "f.yaml:4:12: error [not-text] 'title' must be text, but YAML read 2010-12-02 as a date; "
        "quote it"
    ]


@pytest.mark.parametrize(
    ("value", "reading"), [("0755", "an octal number"), ("1:30", "a sexagesimal (base 60) number")]
)
def test_yaml11_numbers(value: str, reading: str) -> None:
    assert messages(HEAD.replace("title: A note", f"title: {value}")) == [
        f"f.yaml:4:12: error [ambiguous-number] YAML 1.1 reads '{value}' as {reading}; "
        f"quote it ('{value}') if you mean text, or write the number plainly"
    ]


def test_impossible_date() -> None:
    assert messages(HEAD.replace("2010-12-02", "2024-02-30")) == [
        "f.yaml:5:11: error [bad-scalar] '2024-02-30' is not a valid date; quote it if it is text"
    ]


def test_unknown_field_with_suggestion() -> None:
    assert messages(HEAD + "rolse: []\n") == [
        "f.yaml:7:1: error [unknown-field] 'rolse' is not a field of the roles file "
        "(did you mean 'roles'?)"
    ]


def test_missing_field_points_at_the_mapping() -> None:
    assert messages(HEAD.replace("    title: A note\n", "")) == [
        "f.yaml:3:5: error [missing-field] a source needs the field 'title'"
    ]


def test_wrong_type_and_bad_enum_and_bad_id() -> None:
    text = HEAD + textwrap.dedent(
        """\
        roles:
          - id: Bad Id
            number: first
            title: T
            summary: S
            levels: [strategc]
            dimensions: political
            reception: {stance: support, voices: many, summary: S, basis: analysis}
            evidence: []
        """
    )
    assert messages(text) == [
        "f.yaml:8:9: error [invalid-id] 'Bad Id' is not a valid id: use lowercase letters and "
        "digits joined by single hyphens (kebab-case)",
        "f.yaml:9:13: error [wrong-type] 'number' must be a whole number, not text",
        "f.yaml:12:14: error [invalid-value] 'strategc' is not one of strategic, operational, "
        "tactical (did you mean 'strategic'?)",
        "f.yaml:13:17: error [wrong-type] 'dimensions' must be a list, not text",
        "f.yaml:15:15: error [invalid-length] 'evidence' needs at least 2 items",
    ]


def test_every_problem_in_one_run() -> None:
    text = HEAD.replace("title: A note", "title: no") + "rolse: []\nroles: []\nroles: []\n"
    assert [code for _, _, code in problems(text)] == [
        "ambiguous-boolean",
        "unknown-field",
        "duplicate-key",
    ]


def test_tags_are_refused() -> None:
    text = HEAD + "roles: !!python/object/apply:os.system ['echo hi']\n"
    assert messages(text) == [
        "f.yaml:7:8: error [tag-not-allowed] the tag '!!python/object/apply:os.system' is not "
        "allowed; catalogue files hold plain text, numbers, booleans, dates, lists and mappings"
    ]


def test_rule_errors_land_on_the_rule() -> None:
    document = redlines_document()
    document["redlines"][0]["rule"] = {"attribute": "x", "equals": True, "contains": "y"}
    loaded = parse_text(dump(document), "r.yaml")
    validate_model(loaded, RedlinesFile)
    (diagnostic,) = loaded.diagnostics
    assert diagnostic.code == "invalid-value"
    assert "exactly one operator" in diagnostic.message
    assert diagnostic.path == ("redlines", 0, "rule")
    line = dump(document).splitlines()[diagnostic.line - 1]
    assert line.strip().startswith("attribute: x") or "rule:" in line


def test_invalid_utf8_is_located() -> None:
    loaded = parse_bytes(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert [d.format() for d in loaded.diagnostics] == [
        "f.yaml:2:7: error [encoding] byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    ]


def test_bom_and_crlf_are_accepted() -> None:
    raw = ("\ufeff" + dump(roles_document())).replace("\n", "\r\n").encode()
    loaded = parse_bytes(raw, "f.yaml")
    assert validate_model(loaded, RolesFile) is not None
    assert loaded.diagnostics == []


def test_tab_indentation_hint() -> None:
    assert any("tabs cannot indent YAML" in m for m in messages("a:\n\tb: 1\n"))


def test_empty_file_and_list_document() -> None:
    assert messages("# only a comment\n") == [
        "f.yaml: error [empty-file] the file holds no YAML document"
    ]
    assert messages("- a\n- b\n") == [
        "f.yaml:1:1: error [wrong-type] the file must hold a mapping of fields, not a list"
    ]


@pytest.mark.parametrize(
    ("text", "line", "column", "problem"),
    [
        # a list item dedented by one space
        (
            "roles:\n  - id: x\n    levels:\n    - a\n   - b\n",
            5,
            4,
            "did not find expected '-' indicator",
        ),
        # a mapping key dedented by one space
        ("a:\n  b: 1\n c: 2\n", 3, 2, "did not find expected key"),
        ("a:\n  - x\n - y\n", 3, 2, "did not find expected key"),
    ],
)
def test_one_space_dedent_hints_at_the_indentation(
    text: str, line: int, column: int, problem: str
) -> None:
    loaded = parse_text(text, "x.yaml")
    assert [d.format() for d in loaded.diagnostics] == [
        f"x.yaml:{line}:{column}: error [yaml-syntax] {problem} "
        "(check the indentation of this line and the line above)"
    ]


RULE_HEAD = """\
schema_version: 1
holders: [{id: members, name: Members}]
redlines:
- id: r
  title: R
  statement: S.
  origin: participants
  holders: [members]
  strictness: veto
"""


def test_a_refused_operand_is_one_error_not_also_a_test_without_operator() -> None:
    single = RULE_HEAD + "  rule:\n    attribute: standing\n    equals: yes\n"
    assert messages(single, RedlinesFile) == [
        "f.yaml:12:13: error [ambiguous-boolean] YAML 1.1 reads 'yes' as a boolean; write true "
        "or false, or quote it ('yes') if you mean text"
    ]
    nested = RULE_HEAD + (
        "  rule:\n    all:\n    - attribute: a\n      equals: on\n"
        "    - attribute: b\n      equals: x\n      in: [y]\n"
    )
    # The refused 'on' is one error; the second test's two operators are still reported.
    assert messages(nested, RedlinesFile) == [
        "f.yaml:13:15: error [ambiguous-boolean] YAML 1.1 reads 'on' as a boolean; write true "
        "or false, or quote it ('on') if you mean text",
        "f.yaml:14:7: error [invalid-value] a test names exactly one operator of equals, in, "
        "contains, contains_any, subset_of; this one has equals, in",
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("a: 1\nb: x\u2029\nc: \x85\n", (2, 5, "a PARAGRAPH SEPARATOR (U+2029)")),
        ("a: \x85\u2028\x00\n", (1, 4, "a NEL (U+0085) line break")),
        ("a: 1\nb: \x00\n", (2, 4, "a NUL byte")),  # ASCII: only NUL is looked for
        ("a: \u00e9\u2028\n", (1, 5, "a LINE SEPARATOR (U+2028)")),
    ],
)
def test_the_first_character_yaml_would_miscount_is_reported(
    text: str, want: tuple[int, int, str]
) -> None:
    loaded = parse_text(text, "f.yaml")
    [found] = loaded.diagnostics
    line, column, what = want
    assert (found.line, found.column, found.code) == (line, column, "control-character")
    assert found.message.startswith(f"the file contains {what}")
