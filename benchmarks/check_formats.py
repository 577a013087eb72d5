"""``check`` in each machine format against JSON, measured in the same run: is each linear?

On a generated catalogue of N roles (and N/10 redlines), ``check`` is evaluated once; then the
same view is rendered as JSON (the floor), CSV and YAML, and the CPU time of each is taken (the
median of ``--repeats`` runs). The redlines are then cut to a half and a quarter: a format linear
in roles x redlines keeps the same ratio to JSON at every size, one that scans the redlines for
every pair (as CSV once did) grows with the number of redlines.

    python benchmarks/check_formats.py                       # 2,000 roles x 200 redlines
    python benchmarks/check_formats.py --roles 500 --repeats 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import write_catalogue
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        catalogue = load_catalogue(write_catalogue(Path(folder), args.roles))
    redlines = catalogue.redlines
    print(f"check, rendered, CPU seconds (median of {args.repeats}); ratio to JSON in brackets")
    print(f"{'roles x redlines':>18}  " + "  ".join(f"{fmt.value:>16}" for fmt in FORMATS))
    for share in (4, 2, 1):
        kept = redlines[: max(1, len(redlines) // share)]
        cut = catalogue.model_copy(update={"redlines": kept})
        times = measure(cut, args.repeats)
        floor = times[OutputFormat.JSON]
        cells = [f"{times[fmt]:7.2f} ({times[fmt] / floor:4.2f}x)" for fmt in FORMATS]
        size = f"{len(catalogue.roles):,} x {len(kept):,}"
        print(f"{size:>18}  " + "  ".join(f"{cell:>16}" for cell in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
