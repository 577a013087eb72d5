"""Firmness next to plain ``check``: its cost as a ratio, with N and with the search bound.

Two measurements, each against a floor measured in the same run:

1. Whole process, on the shipped catalogue: ``dsr-options check -f json`` (firmness, bound 2)
   against ``dsr-options check -f json --firmness-bound 0`` (no firmness). Target: at most 1.1x.
2. In process, on generated catalogues of N roles and N/10 redlines over a dozen attributes of
   each type (12 boolean, 12 choice, 12 choices; every value our analysis): ``analyse`` (what
   check computes) against ``firmness`` at bounds 1, 2 (and 3 with ``--bound 3``). Target: at
   1,000 roles the single-change analysis (bound 1) at most 5x check.

    python benchmarks/firmness.py                     # sizes 100, 1000; bounds 1, 2
    python benchmarks/firmness.py --sizes 100,1000,5000 --bound 3 --repeats 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from dsr_options.analyses.evaluate import Evaluator, analyse
from dsr_options.analyses.firmness import firmness
from dsr_options.model.catalogue import (
    AttributeDecl,
    AttributeValue,
    Catalogue,
    Holder,
    Reception,
    Redline,
    Role,
)
from dsr_options.model.vocabulary import Basis, ReceptionStance, Voices

RECEPTION = Reception.model_construct(
    stance=ReceptionStance.UNRECORDED, voices=Voices.UNRECORDED, summary="Generated."
)
PER_TYPE = 12
VALUES = 4


def _declarations() -> list[AttributeDecl]:
    decls = []
    for kind in ("boolean", "choice", "choices"):
        for index in range(PER_TYPE):
            values = (
                []
                if kind == "boolean"
                else [{"id": f"v{j}", "description": f"Value {j}."} for j in range(VALUES)]
            )
            decls.append(
                AttributeDecl.model_validate(
                    {
                        "id": f"{kind}_{index}",
                        "type": kind,
                        "description": "Generated.",
                        "values": values,
                    }
                )
            )
    return decls


def _value(rng: random.Random, decl: AttributeDecl) -> Any:
    if decl.type.value == "boolean":
        return rng.random() < 0.5
    ids = [v.id for v in decl.values]
    if decl.type.value == "choice":
        return rng.choice(ids)
    return tuple(v for v in ids if rng.random() < 0.4)


def _test(rng: random.Random, decl: AttributeDecl) -> dict[str, Any]:
    if decl.type.value == "boolean":
        return {"attribute": decl.id, "equals": rng.random() < 0.5}
    ids = [v.id for v in decl.values]
    if decl.type.value == "choice":
        return {"attribute": decl.id, "in": rng.sample(ids, 2)}
    operator = rng.choice(("contains", "contains_any", "subset_of"))
    if operator == "contains":
        return {"attribute": decl.id, "contains": rng.choice(ids)}
    return {"attribute": decl.id, operator: rng.sample(ids, 2)}


def _rule(rng: random.Random, decls: Sequence[AttributeDecl]) -> dict[str, Any]:
    tests = [_test(rng, d) for d in rng.sample(list(decls), rng.randint(1, 3))]
    if len(tests) == 1:
        return {"not": tests[0]} if rng.random() < 0.3 else tests[0]
    return {rng.choice(("all", "any")): tests}


def wide_catalogue(roles: int, seed: int = 0) -> Catalogue:
    """N roles and N/10 redlines over 12 attributes of each type (in memory, analysis values)."""
    rng = random.Random(seed)
    decls = _declarations()
    made = [
        Role.model_construct(
            id=f"role-{n}",
            number=n,
            title=f"Role {n}",
            summary="Generated.",
            levels=[],
            dimensions=[],
            reception=RECEPTION,
            evidence=[],
            attributes={
                d.id: AttributeValue.model_construct(
                    value=_value(rng, d), basis=Basis.ANALYSIS, note=None, evidence=[]
                )
                for d in decls
            },
        )
        for n in range(1, roles + 1)
    ]
    redlines = [
        Redline.model_validate(
            {
                "id": f"redline-{n}",
                "title": f"Redline {n}",
                "statement": "Generated.",
                "origin": "participants",
                "holders": ["members"],
                "strictness": rng.choice(("veto", "concern", "condition")),
                "rule": _rule(rng, decls),
                **({"applies_to": _rule(rng, decls)} if rng.random() < 0.3 else {}),
            }
        )
        for n in range(1, max(1, roles // 10) + 1)
    ]
    return Catalogue.model_construct(
        sources=[],
        attributes=decls,
        offices=[],
        holders=[Holder(id="members", name="Members")],
        roles=made,
        redlines=redlines,
        variants=[],
        packages=[],
        assumed=[],
        scenarios=[],
    )


def best(action: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs, in seconds (the least disturbed)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def _check(catalogue: Catalogue) -> Callable[[], object]:
    return lambda: analyse(catalogue)


def _with_firmness(catalogue: Catalogue, bound: int) -> Callable[[], object]:
    def run() -> object:
        evaluator = Evaluator(catalogue)
        analysis = analyse(catalogue, evaluator)
        return firmness(catalogue, analysis, bound=bound, evaluator=evaluator)

    return run


def in_process(sizes: Sequence[int], bounds: Sequence[int], repeats: int) -> list[str]:
    """Per size: check's time, then per bound firmness's extra time and its ratio to check."""
    lines = ["roles  redlines  check      " + "  ".join(f"bound {b:<16}" for b in bounds)]
    for size in sizes:
        catalogue = wide_catalogue(size)
        floor = best(_check(catalogue), repeats)
        cells = []
        for bound in bounds:
            extra = best(_with_firmness(catalogue, bound), repeats) - floor
            cells.append(f"+{extra * 1000:9.1f} ms {extra / floor:6.2f}x")
        lines.append(
            f"{size:5d}  {len(catalogue.redlines):8d}  {floor * 1000:7.1f} ms  " + "  ".join(cells)
        )
    return lines


def whole_process(repeats: int) -> list[str]:
    command = [sys.executable, "-m", "dsr_options", "check", "-f", "json"]
    env = dict(os.environ)

    def timed(argv: list[str]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    timed(command)  # warm the file system
    without = timed([*command, "--firmness-bound", "0"])
    with_firmness = timed(command)
    return [
        f"shipped catalogue, whole process (median of {repeats}):",
        f"  check without firmness  {without * 1000:7.1f} ms",
        f"  check with firmness     {with_firmness * 1000:7.1f} ms  "
        f"{with_firmness / without:5.2f}x (target <= 1.10x)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated role counts")
    parser.add_argument("--bound", type=int, default=2, help="largest search bound to time")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    bounds = list(range(1, args.bound + 1))
    print("\n".join(whole_process(max(args.repeats, 5))))
    print()
    print("generated, in process: firmness beyond check (its cost, and as a ratio of check)")
    print("\n".join(in_process(sizes, bounds, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
