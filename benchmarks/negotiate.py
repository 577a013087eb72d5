"""Time ``negotiate`` against plain ``check`` on the same generated inputs.

10 delegations x 10 redlines each over N roles (100 and 1,000) and the dozen attributes of
``benchmarks.generate``: the holder x role matrix and the smallest joint changes, each as a
ratio to :func:`analyse` (what ``check`` computes) in the same run, in interleaved rounds. The
search bound and its worst case per role are printed with the figures::

    python -m benchmarks.negotiate
    python -m benchmarks.negotiate --roles 100 --repeats 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.generate import ATTRIBUTES, write_catalogue
from dsr_options import load_catalogue
from dsr_options.analyses.evaluate import analyse
from dsr_options.analyses.negotiate import DEFAULT_BOUND, negotiate
from dsr_options.model.catalogue import Catalogue, Holder, Redline

DELEGATIONS = 10
REDLINES_EACH = 10
STRICTNESS = ("veto", "condition", "concern")


def _test(rng: random.Random, hard: bool) -> dict[str, Any]:
    """A test; a veto's or condition's tests agree on what is bad (true, containing a value,
    assessed funding), so that delegations' hard redlines can be satisfied together and the
    search, not the conflict check, is what is measured."""
    name, kind, values = rng.choice(ATTRIBUTES)
    if kind == "boolean":
        return {"attribute": name, "equals": True if hard else rng.random() < 0.5}
    if kind == "choice":
        return {"attribute": name, "equals": values[0] if hard else rng.choice(values)}
    if hard or rng.random() < 0.5:
        return {"attribute": name, "contains": rng.choice(values)}
    return {"attribute": name, "subset_of": [rng.choice(values)]}


def delegations(seed: int = 0) -> tuple[list[Holder], list[Redline]]:
    """10 holders with 10 redlines each: tests, all/any pairs, requires, some in a scope."""
    rng = random.Random(seed)
    holders, redlines = [], []
    for d in range(DELEGATIONS):
        hid = f"delegation-{d + 1}"
        holders.append(Holder.model_validate({"id": hid, "name": f"Delegation {d + 1}"}))
        for r in range(REDLINES_EACH):
            # Mostly concerns, so that most roles stay within reach of a few changes.
            strictness = rng.choices(STRICTNESS, weights=(1, 1, 3))[0]
            hard = strictness != "concern"
            if rng.random() < 0.5:
                rule: dict[str, Any] = _test(rng, hard)
            else:
                # A hard 'any' of bad things, or an 'all' of them: both cleared by the good values.
                rule = {rng.choice(("all", "any")): [_test(rng, hard), _test(rng, hard)]}
            form = "rule"
            if hard and rng.random() < 0.3:
                form, rule = "requires", {"not": rule}
            data: dict[str, Any] = {
                "id": f"{hid}-r{r + 1}",
                "title": "generated",
                "statement": "generated",
                "origin": "member-state",
                "holders": [hid],
                "strictness": strictness,
                form: rule,
            }
            if rng.random() < 0.3:
                data["applies_to"] = {"attribute": "in_country", "equals": True}
            redlines.append(Redline.model_validate(data))
    return holders, redlines


def catalogue_for(roles: int, folder: Path) -> Catalogue:
    base = load_catalogue(write_catalogue(folder / f"n{roles}", roles, seed=1))
    holders, redlines = delegations()
    return base.model_copy(update={"holders": holders, "redlines": redlines})


def _median(function: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roles", type=int, action="append", help="N roles (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--bound", type=int, default=DEFAULT_BOUND)
    args = parser.parse_args(argv)
    sizes = args.roles or [100, 1000]
    print(f"{DELEGATIONS} delegations x {REDLINES_EACH} redlines, bound {args.bound} changes")
    print(
        "| roles | check (floor) | negotiate | ratio | attributes | classes | worst/role | tried |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for roles in sizes:
            catalogue = catalogue_for(roles, Path(scratch))
            found = negotiate(catalogue, bound=args.bound)
            floor = _median(partial(analyse, catalogue), args.repeats)
            spent = _median(partial(negotiate, catalogue, bound=args.bound), args.repeats)
            print(
                f"| {roles} | {floor * 1000:.0f} ms | {spent * 1000:.0f} ms | "
                f"{spent / floor:.1f}x | {len(found.attributes)} | {found.classes} | "
                f"{found.worst_case} | {found.searched} |"
            )
            repaired = sum(s.repair is not None for s in found.roles)
            print(
                f"  acceptable to all: {len(found.acceptable_to_all)}, repaired: {repaired}, "
                f"conflicts: {len(found.conflicts)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
