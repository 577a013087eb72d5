"""The design space by a SAT solver (MARCO), timed next to the exact sweep the tool uses.

The alternative the tool did not take, measured on the inputs of ``benchmarks.design_space``:
the same value classes and per-redline tables (so both read the rules through the same engine),
encoded as clauses (one variable per class of each attribute, exactly one per attribute; a
selector per veto or condition, implying that none of its failing combinations of classes
holds), then MARCO (Liffiton et al.) enumerates every minimal unsatisfiable set (the blocking
sets) and every maximal satisfiable set (whose complements give who must move). Needs
``python-sat``, which the tool does not depend on::

    pip install python-sat
    python -m benchmarks.design_space_sat --repeats 3

Where both finish, the blocking sets are checked to be the same.
"""

from __future__ import annotations

import argparse
import itertools
import time
from typing import Any

from benchmarks.design_space import delegations, doubled
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
    started = time.perf_counter()
    with Solver(name="g3", bootstrap_with=clauses) as sat, Solver(name="g3") as seeds:
        if sat.solve(assumptions=every):
            return True, [], 0, True
        blocking: list[frozenset[str]] = []
        mss = 0
        for v in every:
            seeds.add_clause([v, -v])
        seeds.set_phases(every)  # maximal seeds first
        while seeds.solve():
            if time.perf_counter() - started > limit_seconds:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegations", type=int, action="append")
    parser.add_argument("--seconds", type=float, default=20.0, help="MARCO's time limit per row")
    args = parser.parse_args(argv)
    shipped = load_catalogue()
    print(
        "| vocabulary | redlines | delegations | sweep | sweep answer | SAT (MARCO) | "
        "SAT answer | same |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, base in (("shipped", shipped), ("doubled", doubled(shipped))):
        for kind, contrary in (("mostly agree", 0.05), ("random", None)):
            for count in args.delegations or [3, 10, 30]:
                holders, redlines = delegations(count, list(base.attributes), 0, contrary)
                catalogue = base.model_copy(update={"holders": holders, "redlines": redlines})
                start = time.perf_counter()
                found = design_space(catalogue, budget=DEFAULT_BUDGET)
                swept = time.perf_counter() - start
                start = time.perf_counter()
                exists, blocking, mss, done = marco(catalogue, args.seconds)
                solved = time.perf_counter() - start
                ours = {frozenset(b.redlines) for b in found.blocking_sets}
                same = (
                    "yes"
                    if found.complete
                    and done
                    and ours == set(blocking)
                    and found.acceptable_exists == exists
                    else ("-" if not (found.complete and done) else "NO")
                )
                print(
                    f"| {name} | {kind} | {count} | {swept * 1000:.0f} ms | "
                    f"{_answer(found.acceptable_exists, found.complete, len(ours))} | "
                    f"{solved * 1000:.0f} ms | {_answer(exists, done, len(blocking))} "
                    f"({mss} MSS) | {same} |",
                    flush=True,
                )
    return 0


def _answer(exists: bool | None, complete: bool, blocking: int) -> str:
    if exists:
        return "passes"
    if exists is None:
        return "unknown (bound)"
    return f"blocked, {blocking} sets" + ("" if complete else " so far (bound)")


if __name__ == "__main__":
    raise SystemExit(main())
