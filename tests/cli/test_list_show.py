"""`list`, `show` and `redlines` on catalogues the tests build."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.envelope import body, payload, yaml_payload
from tests.factory import redlines_document, role, roles_document, write_catalogue


@pytest.fixture
def varied(tmp_path: Path) -> Path:
    roles = [
        role(1, levels=("strategic",), dimensions=("political",), stance="support"),
        role(
            2,
            levels=("operational", "tactical"),
            dimensions=("technical",),
            stance="skeptical",
            lead="oma",
            title="Coordinate bilateral partners",
        ),
        role(
            3,
            levels=("strategic", "operational"),
            dimensions=("political", "technical"),
            stance="mixed",
            lead="orolsi",
        ),
    ]
    return write_catalogue(tmp_path / "varied", roles_document(roles), redlines_document())


def ids(result_stdout: str) -> list[str]:
    return [item["id"] for item in payload(result_stdout)]


def test_list_json_is_the_full_model_data(run: Run, varied: Path) -> None:
    result = run(f"dsr-options list --data {varied} -f json")
    assert result.exit_code == 0, result
    roles = payload(result.stdout)
    assert [r["id"] for r in roles] == ["role-1", "role-2", "role-3"]
    first = roles[0]
    assert first["attributes"]["standing_un_capacity"]["value"] is True
    assert first["attributes"]["delivered_by"]["value"] == ["un-secretariat"]
    assert first["evidence"][1] == {
        "quote": "against it",
        "source": "note",
        "section": "Findings",
        "stance": "opposes",
    }


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("--level strategic", ["role-1", "role-3"]),
        ("--level tactical --level strategic", ["role-1", "role-2", "role-3"]),
        ("-d technical", ["role-2", "role-3"]),
        ("--reception skeptical", ["role-2"]),
        ("--reception SUPPORT", ["role-1"]),
        ("--lead oma", ["role-2"]),
        ("--lead orolsi", ["role-1", "role-3"]),  # ssr-unit is part of orolsi
        ("--lead dpko", ["role-1", "role-2", "role-3"]),
        ("--lead ssr", ["role-1"]),  # a unique prefix
        ("--search 'BILATERAL partners'", ["role-2"]),
        ("--search 'bilateral nowhere'", []),
        ("--level strategic -d technical", ["role-3"]),
    ],
)
def test_list_filters(run: Run, varied: Path, options: str, expected: list[str]) -> None:
    result = run(f"dsr-options list --data {varied} -f json {options}")
    assert result.exit_code == 0, result
    assert ids(result.stdout) == expected


def test_list_unknown_office_says_did_you_mean(run: Run, varied: Path) -> None:
    result = run(f"dsr-options list --data {varied} --lead omma")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --lead: no office has the id 'omma'; did you mean 'oma'?\n"
    )


def test_list_bad_level_is_a_usage_error(run: Run, varied: Path) -> None:
    result = run(f"dsr-options list --data {varied} --level galactic")
    assert result.exit_code == 2, result
    assert "galactic" in result.stderr


def test_list_table(run: Run, varied: Path) -> None:
    result = run(f"dsr-options list --data {varied}", columns=100)
    assert result.exit_code == 0, result
    # The title may wrap inside its cell; every word of it is there.
    assert all(word in result.stdout for word in ("Coordinate", "bilateral", "partners"))
    assert "--firmness)" in result.stdout  # "not assessed (add --firmness)": not computed
    assert "skeptical" in result.stdout
    assert "\x1b" not in result.stdout


def test_list_csv_and_markdown(run: Run, varied: Path) -> None:
    result = run(f"dsr-options list --data {varied} -f csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["role-1", "role-2", "role-3"]
    assert rows[1]["levels"] == "operational, tactical"
    markdown = body(run(f"dsr-options list --data {varied} -f markdown").stdout)
    assert markdown.splitlines()[0] == (
        "| number | id | title | levels | dimensions | leads | reception | voices | verdict "
        "| firmness |"
    )
    assert "| 2 | role-2 | Coordinate bilateral partners | operational, tactical |" in markdown


def test_list_yaml_round_trips(run: Run, varied: Path) -> None:
    as_yaml = yaml_payload(run(f"dsr-options list --data {varied} -f yaml").stdout)
    as_json = payload(run(f"dsr-options list --data {varied} -f json").stdout)
    assert as_yaml == as_json


@pytest.mark.parametrize("reference", ["role-2", "2"])
def test_show_by_id_or_number(run: Run, varied: Path, reference: str) -> None:
    result = run(f"dsr-options show {reference} --data {varied} -f json")
    assert result.exit_code == 0, result
    assert payload(result.stdout)["title"] == "Coordinate bilateral partners"


def test_show_table_has_everything(run: Run, varied: Path) -> None:
    out = run(f"dsr-options show role-2 --data {varied}").stdout
    for expected in [
        "(2) Coordinate bilateral partners",
        "Attributes",
        "standing UN capacity: yes",
        "Office of Military Affairs",
        "A worry. [analysis]",
        "An open question? [note]",
        "“against it”",
    ]:
        assert expected in out


def test_show_ambiguous_prefix(run: Run, varied: Path) -> None:
    result = run(f"dsr-options show role --data {varied}")
    assert result.exit_code == 1, result
    assert "'role' matches more than one role: role-1, role-2, role-3" in result.stderr


def test_show_unknown_id(run: Run, varied: Path) -> None:
    result = run(f"dsr-options show rol-9 --data {varied}")
    assert result.exit_code == 1, result
    assert "no role has the id 'rol-9'; did you mean" in result.stderr
    assert result.stdout == ""


def test_redlines_json(run: Run, varied: Path) -> None:
    result = run(f"dsr-options redlines --data {varied} -f json")
    assert result.exit_code == 0, result
    (only,) = payload(result.stdout)
    assert only["rule"] == {"attribute": "standing_un_capacity", "equals": True}


def test_redlines_csv(run: Run, varied: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run(f"dsr-options redlines --data {varied} -f csv").stdout))
    )
    assert rows[0]["rule"] == "standing_un_capacity is true"
    assert rows[0]["holders"] == "Some member states"


def test_data_from_environment(run: Run, varied: Path) -> None:
    result = run("dsr-options list -f json", env={"DSR_OPTIONS_DATA": str(varied)})
    assert ids(result.stdout) == ["role-1", "role-2", "role-3"]


def test_missing_data_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run(f"dsr-options list --data {tmp_path / 'nowhere'}")
    assert result.exit_code == 2, result
    assert "does not exist" in result.stderr


def test_invalid_catalogue_reports_located_errors(run: Run, tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "bad")
    text = (folder / "roles.yaml").read_text().replace("levels:", "levle:", 1)
    (folder / "roles.yaml").write_text(text)
    result = run(f"dsr-options list --data {folder}")
    assert result.exit_code == 1, result
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "levle:" in t)
    # One mistake, one error: no 'missing-field levels' beside it.
    assert (
        f"roles.yaml:{line}:3: error [unknown-field] 'levle' is not a field of a role "
        "(did you mean 'levels'? a role needs 'levels', and it is missing)\n"
    ) in result.stderr
    assert "missing-field" not in result.stderr


def test_version_and_help(run: Run) -> None:
    from dsr_options._version import __version__

    assert run("dsr-options --version").stdout == f"dsr-options {__version__}\n"
    result = run("dsr-options --help")
    assert result.exit_code == 0
    for command in ("list", "show", "redlines"):
        assert command in result.stdout


def test_list_does_not_load_the_firmness_search() -> None:
    """`list` without --firmness imports neither the firmness search nor the readings: their
    modules cost start-up time on every run and `list` asks for neither (issue 28)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from dsr_options.cli.app import app\n"
        "try:\n"
        "    app(['list', '-f', 'json'], prog_name='dsr-options')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('dsr_options.analyses.')),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    loaded = done.stderr.strip().splitlines()[-1]
    assert "'dsr_options.analyses.evaluate'" in loaded  # the check that it ran at all
    assert "'dsr_options.analyses.firmness'" not in loaded
    assert "'dsr_options.analyses.readings'" not in loaded
