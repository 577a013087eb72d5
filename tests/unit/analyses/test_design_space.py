"""The design space against a brute force written here: every design of the vocabulary, each
evaluated by the evaluator ``check`` uses, every subset of redlines and of holders tried."""

from __future__ import annotations

import copy
import itertools
import random
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.design_space import Condition, Region, design_space
from dsr_options.analyses.evaluate import Outcome, evaluate
from dsr_options.load.catalogue import load_catalogue
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.vocabulary import AttributeType, Strictness
from tests.factory import (
    ATTRIBUTES,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

EXTRA = [
    {
        "id": "training",
        "type": "choices",
        "description": "The kinds of training.",
        "values": [
            {"id": "offensive", "description": "Offensive operations."},
            {"id": "civil-control", "description": "Civilian control."},
            {"id": "logistics", "description": "Logistics."},
            {"id": "human-rights", "description": "Human rights."},
        ],
    },
    {"id": "in_country", "type": "boolean", "description": "Works in one country."},
]
HOLDERS = ("north", "south", "east")


def build(tmp_path: Path, redlines: list[dict[str, Any]]) -> Catalogue:
    roles = roles_document([role(1), role(2, standing=False, trigger="un-initiative")])
    roles["attributes"] = copy.deepcopy(ATTRIBUTES) + copy.deepcopy(EXTRA)
    document = redlines_document(redlines)
    document["holders"] = [{"id": h, "name": h.title()} for h in HOLDERS]
    return load_catalogue(write_catalogue(tmp_path / "catalogue", roles, document))


def domain(decl: Any) -> list[Any]:
    if decl.type is AttributeType.BOOLEAN:
        return [True, False]
    ids = [v.id for v in decl.values]
    if decl.type is AttributeType.CHOICE:
        return ids
    return [tuple(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]


def failed_sets(catalogue: Catalogue) -> dict[int, dict[str, Any]]:
    """Every design of every declared attribute: the set of hard redlines it fails (a mask),
    with one design failing exactly it."""
    hard = [r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN]
    names = [d.id for d in catalogue.attributes]
    found: dict[int, dict[str, Any]] = {}
    probe = catalogue.roles[0]
    for combo in itertools.product(*(domain(d) for d in catalogue.attributes)):
        values = dict(zip(names, combo, strict=True))
        mask = 0
        for index, r in enumerate(hard):
            outcome = evaluate(catalogue, probe, r, values, {}).outcome
            if outcome not in (Outcome.CLEAR, Outcome.NOT_APPLICABLE):
                mask |= 1 << index
        found.setdefault(mask, values)
    return found


def brute(catalogue: Catalogue) -> tuple[bool, set[frozenset[str]], set[frozenset[str]]]:
    hard = [r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN]
    masks = list(failed_sets(catalogue))
    ids = [r.id for r in hard]

    def satisfiable(subset: int) -> bool:
        return any(m & subset == 0 for m in masks)

    blocking = set()
    for n in range(1, len(hard) + 1):
        for combo in itertools.combinations(range(len(hard)), n):
            subset = sum(1 << i for i in combo)
            if not satisfiable(subset) and all(satisfiable(subset & ~(1 << i)) for i in combo):
                blocking.add(frozenset(ids[i] for i in combo))
    holding = [h for h in HOLDERS if any(h in r.holders for r in hard)]
    movers: list[frozenset[str]] = []
    if 0 not in masks:
        for n in range(1, len(holding) + 1):
            for group in itertools.combinations(holding, n):
                relaxed = sum(1 << i for i, r in enumerate(hard) if set(r.holders) <= set(group))
                if any(m & ~relaxed == 0 for m in masks) and not any(
                    set(m) <= set(group) for m in movers
                ):
                    movers.append(frozenset(group))
    return 0 in masks, blocking, set(movers)


TESTS: list[dict[str, Any]] = [
    {"attribute": "standing_un_capacity", "equals": True},
    {"attribute": "standing_un_capacity", "equals": False},
    {"attribute": "trigger", "equals": "un-initiative"},
    {"attribute": "trigger", "in": ["national-request"]},
    {"attribute": "delivered_by", "contains": "un-secretariat"},
    {"attribute": "delivered_by", "subset_of": ["un-secretariat"]},
    {"attribute": "training", "contains": "offensive"},
    {"attribute": "training", "contains_any": ["logistics", "civil-control"]},
    {"attribute": "training", "subset_of": ["offensive", "human-rights"]},
    {"attribute": "in_country", "equals": True},
]


def generated(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    found = []
    for index in range(rng.randint(3, 7)):
        shape = rng.random()
        if shape < 0.4:
            rule: dict[str, Any] = dict(rng.choice(TESTS))
        elif shape < 0.7:
            rule = {rng.choice(("all", "any")): rng.sample(TESTS, 2)}
        else:
            rule = {"not": dict(rng.choice(TESTS))}
        data = redline(
            index + 1,
            strictness=rng.choice(("veto", "condition", "concern")),
            rule=rule,
            holders=tuple(rng.sample(HOLDERS, rng.choice((1, 1, 2)))),
        )
        if rng.random() < 0.25:
            data["applies_to"] = dict(rng.choice(TESTS[:4]))
        found.append(data)
    return found


@pytest.mark.parametrize("seed", range(40))
def test_the_answer_is_the_brute_forces(tmp_path: Path, seed: int) -> None:
    catalogue = build(tmp_path, generated(seed))
    exists, blocking, movers = brute(catalogue)
    space = design_space(catalogue)
    assert space.complete
    assert space.acceptable_exists is exists
    assert {frozenset(b.redlines) for b in space.blocking_sets} == blocking
    assert {frozenset(m.holders) for m in space.must_move} == movers
    hard = {r.id: r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN}
    probe = catalogue.roles[0]
    if exists:
        assert space.witness is not None
        values = dict(space.witness)
        for r in hard.values():
            outcome = evaluate(catalogue, probe, r, values, {}).outcome
            assert outcome in (Outcome.CLEAR, Outcome.NOT_APPLICABLE)
    if exists:
        assert space.region is not None
        check_region(catalogue, space.region)
    for move in space.must_move:
        values = dict(move.design)
        for r in hard.values():
            if not set(r.holders) <= set(move.holders):
                outcome = evaluate(catalogue, probe, r, values, {}).outcome
                assert outcome in (Outcome.CLEAR, Outcome.NOT_APPLICABLE), (r.id, values)


def test_enough_seeds_block_and_enough_pass(tmp_path: Path) -> None:
    """The seeds above exercise both answers, and blocking sets of two and of three redlines."""
    answers = []
    sizes = set()
    for seed in range(40):
        space = design_space(build(tmp_path / str(seed), generated(seed)))
        answers.append(space.acceptable_exists)
        sizes |= {len(b.redlines) for b in space.blocking_sets}
    assert answers.count(True) >= 5
    assert answers.count(False) >= 5
    assert sizes >= {2, 3}


def meets(condition: Condition, value: Any) -> bool:
    if condition.type is not AttributeType.CHOICES:
        return value in condition.values
    return (
        set(condition.includes) <= set(value)
        and not set(condition.excludes) & set(value)
        and (not condition.only or set(value) <= set(condition.only))
    )


def check_region(catalogue: Catalogue, region: Region) -> None:
    """The conditions and residual redlines describe exactly the acceptable designs."""
    hard = [r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN]
    residual = [r for r in hard if r.id in region.residual]
    probe = catalogue.roles[0]
    names = [d.id for d in catalogue.attributes]
    conditions = {c.attribute: c for c in region.conditions}

    def clear(r: Any, values: dict[str, Any]) -> bool:
        outcome = evaluate(catalogue, probe, r, values, {}).outcome
        return outcome in (Outcome.CLEAR, Outcome.NOT_APPLICABLE)

    for combo in itertools.product(*(domain(d) for d in catalogue.attributes)):
        values = dict(zip(names, combo, strict=True))
        acceptable = all(clear(r, values) for r in hard)
        described = all(meets(c, values[a]) for a, c in conditions.items()) and all(
            clear(r, values) for r in residual
        )
        assert acceptable == described, values
