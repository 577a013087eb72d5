"""`dsr-options validate` on catalogues broken by hand, the way people break YAML.

Each case edits the text of a valid catalogue and names the text the caret must sit under; the
expected line and column are read from the edited file, as a person would read them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.factory import (
    ROOT,
    dump,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

SHARED = ROOT.parent / "shared"
NOTE = SHARED / "sources" / "dsr-meeting-note-2010-12-02.txt"
REPO = ROOT


def where(text: str, at: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``occurrence``-th ``at`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(at, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def validate_json(run: Run, *args: str) -> tuple[int, dict[str, Any]]:
    result = run(["dsr-options", "validate", "-f", "json", *args])
    assert result.exit_code in (0, 1), result
    return result.exit_code, json.loads(result.stdout)


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, str]:
    """A valid catalogue with one edit in ``file``; returns the folder and the edited text."""
    folder = write_catalogue(tmp_path / "catalogue")
    path = folder / f"{file}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in the {file} file"
    edited = text.replace(old, new, 1)
    path.write_text(edited, encoding="utf-8")
    return folder, edited


# (name, file, old, new, code, caret at, which occurrence of it, message fragment, only error)
CASES: list[tuple[str, str, str, str, str, str, int, str, bool]] = [
    # typos
    (
        "field typo",
        "roles",
        "  levels:\n",
        "  levle:\n",
        "unknown-field",
        "levle",
        1,
        "'levle' is not a field of a role (did you mean 'levels'? a role needs 'levels', and "
        "it is missing)",
        True,
    ),
    (
        "enum typo",
        "roles",
        "  - strategic",
        "  - strategc",
        "invalid-value",
        "strategc",
        1,
        "'strategc' is not one of strategic, operational, tactical (did you mean 'strategic'?)",
        True,
    ),
    (
        "stance typo",
        "roles",
        "stance: opposes",
        "stance: oposes",
        "invalid-value",
        "oposes",
        1,
        "(did you mean 'opposes'?)",
        True,
    ),
    (
        "attribute value typo",
        "roles",
        "      - un-secretariat\n      basis",
        "      - un-secretriat\n      basis",
        "unknown-value",
        "un-secretriat",
        1,
        "(did you mean 'un-secretariat'?)",
        True,
    ),
    (
        "attribute name typo",
        "roles",
        "    trigger:\n      value",
        "    triger:\n      value",
        "unknown-attribute",
        "triger",
        1,
        "'triger' is not a declared attribute",
        True,
    ),
    (
        "rule attribute typo",
        "redlines",
        "attribute: standing_un_capacity",
        "attribute: standing_capacity",
        "unknown-attribute",
        "standing_capacity",
        1,
        "(did you mean 'standing_un_capacity'?)",
        True,
    ),
    (
        "id with capitals",
        "roles",
        "- id: role-1",
        "- id: Role_1",
        "invalid-id",
        "Role_1",
        1,
        "is not a valid id",
        True,
    ),
    (
        "schema version",
        "roles",
        "schema_version: 1",
        "schema_version: 2",
        "invalid-value",
        "2",
        1,
        "expected 1",
        True,
    ),
    # indentation and syntax
    (
        "indented too far",
        "roles",
        "  title: Role number 1",
        "   title: Role number 1",
        "yaml-syntax",
        ": Role number 1",
        1,
        "check the indentation",
        True,
    ),
    (
        "dedented into the parent",
        "roles",
        "    summary: How it was received.\n",
        "  summary: How it was received.\n    evidence2: x\n",
        "yaml-syntax",
        ": x",
        1,
        "mapping values are not allowed",
        True,
    ),
    (
        "tab indentation",
        "roles",
        "  number: 1\n",
        "\tnumber: 1\n",
        "yaml-syntax",
        "\tnumber",
        1,
        "tabs cannot indent YAML; use spaces",
        True,
    ),
    (
        "unclosed quote",
        "roles",
        "  title: Role number 1",
        '  title: "Role number 1',
        "yaml-syntax",
        '"Role number 1',
        1,
        "this quoted text is never closed",
        True,
    ),
    (
        "unclosed bracket",
        "roles",
        "  levels:\n  - strategic\n",
        "  levels: [strategic\n",
        "yaml-syntax",
        "[strategic",
        1,
        "",
        True,
    ),
    (
        "list instead of text",
        "roles",
        "  levels:\n  - strategic\n",
        "  levels: strategic\n",
        "wrong-type",
        "strategic\n",
        1,
        "'levels' must be a list, not text",
        True,
    ),
    (
        "missing field",
        "roles",
        "    rationale: It holds the portfolio.\n",
        "",
        "missing-field",
        "office: ssr-unit",
        1,
        "a lead candidate needs the field 'rationale'",
        True,
    ),
    (
        "rule that is text",
        "redlines",
        "  rule:\n    attribute: standing_un_capacity\n    equals: true",
        "  rule: standing_un_capacity",
        "invalid-rule",
        "standing_un_capacity",
        1,
        "a rule is a mapping",
        True,
    ),
    (
        "set operator on a boolean",
        "redlines",
        "    equals: true",
        "    contains: un-secretariat",
        "invalid-rule",
        "contains",
        1,
        "'contains' tests a list attribute",
        True,
    ),
    (
        "note without evidence",
        "roles",
        "    basis: note\n    evidence:\n    - quote: a short quote\n      source: note\n"
        "      section: Findings\n      stance: supports\n",
        "    basis: note\n",
        "invalid-value",
        "text: An open question?",
        1,
        "a statement with basis 'note' needs at least one piece of evidence",
        True,
    ),
    # duplicate keys
    (
        "duplicate key",
        "roles",
        "  number: 1\n",
        "  number: 1\n  number: 3\n",
        "duplicate-key",
        "number: 3",
        1,
        "duplicate key 'number' (first at line",
        True,
    ),
    (
        "duplicate top-level key",
        "redlines",
        "holders:\n",
        "sources: []\nholders:\n",
        "duplicate-key",
        "sources: []",
        1,
        "duplicate key 'sources'",
        True,
    ),
    # YAML 1.1 traps
    (
        "no for Norway",
        "redlines",
        "  name: Some member states",
        "  name: no",
        "ambiguous-boolean",
        "no\n",
        1,
        "YAML 1.1 reads 'no' as a boolean",
        True,
    ),
    (
        "Norway as an id",
        "redlines",
        "- id: members",
        "- id: NO",
        "ambiguous-boolean",
        "NO",
        1,
        "quote it ('NO')",
        False,
    ),
    (
        "yes for true",
        "roles",
        "      value: true\n",
        "      value: yes\n",
        "ambiguous-boolean",
        "yes",
        1,
        "write true or false",
        True,
    ),
    (
        "on as a key",
        "roles",
        "  number: 1\n",
        "  number: 1\n  on: x\n",
        "ambiguous-boolean",
        "on: x",
        1,
        "'on'",
        True,
    ),
    (
        "octal-looking title",
        "roles",
        "  title: Role number 1",
        "  title: 0755",
        "ambiguous-number",
        "0755",
        1,
        "octal number",
        True,
    ),
    (
        "time-looking title",
        "roles",
        "  title: Role number 1",
        "  title: 1:30",
        "ambiguous-number",
        "1:30",
        1,
        "sexagesimal",
        True,
    ),
    (
        "number as text",
        "roles",
        "  title: Role number 1",
        "  title: 1.5",
        "not-text",
        "1.5",
        1,
        "'title' must be text, but YAML read 1.5 as a number; quote it",
        True,
    ),
    # dates
    (
        "impossible date",
        "roles",
        "  date: '2020-01-02'",
        "  date: 2020-02-30",
        "bad-scalar",
        "2020-02-30",
        1,
        "'2020-02-30' is not a valid date",
        True,
    ),
    (
        "date in another order",
        "roles",
        "  date: '2020-01-02'",
        "  date: 02/01/2020",
        "invalid-value",
        "02/01/2020",
        1,
        "write it as YYYY-MM-DD",
        True,
    ),
    (
        "date as a title",
        "roles",
        "  title: Role number 1",
        "  title: 2010-12-02",
        "not-text",
        "2010-12-02",
        1,
        "as a date; quote it",
        True,
    ),
    (
        "tag",
        "roles",
        "  title: Role number 1",
        "  title: !!binary aGVsbG8=",
        "tag-not-allowed",
        "!!binary",
        1,
        "'!!binary' is not allowed",
        True,
    ),
    # dangling references
    (
        "unknown lead office",
        "roles",
        "  - office: ssr-unit",
        "  - office: ssr-unti",
        "unknown-reference",
        "ssr-unti",
        1,
        "no office has the id 'ssr-unti' (did you mean",
        True,
    ),
    (
        "unknown parent office",
        "roles",
        "  part_of: orolsi",
        "  part_of: orolsy",
        "unknown-reference",
        "orolsy",
        1,
        "(did you mean 'orolsi'?)",
        True,
    ),
    (
        "unknown holder",
        "redlines",
        "  - members\n",
        "  - memebrs\n",
        "unknown-reference",
        "memebrs",
        1,
        "no holder has the id 'memebrs' (did you mean 'members'?)",
        True,
    ),
    (
        "unknown evidence source",
        "redlines",
        "    source: note",
        "    source: notes",
        "unknown-reference",
        "notes",
        1,
        "no source has the id 'notes'",
        True,
    ),
    (
        "duplicate role id",
        "roles",
        "- id: role-2",
        "- id: role-1",
        "duplicate-id",
        "role-1",
        2,
        "the role id 'role-1' is already used at line",
        True,
    ),
    (
        "duplicate role number",
        "roles",
        "  number: 2",
        "  number: 1",
        "duplicate-id",
        "1\n  title: Role number 2",
        1,
        "role number 1 is already used",
        True,
    ),
    (
        "value listed twice",
        "roles",
        "      - un-secretariat\n      basis",
        "      - un-secretariat\n      - un-secretariat\n      basis",
        "duplicate-value",
        "un-secretariat",
        3,
        "'un-secretariat' is listed twice",
        True,
    ),
    # evidence
    (
        "empty quote",
        "roles",
        "quote: for it",
        "quote: ''",
        "invalid-length",
        "''",
        1,
        "'quote' must not be empty",
        True,
    ),
    (
        "blank quote",
        "roles",
        "quote: for it",
        "quote: '   '",
        "invalid-length",
        "'   '",
        1,
        "'quote' holds only spaces",
        True,
    ),
    (
        "long quote",
        "roles",
        "quote: for it",
        "quote: " + "word " * 70,
        "invalid-length",
        "word word",
        1,
        "longer than 300 characters",
        True,
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "at", "occurrence", "fragment", "only"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_broken_catalogue_is_reported_at_its_place(
    run: Run,
    tmp_path: Path,
    file: str,
    old: str,
    new: str,
    code: str,
    at: str,
    occurrence: int,
    fragment: str,
    only: bool,
) -> None:
    folder, text = broken(tmp_path, file, old, new)
    line, column = where(text, at, occurrence)
    exit_code, report = validate_json(run, str(folder))
    assert exit_code == 1
    assert report["status"] == "failed"
    found = [(e["file"], e["line"], e["column"], e["code"]) for e in report["errors"]]
    expected = (str(folder / f"{file}.yaml"), line, column, code)
    assert expected in found, report["errors"]
    error = report["errors"][found.index(expected)]
    assert fragment in error["message"]
    if only:  # the one certain error: what is read past a syntax error is marked as such
        certain = [e for e in report["errors"] if not e["after_syntax_error"]]
        assert len(certain) == 1, report["errors"]


def test_the_text_report_shows_the_line_and_a_caret(run: Run, tmp_path: Path) -> None:
    folder, text = broken(tmp_path, "redlines", "  name: Some member states", "  name: no")
    line, _ = where(text, "name: no")
    result = run(f"dsr-options validate {folder}")
    assert result.exit_code == 1, result
    assert result.stdout == (
        f"{folder}/redlines.yaml:{line}:9: error [ambiguous-boolean] YAML 1.1 reads 'no' as a "
        "boolean; write true or false, or quote it ('no') if you mean text\n"
        "      name: no\n"
        "            ^\n"
        "checked 2 files: 1 error, 0 warnings\n"
    )


def test_every_problem_in_every_file_is_reported_sorted(run: Run, tmp_path: Path) -> None:
    folder, _ = broken(tmp_path, "roles", "  - office: ssr-unit", "  - office: nowhere")
    redlines = folder / "redlines.yaml"
    text = redlines.read_text().replace("  - members\n", "  - nobody\n")
    text = text.replace("holders:\n", "sources: []\nholders:\n", 1)
    redlines.write_text(text)
    roles = folder / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("  part_of: dpko\n", "  part_of: dpko\n  name: x\n", 1)
    )
    _, report = validate_json(run, str(folder))
    got = [(Path(e["file"]).name, e["code"]) for e in report["errors"]]
    assert got == [
        ("redlines.yaml", "duplicate-key"),
        ("redlines.yaml", "unknown-reference"),
        ("roles.yaml", "duplicate-key"),
        ("roles.yaml", "unknown-reference"),
    ]
    lines = [(e["file"], e["line"]) for e in report["errors"]]
    assert lines == sorted(lines)


def test_a_clean_catalogue_exits_zero(run: Run, catalogue_dir: Path) -> None:
    result = run(f"dsr-options validate {catalogue_dir}")
    assert result.exit_code == 0, result
    assert result.stdout == "checked 2 files: 0 errors, 0 warnings\n"


def test_default_is_the_catalogue_in_use(run: Run, tmp_path: Path) -> None:
    folder, _ = broken(tmp_path, "roles", "  - office: ssr-unit", "  - office: nowhere")
    by_option = run(f"dsr-options validate --data {folder} -f json")
    by_env = run("dsr-options validate -f json", env={"DSR_OPTIONS_DATA": str(folder)})
    for result in (by_option, by_env):
        assert result.exit_code == 1, result
        assert [e["code"] for e in json.loads(result.stdout)["errors"]] == ["unknown-reference"]
    packaged = run("dsr-options validate")
    assert packaged.exit_code == 0, packaged
    assert packaged.stdout == "checked 2 files: 0 errors, 0 warnings\n"


# -- warnings and --strict ------------------------------------------------------------------------


def test_warnings_are_shown_and_fail_only_with_strict(run: Run, tmp_path: Path) -> None:
    folder, text = broken(tmp_path, "roles", "section: Findings", "section: Findngs")
    line, column = where(text, "Findngs")
    relaxed = run(f"dsr-options validate {folder}")
    assert relaxed.exit_code == 0, relaxed
    assert (
        f"roles.yaml:{line}:{column}: warning [unknown-section] 'Findngs' is not a section of "
        "source 'note' (did you mean 'Findings'?)" in relaxed.stdout
    )
    assert relaxed.stdout.endswith(
        "checked 2 files: 0 errors, 1 warning (warnings fail the run only with --strict)\n"
    )
    strict = run(f"dsr-options validate --strict {folder} -f json")
    assert strict.exit_code == 1, strict
    report = json.loads(strict.stdout)
    assert report["status"] == "failed"
    assert report["strict"] is True
    assert report["errors"] == []
    assert [w["code"] for w in report["warnings"]] == ["unknown-section"]


def test_a_missing_attribute_is_a_warning(run: Run, tmp_path: Path) -> None:
    folder, text = broken(
        tmp_path,
        "roles",
        "    trigger:\n      value: national-request\n      basis: analysis\n"
        "      note: Our reading.\n",
        "",
    )
    exit_code, report = validate_json(run, str(folder))
    assert exit_code == 0
    assert report["status"] == "ok"
    warning = report["warnings"][0]
    # At the role's 'attributes:' key, not at its first attribute.
    assert (warning["code"], warning["line"], warning["column"]) == (
        "missing-attribute",
        *where(text, "attributes:", 2),
    )
    assert warning["message"] == (
        "role 'role-1' gives no value for 'trigger'; redlines that test it will evaluate to unknown"
    )
    assert warning["path"] == ["roles", 0, "attributes"]


# -- paths: files, folders, redline files alone ---------------------------------------------------


def test_usage_errors_exit_two(run: Run, tmp_path: Path, catalogue_dir: Path) -> None:
    missing = run(f"dsr-options validate {tmp_path / 'nowhere.yaml'}")
    assert missing.exit_code == 2, missing
    assert missing.stderr == f"dsr-options: error: '{tmp_path / 'nowhere.yaml'}' does not exist\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    folder = run(f"dsr-options validate {empty}")
    assert folder.exit_code == 2, folder
    assert "holds neither roles.yaml nor redlines.yaml" in folder.stderr
    option = run(f"dsr-options validate --bogus {catalogue_dir}")
    assert option.exit_code == 2, option
    assert "No such option: --bogus" in option.stderr
    fmt = run(f"dsr-options validate -f xml {catalogue_dir}")
    assert fmt.exit_code == 2, fmt
    source = run(f"dsr-options validate {catalogue_dir} --source {tmp_path / 'no-note.txt'}")
    assert source.exit_code == 2, source
    assert source.stderr.startswith("dsr-options: error: --source: cannot read")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_usage_error(run: Run, catalogue_dir: Path) -> None:
    roles = catalogue_dir / "roles.yaml"
    roles.chmod(0)
    try:
        result = run(f"dsr-options validate {roles}")
    finally:
        roles.chmod(0o644)
    assert result.exit_code == 2, result
    assert "cannot read the file" in result.stderr


def test_files_are_classified_by_their_keys_then_their_name(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(dump(roles_document()))
    (tmp_path / "b.yaml").write_text(dump(redlines_document()))
    (tmp_path / "my-redlines.yaml").write_text("schema_version: 1\nredlines: [\n")
    (tmp_path / "other.yaml").write_text("schema_version: 1\nsources: []\n")
    _, report = validate_json(
        run, *(str(tmp_path / n) for n in ("a.yaml", "b.yaml", "my-redlines.yaml", "other.yaml"))
    )
    assert report["files"] == [
        str(tmp_path / n) for n in ("a.yaml", "b.yaml", "my-redlines.yaml", "other.yaml")
    ]
    assert [(Path(e["file"]).name, e["code"], e["line"]) for e in report["errors"]] == [
        ("my-redlines.yaml", "yaml-syntax", 3),
        ("other.yaml", "unknown-file-kind", 1),
    ]


def test_a_redline_file_alone_is_checked_against_the_roles_beside_it(
    run: Run, tmp_path: Path
) -> None:
    folder, text = broken(
        tmp_path, "redlines", "attribute: standing_un_capacity", "attribute: standing_capacity"
    )
    line, column = where(text, "standing_capacity")
    _, report = validate_json(run, str(folder / "redlines.yaml"))
    assert report["files"] == [str(folder / "redlines.yaml")]
    assert [(e["code"], e["line"], e["column"]) for e in report["errors"]] == [
        ("unknown-attribute", line, column)
    ]


def test_a_lone_redline_file_uses_the_data_catalogue_then_the_packaged_one(
    run: Run, tmp_path: Path
) -> None:
    own = redlines_document([redline(1, rule={"attribute": "in_country", "equals": True})])
    mine = tmp_path / "mine" / "my-redlines.yaml"
    mine.parent.mkdir()
    mine.write_text(dump(own))
    # The packaged catalogue declares in_country; the test catalogue does not.
    assert run(f"dsr-options validate {mine}").exit_code == 0
    catalogue = write_catalogue(tmp_path / "catalogue")
    exit_code, report = validate_json(run, "--data", str(catalogue), str(mine))
    assert exit_code == 1
    assert [e["code"] for e in report["errors"]] == ["unknown-attribute"]
    assert "roles.yaml" not in " ".join(e["file"] for e in report["errors"])


def test_a_lone_redline_file_against_a_broken_catalogue(run: Run, tmp_path: Path) -> None:
    folder, _ = broken(tmp_path, "roles", "  title: Role number 1", "  title: 0755")
    mine = tmp_path / "mine" / "my-redlines.yaml"
    mine.parent.mkdir()
    mine.write_text(dump(redlines_document()))
    _, report = validate_json(run, "--data", str(folder), str(mine))
    assert [(e["file"], e["code"], e["line"]) for e in report["errors"]] == [
        (str(mine), "context-invalid", 0)
    ]


def test_a_lone_redline_file_beside_an_unreadable_roles_file_says_so(
    run: Run, tmp_path: Path
) -> None:
    folder = write_catalogue(tmp_path / "catalogue")
    (folder / "roles.yaml").unlink()
    (folder / "roles.yaml").mkdir()  # unreadable as a file, even to root
    _, report = validate_json(run, str(folder / "redlines.yaml"))
    (error,) = report["errors"]
    assert error["code"] == "context-invalid"
    assert "roles.yaml, cannot be read (is a directory, not a YAML file)" in error["message"]
    assert "has errors" not in error["message"]


def test_separate_folders_are_separate_catalogues(run: Run, tmp_path: Path) -> None:
    one = write_catalogue(tmp_path / "one")
    two = write_catalogue(tmp_path / "two")  # the same ids: not a clash across catalogues
    exit_code, report = validate_json(run, str(one), str(two), str(one / "roles.yaml"))
    assert exit_code == 0, report
    assert len(report["files"]) == 4


def test_a_bigger_catalogue_with_many_problems(run: Run, tmp_path: Path) -> None:
    roles = [role(n, lead="ssr-unit" if n % 7 else "nowhere") for n in range(1, 41)]
    rules = [redline(n, holders=("members" if n % 5 else "nobody",)) for n in range(1, 21)]
    folder = write_catalogue(tmp_path / "big", roles_document(roles), redlines_document(rules))
    _, report = validate_json(run, str(folder))
    codes = [e["code"] for e in report["errors"]]
    assert codes.count("unknown-reference") == 5 + 4
    assert len({(e["file"], e["line"]) for e in report["errors"]}) == 9


# -- --source -------------------------------------------------------------------------------------

SOURCE_TEXT = """A test note

Findings

Participants said “for it”, some said against it \u2013 and a short quote was made: received well.
a redline quote

Conclusion

Nothing more.
"""


def test_quotes_are_checked_against_the_source(run: Run, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(SOURCE_TEXT, encoding="utf-8")
    clean = write_catalogue(tmp_path / "clean")
    result = run(f"dsr-options validate {clean} --source {note}")
    assert result.exit_code == 0, result
    folder, text = broken(tmp_path, "roles", "quote: against it", "quote: against them")
    line, column = where(text, "against them")
    _, report = validate_json(run, str(folder), "--source", str(note))
    assert report["errors"] == [
        {
            "file": str(folder / "roles.yaml"),
            "line": line,
            "column": column,
            "code": "quote-not-in-source",
            "severity": "error",
            "message": f"the quote does not occur in {note}",
            "path": ["roles", 0, "evidence", 1, "quote"],
            "after_syntax_error": False,
        }
    ]


def test_source_normalises_typography_and_checks_the_section(run: Run, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(SOURCE_TEXT, encoding="utf-8")
    folder, text = broken(tmp_path, "roles", "quote: for it", "quote: 'said \"for  it\", some'")
    roles = folder / "roles.yaml"
    text = text.replace(
        "quote: against it\n    source: note\n    section: Findings",
        "quote: against it - and\n    source: note\n    section: Conclusion",
        1,
    )
    text = text.replace(
        "quote: received well\n      source: note\n      section: Findings",
        "quote: received well\n      source: note\n      section: Missing",
        1,
    )
    roles.write_text(text)
    _, report = validate_json(run, str(folder), "--source", f"note={note}")
    assert report["errors"] == []
    got = [(w["code"], w["line"], w["column"]) for w in report["warnings"]]
    assert got == [
        ("section-not-in-source", *where(text, "Missing")),
        ("unknown-section", *where(text, "Missing")),
        ("quote-wrong-section", *where(text, "Conclusion\n    stance")),
    ]


def test_source_for_another_id_is_not_applied(run: Run, tmp_path: Path) -> None:
    note = tmp_path / "other.txt"
    note.write_text("Nothing of the kind.\n", encoding="utf-8")
    folder = write_catalogue(tmp_path / "catalogue")
    # An id that no evidence cites is taken for a typo (review 5): a usage error.
    result = run(f"dsr-options validate {folder} --source elsewhere={note}")
    assert result.exit_code == 2, result
    assert (
        result.stderr == "dsr-options: error: --source: no evidence cites the source 'elsewhere'\n"
    )
    result = run(f"dsr-options validate {folder} --source {note}")
    assert result.exit_code == 1, result
    assert result.stdout.count("[quote-not-in-source]") == 11


@pytest.mark.skipif(not NOTE.is_file(), reason="../shared is not checked out")
def test_the_shipped_catalogue_quotes_the_note_verbatim(run: Run) -> None:
    result = run(f"dsr-options validate {REPO / 'data'} --strict --source {NOTE}")
    assert result.exit_code == 0, result
    assert result.stdout == "checked 2 files: 0 errors, 0 warnings\n"


def test_a_file_that_fails_to_load_does_not_hide_other_references(run: Run, tmp_path: Path) -> None:
    folder, _ = broken(tmp_path, "roles", "  title: Role number 1", "  title: 0755")
    redlines = folder / "redlines.yaml"
    text = redlines.read_text().replace("  - members\n", "  - memebrs\n")
    redlines.write_text(text.replace("attribute: standing_un_capacity", "attribute: nothing"))
    _, report = validate_json(run, str(folder))
    # The holder is declared in the redline file, so it is checked; the attributes are
    # declared in the roles file's own list, whose items all validated, so 'nothing' is checked
    # too, although a role elsewhere in that file failed.
    assert [(Path(e["file"]).name, e["code"]) for e in report["errors"]] == [
        ("redlines.yaml", "unknown-reference"),
        ("redlines.yaml", "unknown-attribute"),
        ("roles.yaml", "ambiguous-number"),
    ]


def test_a_declaration_that_fails_makes_references_to_it_unknowable(
    run: Run, tmp_path: Path
) -> None:
    folder, text = broken(tmp_path, "roles", "  type: boolean\n", "  type: bool\n")
    redlines = folder / "redlines.yaml"
    redlines.write_text(
        redlines.read_text().replace(
            "  rule:\n    attribute: standing_un_capacity\n    equals: true\n",
            "  rule:\n    all:\n    - attribute: standing_un_capacity\n      equals: true\n"
            "    - attribute: delivered_bye\n      contains: un-secretariat\n",
        )
    )
    _, report = validate_json(run, str(folder))
    # 'standing_un_capacity' failed to declare: the roles and the redline that use it are not
    # told it is undeclared; 'delivered_bye' is still a typo of a declared attribute.
    assert [
        (Path(e["file"]).name, e["line"], e["column"], e["code"], e["message"])
        for e in report["errors"]
    ] == [
        (
            "redlines.yaml",
            *where(redlines.read_text(), "delivered_bye"),
            "unknown-attribute",
            "'delivered_bye' is not a declared attribute (did you mean 'delivered_by'?)",
        ),
        (
            "roles.yaml",
            *where(text, "bool\n"),
            "invalid-value",
            "'bool' is not one of boolean, choice, choices (did you mean 'boolean'?)",
        ),
    ]


def test_a_role_without_attributes_is_warned_at_its_id(run: Run, tmp_path: Path) -> None:
    roles = [role(1), role(2)]
    del roles[1]["attributes"]
    folder = write_catalogue(tmp_path / "catalogue", roles=roles_document(roles))
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    _, report = validate_json(run, str(folder))
    line, column = where(text, "id: role-2")
    assert [(w["code"], w["line"], w["column"], w["message"]) for w in report["warnings"]] == [
        (
            "missing-attribute",
            line,
            column,
            f"role 'role-2' gives no value for '{name}'; redlines that test it will evaluate "
            "to unknown",
        )
        for name in ("delivered_by", "standing_un_capacity", "trigger")
    ]
