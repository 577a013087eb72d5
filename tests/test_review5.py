"""Review 5 of `dsr-options validate`: each finding, with its exact message and line:col."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dsr_options.checker import Report
from dsr_options.errors import Diagnostic
from dsr_options.render.report import report_github, report_junit, report_text

FORGED = "titel\nroles.yaml:1:1: error [forged] line\n"


def _forging_report() -> Report:
    path = "data/\x1b[31mroles.yaml"
    return Report(
        files=[path],
        diagnostics=[Diagnostic(path, 2, 3, "unknown-field", f"'{FORGED}' is not a field")],
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
    assert case.get("name") == case.get("file") == "data/\\x1b[31mroles.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert "\n" not in (failure.get("message") or "")


def test_many_diagnostics_split_each_file_once() -> None:
    """40k diagnostics on one file (re-splitting the text per diagnostic took 38 s)."""
    text = "\n".join(f"k{i}: v" for i in range(40_000)) + "\n"
    diagnostics = [Diagnostic("r.yaml", i + 1, 1, "unknown-field", "x") for i in range(40_000)]
    report = Report(files=["r.yaml"], diagnostics=diagnostics, texts={"r.yaml": text})
    out = report_text(report)
    assert out.count("\n") == 40_000 * 3 + 1
    assert out.splitlines()[-4:-1] == [
        "r.yaml:40000:1: error [unknown-field] x",
        "    k39999: v",
        "    ^",
    ]
