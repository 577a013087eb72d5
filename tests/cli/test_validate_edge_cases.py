"""Review 5 of `dsr-options validate`: each finding, with its exact message and line:col."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dsr_options.diagnostics import Code, Diagnostic
from dsr_options.render.views.validate import report_github, report_junit, report_text
from dsr_options.validate.run import Report
from tests.cli.test_validate import broken, where
from tests.conftest import Run
from tests.factory import (
    evidence,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

FORGED = "titel\nroles.yaml:1:1: error [forged] line\n"


def _forging_report() -> Report:
    path = "data/\x1b[31mroles.yaml"
    return Report(
        files=[path],
        diagnostics=[Diagnostic(path, 2, 3, Code.UNKNOWN_FIELD, f"'{FORGED}' is not a field")],
        texts={path: "roles:\n  - x: 1\n"},
    )


def test_text_report_cannot_forge_a_line() -> None:
    assert report_text(_forging_report()) == (
        "data/\\x1b[31mroles.yaml:2:3: error [unknown-field] 'titel\\nroles.yaml:1:1: error "
        "[forged] line\\n' is not a field\n"
        "      - x: 1\n"
        "      ^\n"
        "checked 1 file: 1 error, 0 warnings\n"
    )


def test_github_file_property_has_no_control_characters() -> None:
    first = report_github(_forging_report()).splitlines()[0]
    assert first.startswith("::error file=data/\\x1b[31mroles.yaml,line=2,col=3,")
    assert "\x1b" not in first


def test_junit_names_are_visible_and_well_formed() -> None:
    xml = report_junit(_forging_report())
    assert "\x1b" not in xml
    case = ET.fromstring(xml).find("testsuite/testcase")
    assert case is not None
    assert case.get("file") == case.get("classname") == "data/\\x1b[31mroles.yaml"
    assert case.get("name") == "data/\\x1b[31mroles.yaml:2:3 [unknown-field]"
    failure = case.find("failure")
    assert failure is not None
    assert "\n" not in (failure.get("message") or "")


def test_many_diagnostics_split_each_file_once() -> None:
    """40k diagnostics on one file (re-splitting the text per diagnostic took 38 s)."""
    text = "\n".join(f"k{i}: v" for i in range(40_000)) + "\n"
    diagnostics = [Diagnostic("r.yaml", i + 1, 1, Code.UNKNOWN_FIELD, "x") for i in range(40_000)]
    report = Report(files=["r.yaml"], diagnostics=diagnostics, texts={"r.yaml": text})
    out = report_text(report)
    assert out.count("\n") == 40_000 * 3 + 1
    assert out.splitlines()[-4:-1] == [
        "r.yaml:40000:1: error [unknown-field] x",
        "    k39999: v",
        "    ^",
    ]


# -- 7: files that hold nothing, or a list -----------------------------------------------------


def test_empty_documents_and_lists_when_the_name_says_neither(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("~\n")
    (tmp_path / "b.yaml").write_text("null\n")
    (tmp_path / "c.yaml").write_text("---\n")
    (tmp_path / "d.yaml").write_text("- 1\n")
    names = [str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml", "d.yaml")]
    result = run(["dsr-options", "validate", "-f", "json", *names])
    assert result.exit_code == 1, result
    errors = json.loads(result.stdout)["errors"]
    assert [
        (Path(e["file"]).name, e["line"], e["column"], e["code"], e["message"]) for e in errors
    ] == [
        ("a.yaml", 1, 1, "empty-file", "the file holds an empty document"),
        ("b.yaml", 1, 1, "empty-file", "the file holds an empty document"),
        ("c.yaml", 0, 0, "empty-file", "the file holds an empty document"),
        ("d.yaml", 1, 1, "wrong-type", "the file must hold a mapping of fields, not a list"),
    ]


# -- 9: --strict failing on warnings only says so ----------------------------------------------


def test_strict_summary_says_why_warnings_fail(run: Run, tmp_path: Path) -> None:
    folder, _ = broken(tmp_path, "roles", "section: Findings", "section: Findngs")
    result = run(f"dsr-options validate --strict {folder}")
    assert result.exit_code == 1, result
    assert result.stdout.endswith(
        "checked 2 files: 0 errors, 1 warning (--strict: warnings fail the run)\n"
    )


# -- 10: too-many-errors comes after the errors it counts ---------------------------------------


def test_too_many_errors_sorts_last(run: Run, tmp_path: Path) -> None:
    roles = [role(i) for i in range(1, 1_006)]
    for item in roles:
        item["levle"] = 1
    folder = write_catalogue(tmp_path / "big", roles=roles_document(roles))
    result = run(f"dsr-options validate -f json {folder / 'roles.yaml'}")
    assert result.exit_code == 1, result
    errors = json.loads(result.stdout)["errors"]
    assert errors[0]["line"] > 0
    assert errors[-1]["code"] == "too-many-errors"
    assert errors[-1]["message"].endswith("more problems from here on not shown; fix these first")
    text = run(f"dsr-options validate {folder / 'roles.yaml'}").stdout.splitlines()
    headers = [line for line in text if ": error [" in line]
    assert "[too-many-errors]" in headers[-1], headers[-3:]
    assert headers[-1].endswith("more problems from here on not shown; fix these first")


# -- 2: one wrong value in a role hides nothing else in it ------------------------------------


def _errors(run: Run, folder: Path) -> list[tuple[str, int, int, str, str]]:
    result = run(f"dsr-options validate -f json {folder}")
    assert result.exit_code == 1, result
    errors = json.loads(result.stdout)["errors"]
    return [(Path(e["file"]).name, e["line"], e["column"], e["code"], e["message"]) for e in errors]


def test_a_bad_attribute_value_hides_no_other_attribute(run: Run, tmp_path: Path) -> None:
    bad = role(1, delivered_by=("un-secretarat",))
    bad["attributes"]["trigger"]["value"] = 3
    folder = write_catalogue(tmp_path / "c", roles=roles_document([bad]))
    text = (folder / "roles.yaml").read_text()
    found = _errors(run, folder)
    line, column = where(text, "un-secretarat")
    assert (
        "roles.yaml",
        line,
        column,
        "unknown-value",
        "'un-secretarat' is not a value of 'delivered_by' (un-secretariat, "
        "member-state-experts) (did you mean 'un-secretariat'?)",
    ) in found
    line, column = where(text, "value: 3")
    assert (
        "roles.yaml",
        line,
        column + len("value: "),
        "invalid-value",
        "3 is not a value: write true, false or a kebab-case value id",
    ) in found


def test_a_bad_basis_on_one_lead_hides_no_other_lead(run: Run, tmp_path: Path) -> None:
    bad = role(1)
    bad["leads"] = [
        {"office": "ssr-unit", "rationale": "R.", "basis": "nota"},
        {"office": "dpko", "rationale": "R.", "basis": "analysis"},
        {"office": "omma", "rationale": "R.", "basis": "analysis"},
    ]
    folder = write_catalogue(tmp_path / "c", roles=roles_document([bad]))
    text = (folder / "roles.yaml").read_text()
    line, column = where(text, "omma")
    assert (
        "roles.yaml",
        line,
        column,
        "unknown-reference",
        "no office has the id 'omma' (did you mean 'oma'?)",
    ) in _errors(run, folder)


def test_a_bad_stance_hides_no_other_evidence(run: Run, tmp_path: Path) -> None:
    bad = role(1)
    bad["evidence"] = [evidence("for it", "sopports"), {**evidence("against it"), "source": "nte"}]
    folder = write_catalogue(tmp_path / "c", roles=roles_document([bad]))
    text = (folder / "roles.yaml").read_text()
    line, column = where(text, "source: nte")
    found = _errors(run, folder)
    assert (
        "roles.yaml",
        line,
        column + len("source: "),
        "unknown-reference",
        "no source has the id 'nte' (did you mean 'note'?)",
    ) in found


# -- 3: a broken roles file leaves redline holders checkable -----------------------------------


def test_broken_roles_file_still_reports_dangling_holders(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(
        tmp_path / "c", redlines=redlines_document([redline(1, holders=("membrs",))])
    )
    (folder / "roles.yaml").write_text("roles: [\n")
    text = (folder / "redlines.yaml").read_text()
    line, column = where(text, "membrs")
    found = _errors(run, folder)
    assert (
        "redlines.yaml",
        line,
        column,
        "unknown-reference",
        "no holder has the id 'membrs' (did you mean 'members'?)",
    ) in found


# -- 8: a value listed twice -------------------------------------------------------------------


def test_duplicates_in_levels_leads_and_holders(run: Run, tmp_path: Path) -> None:
    twice = role(1, levels=("strategic", "strategic"))
    twice["leads"].append({"office": "ssr-unit", "rationale": "Again.", "basis": "analysis"})
    folder = write_catalogue(
        tmp_path / "c",
        roles=roles_document([twice]),
        redlines=redlines_document([redline(1, holders=("members", "members"))]),
    )
    roles = (folder / "roles.yaml").read_text()
    redlines = (folder / "redlines.yaml").read_text()
    levels = where(roles, "- strategic", 1)[0], where(roles, "- strategic", 2)
    offices = where(roles, "office: ssr-unit", 1)[0], where(roles, "office: ssr-unit", 2)
    holders = where(redlines, "- members", 1)[0], where(redlines, "- members", 2)
    assert _errors(run, folder) == [
        (
            "redlines.yaml",
            holders[1][0],
            holders[1][1] + 2,
            "duplicate-value",
            f"'members' is listed twice (first at line {holders[0]})",
        ),
        (
            "roles.yaml",
            levels[1][0],
            levels[1][1] + 2,
            "duplicate-value",
            f"'strategic' is listed twice (first at line {levels[0]})",
        ),
        (
            "roles.yaml",
            offices[1][0],
            offices[1][1] + len("office: "),
            "duplicate-value",
            f"'ssr-unit' is listed twice (first at line {offices[0]})",
        ),
    ]


# -- 6: --source reads regular files only, within the size limit, for a cited id ---------------


def test_source_must_be_a_regular_file(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "c")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        if not path.exists():
            continue
        result = run(["dsr-options", "validate", str(folder), "--source", str(path)])
        assert result.exit_code == 2, result
        assert result.stderr == f"dsr-options: error: --source: '{path}' is not a regular file\n"


def test_source_over_the_size_limit(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_catalogue(tmp_path / "c")
    big = tmp_path / "big.txt"
    big.write_text("x" * 2_000_000)
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", "1")
    result = run(["dsr-options", "validate", str(folder), "--source", str(big)])
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"dsr-options: error: --source: '{big}' is larger than 1 MiB "
        "(raise $DSR_OPTIONS_MAX_FILE_MB to read it)\n"
    )


def test_source_id_no_evidence_cites(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "c")
    text = tmp_path / "note.txt"
    text.write_text("a short quote\n")
    result = run(["dsr-options", "validate", str(folder), "--source", f"nte={text}"])
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --source: no evidence cites the source 'nte' (did you mean 'note'?)\n"
    )


# -- 4: a roles file alone is checked with the redlines beside it -----------------------------


def test_roles_file_alone_checks_the_redlines_beside_it(run: Run, tmp_path: Path) -> None:
    document = roles_document()
    document["attributes"] = [a for a in document["attributes"] if a["id"] != "trigger"]
    for item in document["roles"]:
        del item["attributes"]["trigger"]
    rule = {"attribute": "trigger", "equals": "national-request"}
    folder = write_catalogue(
        tmp_path / "data", roles=document, redlines=redlines_document([redline(1, rule=rule)])
    )
    text = (folder / "redlines.yaml").read_text()
    line, column = where(text, "attribute: trigger")
    result = run(["dsr-options", "validate", "-f", "json", str(folder / "roles.yaml")])
    assert result.exit_code == 1, result
    report = json.loads(result.stdout)
    assert [Path(f).name for f in report["files"]] == ["roles.yaml", "redlines.yaml"]
    assert [(e["line"], e["column"], e["code"]) for e in report["errors"]] == [
        (line, column + len("attribute: "), "unknown-attribute")
    ]
