"""``check`` in each machine format against JSON, measured in the same run: is each linear?

On a generated catalogue of N roles (and N/10 redlines), ``check`` is evaluated once; then the
same view is rendered as JSON (the floor), CSV and YAML, and the CPU time of each is taken (the
median of ``--repeats`` runs). The redlines are then cut to a half and a quarter: a format linear
in roles x redlines keeps the same ratio to JSON at every size, one that scans the redlines for
every pair (as CSV once did) grows with the number of redlines.

    python -m benchmarks.check_formats                       # 2,000 roles x 200 redlines
    python -m benchmarks.check_formats --roles 500 --repeats 1
    python -m benchmarks.check_formats --results benchmarks/results/check-formats.json \\
        --doc docs/performance.md

``--results`` keeps every figure with the command line and the machine; ``--doc`` rewrites the
``check-formats`` section of docs/performance.md from them (:mod:`benchmarks.results`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import write_catalogue
from benchmarks.results import add_options, header, load_average, run_data, save
from dsr_options.analyses.evaluate import analyse
from dsr_options.load.catalogue import load_catalogue
from dsr_options.model.catalogue import Catalogue
from dsr_options.render import OutputFormat, render
from dsr_options.render.views.check import CheckView

FORMATS = (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.YAML)


def cpu(work: Callable[[], object], repeats: int) -> float:
    """The median CPU seconds of ``work``."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(catalogue: Catalogue, repeats: int) -> dict[OutputFormat, float]:
    view = CheckView(analyse(catalogue))

    def rendered(fmt: OutputFormat) -> Callable[[], object]:
        return lambda: render(view, fmt)

    return {fmt: cpu(rendered(fmt), repeats) for fmt in FORMATS}


def _cells(row: dict[str, Any]) -> list[str]:
    floor = row[OutputFormat.JSON.value]
    return [f"{row[fmt.value]:.2f} s ({row[fmt.value] / floor:.2f}x)" for fmt in FORMATS]


def table(data: dict[str, Any]) -> list[str]:
    """The table of a run: CPU seconds of each format, its ratio to JSON in brackets."""
    lines = [
        "| roles x redlines | " + " | ".join(fmt.value.upper() for fmt in FORMATS) + " |",
        "|---|" + "---|" * len(FORMATS),
    ]
    for row in data["rows"]:
        size = f"{data['roles']:,} x {row['redlines']:,}"
        lines.append(f"| {size} | " + " | ".join(_cells(row)) + " |")
    return lines


def doc_section(data: dict[str, Any]) -> str:
    """The check-formats section of docs/performance.md, from a results file alone."""
    return "\n".join(
        [
            header(data, "check-formats"),
            "",
            f"`check` evaluated once, then its view rendered in each format: CPU seconds in one "
            f"process, median of {data['repeats']} runs; the ratio to JSON in brackets.",
            "",
            *table(data),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    add_options(parser, "check-formats")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    began = load_average()
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}")
    with tempfile.TemporaryDirectory() as folder:
        catalogue = load_catalogue(write_catalogue(Path(folder), args.roles))
    redlines = catalogue.redlines
    print(f"check, rendered, CPU seconds (median of {args.repeats}); ratio to JSON in brackets")
    print(f"{'roles x redlines':>18}  " + "  ".join(f"{fmt.value:>16}" for fmt in FORMATS))
    rows: list[dict[str, Any]] = []
    for share in (4, 2, 1):
        kept = redlines[: max(1, len(redlines) // share)]
        cut = catalogue.model_copy(update={"redlines": kept})
        times = measure(cut, args.repeats)
        rows.append({"redlines": len(kept), **{fmt.value: times[fmt] for fmt in FORMATS}})
        size = f"{len(catalogue.roles):,} x {len(kept):,}"
        cells = [f"{times[f]:7.2f} ({times[f] / times[OutputFormat.JSON]:4.2f}x)" for f in FORMATS]
        print(f"{size:>18}  " + "  ".join(f"{cell:>16}" for cell in cells), flush=True)
    made = run_data("check_formats", given, began)
    made.update({"roles": len(catalogue.roles), "repeats": args.repeats, "rows": rows})
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "check-formats", made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
