"""The forum over a catalogue the tests build: a Security Council whose pivotal members we know,
blocs with a bridging role, majority and two-thirds with undecided members; and every answer
held against a brute force written here (each member's position on each role and on every
design of the vocabulary, evaluated by the evaluator ``check`` uses)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.design_space import design_space
from dsr_options.analyses.evaluate import Outcome, evaluate
from dsr_options.analyses.forum import Rule, forum_answer
from dsr_options.analyses.forum.read import ForumFileError, read_forum
from dsr_options.analyses.negotiate import negotiate
from dsr_options.load.catalogue import load_catalogue
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.forum import ForumFile
from dsr_options.model.vocabulary import AttributeType, Strictness
from tests.factory import dump, redline, redlines_document, role, roles_document, write_catalogue

PERMANENT = ("p1", "p2", "p3", "p4", "p5")
ELECTED = tuple(f"e{i}" for i in range(1, 11))
STANDING: dict[str, Any] = {"attribute": "standing_un_capacity", "equals": True}
INITIATIVE: dict[str, Any] = {"attribute": "trigger", "equals": "un-initiative"}
EXPERTS: dict[str, Any] = {"attribute": "delivered_by", "contains": "member-state-experts"}


def build(tmp_path: Path, holders: list[str], rules: dict[str, list[dict[str, Any]]]) -> Catalogue:
    """Role 1: a standing capacity, started by a national request; role 2: no standing
    capacity, started by the UN. Each holder vetoes what ``rules`` lists for it."""
    roles = roles_document([role(1), role(2, standing=False, trigger="un-initiative")])
    index = itertools.count(1)
    redlines = [redline(next(index), rule=rule, holders=(h,)) for h in holders for rule in rules[h]]
    document = redlines_document(redlines)
    document["holders"] = [{"id": h, "name": f"Delegation {h.upper()}"} for h in holders]
    return load_catalogue(write_catalogue(tmp_path / "catalogue", roles, document))


def forum_file(tmp_path: Path, forum: dict[str, Any], **more: Any) -> Path:
    path = tmp_path / "forum.yaml"
    path.write_text(dump({"schema_version": 1, "forum": forum, **more}), encoding="utf-8")
    return path


def council(tmp_path: Path, undecided: tuple[str, ...] = ()) -> tuple[Catalogue, ForumFile]:
    """p1 vetoes a standing capacity; e1..e6 veto a UN initiative; the rest veto only member
    states' experts, which no role uses."""
    rules = {m: [EXPERTS] for m in PERMANENT + ELECTED}
    rules["p1"] = [STANDING]
    for m in ELECTED[:6]:
        rules[m] = [INITIATIVE]
    decided = [m for m in PERMANENT + ELECTED if m not in undecided]
    catalogue = build(tmp_path, decided, rules)
    path = forum_file(
        tmp_path,
        {
            "id": "council",
            "name": "Security Council",
            "rule": "security-council",
            "members": list(PERMANENT + ELECTED),
            "permanent": list(PERMANENT),
        },
        holders=[{"id": m, "name": f"Delegation {m.upper()}"} for m in undecided],
    )
    return catalogue, read_forum(path, catalogue)


def test_the_council_blocks_role_1_by_one_veto_and_passes_role_2_by_nine(tmp_path: Path) -> None:
    catalogue, file = council(tmp_path)
    negotiation = negotiate(catalogue)
    answer = forum_answer(catalogue, negotiation, design_space(catalogue), file=file)
    first, second = answer.roles
    assert (first.decision.status, first.decision.vetoes, first.decision.pivotal) == (
        "fails",
        ("p1",),
        ("p1",),
    )
    assert (second.decision.status, len(second.decision.accepting)) == ("passes", 9)
    # Nine accept, nine needed: each of them is pivotal, and none of the six who object.
    assert second.decision.pivotal == (*PERMANENT, *ELECTED[6:])
    assert answer.passing == ("role-2",)
    assert answer.design is not None
    assert answer.design.decision is not None
    assert answer.design.decision.status == "passes"
    assert answer.name("p1") == "Delegation P1"


def test_an_undecided_member_turns_passes_into_needs_one_of_one(tmp_path: Path) -> None:
    catalogue, file = council(tmp_path, undecided=("e10",))
    answer = forum_answer(catalogue, negotiate(catalogue), file=file)
    second = answer.roles[1].decision
    assert (second.status, second.needs, second.undecided) == ("needs", 1, ("e10",))
    assert "e10" in second.pivotal
    assert answer.decided == tuple(m for m in PERMANENT + ELECTED if m != "e10")


def test_a_bloc_example_with_a_bridging_role(tmp_path: Path) -> None:
    rules: dict[str, list[dict[str, Any]]] = {
        "a1": [STANDING],
        "a2": [INITIATIVE],
        "b1": [INITIATIVE],
        "b2": [EXPERTS],
    }
    catalogue = build(tmp_path, list(rules), rules)
    path = forum_file(
        tmp_path,
        {"id": "c34", "name": "Special Committee", "members": list(rules)},
        blocs=[
            {"id": "east", "name": "Eastern Group", "short": "East", "members": ["a1", "a2"]},
            {"id": "west", "name": "Western Group", "members": ["b1", "b2"]},
        ],
    )
    file = read_forum(path, catalogue)
    answer = forum_answer(catalogue, negotiate(catalogue), file=file)
    # Role 1 is objected to by a1 only: a2 (East) and b1, b2 (West) accept it: it bridges.
    # Role 2 is objected to by a2 and b1; a1 and b2 accept it: it bridges too, though it fails.
    assert answer.bridging == ("role-1", "role-2")
    assert [b.name for b in answer.blocs] == ["East", "Western Group"]
    assert answer.roles[0].blocs[0].accepting == ("a2",)
    assert [r.decision.status for r in answer.roles] == ["fails", "fails"]
    assert answer.roles[0].decision.pivotal == ("a1",)
    assert answer.roles[1].decision.pivotal == ()


def test_a_role_no_member_of_a_bloc_accepts_does_not_bridge(tmp_path: Path) -> None:
    rules = {"a1": [STANDING], "a2": [STANDING], "b1": [INITIATIVE]}
    catalogue = build(tmp_path, list(rules), rules)
    path = forum_file(
        tmp_path,
        {"id": "c34", "name": "Special Committee", "rule": "majority", "members": list(rules)},
        blocs=[{"id": "east", "name": "East", "members": ["a1", "a2"]}],
    )
    answer = forum_answer(catalogue, negotiate(catalogue), file=read_forum(path, catalogue))
    assert answer.bridging == ("role-2",)
    assert [r.decision.status for r in answer.roles] == ["fails", "passes"]


@pytest.mark.parametrize("rule", ["majority", "two-thirds"])
def test_majority_and_two_thirds_with_undecided_members(tmp_path: Path, rule: str) -> None:
    rules = {"a": [STANDING], "b": [INITIATIVE], "c": [EXPERTS]}
    catalogue = build(tmp_path, list(rules), rules)
    path = forum_file(
        tmp_path,
        {"id": "f", "name": "Forum", "rule": rule, "members": ["a", "b", "c", "u1", "u2"]},
        holders=[{"id": "u1", "name": "U1"}, {"id": "u2", "name": "U2"}],
    )
    answer = forum_answer(catalogue, negotiate(catalogue), file=read_forum(path, catalogue))
    # Each role: 2 of the 3 decided accept; majority needs 3 of 5 (1 more of the 2 undecided),
    # two-thirds 4 of 5 (both undecided).
    assert [r.decision.status for r in answer.roles] == ["needs", "needs"]
    assert [r.decision.needs for r in answer.roles] == ([1, 1] if rule == "majority" else [2, 2])


# -- against a brute force ------------------------------------------------------------------------


def domain(decl: Any) -> list[Any]:
    if decl.type is AttributeType.BOOLEAN:
        return [True, False]
    ids = [v.id for v in decl.values]
    if decl.type is AttributeType.CHOICE:
        return ids
    return [tuple(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)]


def accepts(catalogue: Catalogue, holder: str, values: dict[str, Any], some_role: Any) -> bool:
    for r in catalogue.redlines:
        if holder in r.holders and r.strictness is not Strictness.CONCERN:
            outcome = evaluate(catalogue, some_role, r, values, {}).outcome
            if outcome is not Outcome.CLEAR:
                return False
    return True


def rule_passes(rule: str, members: list[str], accepting: set[str]) -> bool:
    n, k = len(members), len(accepting & set(members))
    return {
        "consensus": k == n,
        "majority": 2 * k > n,
        "two-thirds": 3 * k >= 2 * n,
    }[rule]


RANDOM_RULES: list[dict[str, Any]] = [
    STANDING,
    INITIATIVE,
    EXPERTS,
    {"attribute": "trigger", "equals": "national-request"},
]


def test_roles_and_the_design_space_agree_with_the_brute_force(tmp_path: Path) -> None:
    rng = random.Random(2626)
    for case in range(12):
        members = [f"m{i}" for i in range(rng.randint(2, 5))]
        rules = {m: rng.sample(RANDOM_RULES, rng.randint(1, 2)) for m in members}
        catalogue = build(tmp_path / str(case), members, rules)
        rule = rng.choice(["consensus", "majority", "two-thirds"])
        answer = forum_answer(
            catalogue, negotiate(catalogue), design_space(catalogue), rule=Rule(rule)
        )
        for standing, found in zip(catalogue.roles, answer.roles, strict=True):
            values = {a: v.value for a, v in standing.attributes.items()}
            accepting = {m for m in members if accepts(catalogue, m, values, standing)}
            want = "passes" if rule_passes(rule, members, accepting) else "fails"
            assert found.decision.status == want, (case, rule, standing.id)
        decls = {d.id: d for d in catalogue.attributes}
        names = list(decls)
        best = "fails"
        for combo in itertools.product(*(domain(decls[a]) for a in names)):
            values = dict(zip(names, combo, strict=True))
            accepting = {m for m in members if accepts(catalogue, m, values, catalogue.roles[0])}
            if rule_passes(rule, members, accepting):
                best = "passes"
                break
        assert answer.design is not None
        assert answer.design.decision is not None
        assert answer.design.decision.status == best, (case, rule, rules)


# -- bad forum files ------------------------------------------------------------------------------


def test_a_forum_file_naming_unknown_holders_is_refused_where_it_says_so(tmp_path: Path) -> None:
    rules = {"freedonia": [STANDING], "sylvania": [INITIATIVE]}
    catalogue = build(tmp_path, list(rules), rules)
    path = forum_file(
        tmp_path,
        {
            "id": "council",
            "name": "Council",
            "rule": "security-council",
            "members": ["freedonia", "sylvannia"],
            "permanent": ["fredonia"],
        },
        blocs=[{"id": "b", "name": "B", "members": ["freedonia", "ruritania"]}],
    )
    with pytest.raises(ForumFileError) as raised:
        read_forum(path, catalogue)
    found = [(d.line, d.column, d.code.value, d.message) for d in raised.value.diagnostics]
    assert found == [
        (
            6,
            3,
            "unreachable-threshold",
            "the security-council rule needs 9 acceptances but the forum has 2 members: "
            "nothing could pass",
        ),
        (8, 5, "unknown-reference", "no holder has the id 'sylvannia' (did you mean 'sylvania'?)"),
        (
            10,
            5,
            "not-a-member",
            "the permanent member 'fredonia' is not among the forum's members "
            "(did you mean 'freedonia'?)",
        ),
        (16, 5, "unknown-reference", "no holder has the id 'ruritania'"),
    ]


def test_a_bridging_design_agrees_with_the_brute_force(tmp_path: Path) -> None:
    rng = random.Random(2627)
    for case in range(10):
        members = [f"m{i}" for i in range(rng.randint(2, 5))]
        rules = {m: rng.sample(RANDOM_RULES, rng.randint(1, 2)) for m in members}
        catalogue = build(tmp_path / str(case), members, rules)
        cut = rng.randint(1, len(members) - 1)
        blocs = [
            {"id": "east", "name": "East", "members": members[:cut]},
            {"id": "west", "name": "West", "members": members[cut:]},
        ]
        path = forum_file(
            tmp_path / str(case),
            {"id": "f", "name": "F", "rule": "majority", "members": members},
            blocs=blocs,
        )
        answer = forum_answer(
            catalogue,
            negotiate(catalogue),
            design_space(catalogue),
            file=read_forum(path, catalogue),
        )
        assert answer.design is not None
        assert answer.design.bridge is not None
        decls = {d.id: d for d in catalogue.attributes}
        names = list(decls)
        expected = False
        for combo in itertools.product(*(domain(decls[a]) for a in names)):
            values = dict(zip(names, combo, strict=True))
            accepting = {m for m in members if accepts(catalogue, m, values, catalogue.roles[0])}
            if accepting & set(members[:cut]) and accepting & set(members[cut:]):
                expected = True
                break
        assert answer.design.bridge.bridges is expected, (case, rules, cut)
        if expected:
            design = dict(answer.design.bridge.design or ())
            chosen = set(answer.design.bridge.members)
            assert all(accepts(catalogue, m, design, catalogue.roles[0]) for m in chosen), (
                case,
                design,
            )
