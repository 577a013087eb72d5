"""What the benchmarks share to write docs/performance.md: results files and marked sections.

A benchmark that the doc shows takes ``--results FILE`` (every figure, with the command line,
the date, Python, the CPUs and the load average as the run began and ended) and ``--doc
docs/performance.md`` (rewrite the text between its markers, ``<!-- NAME:start -->`` and
``<!-- NAME:end -->``, from the results alone). Section ``NAME``'s results live in
``benchmarks/results/NAME.json`` and its text is made by the function :data:`SECTIONS` names;
``tests/test_benchmarks.py`` checks that every marked section of the committed doc is what its
committed results file renders::

    python -m benchmarks.results docs/performance.md          # every section, from its file
    python -m benchmarks.results docs/performance.md scale    # only these sections
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

RESULTS_DIR = "benchmarks/results"
SECTIONS: dict[str, str] = {
    "growth": "benchmarks.growth:doc_section",
    "startup": "benchmarks.run:startup_section",
    "scale": "benchmarks.run:scale_section",
    "check-formats": "benchmarks.check_formats:doc_section",
    "design-space": "benchmarks.design_space:doc_section",
    "design-space-sat": "benchmarks.design_space_sat:doc_section",
    "negotiate": "benchmarks.negotiate:doc_section",
    "firmness": "benchmarks.firmness:doc_section",
}
"""Each marked section of docs/performance.md and the function that renders it from its
results file."""
_MARKER = re.compile(r"<!-- ([a-z0-9-]+):start -->")


def results_file(name: str) -> str:
    """Where section ``name``'s figures are committed, relative to the repository."""
    return f"{RESULTS_DIR}/{name}.json"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def load_average() -> list[float]:
    return [round(x, 1) for x in os.getloadavg()]


def commit() -> str | None:
    """The checked-out commit, with ``+changes`` when the tree differs from it (None outside
    a git checkout)."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"], cwd=root, capture_output=True, text=True
        )
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
        )
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+changes" if changed.stdout.strip() else "")


def run_data(module: str, argv: Sequence[str], began: Sequence[float]) -> dict[str, Any]:
    """The facts every results file starts with: how it was made, when, at which commit, on
    what, under what load (``began``: the load average as the run began; the one as it ended
    is taken now)."""
    return {
        "command": " ".join([f"python -m benchmarks.{module}", *argv]),
        "date": datetime.date.today().isoformat(),
        "commit": commit(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_began": list(began),
        "load_average": load_average(),
    }


def header(data: dict[str, Any], name: str) -> str:
    """The first line of a section: the command that made it, and the machine."""
    ended = ", ".join(f"{x:g}" for x in data["load_average"])
    load = f"load average {ended} as it ended"
    if "load_average_began" in data:
        began = ", ".join(f"{x:g}" for x in data["load_average_began"])
        load = f"load average {began} as it began and {ended} as it ended"
    at = f" at commit {data['commit']}" if data.get("commit") else ""
    return (
        f"Made by `{data['command']}` on {data['date']}{at} (Python {data['python']}, "
        f"{data['cpus']} CPUs, {load}); every figure is in `{results_file(name)}`. This "
        "section is written by the benchmark: run it again rather than edit it."
    )


def renderer(name: str) -> Callable[[dict[str, Any]], str]:
    """The function that renders section ``name`` from its results."""
    module, function = SECTIONS[name].split(":")
    found: Callable[[dict[str, Any]], str] = getattr(importlib.import_module(module), function)
    return found


def section_names(text: str) -> list[str]:
    """The names of the marked sections in a doc's text, in order."""
    return _MARKER.findall(text)


def replace_section(text: str, name: str, body: str) -> str:
    """``text`` with what lies between section ``name``'s markers replaced by ``body``."""
    start, end = markers(name)
    if start not in text or end not in text:
        raise SystemExit(f"no {start} ... {end} in the doc: add the markers where it goes")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def write_doc(doc: Path, name: str, data: dict[str, Any]) -> None:
    """Rewrite section ``name`` of ``doc`` from ``data`` alone."""
    text = doc.read_text(encoding="utf-8")
    doc.write_text(replace_section(text, name, renderer(name)(data)), encoding="utf-8")


def add_options(parser: argparse.ArgumentParser, name: str) -> None:
    """``--results FILE`` and ``--doc FILE`` for a benchmark whose section is ``name``."""
    parser.add_argument(
        "--results", type=Path, help=f"write every figure to this JSON file ({results_file(name)})"
    )
    parser.add_argument(
        "--doc", type=Path, help=f"rewrite the {name} section of this doc from the figures"
    )


def save(args: argparse.Namespace, name: str, data: dict[str, Any]) -> None:
    """Write ``data`` to ``--results`` and section ``name`` of ``--doc``, when given."""
    if args.results is not None:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if args.doc is not None:
        write_doc(args.doc, name, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Re-render marked sections of a doc.")
    parser.add_argument("doc", type=Path)
    parser.add_argument("names", nargs="*", help="only these sections (default: every one)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    for name in args.names or section_names(args.doc.read_text(encoding="utf-8")):
        data = json.loads((root / results_file(name)).read_text(encoding="utf-8"))
        write_doc(args.doc, name, data)
        print(f"{name}: from {results_file(name)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
