"""The speed-ups in loading change nothing a user sees: tags, diagnostics, the collector's state."""

from __future__ import annotations

import gc
from pathlib import Path

import yaml
from benchmarks.generate import write_catalogue

from dsr_options.files.read import _CatalogueLoader, parse_text
from dsr_options.load.catalogue import load

SCALARS = [
    "no",
    "No",
    "NO",
    "yes",
    "on",
    "Off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "0755",
    "0o17",
    "0x1f",
    "1:30",
    "-1",
    "+2",
    "3.5",
    ".5",
    ".inf",
    "-.Inf",
    ".nan",
    "1e3",
    "2010-12-02",
    "2010-12-02 10:00:00",
    "2010-13-45",
    "=",
    "<<",
    "note",
    "nothing",
    "offensive",
    "Plain prose.",
    "'quoted'",
    '"double"',
    "un-mission",
    "0",
    "1_000",
]


def tags(text: str, loader: type) -> list[str]:
    root = yaml.compose(text, Loader=loader)
    assert root is not None
    return [value.tag for _, value in root.value]


def test_tags_are_exactly_pyyaml_s() -> None:
    text = "".join(f"k{index}: {scalar}\n" for index, scalar in enumerate(SCALARS))
    for _ in range(2):  # the second pass answers from the cache
        assert tags(text, _CatalogueLoader) == tags(text, yaml.CSafeLoader)


def test_yaml_surprises_are_still_located() -> None:
    loaded = parse_text("a: text\nb: no\nc: 0755\nd: 1:30\n", "f.yaml")
    found = [(d.line, d.column, d.code) for d in loaded.diagnostics]
    assert found == [
        (2, 4, "ambiguous-boolean"),
        (3, 4, "ambiguous-number"),
        (4, 4, "ambiguous-number"),
    ]


def test_loading_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "c", 20)
    assert gc.isenabled()
    load(folder)
    assert gc.isenabled()
    gc.disable()
    try:
        load(folder)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_errors_in_a_large_generated_catalogue_keep_line_and_column(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "c", 300)
    roles = folder / "roles.yaml"
    lines = roles.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line == "  - id: role-250")
    lines[target + 1] = "    number: no"
    roles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [d.format() for d in load(folder).diagnostics]
    assert any(f"roles.yaml:{target + 2}:13: error [ambiguous-boolean]" in d for d in found), found
