"""Time the design-space search next to ``negotiate`` over the catalogued roles.

On the shipped vocabulary (and on one twice its size: every attribute declared twice), with 3,
10 and 30 generated delegations of 5 to 20 redlines each (vetoes, conditions and concerns; tests
of every operator, all/any/not, some in a scope), each timed as the median of interleaved
rounds: ``negotiate`` as it is (the holder x role matrix and joint repairs over the catalogued
roles) and ``design_space`` (every design: the answer, blocking sets and must-move included)::

    python -m benchmarks.design_space
    python -m benchmarks.design_space --delegations 10 --repeats 3

The target: on the shipped vocabulary with 10 delegations, the whole answer within twice
``negotiate``'s time and under one second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from dsr_options import load_catalogue
from dsr_options.analyses.design_space import clears, design_space
from dsr_options.analyses.negotiate import negotiate
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
            start = time.perf_counter()
            function()
            times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def _row(
    name: str,
    kind: str,
    base: Catalogue,
    count: int,
    contrary: float | None,
    args: argparse.Namespace,
) -> None:
    holders, redlines = delegations(count, list(base.attributes), args.seed, contrary)
    catalogue = base.model_copy(update={"holders": holders, "redlines": redlines})
    hard = sum(r.strictness.value != "concern" for r in redlines)
    found = design_space(catalogue)
    spent_n, spent_d = _rounds(
        [partial(negotiate, catalogue), partial(design_space, catalogue)], args.repeats
    )
    answer = {True: "passes", False: "blocked", None: "unknown"}[found.acceptable_exists]
    if not found.complete:
        answer += " (bound)"
    print(
        f"| {name} | {kind} | {count} | {hard} | {spent_n * 1000:.0f} ms | "
        f"{spent_d * 1000:.0f} ms | {spent_d / spent_n:.2f}x | {answer} | "
        f"{len(found.blocking_sets)} | {len(found.must_move)} | "
        f"{found.searched.classes:,} | {found.searched.steps:,} |",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegations", type=int, action="append", help="how many (repeatable)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = args.delegations or [3, 10, 30]
    shipped = load_catalogue()
    print(
        "| vocabulary | redlines | delegations | hard redlines | negotiate | design space | "
        "ratio | answer | blocking sets | must move | classes | steps |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, base in (("shipped", shipped), ("doubled", doubled(shipped))):
        for kind, contrary in (("mostly agree", 0.05), ("random", None)):
            for count in counts:
                _row(name, kind, base, count, contrary, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
