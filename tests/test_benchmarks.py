"""The benchmark tools work: generated catalogues load clean, and the script runs (no timings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks import run as bench
from benchmarks.generate import ATTRIBUTES, redlines_yaml, roles_yaml, write_catalogue
from benchmarks.results import (
    SECTIONS,
    markers,
    renderer,
    replace_section,
    results_file,
    section_names,
)

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
    assert "Start-up on the shipped catalogue: whole processes" in out
    assert "median of 1 runs" in out
    assert "Scale on generated catalogues (N roles, N/10 redlines)" in out
    for row in (
        "| dsr-options --version |",
        "| dsr-options --help |",
        "| dsr-options list -f json |",
        "| dsr-options check |",
        "| dsr-options compare A B |",
        "| floor: compose (CSafeLoader) |",
        "| library load (catalogue.load) |",
        "| dsr-options validate |",
        "| dsr-options check -f json |",
    ):
        assert row in out, row
    assert "| exit " not in out
    assert " ms (least " in out
    assert "load average as it began: " in out


def _doc(tmp_path: Path, *names: str) -> Path:
    doc = tmp_path / "performance.md"
    marked = [f"{start}\nold figures\n{end}" for start, end in map(markers, names)]
    doc.write_text("# Before\n" + "\n".join(marked) + "\n# After\n", encoding="utf-8")
    return doc


def _written(doc: Path, results: Path, name: str, module: str, argv: list[str]) -> dict[str, Any]:
    """The results file a benchmark wrote, checked against the doc section it rewrote."""
    data: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    assert data["command"] == f"python -m benchmarks.{module} " + " ".join(argv)
    assert {"date", "python", "cpus", "load_average", "load_average_began"} <= set(data)
    text = doc.read_text(encoding="utf-8")
    assert "old figures" not in text.split(markers(name)[0], 1)[1].split(markers(name)[1])[0]
    assert f"{markers(name)[0]}\n{renderer(name)(data)}\n{markers(name)[1]}" in text
    assert text.startswith("# Before\n")
    assert text.endswith("# After\n")
    return data


def test_run_writes_each_part_to_its_results_file_and_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc(tmp_path, "startup", "scale")
    for part, skip in (("startup", "--skip-scale"), ("scale", "--skip-startup")):
        results = tmp_path / f"{part}.json"
        argv = ["--quick", "--sizes", "5", "--repeats", "1", skip]
        argv += ["--results", str(results), "--doc", str(doc)]
        assert bench.main(argv) == 0
        data = _written(doc, results, part, "run", argv)
        assert set(data) & {"startup", "scale"} == {part}
    capsys.readouterr()
    data = json.loads((tmp_path / "scale.json").read_text(encoding="utf-8"))
    assert set(data["scale"]["sizes"][0]["rows"]["dsr-options validate"]) == {
        "wall",
        "cpu",
        "cpu_min",
        "peak_mib",
    }


def test_run_keeps_one_part_a_results_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        bench.main(["--quick", "--results", "x.json"])
    assert "give --skip-startup or --skip-scale" in capsys.readouterr().err


def test_negotiate_benchmark_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import negotiate as bench_negotiate

    doc, results = _doc(tmp_path, "negotiate"), tmp_path / "negotiate.json"
    argv = ["--roles", "12", "--repeats", "1", "--results", str(results), "--doc", str(doc)]
    assert bench_negotiate.main(argv) == 0
    out = capsys.readouterr().out
    assert "| 12 |" in out
    assert "bound 3 changes" in out
    data = _written(doc, results, "negotiate", "negotiate", argv)
    assert [row["roles"] for row in data["rows"]] == [12]


def test_firmness_benchmark_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.firmness import main

    doc, results = _doc(tmp_path, "firmness"), tmp_path / "firmness.json"
    argv = ["--sizes", "20", "--bound", "1", "--repeats", "1"]
    argv += ["--results", str(results), "--doc", str(doc)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "On the shipped catalogue, a whole `check -f json` process" in out
    assert "| 20 | 2 | " in out
    data = _written(doc, results, "firmness", "firmness", argv)
    assert data["bounds"] == [1]
    assert data["whole"]["repeats"] == 11


def test_design_space_benchmark_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.design_space import main

    doc, results = _doc(tmp_path, "design-space"), tmp_path / "design-space.json"
    argv = ["--delegations", "10", "--repeats", "1", "--results", str(results), "--doc", str(doc)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("| shipped |") == 2
    assert out.count("| doubled |") == 2
    data = _written(doc, results, "design-space", "design_space", argv)
    assert len(data["rows"]) == 4
    assert "**The target** (shipped vocabulary, 10 delegations that mostly agree" in out


def test_design_space_sat_benchmark_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pysat", reason="python-sat is not a dependency of the tool")
    from benchmarks.design_space_sat import main

    doc, results = _doc(tmp_path, "design-space-sat"), tmp_path / "sat.json"
    argv = ["--delegations", "3", "--seconds", "5", "--results", str(results)]
    argv += ["--doc", str(doc)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("| shipped |") == 2
    data = _written(doc, results, "design-space-sat", "design_space_sat", argv)
    assert {row["same"] for row in data["rows"]} <= {"yes", "-"}


def test_check_formats_script_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.check_formats import main

    doc, results = _doc(tmp_path, "check-formats"), tmp_path / "formats.json"
    argv = ["--roles", "40", "--repeats", "1", "--results", str(results), "--doc", str(doc)]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("check, rendered, CPU seconds")
    assert [line.split()[:3] for line in lines[3:6]] == [
        ["40", "x", "1"],
        ["40", "x", "2"],
        ["40", "x", "4"],
    ]
    assert all("(1.00x)" in line for line in lines[3:6])  # JSON, the floor
    data = _written(doc, results, "check-formats", "check_formats", argv)
    assert [row["redlines"] for row in data["rows"]] == [1, 2, 4]
    assert "| 40 x 4 | " in doc.read_text(encoding="utf-8")


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


def test_performance_doc_figures_come_from_the_results_files() -> None:
    """Every marked section of docs/performance.md is what its benchmark wrote from its
    committed results file, with the command that made it: regenerate, never edit by hand."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "performance.md").read_text(encoding="utf-8")
    names = section_names(text)
    assert set(names) == set(SECTIONS), "each section of SECTIONS once in the doc"
    assert len(names) == len(set(names))
    for name in names:
        path = root / results_file(name)
        assert path.is_file(), f"section {name} has no results file {results_file(name)}"
        data = json.loads(path.read_text(encoding="utf-8"))
        start, end = markers(name)
        section = text.split(start, 1)[1].split(end, 1)[0]
        assert section == f"\n{renderer(name)(data)}\n", f"section {name} is not its results'"
        assert f"Made by `{data['command']}`" in section
        assert data["command"].startswith("python -m benchmarks.")


def test_a_doc_without_a_sections_markers_is_refused() -> None:
    with pytest.raises(SystemExit, match="no <!-- scale:start -->"):
        replace_section("# Nothing marked\n", "scale", "figures")


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
