"""Every evidence item of a file's data, in the order written, with its path: the walk with a
stack finds what a plain recursive walk finds, on nested data made here."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from dsr_options.validate.quotes import iter_evidence


def recursive(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*path, key, index), item
            elif isinstance(value, (dict, list)):
                yield from recursive(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, (dict, list)):
                yield from recursive(item, (*path, index))


def nested(rng: random.Random, depth: int) -> Any:
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["text", 3, None, True])
    if rng.random() < 0.4:
        return [nested(rng, depth - 1) for _ in range(rng.randint(0, 4))]
    made: dict[str, Any] = {}
    for key in rng.sample(["a", "b", "evidence", "c"], rng.randint(0, 4)):
        if key == "evidence" and rng.random() < 0.8:
            made[key] = [
                {"quote": f"q{rng.randint(0, 99)}", "more": nested(rng, depth - 1)}
                if rng.random() < 0.8
                else "not a mapping"
                for _ in range(rng.randint(0, 3))
            ]
        else:
            made[key] = nested(rng, depth - 1)
    return made


def test_the_stack_walk_finds_what_recursion_finds_in_the_same_order() -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(400):
        data = nested(rng, 6)
        want = list(recursive(data))
        got = list(iter_evidence(data))
        assert [(p, id(i)) for p, i in got] == [(p, id(i)) for p, i in want]
        found += len(want)
    assert found > 200  # the data made here does hold evidence, nested inside evidence too


def test_a_scalar_holds_no_evidence_and_a_base_path_is_kept() -> None:
    assert list(iter_evidence("text")) == []
    item = {"quote": "q"}
    assert list(iter_evidence([{"evidence": [item]}], ("roles",))) == [
        (("roles", 0, "evidence", 0), item)
    ]
