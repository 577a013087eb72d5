"""Inputs built to explode every search, and each command timed on them at its defaults.

Each input is small to write and costly to search without a budget:

- ``readings``: roles whose analysis values each declare another reading, against redlines held
  with confidence ``reported`` (every combination of readings and positions is 3**P x 2**R);
- ``analysis``: many analysis values of many values each, for ``--vary analysis --bound 4``;
- ``options``: many packages of many members each, and many variants;
- ``source``: a source text of megabytes built to defeat substring search (one word repeated,
  a heading on every other line), and quotes that occur everywhere or almost;
- ``scenarios``: a scenario file of tens of thousands of scenarios.

Every command must finish in a few seconds at its defaults, saying "bounded: ..." where a budget
stopped it. The floor is ``dsr-options --version`` measured in the same run; the table gives each
command's wall time, its CPU time (user and system: what a machine shared with other work does
not inflate) and the CPU time's ratio to the floor's::

    python -m benchmarks.explode                 # the sizes the issue reported
    python -m benchmarks.explode --scale 0.1     # smaller inputs, for a quick look

The tests build small versions of the same inputs (``tests/cli/test_budgets.py``).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SOURCE_ID = "note"
SECTION = "Findings"
HEADING = "Heading"
PYTHON = sys.executable


def _evidence(quote: str = "a short quote", section: str = SECTION) -> dict[str, Any]:
    return {"quote": quote, "source": SOURCE_ID, "section": section, "stance": "supports"}


def _source(sections: Sequence[str] = (SECTION,)) -> dict[str, Any]:
    return {
        "id": SOURCE_ID,
        "title": "A generated note",
        "date": "2020-01-02",
        "organisers": ["A generator"],
        "sections": list(sections),
    }


def _attributes(booleans: int, choices: int = 0, values: int = 4) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {"id": f"b{i}", "type": "boolean", "description": f"Boolean {i}.", "combine": "any"}
        for i in range(booleans)
    ]
    found += [
        {
            "id": f"c{i}",
            "type": "choice",
            "description": f"Choice {i}.",
            "values": [{"id": f"v{j}", "description": f"Value {j}."} for j in range(values)],
        }
        for i in range(choices)
    ]
    return found


def _role(
    index: int,
    booleans: int,
    *,
    readings: int = 0,
    choices: int = 0,
    quote: str = "a short quote",
    section: str = SECTION,
) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for i in range(booleans):
        value: dict[str, Any] = {"value": (index + i) % 2 == 0, "basis": "analysis"}
        if i < readings:
            value["alternatives"] = [{"value": (index + i) % 2 != 0, "note": "Read otherwise."}]
        attributes[f"b{i}"] = value
    for i in range(choices):
        attributes[f"c{i}"] = {"value": f"v{(index + i) % 2}", "basis": "analysis"}
    return {
        "id": f"role-{index}",
        "number": index,
        "title": f"Role number {index}",
        "summary": f"What role {index} does.",
        "levels": ["strategic"],
        "dimensions": ["political"],
        "attributes": attributes,
        "leads": [{"office": "unit", "rationale": "It holds the portfolio.", "basis": "analysis"}],
        "reception": {
            "stance": "support",
            "voices": "several",
            "summary": "How it was received.",
            "evidence": [_evidence(quote, section)],
        },
        "evidence": [_evidence(quote, section), _evidence(quote, section)],
    }


def _redline(index: int, rule: dict[str, Any], *, reported: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": f"redline-{index}",
        "title": f"Redline {index}",
        "statement": f"What redline {index} forbids.",
        "origin": "participants",
        "holders": ["members"],
        "strictness": "veto",
        "rule": rule,
        "evidence": [_evidence()],
    }
    if reported:
        found["confidence"] = {"level": "reported", "note": "Someone reports it."}
    return found


def _dump(data: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True))


def write_catalogue(
    folder: Path,
    roles: Sequence[dict[str, Any]],
    redlines: Sequence[dict[str, Any]],
    attributes: list[dict[str, Any]],
    *,
    sections: Sequence[str] = (SECTION,),
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write ``roles.yaml`` and ``redlines.yaml`` into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    document = {
        "schema_version": 1,
        "sources": [_source(sections)],
        "attributes": attributes,
        "offices": [{"id": "unit", "name": "A unit"}],
        "roles": list(roles),
        **(extra or {}),
    }
    (folder / "roles.yaml").write_text(_dump(document), encoding="utf-8")
    lines = {
        "schema_version": 1,
        "sources": [_source(sections)],
        "holders": [{"id": "members", "name": "Some member states"}],
        "redlines": list(redlines),
    }
    (folder / "redlines.yaml").write_text(_dump(lines), encoding="utf-8")
    return folder


def readings(folder: Path, roles: int = 20, doubts: int = 16, positions: int = 8) -> Path:
    """Roles with ``doubts`` analysis values that declare another reading each, and
    ``positions`` of the redlines held with confidence reported."""
    redlines = [
        _redline(i, {"attribute": f"b{i}", "equals": True}, reported=i < positions)
        for i in range(max(doubts, positions))
    ]
    return write_catalogue(
        folder,
        [_role(i, max(doubts, positions), readings=doubts) for i in range(1, roles + 1)],
        redlines,
        _attributes(max(doubts, positions)),
    )


def analysis(folder: Path, roles: int = 20, attributes: int = 36) -> Path:
    """Roles of ``attributes`` choice values (four values each) against redlines that each need
    five of them changed: ``--vary analysis --bound 4`` finds nothing, so it tries every set of
    up to four changes, C(36, 4) x 3**4 of them per role."""
    redlines = [
        _redline(
            i,
            {"all": [{"attribute": f"c{(i + k) % attributes}", "equals": "v3"} for k in range(5)]},
        )
        for i in range(attributes)
    ]
    return write_catalogue(
        folder,
        [_role(i, 0, choices=attributes) for i in range(1, roles + 1)],
        redlines,
        _attributes(0, attributes),
    )


def options(folder: Path, roles: int = 1000, packages: int = 1000, variants: int = 1000) -> Path:
    """``packages`` packages of every role, and ``variants`` variants of the first."""
    extra = {
        "variants": [
            {
                "id": f"variant-{i}",
                "title": f"Variant {i}",
                "base": "role-1",
                "changes": {f"b{j}": bool((i + j) % 2) for j in range(8)},
            }
            for i in range(variants)
        ],
        "packages": [
            {
                "id": f"package-{i}",
                "title": f"Package {i}",
                "members": [f"role-{j}" for j in range(1, roles + 1)],
            }
            for i in range(packages)
        ],
    }
    redlines = [_redline(i, {"attribute": f"b{i}", "equals": True}) for i in range(8)]
    return write_catalogue(
        folder,
        [_role(i, 8) for i in range(1, roles + 1)],
        redlines,
        _attributes(8),
        extra=extra,
    )


def source(folder: Path, megabytes: float = 1.0, quotes: int = 200) -> tuple[Path, Path]:
    """A source text of one word repeated and a heading on every other line, and a catalogue
    whose quotes occur everywhere (``word word``), almost (``word ... missing``), or elided
    across the whole text; returns the catalogue folder and the source file."""
    line = " ".join(["word"] * 15)
    count = max(2, int(megabytes * 1_000_000) // (len(line) + len(HEADING) + 2))
    text = "\n".join(f"{HEADING}\n{line}" for _ in range(count)) + "\n"
    path = folder / "note.txt"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    kinds = ("word word", "word ... missing", "word ... word ... word", "word word missing")
    roles = [
        _role(i, 1, quote=kinds[i % len(kinds)], section=HEADING) for i in range(1, quotes // 3 + 2)
    ]
    catalogue = write_catalogue(
        folder / "data",
        roles,
        [_redline(0, {"attribute": "b0", "equals": True})],
        _attributes(1),
        sections=(SECTION, HEADING),
    )
    return catalogue, path


def scenarios(folder: Path, count: int = 20_000) -> tuple[Path, Path]:
    """A small catalogue and a scenario file of ``count`` scenarios."""
    catalogue = write_catalogue(
        folder / "data",
        [_role(i, 8) for i in range(1, 5)],
        [_redline(i, {"attribute": f"b{i}", "equals": True}) for i in range(8)],
        _attributes(8),
    )
    document = {
        "schema_version": 1,
        "scenarios": [
            {
                "id": f"scenario-{i}",
                "title": f"Scenario {i}",
                "every_role": {f"b{i % 8}": bool(i % 2)},
            }
            for i in range(count)
        ],
    }
    path = folder / "scenarios.yaml"
    path.write_text(_dump(document), encoding="utf-8")
    return catalogue, path


def cases(root: Path, scale: float = 1.0) -> list[tuple[str, list[str]]]:
    """Each hostile input written under ``root``, with the command lines run on it."""

    def n(value: int) -> int:
        return max(2, int(value * scale))

    found: list[tuple[str, list[str]]] = []
    data = str(readings(root / "readings", roles=n(20)))
    found += [
        ("readings: check", ["check", "--data", data, "-f", "json"]),
        ("readings: agree", ["agree", "--data", data, "-f", "json"]),
    ]
    data = str(analysis(root / "analysis", roles=n(20)))
    found += [
        (
            "analysis: check --bound 4",
            ["check", "--data", data, "--vary", "analysis", "--bound", "4", "-f", "json"],
        ),
    ]
    data = str(options(root / "options", roles=n(1000), packages=n(1000), variants=n(1000)))
    found += [
        ("options: list", ["list", "--data", data, "-f", "json"]),
        ("options: validate", ["validate", data]),
    ]
    folder, text = source(root / "source", megabytes=1.0 * scale)
    found += [("source: validate --source", ["validate", str(folder), "--source", str(text)])]
    folder, file = scenarios(root / "scenarios", count=n(20_000))
    found += [("scenarios", ["scenarios", str(file), "--data", str(folder), "-f", "json"])]
    return found


def _time(argv: Sequence[str]) -> tuple[float, float, int, str]:
    """Wall and CPU seconds (the child's user and system time: what a loaded machine does not
    inflate), the exit code, and the first line that says "bounded"."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-m", "dsr_options", *argv], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    said = next((ln for ln in (done.stdout + done.stderr).splitlines() if "bounded" in ln), "")
    return wall, cpu, done.returncode, said.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="size of the inputs (1.0)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the floor (3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        runs = cases(Path(tmp), args.scale)
        floors = [_time(["--version"]) for _ in range(args.repeats)]
        wall = statistics.median(f[0] for f in floors)
        cpu = statistics.median(f[1] for f in floors)
        print(
            f"{'input: command':34} {'wall s':>7} {'cpu s':>7} {'cpu x floor':>11}  exit  bounded"
        )
        print(f"{'floor: dsr-options --version':34} {wall:7.2f} {cpu:7.2f} {1.0:11.1f}")
        for name, command in runs:
            seconds, used, code, said = _time(command)
            ratio = used / cpu if cpu else float("nan")
            print(f"{name:34} {seconds:7.2f} {used:7.2f} {ratio:11.1f}  {code:4}  {said[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
