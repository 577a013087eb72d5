"""The diff core: typed changes between two catalogues, their application, and the answers they
move with their smallest causes, on catalogues the tests build (small and generated)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from benchmarks.generate import redlines_yaml, roles_yaml

from dsr_options.analyses.diff import (
    Action,
    Bounds,
    Change,
    ChangeKind,
    ConsequenceKind,
    FailOn,
    apply_changes,
    changes_between,
    diff_catalogues,
    diff_data,
)
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.files.read import parse_text
from dsr_options.load.catalogue import load_read_files
from dsr_options.model.budget import DEFAULT_MAX_EVALUATIONS
from dsr_options.model.catalogue import Catalogue
from tests.factory import dump, evidence, redline, redlines_document, role, roles_document


def build(
    roles: list[dict[str, Any]] | None = None,
    redlines: list[dict[str, Any]] | None = None,
    *,
    roles_doc: dict[str, Any] | None = None,
    redlines_doc: dict[str, Any] | None = None,
) -> Catalogue:
    roles_file = parse_text(dump(roles_doc or roles_document(roles)), "roles.yaml")
    redline_file = parse_text(dump(redlines_doc or redlines_document(redlines)), "redlines.yaml")
    loaded = load_read_files(roles_file, [redline_file])
    assert loaded.catalogue is not None, [d.format() for d in loaded.diagnostics]
    return loaded.catalogue


def listed(changes: tuple[Change, ...]) -> list[tuple[str, str, Any, Any]]:
    from dsr_options.analyses.diff import plain

    return [(c.kind.value, c.key, plain(c.old), plain(c.new)) for c in changes]


def answers(diff: Any) -> list[tuple[str, str, Any, Any, list[str]]]:
    """The verdicts and standings that moved (firmness has tests of its own)."""
    return [
        (c.kind.value, c.role, c.old, c.new, [cause.key for cause in c.causes])
        for c in diff.consequences
        if c.kind.value != "firmness"
    ]


BASE_ROLES = [role(1), role(2, standing=False)]


def test_no_change_is_no_change() -> None:
    diff = diff_catalogues(build(BASE_ROLES), build(BASE_ROLES))
    assert diff.changes == ()
    assert diff.consequences == ()
    assert diff.summary.changes == 0
    assert not diff.summary.answers_moved
    assert not any(diff.summary.fails_on(condition) for condition in FailOn)


def test_a_value_changed_moves_the_verdict_and_is_its_cause() -> None:
    old = build(BASE_ROLES)
    new = build([role(1), role(2, standing=True)])
    diff = diff_catalogues(old, new)
    assert listed(diff.changes) == [
        ("value-changed", "roles/role-2/attributes/standing_un_capacity/value", False, True)
    ]
    assert answers(diff) == [
        (
            "verdict",
            "role-2",
            "clear",
            "out",
            ["roles/role-2/attributes/standing_un_capacity/value"],
        ),
        (
            "standing",
            "role-2",
            "supported",
            "contested",
            ["roles/role-2/attributes/standing_un_capacity/value"],
        ),
    ]
    verdict = diff.consequences[0]
    assert (verdict.old_possible, verdict.new_possible) == (("clear",), ("out",))
    assert (verdict.old_deciding, verdict.new_deciding) == ((), ("redline-1",))
    assert (verdict.relevant, verdict.evaluations, verdict.bound_reached) == (1, 1, False)
    assert diff.summary.by_kind == {"value-changed": 1}
    assert diff.summary.verdict_changes == 1
    assert diff.summary.fails_on(FailOn.VERDICT_CHANGE)
    assert diff.summary.fails_on(FailOn.STANDING_CHANGE)


def test_basis_note_and_value_added_and_removed() -> None:
    changed = role(1)
    changed["attributes"]["trigger"]["basis"] = "note"
    changed["attributes"]["trigger"]["evidence"] = [evidence("a trigger quote")]
    changed["attributes"]["trigger"]["note"] = "Another reading."
    del changed["attributes"]["delivered_by"]
    gone = role(2, standing=False)
    del gone["attributes"]["trigger"]
    diff = diff_catalogues(build([role(1), gone]), build([changed, role(2, standing=False)]))
    assert listed(diff.changes) == [
        (
            "value-removed",
            "roles/role-1/attributes/delivered_by",
            {"value": ["un-secretariat"], "basis": "analysis", "evidence": [], "alternatives": []},
            None,
        ),
        ("basis-changed", "roles/role-1/attributes/trigger/basis", "analysis", "note"),
        (
            "value-note-changed",
            "roles/role-1/attributes/trigger/note",
            "Our reading.",
            "Another reading.",
        ),
        (
            "evidence-added",
            "roles/role-1/attributes/trigger/evidence/0",
            None,
            evidence("a trigger quote"),
        ),
        (
            "value-added",
            "roles/role-2/attributes/trigger",
            None,
            {
                "value": "national-request",
                "basis": "analysis",
                "note": "Our reading.",
                "evidence": [],
                "alternatives": [],
            },
        ),
    ]
    assert diff.consequences == ()  # the redline tests standing_un_capacity only


def test_evidence_added_removed_quote_and_stance_changed() -> None:
    new_role = role(1)
    new_role["evidence"] = [
        evidence("for it, on the whole"),  # quote altered
        evidence("against it", "qualifies"),  # stance changed
        evidence("a quote never seen before, about something else entirely", "neutral"),
    ]
    new_role["reception"]["evidence"] = []
    new_role["reception"]["basis"] = "analysis"
    diff = diff_catalogues(build([role(1)]), build([new_role]))
    assert listed(diff.changes) == [
        ("reception-changed", "roles/role-1/reception/basis", "note", "analysis"),
        ("evidence-removed", "roles/role-1/reception/evidence/0", evidence("received well"), None),
        ("quote-changed", "roles/role-1/evidence/0/quote", "for it", "for it, on the whole"),
        ("stance-changed", "roles/role-1/evidence/1/stance", "opposes", "qualifies"),
        (
            "evidence-added",
            "roles/role-1/evidence/2",
            None,
            evidence("a quote never seen before, about something else entirely", "neutral"),
        ),
    ]
    # The reception's supporting quote is gone: supported -> no recorded view. The smallest cause
    # is its removal; the basis (which needs no evidence once it is analysis) is not needed.
    assert answers(diff) == [
        ("standing", "role-1", "contested", "opposed", ["roles/role-1/reception/evidence/0"])
    ]


def test_leads_concerns_and_open_questions() -> None:
    new_role = role(1)
    new_role["leads"] = [
        {"office": "ssr-unit", "rationale": "It holds the portfolio now.", "basis": "analysis"},
        {"office": "oma", "rationale": "Military expertise.", "basis": "analysis"},
    ]
    new_role["concerns"] = [{"text": "A worry, sharpened.", "basis": "analysis"}]
    new_role["open_questions"] = []
    diff = diff_catalogues(build([role(1)]), build([new_role]))
    assert listed(diff.changes) == [
        (
            "lead-changed",
            "roles/role-1/leads/0/rationale",
            "It holds the portfolio.",
            "It holds the portfolio now.",
        ),
        (
            "lead-added",
            "roles/role-1/leads/1",
            None,
            {
                "office": "oma",
                "rationale": "Military expertise.",
                "basis": "analysis",
                "evidence": [],
            },
        ),
        ("concern-changed", "roles/role-1/concerns/0/text", "A worry.", "A worry, sharpened."),
        (
            "question-removed",
            "roles/role-1/open_questions/0",
            {"text": "An open question?", "basis": "note", "evidence": [evidence()]},
            None,
        ),
    ]


def test_role_text_and_scope() -> None:
    new_role = role(1, title="A new title", levels=("strategic", "tactical"))
    diff = diff_catalogues(build([role(1)]), build([new_role]))
    assert listed(diff.changes) == [
        ("role-text", "roles/role-1/title", "Role number 1", "A new title"),
        ("role-scope", "roles/role-1/levels", ["strategic"], ["strategic", "tactical"]),
    ]
    assert diff.summary.answer_moving_changes == 0


def test_a_rename_is_reported_as_one_when_unambiguous() -> None:
    renamed = role(2, standing=False)
    renamed["id"] = "role-twenty"
    renamed["number"] = 20
    diff = diff_catalogues(build(BASE_ROLES), build([role(1), renamed]))
    assert [(c.kind, c.item, c.new_item, c.path) for c in diff.changes] == [
        (ChangeKind.ROLE_RENAMED, "role-2", "role-twenty", ()),
        (ChangeKind.ROLE_TEXT, "role-2", None, ("number",)),
    ]
    assert diff.changes[0].subject == "role-2 -> role-twenty"
    assert diff.consequences == ()  # same content, same answers


def test_an_ambiguous_rename_is_a_removal_and_additions() -> None:
    twin_a, twin_b = role(3, standing=False), role(4, standing=False)
    twin_a["id"], twin_b["id"] = "twin-a", "twin-b"
    twin_a["number"] = twin_b["number"] = 5
    old = build([role(1), role(2, standing=False)])
    twin_b["number"] = 6
    new = build([role(1), twin_a, twin_b])
    assert [(c.kind.value, c.key) for c in changes_between(old, new)] == [
        ("role-removed", "roles/role-2"),
        ("role-added", "roles/twin-a"),
        ("role-added", "roles/twin-b"),
    ]


def test_role_added_and_removed_answers_have_their_cause() -> None:
    diff = diff_catalogues(build([role(1)]), build([role(3, standing=False)]))
    assert answers(diff) == [
        ("verdict", "role-1", "out", None, ["roles/role-1"]),
        ("standing", "role-1", "contested", None, ["roles/role-1"]),
        ("verdict", "role-3", None, "clear", ["roles/role-3"]),
        ("standing", "role-3", None, "supported", ["roles/role-3"]),
    ]


def test_redline_changes_each_typed() -> None:
    old_line = redline(1, strictness="concern")
    new_line = redline(1, strictness="veto", holders=("members", "others"))
    new_line["title"] = "Redline one"
    new_line["rule"] = {"attribute": "trigger", "equals": "un-initiative"}
    new_line["applies_to"] = {"attribute": "delivered_by", "contains": "un-secretariat"}
    new_line["origin"] = "draft-policy"
    doc = redlines_document([new_line])
    doc["holders"].append({"id": "others", "name": "Other member states"})
    diff = diff_catalogues(build(BASE_ROLES, [old_line]), build(BASE_ROLES, redlines_doc=doc))
    assert listed(diff.changes) == [
        (
            "holder-added",
            "holders/others",
            None,
            {"id": "others", "name": "Other member states", "holds": [], "member_of": []},
        ),
        ("redline-text", "redlines/redline-1/title", "Redline 1", "Redline one"),
        ("redline-origin", "redlines/redline-1/origin", "participants", "draft-policy"),
        ("redline-holders", "redlines/redline-1/holders", ["members"], ["members", "others"]),
        ("redline-strictness", "redlines/redline-1/strictness", "concern", "veto"),
        (
            "redline-rule",
            "redlines/redline-1/rule",
            {"attribute": "standing_un_capacity", "equals": True},
            {"attribute": "trigger", "equals": "un-initiative"},
        ),
        (
            "redline-scope",
            "redlines/redline-1/applies_to",
            None,
            {"attribute": "delivered_by", "contains": "un-secretariat"},
        ),
    ]
    # role-1 was flagged by the concern; under the new rule it crosses nothing: the rule alone
    # explains it (the smallest set), not the strictness or the scope.
    assert answers(diff) == [
        ("verdict", "role-1", "flagged", "clear", ["redlines/redline-1/rule"]),
        ("standing", "role-1", "contested", "supported", ["redlines/redline-1/rule"]),
    ]


def test_redline_added_removed_and_renamed() -> None:
    old = build(BASE_ROLES, [redline(1), redline(2, strictness="concern")])
    renamed = redline(2, strictness="concern")
    renamed["id"] = "redline-two"
    new = build(
        BASE_ROLES,
        [renamed, redline(3, rule={"attribute": "standing_un_capacity", "equals": False})],
    )
    diff = diff_catalogues(old, new)
    assert [(c.kind.value, c.subject) for c in diff.changes] == [
        ("redline-removed", "redline-1"),
        ("redline-renamed", "redline-2 -> redline-two"),
        ("redline-added", "redline-3"),
    ]
    assert answers(diff) == [
        ("verdict", "role-1", "out", "flagged", ["redlines/redline-1"]),
        ("verdict", "role-2", "clear", "out", ["redlines/redline-3"]),
        ("standing", "role-2", "supported", "contested", ["redlines/redline-3"]),
    ]


def test_declarations_attributes_values_offices_sources() -> None:
    doc = roles_document(copy.deepcopy(BASE_ROLES))
    doc["attributes"][0]["values"].append({"id": "bilateral", "description": "Partners."})
    doc["attributes"][2]["values"][0]["description"] = "A request by the host."
    doc["attributes"][1]["description"] = "Needs a standing UN capacity."
    doc["offices"].pop()  # oma
    doc["offices"][0]["name"] = "DPKO"
    doc["sources"][0]["title"] = "A test note, revised"
    # The catalogue holds one copy of a source both files declare (the redline file's): a
    # source is compared as the catalogue holds it.
    redlines_doc = redlines_document()
    redlines_doc["sources"][0]["title"] = "A test note, revised"
    diff = diff_catalogues(build(BASE_ROLES), build(roles_doc=doc, redlines_doc=redlines_doc))
    assert [(c.kind.value, c.key) for c in diff.changes] == [
        ("source-changed", "sources/note/title"),
        ("allowed-value-added", "attributes/delivered_by/values/2"),
        ("attribute-changed", "attributes/standing_un_capacity/description"),
        ("allowed-value-changed", "attributes/trigger/values/0/description"),
        ("office-changed", "offices/dpko/name"),
        ("office-removed", "offices/oma"),
    ]
    assert diff.consequences == ()
    assert diff.summary.answer_moving_changes == 0
    assert diff.summary.fails_on(FailOn.ANY_CHANGE)
    assert not diff.summary.fails_on(FailOn.ANSWER_CHANGE)


def two_step_rule() -> dict[str, Any]:
    return {
        "all": [
            {"attribute": "standing_un_capacity", "equals": True},
            {"attribute": "trigger", "equals": "un-initiative"},
        ]
    }


def test_causes_are_the_smallest_set_of_two() -> None:
    old = build([role(2, standing=False)], [redline(1, rule=two_step_rule())])
    changed = role(2, standing=True, trigger="un-initiative", title="Retitled")
    diff = diff_catalogues(old, build([changed], [redline(1, rule=two_step_rule())]))
    verdict = diff.consequences[0]
    assert verdict.kind is ConsequenceKind.VERDICT
    assert (verdict.old, verdict.new) == ("clear", "out")
    assert [c.key for c in verdict.causes] == [
        "roles/role-2/attributes/standing_un_capacity/value",
        "roles/role-2/attributes/trigger/value",
    ]
    # the title cannot move a verdict: the two values are the relevant changes
    assert (verdict.relevant, verdict.searched_up_to, verdict.bound_reached) == (2, 2, False)
    # two singletons, then the one pair
    assert verdict.evaluations == 2 + 1


def test_the_bound_is_stated_when_it_stops_the_search() -> None:
    old = build([role(2, standing=False)], [redline(1, rule=two_step_rule())])
    new = build(
        [role(2, standing=True, trigger="un-initiative")], [redline(1, rule=two_step_rule())]
    )
    by_size = diff_catalogues(old, new, bounds=Bounds(max_subset=1)).consequences[0]
    assert by_size.causes == ()
    assert by_size.bound_reached
    assert by_size.note == (
        "no subset up to 1 of the 2 relevant changes reproduces it "
        "(search stopped after 2 evaluations; --bound raises the largest set tried)"
    )
    by_count = diff_catalogues(old, new, bounds=Bounds(max_evaluations=1)).consequences[0]
    assert (by_count.causes, by_count.bound_reached, by_count.evaluations) == ((), True, 1)
    assert by_count.note == (
        "no subset up to 0 of the 2 relevant changes reproduces it "
        "(search stopped after 1 evaluations)"
    )
    summary = diff_catalogues(old, new, bounds=Bounds(max_subset=1)).summary
    assert summary.bound_reached == 1


def test_changes_to_other_roles_are_not_relevant() -> None:
    old = build([role(1), role(2, standing=False), role(3, standing=False)])
    new = build(
        [
            role(1, title="Other"),
            role(2, standing=True),
            role(3, trigger="un-initiative", standing=False),
        ]
    )
    (verdict, _standing) = diff_catalogues(old, new).consequences
    assert verdict.role == "role-2"
    assert verdict.relevant == 1


def test_to_data_is_json_and_names_causes_by_key() -> None:
    diff = diff_catalogues(build(BASE_ROLES), build([role(1), role(2, standing=True)]))
    data = diff_data(diff)
    assert json.loads(json.dumps(data)) == data
    assert data["summary"] == {
        "changes": 1,
        "by_kind": {"value-changed": 1},
        "verdict_changes": 1,
        "standing_changes": 1,
        "answer_moving_changes": 1,
        "answer_moved_changes": 1,
        "stale_rationales": 1,
        "answers_moved": True,
        "firmness_changes": 0,
        "bound_reached": 0,
    }
    assert data["changes"][0]["moved_answers"] is True
    assert data["warnings"][0]["kind"] == "stale-rationale"
    assert data["bounds"] == {
        "max_subset": 3,
        "max_evaluations": 2000,
        "run_evaluations": DEFAULT_MAX_EVALUATIONS,
    }
    assert data["bounded"] == []
    key = data["consequences"][0]["causes"][0]
    assert diff.change(key).kind is ChangeKind.VALUE_CHANGED
    assert data["changes"][0]["action"] == "changed"
    assert data["changes"][0]["old_at"] is None  # no sides, no places


def test_apply_changes_all_of_them_gives_new() -> None:
    old_role_2 = role(2, standing=False)
    new_role_2 = role(2, standing=True, trigger="un-initiative")
    new_role_2["evidence"].insert(0, evidence("first now"))
    new_role_2["concerns"].append({"text": "Another worry.", "basis": "analysis"})
    old = build([role(1), old_role_2], [redline(1), redline(2)])
    new = build([new_role_2, role(5)], [redline(2, strictness="concern"), redline(4)])
    changes = changes_between(old, new)
    applied = apply_changes(old, changes)
    assert sorted(r.id for r in applied.roles) == sorted(r.id for r in new.roles)
    assert {r.id: r for r in applied.roles} == {r.id: r for r in new.roles}
    assert {r.id: r for r in applied.redlines} == {r.id: r for r in new.redlines}
    assert apply_changes(old, []) == old
    # a subset: only the role-2 value of standing
    one = [c for c in changes if c.key.endswith("standing_un_capacity/value")]
    partial = apply_changes(old, one).role("role-2")
    assert partial.attributes["standing_un_capacity"].value is True
    assert partial.attributes["trigger"].value == "national-request"
    assert old.role("role-2").attributes["standing_un_capacity"].value is False  # untouched
    assert all(c.kind.action in Action for c in changes)


def test_a_large_generated_catalogue_with_one_percent_of_values_changed() -> None:
    roles_text, redlines_text = roles_yaml(300, seed=5), redlines_yaml(300, seed=5)

    def load(roles: str) -> Catalogue:
        loaded = load_read_files(
            parse_text(roles, "roles.yaml"), [parse_text(redlines_text, "redlines.yaml")]
        )
        assert loaded.catalogue is not None
        return loaded.catalogue

    old = load(roles_text)
    flips = old.roles[::30][:10]  # 10 roles; 10 of their boolean values flipped
    lines = roles_text.split("\n")
    for flipped in flips:
        at = lines.index(f"  - id: {flipped.id}")
        at = lines.index("      in_country:", at) + 1
        value = lines[at].split(": ")[1]
        lines[at] = f"        value: {'false' if value == 'true' else 'true'}"
    new = load("\n".join(lines))
    diff = diff_catalogues(old, new)
    assert [c.key for c in diff.changes] == [
        f"roles/{r.id}/attributes/in_country/value" for r in flips
    ]
    evaluator_old, evaluator_new = Evaluator(old), Evaluator(new)
    moved = {
        r.id
        for r in flips
        if evaluator_old.evaluate_role(r).verdict
        is not evaluator_new.evaluate_role(new.role(r.id)).verdict
    }
    verdicts = [c for c in diff.consequences if c.kind is ConsequenceKind.VERDICT]
    assert {c.role for c in verdicts} == moved
    from dsr_options.analyses.agreement import role_agreement

    standings = {
        r.id
        for r in old.roles  # every role, not only those changed: nothing is missed
        if role_agreement(old, r, evaluator_old).standing
        != role_agreement(new, new.role(r.id), evaluator_new).standing
    }
    assert {c.role for c in diff.consequences if c.kind is ConsequenceKind.STANDING} == standings
    assert all(
        [k.key for k in c.causes] == [f"roles/{c.role}/attributes/in_country/value"]
        for c in verdicts
    )
    assert all(not c.bound_reached for c in diff.consequences)


@pytest.mark.parametrize("kind", list(ChangeKind))
def test_every_kind_names_its_action(kind: ChangeKind) -> None:
    assert (
        kind.value.endswith(("added", "removed", "renamed", "changed"))
        or kind.action is Action.CHANGED
    )


def test_redline_changes_move_exactly_the_answers_that_moved() -> None:
    """The screen that skips roles is exact: every role's answers compared by brute force."""
    from dsr_options.analyses.agreement import role_agreement

    roles_text, redlines_text = roles_yaml(120, seed=2), redlines_yaml(120, seed=2)
    lines = redlines_text.split("\n")
    for number in (1, 4, 7):  # three redlines made vetoes
        at = lines.index(f"  - id: redline-{number}")
        at = next(i for i in range(at, len(lines)) if lines[i].startswith("    strictness: "))
        lines[at] = "    strictness: veto"

    def load(redlines: str) -> Catalogue:
        loaded = load_read_files(
            parse_text(roles_text, "roles.yaml"), [parse_text(redlines, "redlines.yaml")]
        )
        assert loaded.catalogue is not None
        return loaded.catalogue

    old, new = load(redlines_text), load("\n".join(lines))
    diff = diff_catalogues(old, new)
    old_eval, new_eval = Evaluator(old), Evaluator(new)
    expected = set()
    for before, after in zip(old.roles, new.roles, strict=True):
        a, b = old_eval.evaluate_role(before), new_eval.evaluate_role(after)
        if (a.verdict, a.possible) != (b.verdict, b.possible):
            expected.add(("verdict", before.id))
        if (
            role_agreement(old, before, old_eval).standing
            != role_agreement(new, after, new_eval).standing
        ):
            expected.add(("standing", before.id))
    assert expected  # the test means something
    moved = {(c.kind.value, c.role) for c in diff.consequences if c.kind.value != "firmness"}
    assert moved == expected
    for consequence in diff.consequences:
        assert consequence.causes
        assert all(c.collection == "redlines" for c in consequence.causes)


def test_more_pairs_than_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from dsr_options.errors import DsrOptionsError

    monkeypatch.setenv("DSR_OPTIONS_MAX_PAIRS", "1")
    # Both roles cross redline-1 and nothing else: made a concern, it moves both verdicts.
    other = redline(2, rule={"attribute": "standing_un_capacity", "equals": False})
    roles = [role(1), role(2)]
    old = build(roles, [redline(1), other])
    new = build(roles, [redline(1, strictness="concern"), other])
    with pytest.raises(DsrOptionsError) as caught:
        diff_catalogues(old, new)
    assert str(caught.value) == (
        "2 roles to re-evaluate x 2 redlines is 4 pairs on each side, more than the limit "
        "of 1 (set DSR_OPTIONS_MAX_PAIRS to raise it)"
    )


def test_the_diff_benchmark_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import diff as bench

    # the script raises the file size limit for large catalogues: not for the tests after this
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", bench.MAX_FILE_MB)

    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "200 roles, 20 redlines; 26 values changed (1% of 2,600)" in out
    assert "ratio diff / load: " in out
