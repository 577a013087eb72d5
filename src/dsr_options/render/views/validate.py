"""The ``validate`` report in every format: text, JSON, GitHub annotations, JUnit XML, SARIF.

Each renderer is a plain function of a :class:`~dsr_options.validate.run.Report` returning text;
none goes through a rich console, so nothing is wrapped or coloured.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dsr_options._version import __version__
from dsr_options.diagnostics import CODES, Diagnostic, Severity
from dsr_options.render.formats import write_json, write_markdown_table
from dsr_options.render.safe import visible, visible_inline
from dsr_options.render.views.diagnostics import diagnostic_blocks, source_excerpt, summary_line

if TYPE_CHECKING:
    from dsr_options.validate.run import Report

JSON_FIELDS = (
    "file",
    "line",
    "column",
    "code",
    "severity",
    "message",
    "path",
    "after_syntax_error",
)
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class ValidationView:
    """The ``validate`` report, in every ``ReportFormat`` (see ``render.render``)."""

    report: Report

    def data(self) -> dict[str, Any]:
        return report_data(self.report)

    def text(self) -> str:
        return report_text(self.report)

    def github(self) -> str:
        return report_github(self.report)

    def junit(self) -> str:
        return report_junit(self.report)

    def sarif(self) -> str:
        return report_sarif(self.report)


def status(report: Report) -> str:
    return "failed" if report.failed else "ok"


def summary(report: Report) -> str:
    """``checked 2 files: 1 error, 0 warnings`` (and a word on --strict when it matters)."""
    files = len(report.files)
    text = f"checked {files} file{'' if files == 1 else 's'}: "
    text += summary_line(len(report.errors), len(report.warnings))
    if report.warnings and not report.strict:
        text += " (warnings fail the run only with --strict)"
    elif report.warnings and not report.errors:
        text += " (--strict: warnings fail the run)"
    return text


# -- text -----------------------------------------------------------------------------------------


class _Lines(dict[str, list[str]]):
    """Each file's lines, split once on first use (splitting per diagnostic is quadratic)."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self._texts = report.texts

    def __missing__(self, file: str) -> list[str]:
        lines = self._texts.get(file, "").split("\n")
        self[file] = lines
        return lines


def report_text(report: Report) -> str:
    """Each problem as ``file:line:col: severity [code] message``, its line and a caret."""
    return "\n".join([*diagnostic_blocks(report.diagnostics, report.texts), summary(report)]) + "\n"


# -- json -----------------------------------------------------------------------------------------


def _json_item(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "file": diagnostic.file,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "path": list(diagnostic.path),
        "after_syntax_error": diagnostic.after_syntax_error,
    }


def report_data(report: Report) -> dict[str, Any]:
    """The stable envelope: status, files, errors and warnings (see the reference)."""
    return {
        "status": status(report),
        "strict": report.strict,
        "files": report.files,
        "errors": [_json_item(d) for d in report.errors],
        "warnings": [_json_item(d) for d in report.warnings],
    }


def report_json(report: Report) -> str:
    """``report_data`` as JSON text."""
    return write_json(report_data(report))


# -- GitHub workflow commands ---------------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(report: Report) -> str:
    """One ``::error`` or ``::warning`` annotation per problem, then the summary."""
    lines = []
    for diagnostic in report.diagnostics:
        command = "error" if diagnostic.severity is Severity.ERROR else "warning"
        # The file's own characters, escaped as the workflow commands require, so that file=
        # names the real file; only characters no terminal may see are written out.
        properties = [f"file={visible(escape_property(diagnostic.file))}"]
        if diagnostic.line:
            properties += [f"line={diagnostic.line}", f"col={diagnostic.column}"]
        properties.append(f"title={escape_property(f'dsr-options [{diagnostic.code}]')}")
        message = visible(escape_data(diagnostic.message))
        lines.append(f"::{command} {','.join(properties)}::{message}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def step_summary(report: Report) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: every problem, since annotations are capped."""
    mark = "❌" if report.failed else "✅"
    text = f"### {mark} dsr-options validate: {status(report)}\n\n{summary(report)}\n\n"
    if not report.diagnostics:
        return text
    columns = ["File", "Line", "Column", "Severity", "Code", "Message"]
    rows = [
        {
            "File": d.file,
            "Line": str(d.line),
            "Column": str(d.column),
            "Severity": d.severity.value,
            "Code": d.code,
            "Message": d.message,
        }
        for d in report.diagnostics
    ]
    return text + write_markdown_table(rows, columns) + "\n"


# -- JUnit XML ------------------------------------------------------------------------------------


def report_junit(report: Report) -> str:
    """A test case per problem, so ``failures`` counts the problems that fail the run.

    Each case names the file (``classname`` and ``file``), the line (``line``) and the code;
    a problem that fails the run is a ``<failure>`` with the whole diagnostic as its message
    and the source line as its text; a warning that does not (no ``--strict``) is a passing
    case with the warning as its output. A file with no problem is one passing case.
    """
    by_file: dict[str, list[Diagnostic]] = {name: [] for name in report.files}
    for diagnostic in report.diagnostics:
        by_file.setdefault(diagnostic.file, []).append(diagnostic)
    tests = sum(len(items) or 1 for items in by_file.values())
    failures = sum(1 for d in report.diagnostics if report.is_failure(d))
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    suites = ET.Element("testsuites", {"name": "dsr-options validate", **counts})
    suite = ET.SubElement(
        suites, "testsuite", {"name": "dsr-options validate", **counts, "skipped": "0"}
    )
    lines = _Lines(report)
    for name, items in by_file.items():
        shown = visible_inline(name)
        if not items:
            ET.SubElement(suite, "testcase", {"classname": shown, "name": shown, "file": shown})
            continue
        for diagnostic in items:
            attributes = {
                "classname": shown,
                "name": f"{visible_inline(diagnostic.location)} [{diagnostic.code}]",
                "file": shown,
            }
            if diagnostic.line:
                attributes["line"] = str(diagnostic.line)
            case = ET.SubElement(suite, "testcase", attributes)
            excerpt = source_excerpt(lines[diagnostic.file], diagnostic.line, diagnostic.column)
            message = visible_inline(diagnostic.format())
            if report.is_failure(diagnostic):
                failure = ET.SubElement(
                    case, "failure", {"type": diagnostic.code, "message": message}
                )
                failure.text = excerpt
            else:
                out = ET.SubElement(case, "system-out")
                out.text = message + (f"\n{excerpt}" if excerpt else "")
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# -- SARIF 2.1.0 ----------------------------------------------------------------------------------


def artifact_location(file: str) -> dict[str, str]:
    """A relative URI (against the checkout, ``%SRCROOT%``) when it can be, else a file URI."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    posix = PurePosixPath(*path.parts).as_posix()  # a name of invalid UTF-8: its own bytes
    return {"uri": quote(posix.encode("utf-8", "surrogateescape")), "uriBaseId": "%SRCROOT%"}


def report_sarif(report: Report) -> str:
    """A SARIF 2.1.0 log: one run, a rule per code, a result per problem."""
    codes = list(CODES.values())
    index = {code.value: number for number, code in enumerate(codes)}
    rules = [
        {
            "id": code.value,
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": code.severity.value},
        }
        for code in codes
    ]
    results = []
    for diagnostic in report.diagnostics:
        location: dict[str, Any] = {"artifactLocation": artifact_location(diagnostic.file)}
        if diagnostic.line:
            location["region"] = {
                "startLine": diagnostic.line,
                "startColumn": max(diagnostic.column, 1),
            }
        result: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "level": diagnostic.severity.value,
            "message": {"text": diagnostic.message},
            "locations": [{"physicalLocation": location}],
        }
        if diagnostic.code in index:
            result["ruleIndex"] = index[diagnostic.code]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dsr-options",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": artifact_location(name)} for name in report.files],
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }
    return write_json(log)
