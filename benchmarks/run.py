"""Time dsr-options as a user runs it: whole processes, medians, each next to its floor.

Every figure is the median wall time of repeated runs of a fresh interpreter (a subprocess),
and every command is measured in the same run as its floors, in interleaved rounds, so that
the ratios hold even on a busy machine::

    python benchmarks/run.py                       # start-up, then scale at 1k, 10k, 100k roles
    python benchmarks/run.py --sizes 1000,10000    # choose the sizes
    python benchmarks/run.py --quick               # tiny, one repeat: proves the script works

A command the installed dsr-options does not have is shown as "n/a (command not available)".
Peak memory is the child's ``ru_maxrss`` (Linux and macOS; "n/a" elsewhere). Generated files
for 100,000 roles are larger than the loader's 64 MiB default limit, so the scale runs set
``DSR_OPTIONS_MAX_FILE_MB``.

Every command that reads a catalogue parses and validates it on every run (there is no cache
of parsed catalogues). Byte-code is written as for an installed wheel
(``PYTHONDONTWRITEBYTECODE`` is unset for the children).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import redline_count, write_catalogue

PYTHON = sys.executable
MAX_FILE_MB = "4096"
LIBS_TYPER = "typer"
LIBS_COMMAND = "typer, rich, pydantic, yaml"
USED_MODULES = "import typer, rich.console, rich.table; from pydantic import BaseModel, Field"
"""``import pydantic`` and ``import rich`` are lazy: this floor loads what any rich table and
any pydantic model need (and no PyYAML, which ``list`` imports only to read the catalogue),
so the distance left above it is dsr-options' own."""
PARSE_FLOOR = (
    "import sys, yaml\n"
    "from pathlib import Path\n"
    "for name in sys.argv[1:]:\n"
    "    text = Path(name).read_bytes().decode('utf-8-sig')\n"
    "    yaml.compose(text, Loader=yaml.CSafeLoader)\n"
)
PARSE_FLOOR_NO_GC = "import gc; gc.disable()\n" + PARSE_FLOOR
LIBRARY_LOAD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from dsr_options.load.catalogue import load\n"
    "sys.exit(0 if load(Path(sys.argv[1])).catalogue is not None else 1)\n"
)
NOT_AVAILABLE = "n/a (command not available)"


def _payload(text: str | bytes) -> Any:
    """A command's JSON data, out of schema 2's envelope when it has one."""
    data = json.loads(text)
    if isinstance(data, dict) and "provenance" in data:
        return data.get("roles", data)
    return data


def dsr_options() -> list[str]:
    """The installed console script next to this interpreter (what a user runs)."""
    beside = Path(PYTHON).parent / ("dsr-options.exe" if os.name == "nt" else "dsr-options")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("dsr-options")
    return [found] if found else [PYTHON, "-m", "dsr_options"]


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failure: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> int | None:
        return max(self.peak_kib) if self.peak_kib else None


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int | None, int]:
    """Wall seconds, peak resident KiB of the child (when the OS says) and exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, close_fds=True
    )
    peak: int | None = None
    if hasattr(os, "wait4"):
        # wait4 gives this child's own rusage: no deltas of RUSAGE_CHILDREN needed.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        scale = 1024 if sys.platform == "darwin" else 1  # macOS reports bytes, Linux KiB
        peak = usage.ru_maxrss // scale
    else:  # pragma: no cover - Windows
        process.wait()
        elapsed = time.perf_counter() - start
        code = process.returncode
    if process.stderr is not None:
        process.stderr.close()
    return elapsed, peak, code


def measure(commands: dict[str, list[str]], repeats: int, env: dict[str, str]) -> dict[str, Sample]:
    """Run every command ``repeats`` times, round-robin, after one untimed warm-up each."""
    samples = {name: Sample() for name in commands}
    for name, argv in commands.items():
        _, _, code = run_once(argv, env)  # warm the file cache; catch a failing command early
        if code != 0:
            samples[name].failure = f"failed (exit {code})"
    for _ in range(repeats):
        for name, argv in commands.items():
            if samples[name].failure:
                continue
            seconds, peak, _ = run_once(argv, env)
            samples[name].seconds.append(seconds)
            if peak is not None:
                samples[name].peak_kib.append(peak)
    return samples


def available(command: str, env: dict[str, str]) -> bool:
    """Whether the installed dsr-options has ``command`` (its --help succeeds)."""
    result = subprocess.run(
        [*dsr_options(), command, "--help"], capture_output=True, env=env, check=False
    )
    return result.returncode == 0


def base_env() -> dict[str, str]:
    """The children's environment: no colour, a fixed width."""
    skip = {"DSR_OPTIONS_DATA", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})
    return env


# -- tables ---------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}x"


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.0f} MiB"


def table(header: Sequence[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*row) for row in rows]
    return "\n".join(out)


# -- start-up -------------------------------------------------------------------------------------


def startup(repeats: int, markdown: bool) -> str:
    env = base_env()
    cli = dsr_options()
    has_compare = available("compare", env)
    commands: dict[str, list[str]] = {
        "floor: python -c pass": [PYTHON, "-c", "pass"],
        f"floor: import {LIBS_TYPER}": [PYTHON, "-c", f"import {LIBS_TYPER}"],
        f"floor: import {LIBS_COMMAND}": [PYTHON, "-c", f"import {LIBS_COMMAND}"],
        "floor: used modules": [PYTHON, "-c", USED_MODULES],
        "dsr-options --version": [*cli, "--version"],
        "dsr-options --help": [*cli, "--help"],
        "dsr-options list": [*cli, "list"],
        "dsr-options list -f json": [*cli, "list", "-f", "json"],
    }
    if has_compare:
        commands["dsr-options compare A B"] = [*cli, "compare", *first_two_roles(env)]
    samples = measure(commands, repeats, env)
    bare = samples["floor: python -c pass"].median
    floors = {
        LIBS_TYPER: samples[f"floor: import {LIBS_TYPER}"].median,
        LIBS_COMMAND: samples[f"floor: import {LIBS_COMMAND}"].median,
    }
    used = samples["floor: used modules"].median
    rows: list[list[str]] = []
    wanted = [
        ("dsr-options --version", LIBS_TYPER, "1.20x"),
        ("dsr-options --help", LIBS_TYPER, "1.20x"),
        ("dsr-options list", LIBS_COMMAND, "1.15x"),
        ("dsr-options list -f json", LIBS_COMMAND, "1.15x"),
        ("dsr-options compare A B", LIBS_COMMAND, ""),
    ]
    for name, libs, target in wanted:
        sample = samples.get(name)
        floor = floors[libs]
        if sample is None or sample.failure:
            why = sample.failure if sample else NOT_AVAILABLE
            rows.append([name, why, ms(bare), f"{ms(floor)} ({libs})", "", target, "", ""])
            continue
        beyond = libs == LIBS_COMMAND
        rows.append(
            [
                name,
                ms(sample.median),
                ms(bare),
                f"{ms(floor)} ({libs})",
                ratio(sample.median, floor),
                target,
                ms(used) if beyond else "",
                ratio(sample.median, used) if beyond else "",
            ]
        )
    header = [
        "command",
        "median",
        "python -c pass",
        "import floor",
        "ratio",
        "target",
        "used-modules floor",
        "ratio",
    ]
    title = f"Start-up on the shipped catalogue (median of {repeats} runs)"
    return f"{title}\n\n{table(header, rows, markdown)}\n"


def first_two_roles(env: dict[str, str]) -> list[str]:

    result = subprocess.run(
        [*dsr_options(), "list", "-f", "json"], capture_output=True, env=env, check=True
    )
    return [role["id"] for role in _payload(result.stdout)[:2]]


# -- scale ----------------------------------------------------------------------------------------


def scale(
    sizes: Sequence[int], repeats: int, workdir: Path, markdown: bool, max_check_pairs: int
) -> str:
    env = base_env()
    env["DSR_OPTIONS_MAX_FILE_MB"] = MAX_FILE_MB
    cli = dsr_options()
    has = {command: available(command, env) for command in ("validate", "check")}
    rows: list[list[str]] = []
    previous: dict[str, float] = {}
    for size in sizes:
        folder = write_catalogue(workdir / f"roles-{size}", size)
        files = [str(folder / "roles.yaml"), str(folder / "redlines.yaml")]
        megabytes = sum(Path(f).stat().st_size for f in files) / 1_048_576
        data = ["--data", str(folder)]
        commands: dict[str, list[str]] = {
            "floor: compose (CSafeLoader)": [PYTHON, "-c", PARSE_FLOOR, *files],
            "floor: compose, gc off": [PYTHON, "-c", PARSE_FLOOR_NO_GC, *files],
            "library load (catalogue.load)": [PYTHON, "-c", LIBRARY_LOAD, str(folder)],
            "dsr-options list -f json": [*cli, "list", "-f", "json", *data],
        }
        if has["validate"]:
            commands["dsr-options validate"] = [*cli, "validate", *data]
        pairs = size * redline_count(size)
        check_note = ""
        if has["check"] and pairs <= max_check_pairs:
            commands["dsr-options check -f json"] = [*cli, "check", "-f", "json", *data]
        elif has["check"]:
            check_note = f"skipped: {pairs:,} pairs > --max-check-pairs {max_check_pairs:,}"
        samples = measure(commands, repeats, env)
        floor = samples["floor: compose (CSafeLoader)"]
        strict = samples["floor: compose, gc off"]
        label = f"{size:,} roles ({megabytes:.0f} MiB)"
        for name in (
            "floor: compose (CSafeLoader)",
            "floor: compose, gc off",
            "dsr-options validate",
            "library load (catalogue.load)",
            "dsr-options list -f json",
            "dsr-options check -f json",
        ):
            sample = samples.get(name)
            if sample is None or sample.failure:
                why = sample.failure if sample else (check_note if "check" in name else "")
                rows.append([label, name, why or NOT_AVAILABLE, *[""] * 5])
                continue
            growth = f"{sample.median / previous[name]:.1f}x" if name in previous else ""
            previous[name] = sample.median
            is_floor = name.startswith("floor")
            per_pair = f"{sample.median / pairs * 1e6:.2f} µs" if "check" in name else ""
            rows.append(
                [
                    label,
                    name,
                    secs(sample.median),
                    "" if is_floor or floor.failure else ratio(sample.median, floor.median),
                    "" if is_floor or strict.failure else ratio(sample.median, strict.median),
                    growth,
                    mib(sample.peak),
                    per_pair,
                ]
            )
    header = [
        "catalogue",
        "command",
        "median",
        "/ compose",
        "/ compose gc off",
        "growth",
        "peak memory",
        "per role x redline",
    ]
    title = (
        f"Scale on generated catalogues (N roles, N/10 redlines; median of {repeats} runs; "
        f"DSR_OPTIONS_MAX_FILE_MB={MAX_FILE_MB})"
    )
    return f"{title}\n\n{table(header, rows, markdown)}\n"


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "").replace(",", "")) for part in text.split(",") if part]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are whole numbers of roles, at least 1")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="roles per catalogue, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--repeats", type=int, default=None, help="runs per command (default 11)")
    parser.add_argument(
        "--scale-repeats", type=int, default=None, help="runs per scale command (default 3)"
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--max-check-pairs",
        type=int,
        default=2_000_000,
        help="skip `check` above this many roles x redlines (default 2,000,000, the tool's own "
        "limit, DSR_OPTIONS_MAX_PAIRS; 100,000 roles x 10,000 redlines is 10^9 pairs)",
    )
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([10, 20] if args.quick else [1_000, 10_000, 100_000])
    repeats = args.repeats or (1 if args.quick else 11)
    scale_repeats = args.scale_repeats or (1 if args.quick else 3)
    print(f"dsr-options benchmarks: Python {sys.version.split()[0]} on {sys.platform}")
    print(f"command: {' '.join(['python', 'benchmarks/run.py', *(argv or sys.argv[1:])])}\n")
    with tempfile.TemporaryDirectory(prefix="dsr-bench-") as workdir:
        if not args.skip_startup:
            print(startup(repeats, args.markdown), flush=True)
        if not args.skip_scale:
            print(
                scale(sizes, scale_repeats, Path(workdir), args.markdown, args.max_check_pairs),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
