"""What a diff's sides hold: no node graph once read, OLD set aside as bytes while NEW is read,
and taken back sharing the roles written alike; every place located as the node graph would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import write_catalogue

from dsr_options.files.read import read_file
from dsr_options.load import sides
from dsr_options.load.sides import Side, read_pair, read_side

ROLE_PATHS: list[tuple[str | int, ...]] = [
    (),
    ("title",),
    ("attributes", "in_country", "value"),
    ("attributes", "delivered_by", "value", 1),
    ("attributes", "funding", "basis"),
    ("reception", "evidence", 0, "quote"),
    ("leads", 0, "rationale"),
    ("evidence", 1, "stance"),
    ("no_such_field",),
]


def flip(folder: Path, roles: list[int]) -> None:
    """Flip the first boolean value of each of these roles (by number)."""
    path = folder / "roles.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for number in roles:
        at = lines.index(f"  - id: role-{number}")
        at = next(
            i for i in range(at, len(lines)) if lines[i].strip() in ("value: true", "value: false")
        )
        lines[at] = "        value: " + ("false" if lines[at].endswith("true") else "true")
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    old = write_catalogue(tmp_path / "old", 30, seed=3)
    new = write_catalogue(tmp_path / "new", 30, seed=3)
    flip(new, [2, 17])
    return old, new


def node_graph_place(folder: Path, collection: str, index: int, path: tuple[str | int, ...]) -> str:
    """Where the node graph of the file, read afresh, puts ``path`` in item ``index``."""
    file = read_file(folder / "roles.yaml", "OLD:" + str(folder / "roles.yaml"))
    node = file.locate((collection, index, *path))
    assert node is not None
    return f"{file.path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def test_a_side_holds_no_node_graph_and_locates_as_the_graph_does(
    folders: tuple[Path, Path],
) -> None:
    old, _ = folders
    side = read_side(str(old), "OLD")
    assert all(p.file.root is None and p.file.data is None for p in side.loaded.parsed)
    for index in (0, 1, 29):
        role_id = side.catalogue.roles[index].id
        for path in ROLE_PATHS:
            found = side.locate("roles", role_id, path)
            assert str(found) == node_graph_place(old, "roles", index, path), (role_id, path)


def test_an_anchor_in_the_file_is_located_from_the_whole_graph(tmp_path: Path) -> None:
    """An alias of an anchor in another item: the item alone does not compose, the file does."""
    folder = write_catalogue(tmp_path / "old", 5, seed=1)
    path = folder / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - id: role-1\n", "  - id: role-1\n    short: &short Advice\n", 1)
    text = text.replace("  - id: role-3\n", "  - id: role-3\n    short: *short\n", 1)
    path.write_text(text, encoding="utf-8")
    side = read_side(str(folder), "OLD")
    assert side.catalogue.roles[2].short == "Advice"
    for path_in_role in [("short",), ("title",), ("attributes", "in_country", "value")]:
        found = side.locate("roles", "role-3", path_in_role)
        assert str(found) == node_graph_place(folder, "roles", 2, path_in_role)


def test_old_is_set_aside_while_new_is_read(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = folders
    held: list[bool] = []
    read = sides.read_side

    def reading(spec: str, label: str, **options: Any) -> Side:
        if label == "NEW":  # OLD, read first, holds its catalogue as bytes by now
            held.append(first[0].loaded.catalogue is None)
        side = read(spec, label, **options)
        first.append(side)
        return side

    first: list[Side] = []
    monkeypatch.setattr(sides, "read_side", reading)
    old_side, _ = read_pair(str(old), str(new))
    assert held == [True]
    assert old_side.loaded.catalogue is not None  # taken back


def test_taken_back_old_shares_the_roles_written_alike_and_is_the_same_catalogue(
    folders: tuple[Path, Path],
) -> None:
    old, new = folders
    old_side, new_side = read_pair(str(old), str(new))
    shared = {id(role) for role in new_side.catalogue.roles}
    apart = [r.id for r in old_side.catalogue.roles if id(r) not in shared]
    assert apart == ["role-2", "role-17"]
    assert old_side.catalogue == read_side(str(old), "OLD").catalogue  # read afresh


def test_a_file_with_an_anchor_shares_nothing_and_loses_nothing(tmp_path: Path) -> None:
    """Without items that stand alone, no role is taken from the other side."""
    old = write_catalogue(tmp_path / "old", 8, seed=2)
    new = write_catalogue(tmp_path / "new", 8, seed=2)
    for folder in (old, new):
        path = folder / "roles.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("  - id: role-1\n", "  - id: role-1\n    short: &s Advice\n", 1)
        path.write_text(text, encoding="utf-8")
    flip(new, [4])
    old_side, new_side = read_pair(str(old), str(new))
    shared = {id(role) for role in new_side.catalogue.roles}
    assert not any(id(r) in shared for r in old_side.catalogue.roles)
    assert old_side.catalogue == read_side(str(old), "OLD").catalogue


def test_a_side_set_aside_comes_back_whole_when_asked_for(folders: tuple[Path, Path]) -> None:
    old, _ = folders
    side = read_side(str(old), "OLD")
    before = side.catalogue
    side.set_aside()
    assert side.loaded.catalogue is None
    assert side.catalogue == before
    assert side.catalogue is side.catalogue  # read back once
