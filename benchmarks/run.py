"""Time dsr-options as a user runs it: whole processes, medians, each next to its floor.

Every figure is the median of repeated runs of a fresh interpreter (a subprocess), measured by
the operating system (``os.wait4``): CPU time (user and system, steadier than wall time on a
shared machine, so ratios and growth use it), wall time and peak memory. Every command is
measured in the same run as its floors, in interleaved rounds. Two parts: start-up on the
shipped catalogue, and scale on generated catalogues (:mod:`benchmarks.generate`)::

    python -m benchmarks.run                       # start-up, then scale at 1k, 3k, 10k roles
    python -m benchmarks.run --skip-scale --repeats 31 \\
        --results benchmarks/results/startup.json --doc docs/performance.md
    python -m benchmarks.run --skip-startup --sizes 1000,3000,10000 \\
        --results benchmarks/results/scale.json --doc docs/performance.md
    python -m benchmarks.run --quick               # tiny, one repeat: proves the script works

``--results`` keeps every figure of the part that ran with the command line, the date, Python,
the CPUs and the load average; ``--doc`` rewrites that part's section of docs/performance.md
from them (:mod:`benchmarks.results`). A command that fails shows its exit code and the last
line of its stderr. Generated files past a few thousand roles are larger than the loader's
64 MiB default limit, so the scale runs set ``DSR_OPTIONS_MAX_FILE_MB``.

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
from benchmarks.results import header, load_average, run_data, save

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
    """A command's runs: wall and CPU seconds (user and system) and peak resident KiB."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failure: str = ""

    def figures(self) -> dict[str, float] | str:
        """Medians (and the least CPU time) for a results file, or why there are none."""
        if self.failure or not self.seconds:
            return self.failure or NOT_AVAILABLE
        return {
            "wall": statistics.median(self.seconds),
            "cpu": statistics.median(self.cpu),
            "cpu_min": min(self.cpu),
            "peak_mib": max(self.peak_kib) / 1024 if self.peak_kib else 0.0,
        }


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds and peak resident KiB of the child, and how it failed."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        failure = ""
        if code != 0:
            err.seek(0)
            said = err.read().decode("utf-8", "replace").strip().splitlines()
            failure = f"exit {code}" + (f" ({said[-1].strip()[:120]})" if said else "")
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return elapsed, usage.ru_utime + usage.ru_stime, peak, failure


def measure(
    commands: dict[str, list[str]], repeats: int, env: dict[str, str], *, warm: bool
) -> dict[str, Sample]:
    """Run every command ``repeats`` times, round-robin (after one untimed warm-up each, with
    ``warm``); a command that fails once is not run again."""
    samples = {name: Sample() for name in commands}
    if warm:
        for name, argv in commands.items():
            samples[name].failure = run_once(argv, env)[3]
    for _ in range(repeats):
        for name, argv in commands.items():
            if samples[name].failure:
                continue
            seconds, cpu, peak, failure = run_once(argv, env)
            samples[name].failure = failure
            samples[name].seconds.append(seconds)
            samples[name].cpu.append(cpu)
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
    return f"{value / floor:.2f}x" if floor > 0 else "n/a"


def table(header: Sequence[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# -- start-up -------------------------------------------------------------------------------------

FLOOR_BARE = "floor: python -c pass"
FLOOR_USED = "floor: used modules"
STARTUP_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("dsr-options --version", LIBS_TYPER, "1.20x"),
    ("dsr-options --help", LIBS_TYPER, "1.20x"),
    ("dsr-options list", LIBS_COMMAND, "1.15x"),
    ("dsr-options list -f json", LIBS_COMMAND, "1.15x"),
    ("dsr-options check", LIBS_COMMAND, ""),
    ("dsr-options compare A B", LIBS_COMMAND, ""),
)
"""Each command timed at start-up, the import floor it is compared with, and its target."""


def startup(repeats: int) -> dict[str, Any]:
    """Every start-up figure on the shipped catalogue (a results file's ``startup``)."""
    env = base_env()
    cli = dsr_options()
    commands: dict[str, list[str]] = {
        FLOOR_BARE: [PYTHON, "-c", "pass"],
        f"floor: import {LIBS_TYPER}": [PYTHON, "-c", f"import {LIBS_TYPER}"],
        f"floor: import {LIBS_COMMAND}": [PYTHON, "-c", f"import {LIBS_COMMAND}"],
        FLOOR_USED: [PYTHON, "-c", USED_MODULES],
        "dsr-options --version": [*cli, "--version"],
        "dsr-options --help": [*cli, "--help"],
        "dsr-options list": [*cli, "list"],
        "dsr-options list -f json": [*cli, "list", "-f", "json"],
        "dsr-options check": [*cli, "check"],
    }
    if available("compare", env):
        commands["dsr-options compare A B"] = [*cli, "compare", *first_two_roles(env)]
    samples = measure(commands, repeats, env, warm=True)
    return {"repeats": repeats, "rows": {name: s.figures() for name, s in samples.items()}}


def _cpu(figures: dict[str, float] | str | None) -> float | None:
    return None if figures is None or isinstance(figures, str) else figures["cpu"]


def _times(figures: dict[str, float] | str | None) -> list[str]:
    if figures is None:
        return [NOT_AVAILABLE, ""]
    if isinstance(figures, str):
        return [figures, ""]
    return [f"{ms(figures['cpu'])} (least {ms(figures['cpu_min'])})", ms(figures["wall"])]


def startup_rows(part: dict[str, Any]) -> list[str]:
    rows = part["rows"]
    body: list[list[str]] = []
    for name in (FLOOR_BARE, f"floor: import {LIBS_TYPER}", f"floor: import {LIBS_COMMAND}"):
        body.append([name, *_times(rows[name]), "", "", ""])
    body.append([FLOOR_USED, *_times(rows[FLOOR_USED]), "", "", ""])
    used = _cpu(rows[FLOOR_USED])
    for name, libs, target in STARTUP_TARGETS:
        figures = rows.get(name)
        cpu, floor = _cpu(figures), _cpu(rows[f"floor: import {libs}"])
        versus = "" if cpu is None or floor is None else f"{ratio(cpu, floor)} ({libs})"
        if target and cpu is not None and floor:
            target += ": met" if cpu / floor <= float(target[:-1]) else ": NOT met"
        beyond = libs == LIBS_COMMAND and cpu is not None and used is not None
        body.append(
            [
                name,
                *_times(figures),
                versus,
                target,
                ratio(cpu, used) if beyond and cpu is not None and used is not None else "",
            ]
        )
    header = [
        "command",
        "CPU, median (least)",
        "wall, median",
        "CPU / import floor",
        "target",
        "CPU / used-modules floor",
    ]
    title = (
        f"Start-up on the shipped catalogue: whole processes, CPU time (user and system) and "
        f"wall time, median of {part['repeats']} runs in interleaved rounds after one warm-up. "
        f"The used-modules floor is `{USED_MODULES}`."
    )
    return [title, "", table(header, body)]


def startup_section(data: dict[str, Any]) -> str:
    """The start-up section of docs/performance.md, from a results file alone."""
    return "\n".join([header(data, "startup"), "", *startup_rows(data["startup"])])


def first_two_roles(env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [*dsr_options(), "list", "-f", "json"], capture_output=True, env=env, check=True
    )
    return [role["id"] for role in _payload(result.stdout)[:2]]


# -- scale ----------------------------------------------------------------------------------------

FLOOR = "floor: compose (CSafeLoader)"
FLOOR_NO_GC = "floor: compose, gc off"
SCALE_ROWS = (
    FLOOR,
    FLOOR_NO_GC,
    "dsr-options validate",
    "library load (catalogue.load)",
    "dsr-options list -f json",
    "dsr-options check -f json",
)


def scale(
    sizes: Sequence[int], repeats: int, workdir: Path, max_check_pairs: int
) -> dict[str, Any]:
    """Every scale figure on generated catalogues (a results file's ``scale``)."""
    env = base_env()
    env["DSR_OPTIONS_MAX_FILE_MB"] = MAX_FILE_MB
    cli = dsr_options()
    found: list[dict[str, Any]] = []
    for size in sizes:
        folder = write_catalogue(workdir / f"roles-{size}", size)
        files = [str(folder / "roles.yaml"), str(folder / "redlines.yaml")]
        megabytes = sum(Path(f).stat().st_size for f in files) / 1_048_576
        data = ["--data", str(folder)]
        commands: dict[str, list[str]] = {
            FLOOR: [PYTHON, "-c", PARSE_FLOOR, *files],
            FLOOR_NO_GC: [PYTHON, "-c", PARSE_FLOOR_NO_GC, *files],
            "dsr-options validate": [*cli, "validate", *data],
            "library load (catalogue.load)": [PYTHON, "-c", LIBRARY_LOAD, str(folder)],
            "dsr-options list -f json": [*cli, "list", "-f", "json", *data],
        }
        pairs = size * redline_count(size)
        if pairs <= max_check_pairs:
            commands["dsr-options check -f json"] = [*cli, "check", "-f", "json", *data]
        rows: dict[str, dict[str, float] | str] = {
            name: s.figures() for name, s in measure(commands, repeats, env, warm=False).items()
        }
        if pairs > max_check_pairs:
            rows["dsr-options check -f json"] = (
                f"not run: {pairs:,} pairs, over the tool's limit of {max_check_pairs:,}"
            )
        print(f"  {size:,} roles measured", file=sys.stderr, flush=True)
        found.append(
            {
                "roles": size,
                "redlines": redline_count(size),
                "mib": round(megabytes, 1),
                "rows": rows,
            }
        )
    return {"repeats": repeats, "max_file_mb": MAX_FILE_MB, "sizes": found}


def scale_rows(part: dict[str, Any]) -> list[str]:
    body: list[list[str]] = []
    previous: dict[str, float] = {}
    for size in part["sizes"]:
        rows = size["rows"]
        label = f"{size['roles']:,} x {size['redlines']:,} ({size['mib']:.0f} MiB)"
        floor, strict = _cpu(rows[FLOOR]), _cpu(rows[FLOOR_NO_GC])
        pairs = size["roles"] * size["redlines"]
        for name in SCALE_ROWS:
            figures = rows.get(name, NOT_AVAILABLE)
            if isinstance(figures, str):
                body.append([label, name, figures, *[""] * 6])
                continue
            cpu = figures["cpu"]
            growth = f"{cpu / previous[name]:.1f}x" if name in previous else ""
            previous[name] = cpu
            is_floor = name.startswith("floor")
            body.append(
                [
                    label,
                    name,
                    secs(cpu),
                    secs(figures["wall"]),
                    "" if is_floor or floor is None else ratio(cpu, floor),
                    "" if is_floor or strict is None else ratio(cpu, strict),
                    growth,
                    f"{figures['peak_mib']:,.0f} MiB",
                    f"{cpu / pairs * 1e6:.2f} µs" if "check" in name else "",
                ]
            )
    header = [
        "roles x redlines",
        "command",
        "CPU, median",
        "wall, median",
        "CPU / compose",
        "CPU / compose gc off",
        "CPU growth from the size above",
        "peak memory",
        "CPU per role x redline",
    ]
    title = (
        f"Scale on generated catalogues (N roles, N/10 redlines): whole processes, median of "
        f"{part['repeats']} runs in interleaved rounds, `DSR_OPTIONS_MAX_FILE_MB="
        f"{part['max_file_mb']}`."
    )
    return [title, "", table(header, body)]


def scale_section(data: dict[str, Any]) -> str:
    """The scale section of docs/performance.md, from a results file alone."""
    return "\n".join([header(data, "scale"), "", *scale_rows(data["scale"])])


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
        help="roles per catalogue, comma-separated (default 1000,3000,10000)",
    )
    parser.add_argument("--repeats", type=int, default=None, help="runs per command (default 21)")
    parser.add_argument(
        "--scale-repeats", type=int, default=None, help="runs per scale command (default 3)"
    )
    parser.add_argument(
        "--max-check-pairs",
        type=int,
        default=2_000_000,
        help="skip `check` above this many roles x redlines (default 2,000,000, the tool's own "
        "limit, DSR_OPTIONS_MAX_PAIRS; 10,000 roles x 1,000 redlines is 10^7 pairs)",
    )
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument(
        "--results",
        type=Path,
        help="write every figure to this JSON file (benchmarks/results/startup.json with "
        "--skip-scale, benchmarks/results/scale.json with --skip-startup)",
    )
    parser.add_argument(
        "--doc", type=Path, help="rewrite the doc's section of the part that ran from them"
    )
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    if (args.results or args.doc) and args.skip_startup == args.skip_scale:
        parser.error("--results and --doc keep one part: give --skip-startup or --skip-scale")
    sizes = args.sizes or ([10, 20] if args.quick else [1_000, 3_000, 10_000])
    repeats = args.repeats or (1 if args.quick else 21)
    scale_repeats = args.scale_repeats or (1 if args.quick else 3)
    began = load_average()
    print(f"dsr-options benchmarks: Python {sys.version.split()[0]} on {sys.platform}")
    print(f"command: {' '.join(['python -m benchmarks.run', *given])}")
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}\n")
    made = run_data("run", given, began)
    with tempfile.TemporaryDirectory(prefix="dsr-bench-") as workdir:
        if not args.skip_startup:
            made["startup"] = startup(repeats)
            print("\n".join(startup_rows(made["startup"])) + "\n", flush=True)
        if not args.skip_scale:
            made["scale"] = scale(sizes, scale_repeats, Path(workdir), args.max_check_pairs)
            print("\n".join(scale_rows(made["scale"])) + "\n", flush=True)
    made["load_average"] = load_average()
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "scale" if args.skip_startup else "startup", made)
    return 0


if __name__ == "__main__":
    sys.exit(main())
