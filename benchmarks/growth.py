"""How each command's cost grows for 10x the data, next to the parsing floor, in one run.

Generates catalogues of N and 10N roles (N/10 and N redlines, :mod:`benchmarks.generate`) and
ten delegations' redline files (:func:`benchmarks.negotiate.delegations`), then times whole
processes (a fresh interpreter each run, median of ``--repeats``, in interleaved rounds):
``validate``, ``list -f json``, ``check -f json``, ``negotiate -f json`` with three and with ten
delegations, ``diff`` against a copy with 1 % of the values changed and ``check``'s terminal
table (on catalogues of their own: :func:`table_sizes`), next to the floor,
``yaml.compose`` (CSafeLoader) of the same files with the garbage collector off, as the tool
runs it, and ``check-jsonschema`` on the same files against ``schemas/`` (when installed; it is
not a dependency). It prints, per command, the time at each size, the growth factor for 10x the
data (linear work grows about 10x), the ratios to the floor and the issue's targets::

    python -m benchmarks.growth                          # N = 500 and 5,000 (a couple of minutes)
    python -m benchmarks.growth --small 1000 --large 10000
    python -m benchmarks.growth --small 200 --large 2000 --repeats 1 \\
        --results benchmarks/results/growth.json --doc docs/performance.md

Each run is measured by the operating system (``os.wait4``): wall time, CPU time (user and
system: steadier than wall time on a shared machine, so growth and ratios use it) and peak
memory (the maximum resident set). A command that fails or refuses is shown with its exit code
and the last line it wrote on stderr. ``--results`` writes every figure with the command line
that made it; ``--doc`` regenerates the section of docs/performance.md between its ``growth``
markers from them (``tests/test_benchmarks.py`` checks the committed doc against the committed
results file).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.diff import flip_values
from benchmarks.generate import redline_count, write_catalogue
from benchmarks.negotiate import delegations
from benchmarks.results import add_options, header, load_average, run_data, save
from dsr_options.cli.limits import MAX_READING_PAIRS

PYTHON = sys.executable
DELEGATIONS = 3
MANY = 10
"""Delegations in the second ``negotiate`` run."""
FLOOR = (
    "import gc, sys, yaml\n"
    "from pathlib import Path\n"
    "gc.disable()  # as the tool runs: dsr_options.cli.app.main\n"
    "for name in sys.argv[1:]:\n"
    "    text = Path(name).read_bytes().decode('utf-8-sig')\n"
    "    yaml.compose(text, Loader=yaml.CSafeLoader)\n"
)
FLOOR_NAME = "floor: compose (CSafeLoader)"
SCHEMA_NAME = "check-jsonschema (both files)"
CLI = "from dsr_options.cli.app import main; main()"
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
TABLE_REDLINES = 10
"""Redlines in the catalogues of the ``check`` table row, the same at both sizes."""
TABLE_NAME = "check (terminal table, COLUMNS=100)"
"""How the ``check`` table row's name begins (it is measured on catalogues of its own, so it
has no ratio to the floor)."""
START, END = "<!-- growth:start -->", "<!-- growth:end -->"


def delegation_files(folder: Path, count: int = DELEGATIONS) -> list[Path]:
    """Write ``count`` delegations' redline files (10 redlines each) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    holders, redlines = delegations()
    files = []
    for holder in holders[:count]:
        own = [r for r in redlines if holder.id in r.holders]
        data: dict[str, Any] = {
            "schema_version": 1,
            "holders": [holder.model_dump(mode="json", exclude_defaults=True)],
            "redlines": [r.model_dump(mode="json", exclude_defaults=True) for r in own],
        }
        path = folder / f"{holder.id}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def changed_copy(data: Path, size: int) -> Path:
    """A copy of the catalogue of ``size`` roles in ``data`` with 1 % of its values changed
    (what ``diff`` compares it with), beside it."""
    changed = write_catalogue(data.with_name(f"{data.name}-changed"), size, seed=1)
    flip_values(changed, 0.01, seed=1)
    return changed


def table_sizes(small: int, large: int) -> tuple[int, int]:
    """Roles in the catalogues on which ``check``'s terminal table is measured: 2/5 of the
    sizes (400 and 4,000 for 1,000 and 10,000), with :data:`TABLE_REDLINES` redlines at both,
    so that the larger stays within the limit of pairs a table lays out for reading."""
    most = max(1, min(large * 2 // 5, MAX_READING_PAIRS // TABLE_REDLINES))
    return max(1, round(most * small / large)), most


def table_row(small: int, large: int) -> str:
    """The name of the ``check`` table row, with the sizes it was measured at."""
    lo, hi = table_sizes(small, large)
    return f"{TABLE_NAME}, {lo:,} and {hi:,} roles x {TABLE_REDLINES} redlines"


def _negotiate(cli: list[str], data: Path, files: Sequence[Path]) -> list[str]:
    named = [arg for path in files for arg in ("--redlines", str(path))]
    return [*cli, "negotiate", "-f", "json", "--data", str(data), *named]


def commands(
    data: Path, files: Sequence[Path], table: tuple[str, Path] | None = None
) -> dict[str, list[str]]:
    """The command lines measured for the catalogue in ``data`` (name -> argv); ``diff``
    compares it with its :func:`changed_copy`, when there is one. ``negotiate`` takes the
    first three of the delegations' ``files``, then (when there are more) all of them.
    ``table`` (a row name and a catalogue) adds ``check``'s terminal table on that catalogue."""
    cli = [PYTHON, "-c", CLI]
    lines = {
        FLOOR_NAME: [PYTHON, "-c", FLOOR, str(data / "roles.yaml"), str(data / "redlines.yaml")],
        "validate": [*cli, "validate", "--data", str(data)],
        "list -f json": [*cli, "list", "-f", "json", "--data", str(data)],
        "check -f json": [*cli, "check", "-f", "json", "--data", str(data)],
        f"negotiate -f json, {DELEGATIONS} delegations": _negotiate(cli, data, files[:DELEGATIONS]),
        "diff, 1 % of values changed": [
            *cli,
            "diff",
            str(data.resolve()),
            str(data.with_name(f"{data.name}-changed").resolve()),
        ],
    }
    if table is not None:
        lines[table[0]] = [*cli, "check", "--data", str(table[1])]
    if len(files) > DELEGATIONS:
        lines[f"negotiate -f json, {len(files)} delegations"] = _negotiate(cli, data, files)
    tool = shutil.which("check-jsonschema")
    if tool is not None:
        each = [
            f"{tool} --schemafile {SCHEMAS / kind}.schema.json {data / kind}.yaml"
            for kind in ("roles", "redlines")
        ]
        lines[SCHEMA_NAME] = ["sh", "-c", " && ".join(each)]
    return lines


class Measured(NamedTuple):
    """One command's run, or the medians of several: seconds, CPU seconds, peak MiB."""

    wall: float
    cpu: float
    peak: float


def _run(argv: Sequence[str], env: dict[str, str]) -> Measured | str:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        spent = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            said = err.read().decode("utf-8", "replace").strip().splitlines()
            return f"exit {code}" + (f" ({said[-1].strip()[:120]})" if said else "")
    # ru_maxrss is in KiB on Linux; a shell's figure covers the children it waited for.
    return Measured(spent, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(
    data: Path, files: Sequence[Path], repeats: int, table: tuple[str, Path] | None = None
) -> dict[str, Measured | str]:
    """Median wall time, CPU time and peak memory of each command on ``data``, in
    interleaved rounds (output piped, 100 columns for the terminal table)."""
    lines = commands(data, files, table)
    runs: dict[str, list[Measured]] = {name: [] for name in lines}
    failed: dict[str, str] = {}
    env = {**os.environ, "DSR_OPTIONS_MAX_FILE_MB": "4096", "COLUMNS": "100"}
    for _ in range(repeats):
        for name, argv in lines.items():
            if name in failed:
                continue
            got = _run(argv, env)
            if isinstance(got, str):
                failed[name] = got
            else:
                runs[name].append(got)
    return {
        name: failed.get(name)
        or Measured(*(statistics.median(figures) for figures in zip(*runs[name], strict=True)))
        for name in lines
    }


def _seconds(value: Measured | str) -> str:
    return value if isinstance(value, str) else f"{value.wall:.2f} s ({value.cpu:.2f} s CPU)"


def _ratio(top: float | None, bottom: float | None) -> str:
    if top is None or bottom is None or bottom <= 0:
        return "n/a"
    return f"{top / bottom:.1f}x"


def _get(value: Measured | str | None, field: str) -> float | None:
    return None if value is None or isinstance(value, str) else float(getattr(value, field))


def table(small: int, large: int, results: Sequence[dict[str, Measured | str]]) -> list[str]:
    """The growth table: one row a command, times at both sizes, the growth of its CPU time,
    and its CPU time and peak memory next to the floor's at the larger size."""
    lo, hi = results
    floor = hi[FLOOR_NAME]
    rows = [
        f"| command | {small:,} roles | {large:,} roles | CPU growth for {large / small:g}x "
        f"data | CPU / floor at {large:,} | peak memory at {large:,} | peak / floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in lo:
        cpu_hi, peak = _get(hi[name], "cpu"), _get(hi[name], "peak")
        own = name.startswith(TABLE_NAME)  # other files than the floor's: no ratio to it
        rows.append(
            f"| {name} | {_seconds(lo[name])} | {_seconds(hi[name])} | "
            f"{_ratio(cpu_hi, _get(lo[name], 'cpu'))} | "
            f"{_ratio(None if own else cpu_hi, _get(floor, 'cpu'))} | "
            f"{'n/a' if peak is None else f'{peak:,.0f} MiB'} | "
            f"{_ratio(None if own else peak, _get(floor, 'peak'))} |"
        )
    return rows


def _verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("met" if met else "NOT met")


def targets(large: int, result: dict[str, Measured | str]) -> list[str]:
    """Issue 28's targets at the larger size: each with its figure, and met or not."""
    floor, validate = result[FLOOR_NAME], result["validate"]
    v_cpu, f_cpu = _get(validate, "cpu"), _get(floor, "cpu")
    lines = [f"Targets at {large:,} roles:"]
    ratio = None if v_cpu is None or not f_cpu else v_cpu / f_cpu
    lines.append(
        f"- validate at most 2x the floor (CPU): {_ratio(v_cpu, f_cpu)}: "
        f"{_verdict(None if ratio is None else ratio <= 2)}"
    )
    schema = result.get(SCHEMA_NAME)
    s_cpu = _get(schema, "cpu")
    faster = None if s_cpu is None or not v_cpu else s_cpu / v_cpu
    figure = "check-jsonschema not installed" if schema is None else _ratio(s_cpu, v_cpu)
    lines.append(
        f"- validate at least 10x faster than check-jsonschema (CPU): {figure}: "
        f"{_verdict(None if faster is None else faster >= 10)}"
    )
    for count, limit in ((DELEGATIONS, 15.0), (MANY, 60.0)):
        run = result.get(f"negotiate -f json, {count} delegations")
        wall = _get(run, "wall")
        lines.append(
            f"- negotiate with {count} delegations under {limit:g} s: "
            f"{'not run' if run is None else _seconds(run)}: "
            f"{_verdict(None if wall is None else wall < limit)}"
        )
    peaks = [
        (peak, name)
        for name, run in result.items()
        if name not in (FLOOR_NAME, SCHEMA_NAME)
        and not name.startswith(TABLE_NAME)
        and (peak := _get(run, "peak")) is not None
    ]
    f_peak = _get(floor, "peak")
    if peaks and f_peak:
        peak, name = max(peaks)
        lines.append(
            f"- peak memory at most 1.5x the floor's (highest: {name}): "
            f"{_ratio(peak, f_peak)}: {_verdict(peak <= 1.5 * f_peak)}"
        )
    return lines


def results_data(
    argv: Sequence[str],
    sizes: tuple[int, int],
    repeats: int,
    results: Sequence[dict[str, Measured | str]],
    began: Sequence[float] = (),
) -> dict[str, Any]:
    """Every figure of a run, with the command line, the commit and the machine
    (``--results``); ``began`` is the load average as the run began."""
    return {
        **run_data("growth", argv, began or load_average()),
        "sizes": list(sizes),
        "repeats": repeats,
        "results": [
            {name: run if isinstance(run, str) else run._asdict() for name, run in got.items()}
            for got in results
        ],
    }


def doc_section(data: dict[str, Any]) -> str:
    """The growth section of docs/performance.md, made from a results file alone."""
    small, large = data["sizes"]
    results = [
        {name: run if isinstance(run, str) else Measured(**run) for name, run in got.items()}
        for got in data["results"]
    ]
    return "\n".join(
        [header(data, "growth"), "", *table(small, large, results), "", *targets(large, results[1])]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=500, help="N roles (default 500)")
    parser.add_argument("--large", type=int, default=5000, help="10N roles (default 5,000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per median (default 3)")
    add_options(parser, "growth")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    began = load_average()
    if args.small < 1 or args.large < args.small or args.repeats < 1:
        parser.error("need 1 <= --small <= --large and --repeats >= 1")
    print(
        f"Growth: {args.small:,} roles x {redline_count(args.small):,} redlines against "
        f"{args.large:,} x {redline_count(args.large):,}; whole processes, median of "
        f"{args.repeats}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = delegation_files(root / "delegations", MANY)
        results = []
        row = table_row(args.small, args.large)
        sizes = zip((args.small, args.large), table_sizes(args.small, args.large), strict=True)
        for size, roles in sizes:
            data = write_catalogue(root / f"n{size}", size, seed=1)
            changed_copy(data, size)
            shown = write_catalogue(root / f"t{size}", roles, seed=1, redlines=TABLE_REDLINES)
            results.append(measure(data, files, args.repeats, (row, shown)))
    print("\n".join(table(args.small, args.large, results)))
    print("\n".join(targets(args.large, results[1])))
    made = results_data(given, (args.small, args.large), args.repeats, results, began)
    save(args, "growth", made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
