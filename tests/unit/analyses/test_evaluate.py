"""The redline engine on catalogues the tests build: outcomes, verdicts, reasons, repairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.agreement import agreement
from dsr_options.analyses.evaluate import (
    Outcome,
    Verdict,
    analyse,
    clear_of,
    evaluate,
    evaluate_role,
    surviving,
)
from dsr_options.load.catalogue import load_catalogue
from dsr_options.model.catalogue import Catalogue
from dsr_options.render.explain import explanation, reason_text
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

STANDING = {"attribute": "standing_un_capacity", "equals": True}
BY_UN = {"attribute": "delivered_by", "contains": "un-secretariat"}
BY_EXPERTS = {"attribute": "delivered_by", "contains": "member-state-experts"}
UN_INITIATIVE = {"attribute": "trigger", "equals": "un-initiative"}


def build(tmp_path: Path, roles: list[dict[str, Any]], redlines: list[dict[str, Any]]) -> Catalogue:
    folder = write_catalogue(
        tmp_path / "catalogue", roles_document(roles), redlines_document(redlines)
    )
    return load_catalogue(folder)


def without(role_data: dict[str, Any], *attributes: str) -> dict[str, Any]:
    for name in attributes:
        del role_data["attributes"][name]
    return role_data


def scoped(data: dict[str, Any], applies_to: dict[str, Any]) -> dict[str, Any]:
    return {**data, "applies_to": applies_to}


def outcome(catalogue: Catalogue, role_id: str, redline_id: str = "redline-1") -> Outcome:
    return evaluate_role(catalogue, catalogue.role(role_id)).result(redline_id).outcome


# -- outcomes and verdicts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strictness", "crossing", "clearing"),
    [
        ("veto", Verdict.OUT, Verdict.CLEAR),
        ("concern", Verdict.FLAGGED, Verdict.CLEAR),
        ("condition", Verdict.OUT, Verdict.CONDITIONAL),
    ],
)
def test_verdict_by_strictness(
    tmp_path: Path, strictness: str, crossing: Verdict, clearing: Verdict
) -> None:
    catalogue = build(
        tmp_path, [role(1), role(2, standing=False)], [redline(1, strictness=strictness)]
    )
    first, second = (evaluate_role(catalogue, r) for r in catalogue.roles)
    assert first.verdict is crossing
    assert first.results[0].outcome is Outcome.CROSSES
    assert second.verdict is clearing
    assert second.results[0].outcome is Outcome.CLEAR


def test_out_beats_flagged_and_names_what_decides(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [role(1)],
        [
            redline(1, strictness="concern"),
            redline(2, strictness="veto", rule=BY_UN),
            redline(3, strictness="condition", rule=UN_INITIATIVE),
        ],
    )
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    assert verdict.verdict is Verdict.OUT
    assert verdict.deciding == ("redline-2",)
    assert not verdict.survives


def test_condition_out_of_scope_is_not_applicable_and_verdict_clear(tmp_path: Path) -> None:
    condition = scoped(redline(1, strictness="condition", rule=UN_INITIATIVE), STANDING)
    catalogue = build(tmp_path, [role(1, standing=False)], [condition])
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    assert verdict.results[0].outcome is Outcome.NOT_APPLICABLE
    assert verdict.verdict is Verdict.CLEAR
    assert reason_text(verdict.results[0].reasons[0]) == "standing_un_capacity is false [note]"
    assert explanation(verdict.results[0]) == (
        "does not apply: standing_un_capacity is false [note]",
    )
    assert verdict.results[0].reasons[0].part == "applies_to"


def test_missing_attribute_is_unknown_and_verdict_undetermined(tmp_path: Path) -> None:
    catalogue = build(tmp_path, [without(role(1), "standing_un_capacity")], [redline(1)])
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    (result,) = verdict.results
    assert result.outcome is Outcome.UNKNOWN
    assert reason_text(result.reasons[0]) == "the role gives no value for standing_un_capacity"
    assert explanation(result) == (
        "unknown: the rule 'standing_un_capacity is true' is unknown because the role gives no "
        "value for standing_un_capacity",
    )
    assert verdict.verdict is Verdict.UNDETERMINED
    assert verdict.possible == (Verdict.OUT, Verdict.CLEAR)
    assert verdict.deciding == ("redline-1",)
    assert not verdict.survives


def test_unknown_concern_is_never_reported_clear(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [without(role(1), "standing_un_capacity")],
        [redline(1, strictness="concern"), redline(2, strictness="condition", rule=UN_INITIATIVE)],
    )
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    assert verdict.verdict is Verdict.UNDETERMINED
    assert verdict.possible == (Verdict.FLAGGED, Verdict.CONDITIONAL)
    assert verdict.survives  # no veto or condition could be crossed


def test_flagged_stays_undetermined_while_a_veto_is_unknown(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [without(role(1), "trigger")],
        [redline(1, strictness="concern"), redline(2, strictness="veto", rule=UN_INITIATIVE)],
    )
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    assert verdict.possible == (Verdict.OUT, Verdict.FLAGGED)
    assert verdict.verdict is Verdict.UNDETERMINED


def test_unknown_applies_to_makes_the_result_unknown_even_when_the_rule_is_false(
    tmp_path: Path,
) -> None:
    condition = scoped(redline(1, strictness="condition", rule=UN_INITIATIVE), STANDING)
    catalogue = build(tmp_path, [without(role(1), "standing_un_capacity")], [condition])
    verdict = evaluate_role(catalogue, catalogue.role("role-1"))
    (result,) = verdict.results
    assert result.outcome is Outcome.UNKNOWN
    assert result.applies is None
    assert result.holds is False
    assert [r.part for r in result.reasons] == ["applies_to", "rule"]
    assert verdict.possible == (Verdict.CONDITIONAL, Verdict.CLEAR)


@pytest.mark.parametrize(
    ("rule", "expected", "parts"),
    [
        ({"all": [{"not": STANDING}, STANDING]}, Outcome.CLEAR, ["rule.all[0].not"]),
        ({"all": [BY_EXPERTS, STANDING]}, Outcome.CLEAR, ["rule.all[0]"]),  # false decides
        ({"all": [STANDING, UN_INITIATIVE]}, Outcome.UNKNOWN, ["rule.all[1]"]),
        ({"any": [STANDING, UN_INITIATIVE]}, Outcome.CROSSES, ["rule.any[0]"]),  # true decides
        ({"any": [BY_EXPERTS, UN_INITIATIVE]}, Outcome.UNKNOWN, ["rule.any[1]"]),
        ({"not": UN_INITIATIVE}, Outcome.UNKNOWN, ["rule.not"]),
        (
            {"any": [{"all": [BY_UN, {"not": BY_EXPERTS}]}, UN_INITIATIVE]},
            Outcome.CROSSES,
            ["rule.any[0].all[0]", "rule.any[0].all[1].not"],
        ),
        (
            {"all": [BY_UN, {"any": [BY_EXPERTS, {"not": STANDING}]}]},
            Outcome.CLEAR,
            ["rule.all[1].any[0]", "rule.all[1].any[1].not"],
        ),
    ],
)
def test_kleene_logic_with_the_tests_that_decide(
    tmp_path: Path, rule: dict[str, Any], expected: Outcome, parts: list[str]
) -> None:
    catalogue = build(tmp_path, [without(role(1), "trigger")], [redline(1, rule=rule)])
    result = evaluate_role(catalogue, catalogue.role("role-1")).results[0]
    assert result.outcome is expected
    assert [reason.part for reason in result.reasons] == parts


def test_list_operators(tmp_path: Path) -> None:
    rules = [
        {"attribute": "delivered_by", "contains_any": ["member-state-experts", "un-secretariat"]},
        {"attribute": "delivered_by", "subset_of": ["un-secretariat"]},
        {"attribute": "trigger", "in": ["un-initiative", "national-request"]},
    ]
    catalogue = build(
        tmp_path,
        [role(1), role(2, delivered_by=("un-secretariat", "member-state-experts"))],
        [redline(i + 1, rule=rule) for i, rule in enumerate(rules)],
    )
    assert [outcome(catalogue, "role-1", f"redline-{i}") for i in (1, 2, 3)] == [
        Outcome.CROSSES,
        Outcome.CROSSES,
        Outcome.CROSSES,
    ]
    assert outcome(catalogue, "role-2", "redline-2") is Outcome.CLEAR


# -- repair hints ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "role_options", "hints"),
    [
        (STANDING, {}, ["clears if standing_un_capacity were false"]),
        (
            BY_UN,
            {},
            ["clears if delivered_by no longer included un-secretariat (it would then be empty)"],
        ),
        (
            {
                "attribute": "delivered_by",
                "contains_any": ["un-secretariat", "member-state-experts"],
            },
            {"delivered_by": ("un-secretariat", "member-state-experts")},
            [
                "clears if delivered_by no longer included member-state-experts or "
                "un-secretariat (it would then be empty)"
            ],
        ),
        (
            {"attribute": "delivered_by", "subset_of": ["un-secretariat"]},
            {},
            ["clears if delivered_by also included member-state-experts"],
        ),
        (
            UN_INITIATIVE,
            {"trigger": "un-initiative"},
            ["clears if trigger were national-request instead of un-initiative"],
        ),
        (
            {"attribute": "trigger", "in": ["national-request"]},
            {},
            ["clears if trigger were un-initiative instead of national-request"],
        ),
        (
            {"all": [BY_UN, {"not": BY_EXPERTS}]},
            {},
            [
                "clears if delivered_by also included member-state-experts",
                "clears if delivered_by no longer included un-secretariat (it would then be empty)",
            ],
        ),
        (
            {"any": [STANDING, BY_UN]},
            {},
            [
                "clears if standing_un_capacity were false and delivered_by no longer included "
                "un-secretariat (it would then be empty)"
            ],
        ),
        (
            {"all": [STANDING, {"any": [BY_UN, UN_INITIATIVE]}]},
            {"trigger": "un-initiative"},
            [
                "clears if standing_un_capacity were false",
                "clears if delivered_by no longer included un-secretariat (it would then be empty) and "
                "trigger were national-request instead of un-initiative",
            ],
        ),
        ({"any": [STANDING, {"not": STANDING}]}, {}, []),  # always true: nothing clears it
    ],
)
def test_repair_hints(
    tmp_path: Path, rule: dict[str, Any], role_options: dict[str, Any], hints: list[str]
) -> None:
    catalogue = build(tmp_path, [role(1, **role_options)], [redline(1, rule=rule)])
    result = evaluate_role(catalogue, catalogue.role("role-1")).results[0]
    assert result.outcome is Outcome.CROSSES
    assert [repair.text for repair in result.repairs] == hints


def test_repair_through_scope_and_for_a_missing_attribute(tmp_path: Path) -> None:
    data = scoped(redline(1, rule={"any": [BY_UN, UN_INITIATIVE]}), STANDING)
    catalogue = build(tmp_path, [without(role(1), "trigger")], [data])
    result = evaluate_role(catalogue, catalogue.role("role-1")).results[0]
    assert result.outcome is Outcome.CROSSES
    assert [(r.kind, r.text) for r in result.repairs] == [
        (
            "rule",
            "clears if delivered_by no longer included un-secretariat (it would then be empty) and trigger "
            "were national-request",
        ),
        ("scope", "no longer applies if standing_un_capacity were false"),
    ]


def test_no_repair_for_clear_or_unknown(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path, [role(1, standing=False), without(role(2), "standing_un_capacity")], [redline(1)]
    )
    for role_data in catalogue.roles:
        assert evaluate(catalogue, role_data, catalogue.redlines[0]).repairs == ()


# -- filters and agreement ------------------------------------------------------------------------


def test_clear_of_and_surviving(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [role(1), role(2, standing=False), without(role(3), "standing_un_capacity")],
        [redline(1), redline(2, strictness="concern", rule=BY_UN)],
    )
    assert clear_of(catalogue, ["redline-1"]) == ["role-2"]  # unknown is not clear
    assert clear_of(catalogue, ["redline-2"]) == []
    assert surviving(catalogue) == ["role-2"]


def test_analysis_lists_holders_and_roles_by_outcome(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [role(1), role(2, standing=False), without(role(3), "standing_un_capacity")],
        [redline(1)],
    )
    (line,) = analyse(catalogue).redlines
    assert line.holders == (("members", "Some member states"),)
    assert line.by_outcome[Outcome.CROSSES] == ("role-1",)
    assert line.by_outcome[Outcome.CLEAR] == ("role-2",)
    assert line.by_outcome[Outcome.UNKNOWN] == ("role-3",)


def test_agreement_sorts_evidence_by_stance_and_names_objectors(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        [role(1), role(2, standing=False)],
        [redline(1, strictness="concern")],
    )
    first, second = agreement(catalogue)
    assert [q.evidence.quote for q in first.support] == ["for it", "received well"]
    assert [q.evidence.quote for q in first.opposition] == ["against it"]
    assert [(o.name, o.redline, o.certain) for o in first.objections] == [
        ("Some member states", "redline-1", True)
    ]
    assert first.standing == "contested"
    assert second.objections == ()
