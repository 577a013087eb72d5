"""The comparison core: aspects, values, ``differs`` and the summary, on catalogues we build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.compare import AspectKind, ExtraAspect, compare_roles, strongest_evidence
from dsr_options.errors import UsageError
from dsr_options.load.catalogue import load
from dsr_options.model.catalogue import Catalogue, Role
from dsr_options.model.vocabulary import Stance
from tests.factory import evidence, role, roles_document, write_catalogue

BUILT_IN = [
    "levels",
    "dimensions",
    "attributes.delivered_by",
    "attributes.standing_un_capacity",
    "attributes.trigger",
    "leads",
    "reception",
    "concerns",
    "open_questions",
    "evidence",
    "evidence.strongest_for",
    "evidence.strongest_against",
]


def catalogue_of(tmp_path: Path, roles: list[dict[str, Any]]) -> Catalogue:
    loaded = load(write_catalogue(tmp_path / "catalogue", roles_document(roles)))
    assert loaded.catalogue is not None, [d.format() for d in loaded.diagnostics]
    return loaded.catalogue


def values(catalogue: Catalogue, name: str, roles: list[Role] | None = None) -> dict[str, Any]:
    comparison = compare_roles(catalogue, roles or catalogue.roles)
    return next(a for a in comparison.aspects if a.name == name).values


def test_two_roles_aspects_in_order_and_what_differs(tmp_path: Path) -> None:
    catalogue = catalogue_of(
        tmp_path,
        [
            role(1),
            role(2, levels=("strategic", "operational"), standing=False, stance="skeptical"),
        ],
    )
    comparison = compare_roles(catalogue, catalogue.roles)
    assert [a.name for a in comparison.aspects] == BUILT_IN
    differs = {a.name: a.differs for a in comparison.aspects}
    assert [name for name, flag in differs.items() if flag] == [
        "levels",
        "attributes.standing_un_capacity",
        "reception",
    ]
    assert comparison.summary.data() == {
        "aspects": 12,
        "differing": 3,
        "differs": ["levels", "attributes.standing_un_capacity", "reception"],
    }
    assert comparison.summary.differing_labels == ("levels", "standing_un_capacity", "reception")
    assert values(catalogue, "levels") == {
        "role-1": ["strategic"],
        "role-2": ["strategic", "operational"],
    }
    assert values(catalogue, "attributes.standing_un_capacity") == {
        "role-1": {"value": True, "basis": "note"},
        "role-2": {"value": False, "basis": "note"},
    }
    assert values(catalogue, "reception")["role-2"] == {"stance": "skeptical", "voices": "several"}


def test_identical_roles_differ_in_nothing(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, [role(1), role(2), role(3)])
    comparison = compare_roles(catalogue, catalogue.roles)
    assert not any(a.differs for a in comparison.aspects)
    assert comparison.summary.data() == {"aspects": 12, "differing": 0, "differs": []}
    assert comparison.only_differing().aspects == ()
    assert comparison.only_differing().summary == comparison.summary


def test_three_roles_one_odd_one_out_differs(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, [role(1), role(2), role(3, dimensions=("technical",))])
    comparison = compare_roles(catalogue, catalogue.roles)
    assert comparison.summary.differing == ("dimensions",)
    # The role order given is kept, in the values and in the role ids.
    reordered = compare_roles(catalogue, list(reversed(catalogue.roles)))
    assert reordered.role_ids == ["role-3", "role-2", "role-1"]
    assert list(reordered.aspects[0].values) == ["role-3", "role-2", "role-1"]


def test_many_roles(tmp_path: Path) -> None:
    roles = [role(i, stance="mixed" if i == 17 else "support") for i in range(1, 31)]
    catalogue = catalogue_of(tmp_path, roles)
    comparison = compare_roles(catalogue, catalogue.roles)
    assert len(comparison.roles) == 30
    assert comparison.summary.differing == ("reception",)
    assert all(len(a.values) == 30 for a in comparison.aspects)


def test_sets_compare_as_sets_but_lead_order_counts(tmp_path: Path) -> None:
    first = role(1, levels=("strategic", "operational"))
    second = role(2, levels=("operational", "strategic"))
    first["attributes"]["delivered_by"]["value"] = ["un-secretariat", "member-state-experts"]
    second["attributes"]["delivered_by"]["value"] = ["member-state-experts", "un-secretariat"]
    second["leads"].insert(0, {"office": "oma", "rationale": "Soldiers.", "basis": "analysis"})
    catalogue = catalogue_of(tmp_path, [first, second])
    comparison = compare_roles(catalogue, catalogue.roles)
    assert comparison.summary.differing == ("leads",)
    # Declared order, whatever order the role lists its choices in.
    assert values(catalogue, "attributes.delivered_by")["role-2"]["value"] == [
        "un-secretariat",
        "member-state-experts",
    ]
    assert values(catalogue, "leads") == {"role-1": ["ssr-unit"], "role-2": ["oma", "ssr-unit"]}


def test_basis_alone_does_not_make_an_attribute_differ(tmp_path: Path) -> None:
    first, second = role(1), role(2)
    second["attributes"]["trigger"] = {
        "value": "national-request",
        "basis": "note",
        "evidence": [evidence()],
    }
    catalogue = catalogue_of(tmp_path, [first, second])
    aspect = next(
        a
        for a in compare_roles(catalogue, catalogue.roles).aspects
        if a.name == "attributes.trigger"
    )
    assert aspect.values["role-1"] == {"value": "national-request", "basis": "analysis"}
    assert aspect.values["role-2"] == {"value": "national-request", "basis": "note"}
    assert aspect.differs is False


def test_missing_attribute_differs_from_any_value_and_unused_ones_are_left_out(
    tmp_path: Path,
) -> None:
    first, second = role(1), role(2)
    del second["attributes"]["standing_un_capacity"]
    del first["attributes"]["trigger"]
    del second["attributes"]["trigger"]
    catalogue = catalogue_of(tmp_path, [first, second])
    comparison = compare_roles(catalogue, catalogue.roles)
    names = [a.name for a in comparison.aspects]
    assert "attributes.trigger" not in names
    assert values(catalogue, "attributes.standing_un_capacity")["role-2"] is None
    assert comparison.summary.differing == ("attributes.standing_un_capacity",)


def test_evidence_count_and_strongest_quotes(tmp_path: Path) -> None:
    first = role(1)
    first["evidence"] = [
        evidence("neutral fact", "neutral"),
        evidence("weak for", "supports"),
        evidence("strong for", "supports"),
        evidence("against it", "opposes"),
    ]
    # Cited again on a part of the role: corroborated, so stronger than "weak for".
    first["reception"]["evidence"] = [evidence("strong for"), evidence("only on reception")]
    second = role(2)
    second["evidence"] = [evidence("one", "qualifies"), evidence("two", "neutral")]
    second["reception"]["evidence"] = [evidence("part-level against", "opposes")]
    catalogue = catalogue_of(tmp_path, [first, second])
    counts = values(catalogue, "evidence")
    # role-1: 4 role-level + 1 new on reception + 1 on standing_un_capacity + 1 on an open
    # question (the factory's "a short quote", counted once).
    assert counts["role-1"] == {
        "total": 6,
        "supports": 4,
        "opposes": 1,
        "qualifies": 0,
        "neutral": 1,
    }
    assert counts["role-2"] == {
        "total": 4,
        "supports": 1,
        "opposes": 1,
        "qualifies": 1,
        "neutral": 1,
    }
    strongest_for = values(catalogue, "evidence.strongest_for")
    assert strongest_for["role-1"] == {
        "quote": "strong for",
        "source": "note",
        "section": "Findings",
    }
    # No role-level quote for: the part-level one stands in.
    assert strongest_for["role-2"]["quote"] == "a short quote"
    against = values(catalogue, "evidence.strongest_against")
    assert against == {
        "role-1": {"quote": "against it", "source": "note", "section": "Findings"},
        "role-2": {"quote": "part-level against", "source": "note", "section": "Findings"},
    }
    assert strongest_evidence(catalogue.roles[1], Stance.QUALIFIES) is not None


def test_no_quote_with_a_stance_is_none(tmp_path: Path) -> None:
    first = role(1)
    first["evidence"] = [evidence("for", "supports"), evidence("also for", "supports")]
    catalogue = catalogue_of(tmp_path, [first, role(2)])
    assert values(catalogue, "evidence.strongest_against")["role-1"] is None
    # Tie on everything: the catalogue's order decides.
    assert values(catalogue, "evidence.strongest_for")["role-1"]["quote"] == "for"


def test_long_and_unusual_text_is_kept_as_data(tmp_path: Path) -> None:
    odd = role(1, title="[bold]Not markup[/bold] " + "long " * 40)
    odd["concerns"] = [{"text": "esc \x1b[31m bidi \u202e " + "x" * 120, "basis": "analysis"}]
    catalogue = catalogue_of(tmp_path, [odd, role(2)])
    concerns = values(catalogue, "concerns")
    assert concerns["role-1"][0]["text"].startswith("esc \x1b[31m bidi \u202e xxx")
    assert compare_roles(catalogue, catalogue.roles).summary.differing == ("concerns",)


def test_fewer_than_two_roles_or_the_same_twice_is_a_usage_error(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, [role(1), role(2)])
    with pytest.raises(UsageError, match="at least 2 roles; 1 given"):
        compare_roles(catalogue, catalogue.roles[:1])
    with pytest.raises(UsageError, match="a role is given twice"):
        compare_roles(catalogue, [catalogue.roles[0], catalogue.roles[0]])


def test_extra_aspects_slot_in_before_evidence(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, [role(1), role(2, standing=False)])
    crossed = ExtraAspect(
        "redlines.crosses",
        "redlines crossed",
        lambda r: ["redline-1"] if r.attributes["standing_un_capacity"].value else [],
    )
    unclear = ExtraAspect("redlines.unclear", "redlines unclear", lambda r: [], AspectKind.TAGS)
    comparison = compare_roles(catalogue, catalogue.roles, extra=[crossed, unclear])
    names = [a.name for a in comparison.aspects]
    assert names[names.index("open_questions") + 1 :] == [
        "redlines.crosses",
        "redlines.unclear",
        "evidence",
        "evidence.strongest_for",
        "evidence.strongest_against",
    ]
    assert comparison.aspects[names.index("redlines.crosses")].values == {
        "role-1": ["redline-1"],
        "role-2": [],
    }
    assert "redlines.crosses" in comparison.summary.differing
    assert "redlines.unclear" not in comparison.summary.differing


def test_extra_aspect_names_must_be_unique(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, [role(1), role(2)])
    with pytest.raises(ValueError, match="unique: levels"):
        compare_roles(catalogue, catalogue.roles, extra=[ExtraAspect("levels", "x", lambda r: 1)])


def test_a_quote_naming_the_role_beats_a_corroborated_one(tmp_path: Path) -> None:
    first = role(1, title="Repository for DSR best practices and guidance")
    first["evidence"] = [
        evidence("sharing information on good practices", "supports"),
        evidence("(iv) serving as a repository for best practices and guidance", "supports"),
    ]
    # Cited again on the reception: corroborated, but it does not name the role.
    first["reception"]["evidence"] = [evidence("sharing information on good practices")]
    catalogue = catalogue_of(tmp_path, [first, role(2)])
    assert values(catalogue, "evidence.strongest_for")["role-1"]["quote"] == (
        "(iv) serving as a repository for best practices and guidance"
    )
