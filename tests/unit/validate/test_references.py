"""Cross-file checks: unique ids, references, declared attributes and values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dsr_options import CatalogueError, load_catalogue
from dsr_options.diagnostics import Code
from dsr_options.load.catalogue import load
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue


def located(folder: Path) -> list[str]:
    """Each diagnostic as `file:line:col code message`, files relative to the folder."""
    loaded = load(folder)
    return [
        f"{Path(d.file).name}:{d.line}:{d.column} {d.code} {d.message}" for d in loaded.diagnostics
    ]


def line_of(folder: Path, name: str, needle: str, occurrence: int = 1) -> int:
    hits = [i for i, t in enumerate((folder / name).read_text().splitlines(), 1) if needle in t]
    return hits[occurrence - 1]


def value_column(folder: Path, name: str, line: int) -> int:
    """The 1-based column where the value of `key: value` on ``line`` starts."""
    text = (folder / name).read_text().splitlines()[line - 1]
    return text.index(": ") + 3


def test_shipped_style_catalogue_is_clean(tmp_path: Path) -> None:
    assert located(write_catalogue(tmp_path)) == []


def test_duplicate_role_id_and_number(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path, roles_document([role(1), role(1)]))
    first = line_of(folder, "roles.yaml", "id: role-1")
    second = line_of(folder, "roles.yaml", "id: role-1", 2)
    id_col = value_column(folder, "roles.yaml", second)
    number_col = value_column(folder, "roles.yaml", second + 1)
    assert located(folder) == [
        f"roles.yaml:{second}:{id_col} duplicate-id the role id 'role-1' is already used at "
        f"line {first}",
        f"roles.yaml:{second + 1}:{number_col} duplicate-id role number 1 is already used at line "
        f"{first + 1}",
    ]


def test_unknown_office_with_suggestion(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path, roles_document([role(1, lead="omma")]))
    line = line_of(folder, "roles.yaml", "office: omma")
    column = value_column(folder, "roles.yaml", line)
    assert located(folder) == [
        f"roles.yaml:{line}:{column} unknown-reference no office has the id 'omma' (did you mean 'oma'?)"
    ]


def test_undeclared_attribute_and_bad_values(tmp_path: Path) -> None:
    bad = role(1)
    bad["attributes"]["delivred_by"] = bad["attributes"].pop("delivered_by")
    bad["attributes"]["trigger"]["value"] = "national-requst"
    bad["attributes"]["standing_un_capacity"]["value"] = "yes-please"
    folder = write_catalogue(tmp_path, roles_document([bad]))
    out = located(folder)
    assert any(
        "unknown-attribute 'delivred_by' is not a declared attribute (did you mean "
        "'delivered_by'?)" in line
        for line in out
    ), out
    assert any("unknown-value 'national-requst' is not a value of 'trigger'" in x for x in out)
    assert any("wrong-type 'standing_un_capacity' is a boolean attribute" in x for x in out)
    assert any(
        "missing-attribute role 'role-1' gives no value for 'delivered_by'" in x for x in out
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            {"attribute": "standing_capacity", "equals": True},
            "'standing_capacity' is not a declared attribute (did you mean 'standing_un_capacity'?)",
        ),
        (
            {"attribute": "trigger", "contains": "un-initiative"},
            "'contains' tests a list attribute, but 'trigger' is a choice attribute",
        ),
        (
            {"attribute": "delivered_by", "equals": "un-secretariat"},
            "'delivered_by' holds a list of values",
        ),
        (
            {"attribute": "trigger", "equals": "un-initiativ"},
            "'un-initiativ' is not a value of 'trigger'",
        ),
        (
            {"attribute": "standing_un_capacity", "equals": "yes-it-is"},
            "'standing_un_capacity' is a boolean attribute",
        ),
        (
            {"not": {"any": [{"attribute": "trigger", "in": [True]}]}},
            "'trigger' takes value ids, not true or false",
        ),
    ],
)
def test_rule_references(tmp_path: Path, rule: dict[str, Any], message: str) -> None:
    folder = write_catalogue(tmp_path, None, redlines_document([redline(1, rule=rule)]))
    out = located(folder)
    assert len(out) == 1, out
    assert message in out[0]
    assert out[0].startswith("redlines.yaml:")


def test_unknown_holder_and_source(tmp_path: Path) -> None:
    document = redlines_document([redline(1, holders=("membres",))])
    document["redlines"][0]["evidence"][0]["source"] = "nope"
    folder = write_catalogue(tmp_path, None, document)
    out = located(folder)
    assert any("no holder has the id 'membres' (did you mean 'members'?)" in x for x in out)
    assert any("no source has the id 'nope'" in x for x in out)


def test_unknown_section_is_a_warning(tmp_path: Path) -> None:
    document = roles_document([role(1)])
    document["roles"][0]["evidence"][0]["section"] = "Findngs"
    folder = write_catalogue(tmp_path, document)
    loaded = load(folder)
    assert loaded.catalogue is not None  # warnings do not stop loading
    (warning,) = loaded.diagnostics
    assert warning.severity.value == "warning"
    assert (
        warning.message == "'Findngs' is not a section of source 'note' (did you mean 'Findings'?)"
    )


def test_load_catalogue_raises_with_every_diagnostic(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path, roles_document([role(1, lead="x"), role(1)]))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    codes = [d.code for d in caught.value.diagnostics]
    assert codes.count(Code.DUPLICATE_ID) == 2
    assert Code.UNKNOWN_REFERENCE in codes
    assert str(caught.value).endswith("the catalogue has 3 errors")


def test_large_generated_catalogue_loads(tmp_path: Path) -> None:
    roles = [role(i, standing=i % 2 == 0) for i in range(1, 301)]
    redlines = [redline(i) for i in range(1, 31)]
    folder = write_catalogue(tmp_path, roles_document(roles), redlines_document(redlines))
    catalogue = load_catalogue(folder)
    assert len(catalogue.roles) == 300
    assert len(catalogue.redlines) == 30
