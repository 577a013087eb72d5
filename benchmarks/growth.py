"""How each command's cost grows for 10x the data, next to the parsing floor, in one run.

Generates catalogues of N and 10N roles (N/10 and N redlines, :mod:`benchmarks.generate`) and
three delegations' redline files (:func:`benchmarks.negotiate.delegations`), then times whole
processes (a fresh interpreter each run, median of ``--repeats``, in interleaved rounds):
``validate``, ``list -f json``, ``check -f json``, ``negotiate -f json`` with the three
delegations and ``diff`` against a copy with 1 % of the values changed, next to the floor,
``yaml.compose`` (CSafeLoader) of the same files with the garbage collector as the tool runs
it. It prints, per command, the time at each size, the
growth factor for 10x the data (linear work grows about 10x) and the ratio to the floor::

    python -m benchmarks.growth                          # N = 500 and 5,000 (a couple of minutes)
    python -m benchmarks.growth --small 1000 --large 10000

A command that fails or refuses is shown with its exit code instead of a time.
"""

from __future__ import annotations

import argparse
import os
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
from benchmarks.diff import flip_values
from benchmarks.generate import redline_count, write_catalogue
from benchmarks.negotiate import delegations

PYTHON = sys.executable
DELEGATIONS = 3
FLOOR = (
    "import sys, yaml\n"
    "from pathlib import Path\n"
    "for name in sys.argv[1:]:\n"
    "    text = Path(name).read_bytes().decode('utf-8-sig')\n"
    "    yaml.compose(text, Loader=yaml.CSafeLoader)\n"
)
CLI = "from dsr_options.cli.app import main; main()"


def delegation_files(folder: Path) -> list[Path]:
    """Write three delegations' redline files (10 redlines each) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    holders, redlines = delegations()
    files = []
    for holder in holders[:DELEGATIONS]:
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


def commands(data: Path, files: Sequence[Path]) -> dict[str, list[str]]:
    """The command lines measured for the catalogue in ``data`` (name -> argv); ``diff``
    compares it with its :func:`changed_copy`, when there is one."""
    cli = [PYTHON, "-c", CLI]
    named = [arg for path in files for arg in ("--redlines", str(path))]
    return {
        "floor: compose (CSafeLoader)": [
            PYTHON,
            "-c",
            FLOOR,
            str(data / "roles.yaml"),
            str(data / "redlines.yaml"),
        ],
        "validate": [*cli, "validate", "--data", str(data)],
        "list -f json": [*cli, "list", "-f", "json", "--data", str(data)],
        "check -f json": [*cli, "check", "-f", "json", "--data", str(data)],
        f"negotiate -f json, {DELEGATIONS} delegations": [
            *cli,
            "negotiate",
            "-f",
            "json",
            "--data",
            str(data),
            *named,
        ],
        "diff, 1 % of values changed": [
            *cli,
            "diff",
            str(data.resolve()),
            str(data.with_name(f"{data.name}-changed").resolve()),
        ],
    }


def _run(argv: Sequence[str], env: dict[str, str]) -> float | str:
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    spent = time.perf_counter() - start
    if done.returncode != 0:
        return f"exit {done.returncode}"
    return spent


def measure(data: Path, files: Sequence[Path], repeats: int) -> dict[str, float | str]:
    """Median wall time of each command on ``data``, in interleaved rounds."""
    lines = commands(data, files)
    times: dict[str, list[float]] = {name: [] for name in lines}
    failed: dict[str, str] = {}
    env = {**os.environ, "DSR_OPTIONS_MAX_FILE_MB": "4096"}
    for _ in range(repeats):
        for name, argv in lines.items():
            if name in failed:
                continue
            got = _run(argv, env)
            if isinstance(got, str):
                failed[name] = got
            else:
                times[name].append(got)
    return {name: failed.get(name) or statistics.median(times[name]) for name in lines}


def _seconds(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.2f} s"


def _ratio(top: float | str, bottom: float | str) -> str:
    if isinstance(top, str) or isinstance(bottom, str) or bottom <= 0:
        return "n/a"
    return f"{top / bottom:.1f}x"


def table(small: int, large: int, results: Sequence[dict[str, float | str]]) -> list[str]:
    """The growth table: one row a command, times at both sizes, growth and ratio to floor."""
    lo, hi = results
    floor = "floor: compose (CSafeLoader)"
    rows = [
        f"| command | {small:,} roles | {large:,} roles | growth for {large / small:g}x data "
        f"| floor ratio at {small:,} | floor ratio at {large:,} |",
        "|---|---|---|---|---|---|",
    ]
    for name in lo:
        rows.append(
            f"| {name} | {_seconds(lo[name])} | {_seconds(hi[name])} | "
            f"{_ratio(hi[name], lo[name])} | {_ratio(lo[name], lo[floor])} | "
            f"{_ratio(hi[name], hi[floor])} |"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=500, help="N roles (default 500)")
    parser.add_argument("--large", type=int, default=5000, help="10N roles (default 5,000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per median (default 3)")
    args = parser.parse_args(argv)
    if args.small < 1 or args.large < args.small or args.repeats < 1:
        parser.error("need 1 <= --small <= --large and --repeats >= 1")
    print(
        f"Growth: {args.small:,} roles x {redline_count(args.small):,} redlines against "
        f"{args.large:,} x {redline_count(args.large):,}; whole processes, median of "
        f"{args.repeats}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = delegation_files(root / "delegations")
        results = []
        for size in (args.small, args.large):
            data = write_catalogue(root / f"n{size}", size, seed=1)
            changed_copy(data, size)
            results.append(measure(data, files, args.repeats))
    print("\n".join(table(args.small, args.large, results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
