"""Time the design-space search next to ``negotiate`` over the catalogued roles.

On the shipped vocabulary (and on one twice its size: every attribute declared twice), with 3,
10 and 30 generated delegations of 5 to 20 redlines each (vetoes, conditions and concerns; tests
of every operator, all/any/not, some in a scope), each timed as the median of interleaved
rounds: ``negotiate`` as it is (the holder x role matrix and joint repairs over the catalogued
roles) and ``design_space`` (every design: the answer, blocking sets and must-move included)::

    python -m benchmarks.design_space
    python -m benchmarks.design_space --delegations 10 --repeats 3
    python -m benchmarks.design_space --repeats 3 \\
        --results benchmarks/results/design-space.json --doc docs/performance.md

Times are CPU seconds of this process (``time.process_time``), which a machine shared with
other work disturbs less than wall time. The target: on the shipped vocabulary with 10
delegations that mostly agree, the whole answer within twice ``negotiate``'s time and under one
second. ``--results`` keeps every figure with the command line and the machine; ``--doc``
rewrites the ``design-space`` section of docs/performance.md from them
(:mod:`benchmarks.results`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from benchmarks.results import add_options, header, load_average, run_data, save
from dsr_options import load_catalogue
from dsr_options.analyses.design_space import clears, design_space
from dsr_options.analyses.negotiate import negotiate
from dsr_options.model.budget import max_evaluations
from dsr_options.model.catalogue import AttributeDecl, Catalogue, Holder, Redline, Role
from dsr_options.model.vocabulary import AttributeType

STRICTNESS = ("veto", "condition", "concern")


def _test(rng: random.Random, decls: list[AttributeDecl]) -> dict[str, Any]:
    decl = rng.choice(decls)
    values = [v.id for v in decl.values]
    if decl.type is AttributeType.BOOLEAN:
        return {"attribute": decl.id, "equals": rng.random() < 0.5}
    if decl.type is AttributeType.CHOICE:
        if rng.random() < 0.5:
            return {"attribute": decl.id, "equals": rng.choice(values)}
        return {"attribute": decl.id, "in": rng.sample(values, min(2, len(values)))}
    operator = rng.choice(("contains", "contains_any", "subset_of"))
    if operator == "contains":
        return {"attribute": decl.id, "contains": rng.choice(values)}
    return {"attribute": decl.id, operator: rng.sample(values, rng.randint(1, len(values)))}


def _rule(rng: random.Random, decls: list[AttributeDecl]) -> dict[str, Any]:
    shape = rng.random()
    if shape < 0.5:
        return _test(rng, decls)
    if shape < 0.85:
        return {rng.choice(("all", "any")): [_test(rng, decls), _test(rng, decls)]}
    return {"not": _test(rng, decls)}


def _consensus(rng: random.Random, decls: list[AttributeDecl]) -> dict[str, Any]:
    """A design most delegations could live with (hidden from the search)."""
    found: dict[str, Any] = {}
    for decl in decls:
        values = [v.id for v in decl.values]
        if decl.type is AttributeType.BOOLEAN:
            found[decl.id] = rng.random() < 0.5
        elif decl.type is AttributeType.CHOICE:
            found[decl.id] = rng.choice(values)
        else:
            found[decl.id] = tuple(v for v in values if rng.random() < 0.5)
    return found


def delegations(
    count: int, decls: list[AttributeDecl], seed: int = 0, contrary: float | None = 0.05
) -> tuple[list[Holder], list[Redline]]:
    """``count`` holders with 5 to 20 redlines each.

    With ``contrary`` a share, every veto and condition but that share is one a hidden
    consensus design clears (delegations mostly agree, a few hold out); with None, every rule
    is drawn at random (a stress test: many conflicts).
    """
    rng = random.Random(seed)
    agreed = _consensus(rng, decls)
    holders, redlines = [], []
    for d in range(count):
        hid = f"delegation-{d + 1}"
        holders.append(Holder.model_validate({"id": hid, "name": f"Delegation {d + 1}"}))
        for r in range(rng.randint(5, 20)):
            data: dict[str, Any] = {
                "id": f"{hid}-r{r + 1}",
                "title": "generated",
                "statement": "generated",
                "origin": "member-state",
                "holders": [hid],
                "strictness": rng.choices(STRICTNESS, weights=(1, 1, 3))[0],
                rng.choice(("rule", "requires")): _rule(rng, decls),
            }
            if rng.random() < 0.2:
                data["applies_to"] = _test(rng, decls)
            redline = Redline.model_validate(data)
            hard = redline.strictness.value != "concern"
            if hard and contrary is not None and rng.random() >= contrary:
                while not clears(redline, agreed):
                    form = rng.choice(("rule", "requires"))
                    redline = Redline.model_validate(
                        {k: v for k, v in data.items() if k not in ("rule", "requires")}
                        | {form: _rule(rng, decls)}
                    )
            redlines.append(redline)
    return holders, redlines


def doubled(catalogue: Catalogue) -> Catalogue:
    """The catalogue with every attribute declared twice (``NAME`` and ``NAME_2``), each role
    giving the copy the original's value."""
    copies = [d.model_copy(update={"id": f"{d.id}_2"}) for d in catalogue.attributes]
    roles: list[Role] = [
        role.model_copy(
            update={
                "attributes": {
                    **role.attributes,
                    **{f"{k}_2": v for k, v in role.attributes.items()},
                }
            }
        )
        for role in catalogue.roles
    ]
    return catalogue.model_copy(
        update={"attributes": [*catalogue.attributes, *copies], "roles": roles}
    )


def _rounds(functions: list[Callable[[], object]], repeats: int) -> list[float]:
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeats):
        for index, function in enumerate(functions):
            start = time.process_time()
            function()
            times[index].append(time.process_time() - start)
    return [statistics.median(t) for t in times]


COLUMNS = (
    "vocabulary",
    "redlines",
    "delegations",
    "hard redlines",
    "negotiate (CPU)",
    "design space (CPU)",
    "ratio",
    "answer",
    "blocking sets",
    "must move",
    "classes",
    "steps",
)


def _row(
    name: str,
    kind: str,
    base: Catalogue,
    count: int,
    contrary: float | None,
    args: argparse.Namespace,
) -> dict[str, Any]:
    holders, redlines = delegations(count, list(base.attributes), args.seed, contrary)
    catalogue = base.model_copy(update={"holders": holders, "redlines": redlines})
    found = design_space(catalogue)
    spent_n, spent_d = _rounds(
        [partial(negotiate, catalogue), partial(design_space, catalogue)], args.repeats
    )
    return {
        "vocabulary": name,
        "redlines": kind,
        "delegations": count,
        "hard": sum(r.strictness.value != "concern" for r in redlines),
        "negotiate": spent_n,
        "design_space": spent_d,
        "passes": found.acceptable_exists,
        "complete": found.complete,
        "blocking_sets": len(found.blocking_sets),
        "must_move": len(found.must_move),
        "classes": found.searched.classes,
        "steps": found.searched.steps,
    }


def _line(row: dict[str, Any]) -> str:
    answer = {True: "passes", False: "blocked", None: "unknown"}[row["passes"]]
    if not row["complete"]:
        answer += " (bound)"
    spent_n, spent_d = row["negotiate"], row["design_space"]
    return (
        f"| {row['vocabulary']} | {row['redlines']} | {row['delegations']} | {row['hard']} | "
        f"{spent_n * 1000:.0f} ms | {spent_d * 1000:.0f} ms | "
        f"{spent_d / spent_n:.2f}x | {answer} | {row['blocking_sets']} | {row['must_move']} | "
        f"{row['classes']:,} | {row['steps']:,} |"
    )


def _head() -> list[str]:
    return ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]


def target(rows: list[dict[str, Any]]) -> str:
    """The target's sentence: shipped vocabulary, 10 delegations that mostly agree."""
    for row in rows:
        if (row["vocabulary"], row["redlines"], row["delegations"]) == (
            "shipped",
            "mostly agree",
            10,
        ):
            n, d = row["negotiate"], row["design_space"]
            met = d <= 2 * n and d < 1.0
            return (
                "**The target** (shipped vocabulary, 10 delegations that mostly agree, the whole "
                f"answer within 2x `negotiate` and under one second): {d * 1000:.0f} ms against "
                f"`negotiate`'s {n * 1000:.0f} ms, {d / n:.2f}x: {'met' if met else 'NOT met'}."
            )
    return "**The target** (shipped vocabulary, 10 delegations) was not measured in this run."


def doc_section(data: dict[str, Any]) -> str:
    """The design-space section of docs/performance.md, from a results file alone."""
    return "\n".join(
        [
            header(data, "design-space"),
            "",
            f"CPU time in one process, median of {data['repeats']} interleaved rounds; "
            f"delegations drawn with seed {data['seed']}; the search's budget "
            f"{data['budget']:,} evaluations.",
            "",
            *_head(),
            *(_line(row) for row in data["rows"]),
            "",
            target(data["rows"]),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegations", type=int, action="append", help="how many (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    add_options(parser, "design-space")
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given)
    began = load_average()
    print(f"load average as it began: {', '.join(f'{x:g}' for x in began)}")
    counts = args.delegations or [3, 10, 30]
    shipped = load_catalogue()
    print("\n".join(_head()))
    rows = []
    for name, base in (("shipped", shipped), ("doubled", doubled(shipped))):
        for kind, contrary in (("mostly agree", 0.05), ("random", None)):
            for count in counts:
                rows.append(_row(name, kind, base, count, contrary, args))
                print(_line(rows[-1]), flush=True)
    made = run_data("design_space", given, began)
    made.update(
        {"repeats": args.repeats, "seed": args.seed, "budget": max_evaluations(), "rows": rows}
    )
    print(target(rows))
    print(f"load average as it ended: {', '.join(f'{x:g}' for x in made['load_average'])}")
    save(args, "design-space", made)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
