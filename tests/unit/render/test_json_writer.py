"""The JSON writer: the very text of ``json.dumps(indent=2, ensure_ascii=False)`` with the
unsafe characters escaped, on data made here (nested, shared, odd scalars and keys), and the
same errors."""

from __future__ import annotations

import enum
import json
import random
import re
from typing import Any

import pytest

from dsr_options.render import formats
from dsr_options.render.formats import iter_json, write_json
from dsr_options.render.safe import UNSAFE_CHARACTERS

UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")


def reference(data: Any) -> str:
    """What the writer must write: the standard library's text, then every unsafe character
    escaped."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


class Colour(str, enum.Enum):
    RED = "red"


class Size(enum.IntEnum):
    BIG = 3


class Tagged(dict):  # type: ignore[type-arg]
    pass


CHARACTERS = 'ab "\\\n\t\x00\x1f\x7f\x85\u200e\u2028\ufeff\ud800é中😀/'


def text(rng: random.Random) -> str:
    return "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(0, 6)))


def scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            text(rng),
            rng.randint(-(10**20), 10**20),
            rng.random() * 10 ** rng.randint(-300, 300),
            float("nan"),
            float("inf"),
            -float("inf"),
            -0.0,
            True,
            False,
            None,
            Colour.RED,
            Size.BIG,
        ]
    )


def key(rng: random.Random) -> Any:
    return rng.choice([text(rng), text(rng), 7, 2.5, True, False, None, Colour.RED])


def nested(rng: random.Random, depth: int, shared: list[Any]) -> Any:
    roll = rng.random()
    if depth == 0 or roll < 0.3:
        return scalar(rng)
    if roll < 0.4 and shared:
        return rng.choice(shared)  # the same object again, at another depth
    if roll < 0.65:
        items = [nested(rng, depth - 1, shared) for _ in range(rng.randint(0, 4))]
        return tuple(items) if rng.random() < 0.2 else items
    made = (Tagged if rng.random() < 0.1 else dict)(
        (key(rng), nested(rng, depth - 1, shared)) for _ in range(rng.randint(0, 4))
    )
    if made and rng.random() < 0.3:
        shared.append(made)
    return made


def test_the_text_is_the_standard_librarys() -> None:
    rng = random.Random(28)
    for _ in range(1500):
        data = nested(rng, 6, [])
        assert write_json(data) == reference(data)


def test_a_mapping_met_again_is_reused_at_its_new_depth() -> None:
    inner = {"a": [1, {"b": "x\ny"}], "c": {}}
    data = {"one": inner, "deeper": [[inner, {"again": inner}]], "last": [inner]}
    assert write_json(data) == reference(data)


def test_parts_are_joined_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large output is handed on in parts, each escaped alone: the joined text is the same."""
    monkeypatch.setattr(formats, "_PIECES", 3)
    data = [{"id": f"role-{i}", "odd": "\x85\u202e", "n": i} for i in range(50)]
    parts = list(iter_json(data))
    assert len(parts) > 20
    assert "".join(parts) == reference(data)


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (object(), TypeError, "Object of type object is not JSON serializable"),
        ({"a": {1, 2}}, TypeError, "Object of type set is not JSON serializable"),
        ({(1, 2): "x"}, TypeError, "keys must be str, int, float, bool or None, not tuple"),
    ],
)
def test_what_json_refuses_is_refused_alike(data: Any, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        json.dumps(data, indent=2)
    with pytest.raises(error, match=re.escape(message)):
        write_json(data)


def test_a_cycle_is_refused_alike() -> None:
    looped: dict[str, Any] = {"a": [1]}
    looped["a"].append(looped)
    listed: list[Any] = [1]
    listed.append([listed])
    for data in (looped, listed):
        with pytest.raises(ValueError, match="Circular reference detected"):
            json.dumps(data, indent=2)
        with pytest.raises(ValueError, match="Circular reference detected"):
            write_json(data)


def test_deep_nesting_is_written_as_the_standard_library_writes_it() -> None:
    """One frame per level, for lists in lists too: 300 levels of lists, of mappings, and of
    both in turn (600)."""
    makers = (lambda inner: [inner], lambda inner: {"k": inner}, lambda inner: [{"k": inner}])
    for make in makers:
        data: Any = "leaf"
        for _ in range(300):
            data = make(data)
        assert write_json(data) == reference(data)
