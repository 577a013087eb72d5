"""Finding roles: ids in any case, numbers, filter values and their errors, free-text search."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands import COMMANDS as EVERY_COMMAND
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import evidence, redlines_document, role, roles_document, write_catalogue


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    first = role(1, levels=("strategic",), stance="support")
    first["attributes"]["trigger"]["evidence"] = [evidence("acting vis-à-vis the partners")]
    second = role(2, levels=("tactical",), stance="mixed", lead="oma")
    second["concerns"][0]["evidence"] = [evidence("a Concern about Bilaterals", "opposes")]
    third = role(3, levels=("operational",), stance="skeptical", lead="dpko")
    third["reception"]["evidence"] = [evidence("nobody welcomed it", "opposes")]
    return write_catalogue(
        tmp_path / "queries", roles_document([first, second, third]), redlines_document()
    )


def ids(run: Run, catalogue: Path, options: str) -> list[str]:
    result = run(f"dsr-options list --data {catalogue} -f json {options}")
    assert result.exit_code == 0, result
    return [item["id"] for item in payload(result.stdout)]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("--level strategic,tactical", ["role-1", "role-2"]),
        ("--level STRATEGIC, --level operational", ["role-1", "role-3"]),
        ("-r mixed,skeptical", ["role-2", "role-3"]),
        ("-d political,technical", ["role-1", "role-2", "role-3"]),
        ("--lead oma,ssr", ["role-1", "role-2"]),
    ],
)
def test_filters_take_comma_separated_values(
    run: Run, catalogue: Path, options: str, expected: list[str]
) -> None:
    assert ids(run, catalogue, options) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "--level strategc",
            "--level: 'strategc' is not one of strategic, operational, tactical; "
            "did you mean 'strategic'?",
        ),
        (
            "--level strategic,tactcal",
            "--level: 'tactcal' is not one of strategic, operational, tactical; "
            "did you mean 'tactical'?",
        ),
        (
            "-d politcal",
            "--dimension: 'politcal' is not one of political, technical; did you mean 'political'?",
        ),
        (
            "--reception sceptical",
            "--reception: 'sceptical' is not one of support, mixed, skeptical, unrecorded; "
            "did you mean 'skeptical'?",
        ),
        ("--lead omma", "--lead: no office has the id 'omma'; did you mean 'oma'?"),
        (
            "--clear-of redlin-9",
            "--clear-of: no redline has the id 'redlin-9'; did you mean 'redline-1'?",
        ),
    ],
)
def test_unknown_filter_values_are_usage_errors(
    run: Run, catalogue: Path, options: str, message: str
) -> None:
    result = run(f"dsr-options list --data {catalogue} {options}")
    assert result.exit_code == 2, result
    assert result.stderr == f"dsr-options: error: {message}\n"
    assert result.stdout == ""


def test_a_bad_format_says_did_you_mean(run: Run, catalogue: Path) -> None:
    result = run(f"dsr-options list --data {catalogue} -f jsn")
    assert result.exit_code == 2, result
    assert (
        "Invalid value for '--format' / '-f': 'jsn' is not one of table, json, yaml, csv, excel-csv, "
        "markdown; did you mean 'json'?"
    ) in result.stderr
    assert "Value error" not in result.stderr


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("vis-à-vis", ["role-1"]),  # a quote on an attribute
        ("VIS-A-VIS", ["role-1"]),  # case and accents do not matter
        ("concern bilaterals", ["role-2"]),  # a quote on a concern
        ("nobody welcomed", ["role-3"]),  # a quote on the reception
        ("ssr-unit", ["role-1"]),  # a lead office id
        ("military affairs", ["role-2"]),  # a lead office name
        ("national-request", ["role-1", "role-2", "role-3"]),  # an attribute value
        ("tactical", ["role-2"]),  # a level
        ("received well", ["role-1", "role-2"]),  # role-3 has its own reception quote
        ("nowhere", []),
    ],
)
def test_search_reads_every_text_of_a_role(
    run: Run, catalogue: Path, words: str, expected: list[str]
) -> None:
    assert ids(run, catalogue, f"--search '{words}'") == expected


@pytest.mark.parametrize("reference", ["ROLE-2", "Role-2", "ROLE-2 ", "2"])
def test_show_finds_a_role_in_any_case(run: Run, catalogue: Path, reference: str) -> None:
    result = run(["dsr-options", "show", reference, "--data", str(catalogue), "-f", "json"])
    assert result.exit_code == 0, result
    assert payload(result.stdout)["id"] == "role-2"


def test_show_an_unknown_number(run: Run, catalogue: Path) -> None:
    result = run(f"dsr-options show 5 --data {catalogue}")
    assert result.exit_code == 1, result
    assert result.stderr == (
        "dsr-options: error: no role is numbered 5 (roles are numbered 1\u20133)\n"
    )


def test_compare_resolves_roles_as_show_does(run: Run, catalogue: Path) -> None:
    result = run(f"dsr-options compare ROLE-1 3 --data {catalogue} -f json")
    assert result.exit_code == 0, result
    assert payload(result.stdout)["roles"] == ["role-1", "role-3"]
    result = run(f"dsr-options compare 1 9 --data {catalogue}")
    assert result.exit_code == 1, result
    assert result.stderr == (
        "dsr-options: error: no role is numbered 9 (roles are numbered 1\u20133)\n"
    )


def test_numbering_with_gaps(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "gaps", roles_document([role(1), role(2), role(5)]))
    result = run(f"dsr-options show 4 --data {folder}")
    assert (
        result.stderr == "dsr-options: error: no role is numbered 4 (roles are numbered 1, 2, 5)\n"
    )


COMMANDS = ["", *EVERY_COMMAND]  # "" is the app itself


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_plain_placeholders(run: Run, command: str) -> None:
    result = run(f"dsr-options {command} --help", columns=80)
    assert result.exit_code == 0, result
    for leak in ("list[", "<str>", "<path>", "<Path>", "<bool>", "{role}", "{ROLE}", "<table|"):
        assert leak not in result.stdout, (command, leak)
    assert "..." not in result.stdout.replace("ROLE...", "").replace("[PATH]...", "").replace(
        "ID[,ID...]", ""
    ).replace("[ARGS]...", "")


def test_top_level_help_lists_whole_descriptions(run: Run) -> None:
    result = run("dsr-options --help", columns=80)
    commands = result.stdout.split("Commands:\n", 1)[1]
    assert commands == (
        "  list          List the candidate roles, optionally filtered.\n"
        "  show          Show everything about one role, evidence included.\n"
        "  redlines      List the redlines that bound any UN role.\n"
        "  attributes    List the attributes a rule can test, with each role's value.\n"
        "  check         Check every role against every redline.\n"
        "  agree         Evidence for and against each role, and who objects.\n"
        "  negotiate     Each holder's verdicts, and the fewest changes all accept.\n"
        "  brief         A brief to circulate: Markdown, HTML or Word.\n"
        "  compare       Compare roles side by side, differences marked.\n"
        "  scenarios     Each role's verdict under each scenario, side by side.\n"
        "  offices       The UN offices in their hierarchy, and what each could lead.\n"
        "  diff          What changed between two versions, and why.\n"
        "  sources       The meeting note: who met, on what terms, what it concluded.\n"
        "  new-redlines  Write a starting redline file for a delegation.\n"
        "  validate      Check catalogue files; each problem at file:line:col.\n"
        "  schema        Print the JSON Schema of a catalogue file.\n"
    )


def test_list_help_examples_are_not_rewrapped(run: Run) -> None:
    result = run("dsr-options list --help", columns=60)
    assert (
        "  Examples:\n\n"
        "    dsr-options list\n"
        "    dsr-options list --level strategic,operational --reception support\n"
    ) in result.stdout
    assert "-\ncompetency" not in result.stdout
