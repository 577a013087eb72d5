"""The benchmark tools work: generated catalogues load clean, and the script runs (no timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import run as bench
from benchmarks.generate import ATTRIBUTES, redlines_yaml, roles_yaml, write_catalogue

from dsr_options import load_catalogue
from dsr_options.load.catalogue import load


@pytest.mark.parametrize(("roles", "redlines"), [(1, 1), (9, 1), (10, 1), (57, 5)])
def test_generated_catalogue_loads_clean_with_the_counts_asked(
    tmp_path: Path, roles: int, redlines: int
) -> None:
    folder = write_catalogue(tmp_path / "generated", roles, seed=3)
    catalogue = load_catalogue(folder)
    assert len(catalogue.roles) == roles
    assert len(catalogue.redlines) == redlines
    assert load(folder).diagnostics == []  # no warnings either
    declared = {name for name, _, _ in ATTRIBUTES}
    assert {decl.id for decl in catalogue.attributes} == declared
    assert all(set(role.attributes) == declared for role in catalogue.roles)
    assert all(len(role.evidence) >= 2 for role in catalogue.roles)
    assert [role.number for role in catalogue.roles] == list(range(1, roles + 1))


def test_generated_catalogue_varies_what_filters_and_rules_look_at(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path / "generated", 200))
    assert {len(role.levels) for role in catalogue.roles} == {1, 2, 3}
    assert {role.reception.stance.value for role in catalogue.roles} == {
        "support",
        "mixed",
        "skeptical",
    }
    assert len({lead.office for role in catalogue.roles for lead in role.leads}) > 5
    kinds = {type(redline.rule).__name__ for redline in catalogue.redlines}
    assert kinds == {"AttributeTest", "AllRule", "AnyRule", "NotRule"}
    assert {r.strictness.value for r in catalogue.redlines} == {"veto", "concern", "condition"}


def test_generated_catalogue_takes_a_redline_count(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path / "generated", 40, seed=2, redlines=7))
    assert (len(catalogue.roles), len(catalogue.redlines)) == (40, 7)


def test_generation_is_deterministic_for_a_seed() -> None:
    assert roles_yaml(30, seed=1) == roles_yaml(30, seed=1)
    assert redlines_yaml(30, seed=1) == redlines_yaml(30, seed=1)
    assert roles_yaml(30, seed=1) != roles_yaml(30, seed=2)


def test_generated_yaml_is_block_style_as_people_write_it() -> None:
    text = roles_yaml(5)
    assert "summary: >-\n" in text
    assert "{" not in text
    assert all(line.count("[") == 0 or line.endswith("value: []") for line in text.splitlines())


def test_generator_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.generate import main

    assert main(["--roles", "12", "--out", str(tmp_path / "out")]) == 0
    assert "12 roles, 1 redlines" in capsys.readouterr().out
    assert len(load_catalogue(tmp_path / "out").roles) == 12


def test_benchmark_script_runs_in_quick_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--quick", "--sizes", "5", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert "Start-up on the shipped catalogue (median of 1 runs)" in out
    assert "Scale on generated catalogues" in out
    for row in (
        "dsr-options --version",
        "dsr-options --help",
        "dsr-options list -f json",
        "dsr-options compare A B",
        "floor: compose (CSafeLoader)",
        "library load (catalogue.load)",
        "dsr-options validate",
        "dsr-options check",
    ):
        assert row in out, row
    assert "failed (exit" not in out
    assert " ms " in out


def test_negotiate_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import negotiate as bench_negotiate

    assert bench_negotiate.main(["--roles", "12", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert "| 12 |" in out
    assert "bound 3 changes" in out


def test_design_space_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.design_space import main

    assert main(["--delegations", "3", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("| shipped |") == 2
    assert out.count("| doubled |") == 2


def test_check_formats_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.check_formats import main

    assert main(["--roles", "40", "--repeats", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("check, rendered, CPU seconds")
    assert [line.split()[:3] for line in lines[2:]] == [
        ["40", "x", "1"],
        ["40", "x", "2"],
        ["40", "x", "4"],
    ]
    assert all("(1.00x)" in line for line in lines[2:])  # JSON, the floor


def test_growth_benchmark_runs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from benchmarks.growth import END, START, doc_section, main

    doc = tmp_path / "performance.md"
    doc.write_text(f"# Before\n{START}\nold figures\n{END}\n# After\n", encoding="utf-8")
    results = tmp_path / "growth.json"
    argv = ["--small", "3", "--large", "30", "--repeats", "1"]
    assert main([*argv, "--results", str(results), "--doc", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "Growth: 3 roles x 1 redlines against 30 x 3" in out
    for row in (
        "| floor: compose (CSafeLoader) |",
        "| validate |",
        "| list -f json |",
        "| check -f json |",
        "| negotiate -f json, 3 delegations |",
        "| diff, 1 % of values changed |",
        "| negotiate -f json, 10 delegations |",
        "| check (terminal table, COLUMNS=100), 1 and 12 roles x 10 redlines |",
        "Targets at 30 roles:",
        "- negotiate with 10 delegations under 60 s: ",
    ):
        assert row in out, row
    assert "exit " not in out  # every command ran and succeeded
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["command"] == "python -m benchmarks.growth " + " ".join(
        [*argv, "--results", str(results), "--doc", str(doc)]
    )
    assert data["sizes"] == [3, 30]
    assert set(data["results"][1]["validate"]) == {"wall", "cpu", "peak"}
    table = "check (terminal table, COLUMNS=100), 1 and 12 roles x 10 redlines"
    assert set(data["results"][1][table]) == {"wall", "cpu", "peak"}
    written = doc.read_text(encoding="utf-8")
    assert "old figures" not in written
    assert written == f"# Before\n{START}\n{doc_section(data)}\n{END}\n# After\n"


def test_performance_doc_growth_figures_come_from_the_results_file() -> None:
    """docs/performance.md's growth section is what the benchmark wrote from the committed
    results file, with the command that made it: regenerate, never edit by hand."""
    from benchmarks.growth import END, RESULTS, START, doc_section

    root = Path(__file__).resolve().parents[1]
    data = json.loads((root / RESULTS).read_text(encoding="utf-8"))
    text = (root / "docs" / "performance.md").read_text(encoding="utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0]
    assert section == f"\n{doc_section(data)}\n"
    assert f"Made by `{data['command']}`" in section
    assert data["command"].startswith("python -m benchmarks.growth ")


def test_diff_explode_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.diff_explode import main

    assert main(["--quick"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["input", "load", "(floor)", "diff", "diff"]
    assert [line.split()[0] for line in lines if not line.startswith(" ")][1:] == [
        "reworded",
        "causes",
    ]
    assert any(line.startswith("  bounded: diff's pairing of reworded texts") for line in lines)
