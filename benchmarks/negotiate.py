"""Time ``negotiate`` against plain ``check`` on the same generated inputs.

10 delegations x 10 redlines each over N roles (100 and 1,000) and the dozen attributes of
``benchmarks.generate``: the holder x role matrix and the smallest joint changes, each as a
ratio to :func:`analyse` (what ``check`` computes) in the same run, in interleaved rounds. The
search bound and its worst case per role are printed with the figures::

    python -m benchmarks.negotiate
    python -m benchmarks.negotiate --roles 100 --repeats 3
    python -m benchmarks.negotiate --results benchmarks/results/negotiate.json \\
        --doc docs/performance.md

Times are this process's CPU seconds (``time.process_time``), medians of ``--repeats``.
``--results`` keeps every figure with the command line and the machine; ``--doc`` rewrites the
``negotiate`` section of docs/performance.md from them (:mod:`benchmarks.results`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.generate import ATTRIBUTES, write_catalogue
from benchmarks.results import add_options, header, load_average, run_data, save
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
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def table(data: dict[str, Any]) -> list[str]:
    """The figures of a run as a Markdown table."""
    lines = [
        "| roles | check (floor) | negotiate | ratio | attributes | classes | worst/role | tried "
        "| acceptable to all | repaired | conflicts |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in data["rows"]:
        lines.append(
            f"| {row['roles']:,} | {row['check'] * 1000:,.0f} ms | "
            f"{row['negotiate'] * 1000:,.0f} ms | {row['negotiate'] / row['check']:.1f}x | "
            f"{row['attributes']} | {row['classes']:,} | {row['worst_case']:,} | "
            f"{row['searched']:,} | {row['acceptable']:,} | {row['repaired']:,} | "
            f"{row['conflicts']:,} |"
        )
    return lines


def doc_section(data: dict[str, Any]) -> str:
    """The negotiate section of docs/performance.md, from a results file alone."""
    return "\n".join(
        [
            header(data, "negotiate"),
            "",
            f"{data['delegations']} delegations x {data['redlines_each']} redlines, search bound "
            f"{data['bound']} changes; CPU time in one process, median of {data['repeats']} "
            "runs.",
            "",
            *table(data),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roles", type=int, action="append", help="N roles (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--bound", type=int, default=DEFAULT_BOUND)
    add_options(parser, "negotiate")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    sizes = args.roles or [100, 1000]
    began = load_average()
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}")
    print(f"{DELEGATIONS} delegations x {REDLINES_EACH} redlines, bound {args.bound} changes")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for roles in sizes:
            catalogue = catalogue_for(roles, Path(scratch))
            found = negotiate(catalogue, bound=args.bound)
            floor = _median(partial(analyse, catalogue), args.repeats)
            spent = _median(partial(negotiate, catalogue, bound=args.bound), args.repeats)
            rows.append(
                {
                    "roles": roles,
                    "check": floor,
                    "negotiate": spent,
                    "attributes": len(found.attributes),
                    "classes": found.classes,
                    "worst_case": found.worst_case,
                    "searched": found.searched,
                    "acceptable": len(found.acceptable_to_all),
                    "repaired": sum(s.repair is not None for s in found.roles),
                    "conflicts": len(found.conflicts),
                }
            )
    made = run_data("negotiate", given, began)
    made.update(
        {
            "delegations": DELEGATIONS,
            "redlines_each": REDLINES_EACH,
            "bound": args.bound,
            "repeats": args.repeats,
            "rows": rows,
        }
    )
    print("\n".join(table(made)))
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "negotiate", made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
