"""The forum's rule over every role and over the design space, and the blocs that must agree.

A forum (consensus by default: every holder of a chosen redline, none objecting) decides each
role by its rule (:mod:`.rule`): passes, fails, or needs N of its undecided members (those with
no redline given). For each role: who blocks it, how many acceptances it is short, and the
*pivotal* members (whose change alone would change the answer). A role *bridges* the blocs when
at least one member of every bloc accepts it, and every bloc whose position is declared (a
redline held by the bloc's id) accepts it as a whole.

Over the design space the forum's answer is the best of the designs the exact search found:
one acceptable to every decided member when there is one, else one per smallest set of holders
who must move (each such design is objected to by exactly those holders); a bound that stopped
the search leaves the answer unknown, and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dsr_options.analyses.design_space import DesignSpace
from dsr_options.analyses.design_space.words import design_text
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.analyses.forum.bridge import Bridge, bridging_design
from dsr_options.analyses.forum.rule import (
    COUNCIL_VOTES,
    Decision,
    Forum,
    Rule,
    check_forum,
    decide,
    outcome,
)
from dsr_options.analyses.negotiate import Negotiation
from dsr_options.errors import UsageError
from dsr_options.model.catalogue import Catalogue, Holder
from dsr_options.model.forum import ForumFile
from dsr_options.model.vocabulary import Strictness

__all__ = [
    "COUNCIL_VOTES",
    "Bloc",
    "BlocStanding",
    "Decision",
    "DesignForum",
    "Forum",
    "ForumAnswer",
    "RoleForum",
    "Rule",
    "decide",
    "forum_answer",
    "forum_of",
    "outcome",
]

_RANK = {"passes": 0, "needs": 1, "fails": 2}


@dataclass(frozen=True)
class Bloc:
    """A bloc: its id, its name in tables and sentences, and its members."""

    id: str
    name: str
    members: tuple[str, ...]
    position: bool
    """Whether a redline is held by the bloc itself (its position as a whole is declared)."""


@dataclass(frozen=True)
class BlocStanding:
    """One bloc and one role."""

    bloc: str
    accepting: tuple[str, ...]
    """Members (with redlines given) who accept the role."""
    decided: tuple[str, ...]
    """Members with redlines given."""
    accepts: bool | None
    """The bloc's own position, when declared: it accepts the role as a whole."""

    @property
    def bridged(self) -> bool:
        return bool(self.accepting) and self.accepts is not False


@dataclass(frozen=True)
class RoleForum:
    """The forum's answer for one role, and where each bloc stands on it."""

    role: str
    decision: Decision
    blocs: tuple[BlocStanding, ...]

    @property
    def bridging(self) -> bool:
        return bool(self.blocs) and all(b.bridged for b in self.blocs)


@dataclass(frozen=True)
class DesignForum:
    """The forum's answer over every design: the best design the search found, or unknown."""

    decision: Decision | None
    """None when the search stopped before the answer was known."""
    design: tuple[tuple[str, Any], ...] | None
    objecting: tuple[str, ...]
    """The decided members that design leaves objecting (the holders who would have to move)."""
    unknown: str | None = None
    bridge: Bridge | None = None
    """Whether some design bridges every bloc (with blocs declared)."""
    bridge_words: str = ""
    """That design in words."""


@dataclass(frozen=True)
class ForumAnswer:
    forum: Forum
    names: Mapping[str, str]
    """Every member and bloc by the name tables and sentences use."""
    decided: tuple[str, ...]
    blocs: tuple[Bloc, ...]
    roles: tuple[RoleForum, ...]
    design: DesignForum | None

    def name(self, member: str) -> str:
        return self.names.get(member, member)

    @property
    def passing(self) -> tuple[str, ...]:
        return tuple(r.role for r in self.roles if r.decision.status == "passes")

    @property
    def bridging(self) -> tuple[str, ...]:
        return tuple(r.role for r in self.roles if r.bridging)


def _holders(catalogue: Catalogue, file: ForumFile | None) -> list[Holder]:
    return [*catalogue.holders, *(file.holders if file else ())]


def blocs_of(catalogue: Catalogue, file: ForumFile | None = None) -> tuple[Bloc, ...]:
    """Every declared bloc (the redline files' and the forum file's; one id is one bloc) with
    its members: those it lists and the holders whose ``member_of`` names it."""
    names: dict[str, str] = {}
    members: dict[str, dict[str, None]] = {}
    for bloc in [*catalogue.blocs, *(file.blocs if file else ())]:
        names.setdefault(bloc.id, bloc.label)
        members.setdefault(bloc.id, {}).update(dict.fromkeys(bloc.members))
    for holder in _holders(catalogue, file):
        for bloc_id in holder.member_of:
            if bloc_id in members:
                members[bloc_id][holder.id] = None
    held = {h for r in catalogue.redlines for h in r.holders}
    return tuple(Bloc(b, names[b], tuple(members[b]), b in held) for b in names)


def forum_of(
    catalogue: Catalogue,
    negotiation: Negotiation,
    *,
    rule: Rule | None = None,
    file: ForumFile | None = None,
) -> Forum:
    """The forum a command asks about: the forum file's (its rule unless ``rule`` is given),
    else the chosen holders deciding by ``rule`` (default consensus)."""
    if file is None:
        chosen = rule or Rule.CONSENSUS
        if chosen is Rule.SECURITY_COUNCIL:
            raise UsageError(
                "the security-council rule needs a forum file naming the Council's members "
                "and its permanent members",
                about="forum",
            )
        members = tuple(h for h, _ in negotiation.holders)
        return check_forum(Forum(chosen, members))
    spec = file.forum
    chosen = rule or Rule(spec.rule)
    # Asked under another rule, the same members: permanent members veto only in the Council,
    # and the file's votes are its own rule's.
    council = chosen is Rule.SECURITY_COUNCIL
    return check_forum(
        Forum(
            chosen,
            tuple(spec.members),
            tuple(spec.permanent) if council else (),
            spec.votes if chosen is Rule(spec.rule) else None,
            spec.label,
        )
    )


def forum_answer(
    catalogue: Catalogue,
    negotiation: Negotiation,
    space: DesignSpace | None = None,
    *,
    rule: Rule | None = None,
    file: ForumFile | None = None,
) -> ForumAnswer:
    """The forum's answer for every role of ``negotiation`` and for the design space."""
    forum = forum_of(catalogue, negotiation, rule=rule, file=file)
    decided = tuple(h for h, _ in negotiation.holders)
    names = {h.id: h.label for h in _holders(catalogue, file)}
    names.update(dict(negotiation.holders))
    blocs = blocs_of(catalogue, file)
    names.update({b.id: b.name for b in blocs})
    positions = _bloc_positions(catalogue, [b.id for b in blocs if b.position])
    roles = []
    for standing in negotiation.roles:
        role = standing.role.id
        accepting = set(standing.acceptable_to)
        said = {m: (m in accepting) if m in decided else None for m in forum.members}
        blocs_here = tuple(
            BlocStanding(
                b.id,
                tuple(m for m in b.members if m in accepting),
                tuple(m for m in b.members if m in decided),
                positions[b.id][role] if b.id in positions else None,
            )
            for b in blocs
        )
        roles.append(RoleForum(role, decide(forum, said), blocs_here))
    design = _design(forum, decided, space) if space is not None else None
    if design is not None and blocs:
        bridge = bridging_design(catalogue, [(b.id, b.members, b.position) for b in blocs], decided)
        words = design_text(catalogue, bridge.design) if bridge.design is not None else ""
        design = replace(design, bridge=bridge, bridge_words=words or "any values")
    return ForumAnswer(forum, names, decided, blocs, tuple(roles), design)


def _bloc_positions(catalogue: Catalogue, blocs: Iterable[str]) -> dict[str, dict[str, bool]]:
    """Each bloc's own position on each role: it accepts a role crossing none of the bloc's
    vetoes and conditions."""
    found = {}
    for bloc in blocs:
        held = [
            r
            for r in catalogue.redlines
            if bloc in r.holders and r.strictness is not Strictness.CONCERN
        ]
        evaluator = Evaluator(catalogue.model_copy(update={"redlines": held}))
        found[bloc] = {role.id: evaluator.evaluate_role(role).survives for role in catalogue.roles}
    return found


def _design(forum: Forum, decided: Sequence[str], space: DesignSpace) -> DesignForum:
    if space.acceptable_exists is None:
        return DesignForum(None, None, (), space.stopped or "the search stopped")
    if space.acceptable_exists:
        said = {m: (True if m in decided else None) for m in forum.members}
        return DesignForum(decide(forum, said), space.witness, ())
    if not space.must_move:
        return DesignForum(None, None, (), space.stopped or "no design passes")
    candidates = []
    for move in space.must_move:
        said = {m: (m not in move.holders) if m in decided else None for m in forum.members}
        candidates.append((decide(forum, said), move))
    best, move = min(candidates, key=lambda c: _key(c[0]))
    pivotal = set(best.pivotal)
    if best.status != "passes":
        # Also whoever alone would make some other of these designs better than the best.
        for decision, _ in candidates:
            for member in decision.objecting:
                rest = [*list(decision.accepting), member]
                after, _count = outcome(forum, rest, decision.undecided)
                if _RANK[after] < _RANK[best.status]:
                    pivotal.add(member)
    kept = tuple(m for m in forum.members if m in pivotal)
    best = replace(best, pivotal=kept)
    return DesignForum(best, move.design, move.holders)


def _key(decision: Decision) -> tuple[int, int, int, int, int]:
    return (
        _RANK[decision.status],
        decision.needs,
        len(decision.vetoes),
        decision.short,
        len(decision.objecting),
    )
