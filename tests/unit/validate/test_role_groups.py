"""Roles grouped by the values a redline tests: the bit-set grouping, the role-by-role reading it
falls back to, and a plain grouping written out here all agree, on catalogues made here."""

from __future__ import annotations

import random
from typing import Any

import pytest

from dsr_options.model.catalogue import Role
from dsr_options.validate import role_groups
from dsr_options.validate.role_groups import RoleGroups, count
from tests.factory import role

NAMES = ("flag", "one", "many", "wide")


def _value(rng: random.Random, name: str) -> Any:
    if name == "flag":
        return rng.random() < 0.5
    if name == "one":
        return rng.choice("abc")
    if name == "many":
        return sorted(rng.sample("xyz", rng.randint(0, 3)))
    return sorted(rng.sample("abcdefghijkl", rng.randint(0, 6)))  # values few roles share


def roles(seed: int, size: int) -> list[Role]:
    """``size`` roles with random values; about one value in five is not given."""
    rng = random.Random(seed)
    made = []
    for index in range(1, size + 1):
        data = role(index)
        data["attributes"] = {
            name: {"value": _value(rng, name), "basis": "analysis"}
            for name in NAMES
            if rng.random() < 0.8
        }
        made.append(Role.model_validate(data))
    return made


def plain(catalogue: list[Role], names: tuple[str, ...]) -> list[tuple[dict[str, Any], list[str]]]:
    """Each group's values and role ids, grouped the obvious way, in order of first role."""
    groups: dict[tuple[Any, ...], tuple[dict[str, Any], list[str]]] = {}
    for item in catalogue:
        given = {n: item.attributes[n].value for n in names if n in item.attributes}
        key = tuple(repr(given.get(n, "(none)")) for n in names)
        groups.setdefault(key, (given, []))[1].append(item.id)
    return list(groups.values())


def seen(grouped: RoleGroups, names: tuple[str, ...]) -> list[tuple[dict[str, Any], list[str]]]:
    out = []
    for group in grouped.by(names):
        ids, total = grouped.first([group], len(grouped.roles))
        assert total == group.size == len(ids)
        out.append(
            (
                {n: tuple(v) if isinstance(v, list) else v for n, v in group.values.items()},
                [r.id for r in ids],
            )
        )
    return out


def _as_tuples(groups: list[tuple[dict[str, Any], list[str]]]) -> list[Any]:
    return [
        ({n: tuple(v) if isinstance(v, list) else v for n, v in values.items()}, ids)
        for values, ids in groups
    ]


SETS = [(), ("flag",), ("one", "flag"), ("many",), ("wide",), ("flag", "many", "one"), NAMES]


@pytest.mark.parametrize("size", [0, 1, 7, 300])
@pytest.mark.parametrize("names", SETS)
def test_the_grouping_is_the_plain_one(size: int, names: tuple[str, ...]) -> None:
    catalogue = roles(size, size)
    want = _as_tuples(plain(catalogue, tuple(sorted(names))))
    assert seen(RoleGroups(catalogue), names) == want


def _reads(monkeypatch: pytest.MonkeyPatch, grouped: RoleGroups) -> list[tuple[str, ...]]:
    """The keys ``grouped`` falls back to reading role by role for, as they happen."""
    calls: list[tuple[str, ...]] = []
    reading = grouped._read

    def counted(key: tuple[str, ...]) -> Any:
        calls.append(key)
        return reading(key)

    monkeypatch.setattr(grouped, "_read", counted)
    return calls


@pytest.mark.parametrize("names", SETS[1:])
def test_both_ways_of_grouping_agree(
    monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...]
) -> None:
    """With intersections counted as nearly free, a grouping intersects bit sets (unless
    'wide' multiplies the groups past a pass over the roles); counted as dear, every grouping
    reads the roles one by one. The groups are the same, and the obvious ones."""
    catalogue = roles(11, 400)
    results = []
    for cost in (10**9, 0):
        monkeypatch.setattr(role_groups, "_BITS_PER_STEP", cost)
        grouped = RoleGroups(catalogue)
        calls = _reads(monkeypatch, grouped)
        results.append(seen(grouped, names))
        assert len(calls) == (1 if not cost or ("wide" in names and len(names) > 1) else 0)
    assert results[0] == results[1] == _as_tuples(plain(catalogue, tuple(sorted(names))))


def test_values_few_roles_share_are_read_role_by_role(monkeypatch: pytest.MonkeyPatch) -> None:
    """Intersecting 'wide' (some 200 values among 400 roles) with the groups of three other
    attributes would cost more than reading the roles: they are read, once."""
    grouped = RoleGroups(roles(11, 400))
    calls = _reads(monkeypatch, grouped)
    assert seen(grouped, NAMES) == _as_tuples(plain(list(grouped.roles), NAMES))
    assert calls == [tuple(sorted(NAMES))]
    assert len(grouped.by(("wide",))) > 150
    assert len(calls) == 1  # alone, 'wide' intersects


def test_the_first_roles_are_in_the_catalogues_order_and_all_are_counted() -> None:
    catalogue = roles(5, 60)
    grouped = RoleGroups(catalogue)
    groups = grouped.by(("one",))
    chosen = [g for g in groups if g.values.get("one") in ("a", "c")]
    want = [
        r.id
        for r in catalogue
        if r.attributes.get("one") and r.attributes["one"].value in ("a", "c")
    ]
    named, total = grouped.first(chosen, 10)
    assert [r.id for r in named] == want[:10]
    assert total == len(want) == count(chosen)
    assert grouped.first([], 10) == ([], 0)


def test_a_grouping_is_made_once_for_every_order_of_its_names() -> None:
    grouped = RoleGroups(roles(3, 20))
    assert grouped.by(("one", "flag")) is grouped.by(["flag", "one", "flag"])


def test_an_attribute_with_hundreds_of_values_is_never_made_into_bit_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'wide' takes more than 256 distinct values among 2,000 roles: grouping by it reads the
    roles, and no bit set is made for it (they would take values x roles / 8 bytes)."""
    grouped = RoleGroups(roles(13, 2000))
    calls = _reads(monkeypatch, grouped)
    assert len(grouped.by(("wide",))) > 256
    assert calls == [("wide",)]
    assert grouped._splits == {"wide": None}
    assert seen(grouped, ("wide",)) == _as_tuples(plain(list(grouped.roles), ("wide",)))
