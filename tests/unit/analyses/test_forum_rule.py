"""The forum's rule against a brute force written here: every way the undecided members could
go is tried, and passes / fails / needs N, the pivotal members and who blocks are derived from
those worlds, not from the code under test."""

from __future__ import annotations

import itertools
import random

import pytest

from dsr_options.analyses.forum.rule import Decision, Forum, Rule, check_forum, decide
from dsr_options.errors import UsageError

PERMANENT = ("p1", "p2", "p3", "p4", "p5")
ELECTED = tuple(f"e{i}" for i in range(1, 11))
COUNCIL = Forum(Rule.SECURITY_COUNCIL, PERMANENT + ELECTED, PERMANENT, name="Security Council")


def passes(forum: Forum, accepting: set[str]) -> bool:
    """The rule, written out again: every member decided."""
    objecting = set(forum.members) - accepting
    if forum.rule is Rule.CONSENSUS:
        return not objecting
    if forum.rule is Rule.SECURITY_COUNCIL:
        return len(accepting) >= 9 and not objecting & set(forum.permanent)
    if forum.rule is Rule.MAJORITY:
        return 2 * len(accepting) > len(forum.members)
    return 3 * len(accepting) >= 2 * len(forum.members)


def brute(forum: Forum, said: dict[str, bool | None]) -> tuple[str, int]:
    accepting = {m for m, v in said.items() if v is True}
    undecided = [m for m in forum.members if said.get(m) is None]
    worlds = {}
    for size in range(len(undecided) + 1):
        for chosen in itertools.combinations(undecided, size):
            worlds[frozenset(chosen)] = passes(forum, accepting | set(chosen))
    if all(worlds.values()):
        return "passes", 0
    if not any(worlds.values()):
        return "fails", 0
    return "needs", min(len(w) for w, ok in worlds.items() if ok)


def brute_pivotal(forum: Forum, said: dict[str, bool | None]) -> tuple[str, ...]:
    status = brute(forum, said)[0]
    found = []
    for m in forum.members:
        if said[m] is None:
            if status != "needs":
                continue
            outcomes = {brute(forum, {**said, m: v})[0] for v in (True, False)}
            if outcomes & ({"passes", "fails"}):
                found.append(m)
        elif brute(forum, {**said, m: not said[m]})[0] != status:
            found.append(m)
    return tuple(found)


def test_the_council_passes_with_nine_and_no_permanent_objection() -> None:
    said: dict[str, bool | None] = dict.fromkeys(PERMANENT + ELECTED[:4], True)
    said.update(dict.fromkeys(ELECTED[4:], False))
    decision = decide(COUNCIL, said)
    assert decision.status == "passes"
    # Each of the nine is pivotal: one fewer and it falls short; no objector alone changes it.
    assert decision.pivotal == PERMANENT + ELECTED[:4]
    assert decision.blocked_by == ()


def test_one_permanent_objection_blocks_and_that_member_alone_is_pivotal() -> None:
    said: dict[str, bool | None] = dict.fromkeys(PERMANENT + ELECTED, True)
    said["p3"] = False
    decision = decide(COUNCIL, said)
    assert (decision.status, decision.vetoes, decision.blocked_by) == ("fails", ("p3",), ("p3",))
    assert decision.pivotal == ("p3",)
    assert decision.short == 0


def test_votes_short_names_the_objectors_and_how_many_short() -> None:
    said: dict[str, bool | None] = dict.fromkeys(PERMANENT + ELECTED[:2], True)
    said.update(dict.fromkeys(ELECTED[2:], False))
    decision = decide(COUNCIL, said)
    assert (decision.status, decision.short, decision.vetoes) == ("fails", 2, ())
    assert decision.blocked_by == ELECTED[2:]
    assert decision.pivotal == ()


def test_undecided_members_give_needs_n_of_m() -> None:
    said: dict[str, bool | None] = dict.fromkeys(PERMANENT[:3] + ELECTED[:4], True)
    said.update(dict.fromkeys(PERMANENT[3:] + ELECTED[4:7]))
    said.update(dict.fromkeys(ELECTED[7:], False))
    decision = decide(COUNCIL, said)
    # 7 accept; the 2 undecided permanent members must accept, and that makes 9.
    assert (decision.status, decision.needs, len(decision.undecided)) == ("needs", 2, 5)
    # A permanent member objecting settles it (fails); an elected one changing does not.
    assert decision.pivotal == PERMANENT


@pytest.mark.parametrize(
    ("rule", "accepting", "undecided", "expected"),
    [
        (Rule.MAJORITY, 3, 2, ("needs", 1)),
        (Rule.MAJORITY, 4, 2, ("passes", 0)),
        (Rule.MAJORITY, 1, 2, ("fails", 0)),
        (Rule.TWO_THIRDS, 3, 3, ("needs", 2)),
        (Rule.TWO_THIRDS, 5, 1, ("passes", 0)),
        (Rule.TWO_THIRDS, 2, 2, ("fails", 0)),
        (Rule.CONSENSUS, 5, 2, ("needs", 2)),
    ],
)
def test_majority_and_two_thirds_with_undecided_members(
    rule: Rule, accepting: int, undecided: int, expected: tuple[str, int]
) -> None:
    members = tuple(f"m{i}" for i in range(7))
    forum = Forum(rule, members)
    said: dict[str, bool | None] = {}
    for index, m in enumerate(members):
        if index < accepting:
            said[m] = True
        elif index < accepting + undecided:
            said[m] = None
        else:
            said[m] = False
    decision = decide(forum, said)
    assert (decision.status, decision.needs) == expected
    assert (decision.status, decision.needs) == brute(forum, said)


def _random_case(rng: random.Random) -> tuple[Forum, dict[str, bool | None]]:
    rule = rng.choice(list(Rule))
    if rule is Rule.SECURITY_COUNCIL:
        forum = COUNCIL
    else:
        forum = Forum(rule, tuple(f"m{i}" for i in range(rng.randint(1, 9))))
    said = {m: rng.choice([True, True, False, None]) for m in forum.members}
    return forum, said


def test_every_rule_agrees_with_the_brute_force_on_random_positions() -> None:
    rng = random.Random(26)
    for _ in range(400):
        forum, said = _random_case(rng)
        decision: Decision = decide(forum, said)
        assert (decision.status, decision.needs) == brute(forum, said), (forum, said)
        assert decision.pivotal == brute_pivotal(forum, said), (forum, said)


def test_a_forum_that_cannot_decide_is_refused_with_why() -> None:
    with pytest.raises(UsageError) as raised:
        check_forum(Forum(Rule.SECURITY_COUNCIL, ("a", "b"), ("a", "c")))
    assert str(raised.value) == (
        "the forum cannot decide: permanent members not among its members: c; "
        "9 acceptances are needed but the forum has 2 members: no option could pass"
    )
    assert raised.value.about == "forum"
