"""Firmness next to plain ``check``: its cost as a ratio, with N and with the search bound.

Two measurements, each against a floor measured in the same run:

1. Whole process, on the shipped catalogue: ``dsr-options check -f json`` (firmness, bound 2)
   against ``dsr-options check -f json --firmness-bound 0`` (no firmness). Target: at most 1.1x.
2. In process, on generated catalogues of N roles and N/10 redlines over a dozen attributes of
   each type (12 boolean, 12 choice, 12 choices; every value our analysis): ``analyse`` (what
   check computes) against ``firmness`` over the analysis values (``--vary analysis``) at
   bounds 1, 2 (and 3 with ``--bound 3``), within the shared budget of evaluations. Target: at
   1,000 roles the single-change analysis (bound 1) at most 5x check.

    python -m benchmarks.firmness                     # sizes 100, 1000; bounds 1, 2
    python -m benchmarks.firmness --sizes 100,1000,5000 --bound 3 --repeats 5
    python -m benchmarks.firmness --results benchmarks/results/firmness.json \\
        --doc docs/performance.md

Times are CPU seconds (user and system of the child for the whole process; this process's
``time.process_time`` in process), which a machine shared with other work disturbs less than
wall time. ``--results`` keeps every figure with the command line and the machine; ``--doc``
rewrites the ``firmness`` section of docs/performance.md from them (:mod:`benchmarks.results`).
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.results import add_options, header, load_average, run_data, save
from dsr_options.analyses.evaluate import Evaluator, analyse
from dsr_options.analyses.firmness import firmness
from dsr_options.analyses.firmness_types import FirmnessReport
from dsr_options.model.budget import max_evaluations
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


WHOLE_TARGET = 1.10
"""``check -f json`` with firmness against without it, whole process, shipped catalogue."""
BOUND_ONE_TARGET = 5.0
"""Firmness at bound 1 against check, in process, at 1,000 roles."""


def best(action: Callable[[], object], repeats: int) -> float:
    """The least CPU time of ``repeats`` runs, in seconds (the least disturbed)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def _check(catalogue: Catalogue) -> Callable[[], object]:
    return lambda: analyse(catalogue)


def _with_firmness(catalogue: Catalogue, bound: int) -> Callable[[], object]:
    def run() -> object:
        evaluator = Evaluator(catalogue)
        analysis = analyse(catalogue, evaluator)
        return firmness(catalogue, analysis, bound=bound, vary="analysis", evaluator=evaluator)

    return run


def in_process(sizes: Sequence[int], bounds: Sequence[int], repeats: int) -> list[dict[str, Any]]:
    """Per size: check's CPU time, then per bound the CPU time firmness adds to it."""
    rows = []
    for size in sizes:
        catalogue = wide_catalogue(size)
        floor = best(_check(catalogue), repeats)
        extra = {
            str(bound): best(_with_firmness(catalogue, bound), repeats) - floor for bound in bounds
        }
        stopped = {}
        for bound in bounds:
            report = _with_firmness(catalogue, bound)()
            assert isinstance(report, FirmnessReport)
            stopped[str(bound)] = sum(f.stopped for f in report.roles)
        rows.append(
            {
                "roles": size,
                "redlines": len(catalogue.redlines),
                "check": floor,
                "extra": extra,
                "stopped": stopped,
            }
        )
        print(f"  {size:,} roles measured", flush=True)
    return rows


def _child_cpu(argv: list[str], env: dict[str, str]) -> float:
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime


def whole_process(repeats: int) -> dict[str, Any]:
    """``check -f json`` on the shipped catalogue with and without firmness, in interleaved
    rounds after one warm-up: the median CPU seconds of each."""
    command = [sys.executable, "-m", "dsr_options", "check", "-f", "json"]
    env = {k: v for k, v in os.environ.items() if k != "DSR_OPTIONS_DATA"}
    lines = {"without": [*command, "--firmness-bound", "0"], "with": command}
    _child_cpu(command, env)  # warm the file system
    times: dict[str, list[float]] = {name: [] for name in lines}
    for _ in range(repeats):
        for name, argv in lines.items():
            times[name].append(_child_cpu(argv, env))
    return {"repeats": repeats, **{name: statistics.median(t) for name, t in times.items()}}


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def report(data: dict[str, Any]) -> list[str]:
    """The figures of a run as Markdown: the whole process, then the table in process."""
    whole = data["whole"]
    ratio = whole["with"] / whole["without"]
    bounds = data["bounds"]
    lines = [
        f"On the shipped catalogue, a whole `check -f json` process (CPU, median of "
        f"{whole['repeats']} interleaved runs): {whole['with'] * 1000:.0f} ms with firmness "
        f"against {whole['without'] * 1000:.0f} ms with `--firmness-bound 0`, {ratio:.2f}x "
        f"(target at most {WHOLE_TARGET:.2f}x: {_verdict(ratio <= WHOLE_TARGET)}).",
        "",
        f"On generated catalogues, in process (CPU, the least of {data['repeats']} runs): "
        "`check`'s analysis, and what firmness over the analysis values (`--vary analysis`) adds "
        "to it at each bound, with its ratio to `check`, within the shared budget of "
        f"{data['budget']:,} evaluations.",
        "",
        "| roles | redlines | check | " + " | ".join(f"firmness, bound {b}" for b in bounds) + " |",
        "|---|---|---|" + "---|" * len(bounds),
    ]
    for row in data["rows"]:
        cells = []
        for b in bounds:
            extra, stopped = row["extra"][str(b)], row["stopped"][str(b)]
            cell = f"{extra * 1000:+,.0f} ms ({extra / row['check']:.2f}x)"
            if stopped:
                cell += f", the budget stopped {stopped:,} roles' search"
            cells.append(cell)
        lines.append(
            f"| {row['roles']:,} | {row['redlines']:,} | {row['check'] * 1000:,.0f} ms | "
            + " | ".join(cells)
            + " |"
        )
    at = [row for row in data["rows"] if row["roles"] == 1000]
    if at and 1 in bounds:
        one = at[0]["extra"]["1"] / at[0]["check"]
        stopped = at[0]["stopped"]["1"]
        caveat = (
            f"; the budget stopped {stopped:,} of its {at[0]['roles']:,} roles' search, so this "
            "is the cost of the budget, not of the whole search"
            if stopped
            else ""
        )
        lines += [
            "",
            f"At 1,000 roles firmness at bound 1 adds {one:.2f}x `check`'s time (target at most "
            f"{BOUND_ONE_TARGET:g}x: {_verdict(one <= BOUND_ONE_TARGET)}){caveat}.",
        ]
    return lines


def doc_section(data: dict[str, Any]) -> str:
    """The firmness section of docs/performance.md, from a results file alone."""
    return "\n".join([header(data, "firmness"), "", *report(data)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated role counts")
    parser.add_argument("--bound", type=int, default=2, help="largest search bound to time")
    parser.add_argument("--repeats", type=int, default=3)
    add_options(parser, "firmness")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    bounds = list(range(1, args.bound + 1))
    began = load_average()
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}")
    whole = whole_process(max(args.repeats, 11))
    rows = in_process(sizes, bounds, args.repeats)
    made = run_data("firmness", given, began)
    made.update(
        {
            "repeats": args.repeats,
            "bounds": bounds,
            "budget": max_evaluations(),
            "whole": whole,
            "rows": rows,
        }
    )
    print("\n".join(report(made)))
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "firmness", made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
