"""diff over the catalogue every command evaluates: variants and packages expanded (a change to a
variant's base moves the variant's answers, and the diff names it as the cause), and the run's
budgets for pairing reworded texts and for the cause search, said when they stop a search."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from dsr_options.analyses.diff import Bounds, ChangeKind, diff_catalogues, diff_data
from dsr_options.analyses.evaluate import analyse
from dsr_options.analyses.pipeline import evaluated
from dsr_options.files.read import parse_text
from dsr_options.load.catalogue import load_read_files
from dsr_options.model.catalogue import Catalogue
from tests.factory import dump, evidence, redline, redlines_document, role, roles_document

VARIANT = {
    "id": "role-1-lite",
    "title": "Role one, started by the UN",
    "base": "role-1",
    "changes": {"trigger": "un-initiative"},
}
PACKAGE = {"id": "both", "title": "Roles one and two", "members": ["role-1", "role-2"]}


def build(
    roles: list[dict[str, Any]],
    *,
    variants: list[dict[str, Any]] = (),  # type: ignore[assignment]
    packages: list[dict[str, Any]] = (),  # type: ignore[assignment]
    redlines: list[dict[str, Any]] | None = None,
) -> Catalogue:
    document = roles_document(roles)
    for declared in document["attributes"]:
        if declared["id"] == "standing_un_capacity":
            declared["combine"] = "any"
    document["variants"] = copy.deepcopy(list(variants))
    document["packages"] = copy.deepcopy(list(packages))
    roles_file = parse_text(dump(document), "roles.yaml")
    redline_file = parse_text(dump(redlines_document(redlines or [redline(1)])), "redlines.yaml")
    loaded = load_read_files(roles_file, [redline_file])
    assert loaded.catalogue is not None, [d.format() for d in loaded.diagnostics]
    return loaded.catalogue


def verdicts(diff: Any) -> dict[str, tuple[Any, Any, list[str]]]:
    return {
        c.role: (c.old, c.new, [cause.key for cause in c.causes])
        for c in diff.consequences
        if c.kind.value == "verdict"
    }


def test_a_change_to_a_variants_base_moves_the_variant_and_is_its_cause() -> None:
    old = build([role(1, standing=False), role(2, standing=False)], variants=[VARIANT])
    new = build([role(1, standing=True), role(2, standing=False)], variants=[VARIANT])
    diff = diff_catalogues(old, new)
    cause = "roles/role-1/attributes/standing_un_capacity/value"
    assert verdicts(diff) == {
        "role-1": ("clear", "out", [cause]),
        "role-1-lite": ("clear", "out", [cause]),
    }
    # exactly what check evaluates on each side
    check = {v.role.id: v.verdict.value for v in analyse(evaluated(new)).verdicts}
    assert check == {"role-1": "out", "role-2": "clear", "role-1-lite": "out"}


def test_a_variants_own_change_is_typed_and_moves_only_the_variant() -> None:
    old = build([role(1, standing=False)], variants=[VARIANT])
    changed = {**VARIANT, "changes": {"trigger": "un-initiative", "standing_un_capacity": True}}
    new = build([role(1, standing=False)], variants=[changed])
    diff = diff_catalogues(old, new)
    assert [(c.kind, c.key) for c in diff.changes] == [
        (ChangeKind.VARIANT_VALUE_ADDED, "variants/role-1-lite/changes/standing_un_capacity")
    ]
    assert verdicts(diff) == {
        "role-1-lite": ("clear", "out", ["variants/role-1-lite/changes/standing_un_capacity"])
    }


def test_a_variants_new_base_is_a_change_and_a_cause() -> None:
    roles = [role(1, standing=False), role(2, standing=True)]
    old = build(roles, variants=[VARIANT])
    new = build(roles, variants=[{**VARIANT, "base": "role-2"}])
    diff = diff_catalogues(old, new)
    assert [(c.kind.value, c.key, c.old, c.new) for c in diff.changes] == [
        ("variant-base", "variants/role-1-lite/base", "role-1", "role-2")
    ]
    assert verdicts(diff) == {"role-1-lite": ("clear", "out", ["variants/role-1-lite/base"])}


def test_a_change_to_a_member_moves_the_package() -> None:
    old = build([role(1, standing=False), role(2, standing=False)], packages=[PACKAGE])
    new = build([role(1, standing=False), role(2, standing=True)], packages=[PACKAGE])
    diff = diff_catalogues(old, new)
    cause = "roles/role-2/attributes/standing_un_capacity/value"
    assert verdicts(diff) == {
        "role-2": ("clear", "out", [cause]),
        "both": ("clear", "out", [cause]),  # any member with a standing capacity: the package has
    }


def test_a_packages_members_and_text_are_typed_and_only_members_move_it() -> None:
    roles = [role(1, standing=False), role(2, standing=False), role(3, standing=True)]
    old = build(roles, packages=[PACKAGE])
    renamed = {**PACKAGE, "title": "Roles one and three", "members": ["role-1", "role-3"]}
    diff = diff_catalogues(old, build(roles, packages=[renamed]))
    assert [(c.kind.value, c.key) for c in diff.changes] == [
        ("package-text", "packages/both/title"),
        ("package-members", "packages/both/members"),
    ]
    assert verdicts(diff) == {"both": ("clear", "out", ["packages/both/members"])}


def test_an_option_added_or_removed_is_its_own_cause() -> None:
    roles = [role(1, standing=True)]
    diff = diff_catalogues(build(roles, variants=[VARIANT]), build(roles))
    assert [(c.kind.value, c.key) for c in diff.changes] == [
        ("variant-removed", "variants/role-1-lite")
    ]
    assert verdicts(diff) == {"role-1-lite": ("out", None, ["variants/role-1-lite"])}
    back = diff_catalogues(build(roles), build(roles, variants=[VARIANT]))
    assert verdicts(back) == {"role-1-lite": (None, "out", ["variants/role-1-lite"])}


def test_a_variants_answers_under_several_changes_have_the_smallest_cause() -> None:
    old = build([role(1, standing=False, trigger="un-initiative")], variants=[VARIANT])
    new_role = role(1, standing=True, trigger="national-request", title="Role one, renamed")
    new = build([new_role], variants=[{**VARIANT, "title": "Another title"}])
    diff = diff_catalogues(old, new)
    moved = verdicts(diff)
    assert moved["role-1-lite"] == (
        "clear",
        "out",
        ["roles/role-1/attributes/standing_un_capacity/value"],
    )


def test_an_unchanged_variant_of_an_unchanged_base_is_not_reevaluated() -> None:
    roles = [role(1, standing=False), role(2, standing=False)]
    new_roles = [role(1, standing=False), role(2, standing=True)]
    diff = diff_catalogues(build(roles, variants=[VARIANT]), build(new_roles, variants=[VARIANT]))
    assert set(verdicts(diff)) == {"role-2"}


# -- budgets --------------------------------------------------------------------------------------


def _reworded(count: int, *, words: int = 12) -> tuple[list[str], list[str]]:
    """``count`` quotes, and each reworded (one word in four changed): texts to pair."""
    before = [" ".join(f"w{q}x{w}" for w in range(words)) for q in range(count)]
    after = [
        " ".join(f"w{q}x{w}" if w % 4 else f"v{q}y{w}" for w in range(words)) for q in range(count)
    ]
    return before, after


def _with_quotes(quotes: list[str]) -> dict[str, Any]:
    made = role(1)
    made["evidence"] = [evidence(quote) for quote in quotes]
    return made


def test_reworded_quotes_are_paired_within_the_budget() -> None:
    before, after = _reworded(6)
    diff = diff_catalogues(build([_with_quotes(before)]), build([_with_quotes(after)]))
    assert {c.kind.value for c in diff.changes} == {"quote-changed"}
    assert len(diff.changes) == 6
    assert diff.bounded == ()


def test_a_pairing_the_budget_stops_is_said_and_lists_removed_and_added() -> None:
    before, after = _reworded(6)
    old, new = build([_with_quotes(before)]), build([_with_quotes(after)])
    diff = diff_catalogues(old, new, bounds=Bounds(run_evaluations=50))
    assert {c.kind.value for c in diff.changes} == {"evidence-removed", "evidence-added"}
    assert [b.text for b in diff.bounded] == [
        "bounded: diff's pairing of reworded texts stopped at its limit of 50 evaluations; "
        "still unknown: whether 12 removed and added texts are texts reworded (they are listed "
        "as removed and added); set DSR_OPTIONS_MAX_EVALUATIONS to raise the limit"
    ]
    data = json.loads(json.dumps(diff_data(diff)))
    assert data["bounded"] == [
        {
            "what": "diff's pairing of reworded texts",
            "limit": 50,
            "unknown": "whether 12 removed and added texts are texts reworded (they are listed "
            "as removed and added)",
            "option": "DSR_OPTIONS_MAX_EVALUATIONS",
        }
    ]


def test_many_reworded_texts_are_bounded_by_the_default_budget() -> None:
    """Built to explode: 300 quotes of 280 characters each, all reworded (90,000 pairs)."""
    before, after = _reworded(300, words=32)
    diff = diff_catalogues(build([_with_quotes(before)]), build([_with_quotes(after)]))
    assert [b.what for b in diff.bounded] == ["diff's pairing of reworded texts"]
    assert len(diff.changes) == 600  # each listed as removed and added, none lost


def test_a_cause_search_the_run_budget_stops_is_said() -> None:
    old = build([role(i, standing=False) for i in range(1, 4)])
    new = build([role(i, standing=True) for i in range(1, 4)])
    # a trial costs one evaluation per redline (one here): room for role-1's verdict and
    # standing, one trial each, and nothing more
    diff = diff_catalogues(old, new, bounds=Bounds(run_evaluations=2))
    assert [(c.kind.value, c.role, bool(c.causes), c.budget_spent) for c in diff.consequences] == [
        ("verdict", "role-1", True, False),
        ("standing", "role-1", True, False),
        ("verdict", "role-2", False, True),
        ("standing", "role-2", False, True),
        ("verdict", "role-3", False, True),
        ("standing", "role-3", False, True),
    ]
    assert diff.consequences[2].note == (
        "no subset up to 0 of the 1 relevant changes reproduces it; the run's budget of "
        "evaluations was spent after 0 here (set DSR_OPTIONS_MAX_EVALUATIONS to raise it)"
    )
    assert [b.text for b in diff.bounded] == [
        "bounded: diff's search for the causes of moved answers stopped at its limit of 2 "
        "evaluations; still unknown: the causes of 4 moved answers (role-2, role-3); set "
        "DSR_OPTIONS_MAX_EVALUATIONS to raise the limit"
    ]
    assert diff.summary.bound_reached == 4


@pytest.mark.parametrize("limit", [1, 10, 1000])
def test_answers_do_not_depend_on_the_budget_only_causes_do(limit: int) -> None:
    old = build([role(i, standing=False) for i in range(1, 6)], variants=[VARIANT])
    new = build([role(i, standing=True) for i in range(1, 6)], variants=[VARIANT])
    full = diff_catalogues(old, new)
    bounded = diff_catalogues(old, new, bounds=Bounds(run_evaluations=limit))
    assert [(c.kind, c.role, c.old, c.new) for c in bounded.consequences] == [
        (c.kind, c.role, c.old, c.new) for c in full.consequences
    ]
