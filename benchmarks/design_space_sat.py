"""The design space by a SAT solver (MARCO), timed next to the exact sweep the tool uses.

The alternative the tool did not take, measured on the inputs of ``benchmarks.design_space``:
the same value classes and per-redline tables (so both read the rules through the same engine),
encoded as clauses (one variable per class of each attribute, exactly one per attribute; a
selector per veto or condition, implying that none of its failing combinations of classes
holds), then MARCO (Liffiton et al.) enumerates every minimal unsatisfiable set (the blocking
sets) and every maximal satisfiable set (whose complements give who must move). Needs
``python-sat``, which the tool does not depend on::

    pip install python-sat
    python -m benchmarks.design_space_sat --seconds 10
    python -m benchmarks.design_space_sat --seconds 10 \\
        --results benchmarks/results/design-space-sat.json --doc docs/performance.md

Where both finish, the blocking sets are checked to be the same. Times are CPU seconds of this
process (``time.process_time``; the solver runs in it). ``--results`` keeps every figure with
the command line and the machine; ``--doc`` rewrites the ``design-space-sat`` section of
docs/performance.md from them (:mod:`benchmarks.results`).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from typing import Any

from benchmarks.design_space import delegations, doubled
from benchmarks.results import add_options, header, load_average, run_data, save
from dsr_options import load_catalogue
from dsr_options.analyses.design_space import DEFAULT_BUDGET, clears, design_space
from dsr_options.analyses.design_space.classes import attribute_classes, local_table
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.rules import redline_attributes, redline_tests
from dsr_options.model.vocabulary import Strictness


def encode(catalogue: Catalogue) -> tuple[list[list[int]], dict[str, int]]:
    """Clauses, and the selector variable of each veto or condition."""
    hard = [r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN]
    decls = {d.id: d for d in catalogue.attributes}
    tests: dict[str, list[Any]] = {}
    for r in hard:
        for test in redline_tests(r):
            tests.setdefault(test.attribute, []).append(test)
    attributes = {a: attribute_classes(decls[a], tests[a]) for a in tests if a in decls}
    top = 0
    var: dict[tuple[str, int], int] = {}
    clauses: list[list[int]] = []
    for a, attribute in attributes.items():
        ids = []
        for c in range(len(attribute.classes)):
            top += 1
            var[a, c] = top
            ids.append(top)
        clauses.append(ids)
        clauses += [[-x, -y] for x, y in itertools.combinations(ids, 2)]
    selectors: dict[str, int] = {}
    for r in hard:
        top += 1
        selectors[r.id] = top
        names = [a for a in redline_attributes(r) if a in attributes]
        table = local_table(r, [attributes[a] for a in names], clears)
        for combo in itertools.product(*(range(len(attributes[a].classes)) for a in names)):
            if combo not in table:
                clauses.append([-top, *(-var[a, c] for a, c in zip(names, combo, strict=True))])
    return clauses, selectors


def marco(
    catalogue: Catalogue, limit_seconds: float
) -> tuple[bool, list[frozenset[str]], int, bool]:
    """(some design passes, every minimal blocking set, maximal satisfiable sets, finished)."""
    from pysat.solvers import Solver  # type: ignore[import-not-found, import-untyped, unused-ignore]

    clauses, selectors = encode(catalogue)
    names = {v: k for k, v in selectors.items()}
    every = list(selectors.values())
    started = time.process_time()
    with Solver(name="g3", bootstrap_with=clauses) as sat, Solver(name="g3") as seeds:
        if sat.solve(assumptions=every):
            return True, [], 0, True
        blocking: list[frozenset[str]] = []
        mss = 0
        for v in every:
            seeds.add_clause([v, -v])
        seeds.set_phases(every)  # maximal seeds first
        while seeds.solve():
            if time.process_time() - started > limit_seconds:
                return False, blocking, mss, False
            model = set(seeds.get_model())
            seed = [v for v in every if v in model]
            if sat.solve(assumptions=seed):
                grown = list(seed)
                for v in every:
                    if v not in grown and sat.solve(assumptions=[*grown, v]):
                        grown.append(v)
                mss += 1
                seeds.add_clause([v for v in every if v not in grown])
            else:
                core = list(sat.get_core() or seed)
                for v in list(core):
                    trial = [x for x in core if x != v]
                    if not sat.solve(assumptions=trial):
                        core = list(sat.get_core() or trial)
                blocking.append(frozenset(names[v] for v in core))
                seeds.add_clause([-v for v in core])
        return False, blocking, mss, True


COLUMNS = (
    "vocabulary",
    "redlines",
    "delegations",
    "sweep (CPU)",
    "sweep answer",
    "SAT, MARCO (CPU)",
    "SAT answer",
    "same",
)


def _row(name: str, kind: str, base: Catalogue, count: int, seconds: float) -> dict[str, Any]:
    contrary = 0.05 if kind == "mostly agree" else None
    holders, redlines = delegations(count, list(base.attributes), 0, contrary)
    catalogue = base.model_copy(update={"holders": holders, "redlines": redlines})
    start = time.process_time()
    found = design_space(catalogue, budget=DEFAULT_BUDGET)
    swept = time.process_time() - start
    start = time.process_time()
    exists, blocking, mss, done = marco(catalogue, seconds)
    solved = time.process_time() - start
    ours = {frozenset(b.redlines) for b in found.blocking_sets}
    both = found.complete and done
    same = ours == set(blocking) and found.acceptable_exists == exists
    return {
        "vocabulary": name,
        "redlines": kind,
        "delegations": count,
        "sweep": swept,
        "sweep_passes": found.acceptable_exists,
        "sweep_complete": found.complete,
        "sweep_blocking_sets": len(ours),
        "sat": solved,
        "sat_passes": exists,
        "sat_complete": done,
        "sat_blocking_sets": len(blocking),
        "sat_mss": mss,
        "same": ("yes" if same else "NO") if both else "-",
    }


def _line(row: dict[str, Any]) -> str:
    sweep = _answer(row["sweep_passes"], row["sweep_complete"], row["sweep_blocking_sets"])
    sat = _answer(row["sat_passes"], row["sat_complete"], row["sat_blocking_sets"], "time limit")
    return (
        f"| {row['vocabulary']} | {row['redlines']} | {row['delegations']} | "
        f"{row['sweep'] * 1000:.0f} ms | {sweep} | {row['sat'] * 1000:.0f} ms | "
        f"{sat}{'' if row['sat_passes'] else _mss(row['sat_mss'])} | {row['same']} |"
    )


def _head() -> list[str]:
    return ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]


def doc_section(data: dict[str, Any]) -> str:
    """The design-space-sat section of docs/performance.md, from a results file alone."""
    return "\n".join(
        [
            header(data, "design-space-sat"),
            "",
            f"One run each, CPU time in one process; MARCO stopped after {data['seconds']:g} s "
            f"of CPU a row; the sweep's budget {data['budget']:,} evaluations; pysat "
            f"{data['pysat']}.",
            "",
            *_head(),
            *(_line(row) for row in data["rows"]),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegations", type=int, action="append")
    parser.add_argument("--seconds", type=float, default=20.0, help="MARCO's time limit per row")
    add_options(parser, "design-space-sat")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    import pysat  # type: ignore[import-not-found, import-untyped, unused-ignore]

    began = load_average()
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}")
    shipped = load_catalogue()
    print("\n".join(_head()))
    rows = []
    for name, base in (("shipped", shipped), ("doubled", doubled(shipped))):
        for kind in ("mostly agree", "random"):
            for count in args.delegations or [3, 10, 30]:
                rows.append(_row(name, kind, base, count, args.seconds))
                print(_line(rows[-1]), flush=True)
    made = run_data("design_space_sat", given, began)
    made.update(
        {
            "seconds": args.seconds,
            "budget": DEFAULT_BUDGET,
            "pysat": pysat.__version__,
            "rows": rows,
        }
    )
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "design-space-sat", made)
    return 0


def _mss(count: int) -> str:
    return f", {count:,} maximal satisfiable set{'' if count == 1 else 's'}"


def _answer(exists: bool | None, complete: bool, blocking: int, stop: str = "bound") -> str:
    if exists:
        return "passes"
    if exists is None:
        return f"unknown ({stop})"
    if not complete and blocking == 0:
        return f"blocked, sets not listed ({stop})"
    sets = f"{blocking:,} blocking set{'' if blocking == 1 else 's'}"
    return f"blocked, {sets}" + ("" if complete else f" so far ({stop})")


if __name__ == "__main__":
    raise SystemExit(main())
