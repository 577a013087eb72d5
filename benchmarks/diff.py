"""Time the diff core against loading its two sides, measured in the same run.

Two generated catalogues of N roles (10,000 by default, see ``generate.py``) that differ in 1 %
of their attribute values (boolean values flipped, chosen at random with a fixed seed). Each
round loads both sides (``read_sides``: parse, validate, cross-check) and then diffs them
(``diff_sides``: the typed changes, then the consequence analysis with its bounded search);
the medians and their ratio are printed::

    python benchmarks/diff.py                    # 10,000 roles, 3 rounds
    python benchmarks/diff.py --roles 1000 --rounds 5
    python benchmarks/diff.py --quick            # 200 roles, one round: proves the script works

In-process timings (no subprocess): what is measured is the library, not start-up.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import ATTRIBUTES, redline_count, write_catalogue
from dsr_options.analyses.diff import Bounds, diff_sides
from dsr_options.load.sides import read_sides

MAX_FILE_MB = "4096"


def flip_values(folder: Path, share: float, seed: int) -> int:
    """Flip ``share`` of all attribute values (as boolean ones) in ``folder/roles.yaml``."""
    path = folder / "roles.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    booleans = {name for name, kind, _ in ATTRIBUTES if kind == "boolean"}
    candidates = [
        index + 1
        for index, line in enumerate(lines[:-1])
        if line.startswith("      ")
        and line.strip().rstrip(":") in booleans
        and lines[index + 1].strip() in ("value: true", "value: false")
    ]
    roles = sum(1 for line in lines if line.startswith("  - id: role-"))
    count = max(1, round(share * roles * len(ATTRIBUTES)))
    for index in random.Random(seed).sample(candidates, count):
        value = lines[index].strip().split(": ")[1]
        lines[index] = f"        value: {'false' if value == 'true' else 'true'}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.01, help="share of values changed")
    parser.add_argument("--quick", action="store_true", help="200 roles, one round")
    args = parser.parse_args(argv)
    roles, rounds = (200, 1) if args.quick else (args.roles, args.rounds)
    os.environ.setdefault("DSR_OPTIONS_MAX_FILE_MB", MAX_FILE_MB)
    bounds = Bounds()
    with tempfile.TemporaryDirectory(prefix="dsr-diff-bench-") as scratch:
        old_dir = write_catalogue(Path(scratch) / "old", roles)
        new_dir = write_catalogue(Path(scratch) / "new", roles)
        flipped = flip_values(new_dir, args.share, seed=1)
        print(
            f"{roles:,} roles, {redline_count(roles):,} redlines; {flipped:,} values changed "
            f"({args.share:.0%} of {roles * len(ATTRIBUTES):,}); bounds: subsets up to "
            f"{bounds.max_subset}, {bounds.max_evaluations:,} evaluations per consequence"
        )
        loads: list[float] = []
        diffs: list[float] = []
        summary = None
        for _ in range(rounds):
            gc.collect()
            start = time.perf_counter()
            old, new = read_sides(str(old_dir), str(new_dir))
            middle = time.perf_counter()
            diff = diff_sides(old, new, bounds=bounds)
            end = time.perf_counter()
            loads.append(middle - start)
            diffs.append(end - middle)
            summary = diff.summary
            del old, new, diff
    assert summary is not None
    load, compare = statistics.median(loads), statistics.median(diffs)
    print(
        f"changes {summary.changes:,}; verdicts moved {summary.verdict_changes:,}, standings "
        f"moved {summary.standing_changes:,}; causes not found within the bound "
        f"{summary.bound_reached:,}"
    )
    print(f"load both sides: {load:.2f} s (median of {rounds})")
    print(f"diff:            {compare:.2f} s (median of {rounds})")
    print(f"ratio diff / load: {compare / load:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
