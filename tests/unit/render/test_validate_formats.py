"""The CI formats of `dsr-options validate`, each read back with a standard parser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import junitparser
import pytest

from dsr_options.diagnostics import CODES, Code, Diagnostic
from dsr_options.render import ReportFormat, as_text, render
from dsr_options.render.views.validate import (
    ValidationView,
    escape_data,
    escape_property,
    report_github,
    step_summary,
)
from dsr_options.validate.run import Report
from tests.conftest import Run
from tests.factory import ROOT, write_catalogue

SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    """An error in each file, and a warning in roles.yaml."""
    folder = write_catalogue(tmp_path / "catalogue")
    roles = folder / "roles.yaml"
    text = roles.read_text().replace("  - office: ssr-unit", "  - office: nowhere", 1)
    roles.write_text(text.replace("section: Findings", "section: Findngs", 1))
    redlines = folder / "redlines.yaml"
    redlines.write_text(redlines.read_text().replace("  title: Redline 1", "  title: 0755"))
    return folder


def _report(strict: bool = False) -> Report:
    diagnostics = [
        Diagnostic("data/roles.yaml", 3, 5, Code.UNKNOWN_FIELD, "'levle' is not a field, really"),
        Diagnostic("data/roles.yaml", 0, 0, Code.ENCODING, "byte 0xff: 50% bad,\nsee: here"),
        Diagnostic("data/redlines.yaml", 7, 1, Code.UNKNOWN_SECTION, "odd"),
    ]
    return Report(
        files=["data/roles.yaml", "data/redlines.yaml"],
        diagnostics=sorted(diagnostics),
        texts={"data/roles.yaml": "a: 1\nb: 2\nc:  levle: x\n"},
        strict=strict,
    )


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_renders_every_problem(fmt: ReportFormat) -> None:
    """Each format, read back with its own parser, holds every problem of the report."""
    report = _report()
    text = as_text(render(ValidationView(report), fmt))
    assert text.endswith("\n")
    codes = sorted(d.code.value for d in report.diagnostics)
    if fmt is ReportFormat.JSON:
        data = json.loads(text)
        assert sorted(d["code"] for d in data["errors"] + data["warnings"]) == codes
    elif fmt is ReportFormat.SARIF:
        (sarif_run,) = json.loads(text)["runs"]
        assert sorted(r["ruleId"] for r in sarif_run["results"]) == codes
    elif fmt is ReportFormat.JUNIT:
        failures = list(ET.fromstring(text).iter("failure"))  # warnings fail only with --strict
        assert len(failures) == len(report.errors)
    elif fmt is ReportFormat.GITHUB:
        assert len([line for line in text.splitlines() if line.startswith("::")]) >= len(codes)
    else:
        assert all(f"[{code}]" in text for code in codes)


def test_json_envelope(run: Run, broken_dir: Path) -> None:
    result = run(f"dsr-options validate {broken_dir} -f json")
    assert result.exit_code == 1, result
    report = json.loads(result.stdout)
    assert list(report) == ["status", "strict", "files", "errors", "warnings"]
    assert report["status"] == "failed"
    assert report["files"] == [str(broken_dir / "roles.yaml"), str(broken_dir / "redlines.yaml")]
    assert [e["code"] for e in report["errors"]] == ["ambiguous-number", "unknown-reference"]
    assert [w["code"] for w in report["warnings"]] == ["unknown-section"]
    for item in report["errors"] + report["warnings"]:
        assert list(item) == [
            "file",
            "line",
            "column",
            "code",
            "severity",
            "message",
            "path",
            "after_syntax_error",
        ]
    assert report["errors"][1]["path"] == ["roles", 0, "leads", 0, "office"]


def test_json_ok(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "ok")
    result = run(f"dsr-options validate {folder} -f json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == {
        "status": "ok",
        "strict": False,
        "files": [str(folder / "roles.yaml"), str(folder / "redlines.yaml")],
        "errors": [],
        "warnings": [],
    }


def test_github_file_names_are_escaped_not_rewritten() -> None:
    name = "odd%dir,a:b\r\nroles.yaml"
    report = Report(
        files=[name],
        diagnostics=[Diagnostic(name, 2, 3, Code.UNKNOWN_FIELD, "50% bad\r\nnext: x, y")],
        texts={name: "a: 1\nb: 2\n"},
    )
    first = report_github(report).splitlines()[0]
    assert first == (
        "::error file=odd%25dir%2Ca%3Ab%0D%0Aroles.yaml,line=2,col=3,"
        "title=dsr-options [unknown-field]::50%25 bad%0D%0Anext: x, y"
    )
    # Unescaped as the runner does (%0D, %0A, %3A, %2C, then %25), the property is the name.
    file = first.split("file=", 1)[1].split(",line=")[0]
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        file = file.replace(escaped, char)
    assert file == name


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("50% a\r\nb, c: d") == "50%25 a%0D%0Ab, c: d"
    assert escape_property("50% a\r\nb, c: d") == "50%25 a%0D%0Ab%2C c%3A d"


def test_github_annotations() -> None:
    assert report_github(_report()) == (
        "::warning file=data/redlines.yaml,line=7,col=1,title=dsr-options [unknown-section]::odd\n"
        "::error file=data/roles.yaml,title=dsr-options [encoding]::"
        "byte 0xff: 50%25 bad,%0Asee: here\n"
        "::error file=data/roles.yaml,line=3,col=5,title=dsr-options [unknown-field]::"
        "'levle' is not a field, really\n"
        "checked 2 files: 2 errors, 1 warning (warnings fail the run only with --strict)\n"
    )


ANNOTATION = re.compile(
    r"^::(error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^:]+)::(?P<message>.+)$"
)


def test_github_format_and_step_summary(run: Run, broken_dir: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run(
        f"dsr-options validate {broken_dir} -f github", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    matches = [ANNOTATION.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert [(m.group(1), Path(m.group("file")).name) for m in matches if m] == [
        ("error", "redlines.yaml"),
        ("warning", "roles.yaml"),
        ("error", "roles.yaml"),
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### ❌ dsr-options validate: failed\n")
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert table[0] == "| File | Line | Column | Severity | Code | Message |"
    assert len(table) == 2 + 3
    assert "unknown-section" in table[3]
    assert "unknown-reference" in table[4]


def test_step_summary_only_for_github(run: Run, broken_dir: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    run(f"dsr-options validate {broken_dir} -f json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()


def test_step_summary_escapes_markdown() -> None:
    report = _report()
    report.diagnostics[0] = Diagnostic("a|b.yaml", 1, 1, Code.WRONG_TYPE, "<b>x</b> | y")
    text = step_summary(report)
    assert "| a\\|b.yaml | 1 | 1 | error | wrong-type | &lt;b&gt;x&lt;/b&gt; \\| y |" in text


def _junit(xml: str) -> tuple[Any, list[Any]]:
    """The report read by a real JUnit reader: its one suite and its cases."""
    parsed = junitparser.JUnitXml.fromstring(
        xml.encode("utf-8")
    )  # bytes: lxml (python-docx) refuses text with a declaration
    (suite,) = list(parsed)
    return suite, list(suite)


def test_junit(run: Run, broken_dir: Path) -> None:
    result = run(f"dsr-options validate {broken_dir} -f junit")
    assert result.exit_code == 1, result
    suite, cases = _junit(result.stdout)
    # One case per problem: two errors fail, the warning passes with its words as output.
    assert (suite.tests, suite.failures, suite.errors) == (3, 2, 0)
    failed = [c for c in cases if not c.is_passed]
    assert [Path(c.classname).name for c in failed] == ["roles.yaml", "redlines.yaml"]
    assert [c.result[0].type for c in failed] == ["unknown-reference", "ambiguous-number"]
    roles = failed[0]
    (failure,) = roles.result
    assert "error [unknown-reference] no office has the id 'nowhere'" in failure.message
    assert failure.text is not None
    assert failure.text.rstrip().endswith("^")
    line = int(roles._elem.get("line"))
    assert roles.name.startswith(f"{roles._elem.get('file')}:{line}:")
    assert roles.name.endswith(" [unknown-reference]")
    assert f":{line}:" in failure.message
    (passed,) = [c for c in cases if c.is_passed]
    assert "[unknown-section]" in (passed.system_out or "")


def test_junit_has_one_failure_per_problem(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "catalogue")
    roles = folder / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("title:", "titel:", 2).replace("levels:", "levles:", 1))
    json_report = json.loads(run(f"dsr-options validate {folder} -f json").stdout)
    result = run(f"dsr-options validate {folder} -f junit")
    suite, cases = _junit(result.stdout)
    problems = json_report["errors"]
    assert len(problems) >= 3
    assert suite.failures == len(problems) == len([c for c in cases if not c.is_passed])
    expected = [(p["line"], p["code"], p["message"]) for p in problems]
    found = [
        (int(c._elem.get("line")), c.result[0].type, c.result[0].message.split("] ", 1)[1])
        for c in cases
        if not c.is_passed
    ]
    assert found == expected
    assert {c._elem.get("file") for c in cases if not c.is_passed} == {str(roles)}


def test_junit_strict_makes_warnings_failures(run: Run, broken_dir: Path) -> None:
    result = run(f"dsr-options validate {broken_dir} -f junit --strict")
    suite, cases = _junit(result.stdout)
    assert (suite.tests, suite.failures) == (3, 3)
    assert sorted(c.result[0].type for c in cases) == [
        "ambiguous-number",
        "unknown-reference",
        "unknown-section",
    ]
    assert all(c.system_out is None for c in cases)


def test_junit_clean(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "ok")
    result = run(f"dsr-options validate {folder} -f junit")
    assert result.exit_code == 0, result
    suite = ET.fromstring(result.stdout)[0]
    assert (suite.attrib["tests"], suite.attrib["failures"]) == ("2", "0")


def test_junit_survives_control_characters() -> None:
    report = _report()
    report.diagnostics[0] = Diagnostic(
        "data/roles.yaml", 1, 1, Code.WRONG_TYPE, "bad \x1b[31m \x00"
    )
    ET.fromstring(ValidationView(report).junit())


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared is not checked out")
@pytest.mark.parametrize("broken", [True, False])
def test_sarif_is_valid_against_the_official_schema(
    run: Run, broken_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    import jsonschema

    folder = broken_dir if broken else write_catalogue(tmp_path / "ok")
    monkeypatch.chdir(folder.parent)
    result = run(f"dsr-options validate {folder.name} -f sarif")
    assert result.exit_code == (1 if broken else 0), result
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    _check_sarif(log, broken)


def _check_sarif(log: dict[str, Any], broken: bool) -> None:
    (run_,) = log["runs"]
    assert log["version"] == "2.1.0"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    results = run_["results"]
    if not broken:
        assert results == []
        return
    assert [r["ruleId"] for r in results] == [
        "ambiguous-number",
        "unknown-section",
        "unknown-reference",
    ]
    first = results[2]
    assert first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "unknown-reference"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "catalogue/roles.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] > 1
    assert location["region"]["startColumn"] == 13
    assert results[1]["level"] == "warning"


def test_sarif_structure_without_the_schema(
    run: Run, broken_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_dir.parent)
    result = run(f"dsr-options validate {broken_dir.name} -f sarif")
    _check_sarif(json.loads(result.stdout), True)


def test_sarif_file_level_problem_has_no_region() -> None:
    log = json.loads(ValidationView(_report()).sarif())
    encoding = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "encoding")
    assert "region" not in encoding["locations"][0]["physicalLocation"]


def test_an_unwritable_step_summary_is_a_warning(
    run: Run, broken_dir: Path, tmp_path: Path
) -> None:
    result = run(
        f"dsr-options validate {broken_dir} -f github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)}
    )
    assert result.exit_code == 1, result
    assert result.stderr.startswith("dsr-options: warning: cannot write $GITHUB_STEP_SUMMARY")
    assert result.stdout.startswith("::error ")


def test_validate_in_a_real_process(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "catalogue")
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text().replace("  title: Role number 1", "  title: no"))
    done = subprocess.run(
        [sys.executable, "-m", "dsr_options", "validate", str(folder), "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DSR_OPTIONS_DATA": ""},
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["errors"][0]["code"] == "ambiguous-boolean"
