"""The forum in negotiate's output: its rule's answer for each role and for every design, the
blocs, pivotal members and bridging roles, in words (holders by name) and as data (ids)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dsr_options.analyses.forum import BlocStanding, Decision, ForumAnswer, RoleForum, Rule
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.safe import markdown_cell

RULE_WORDS = {
    Rule.CONSENSUS: "consensus (no member objects)",
    Rule.SECURITY_COUNCIL: "{needed} of {count} accepting and no permanent member objecting",
    Rule.MAJORITY: "majority ({needed} of {count} accept)",
    Rule.TWO_THIRDS: "two thirds ({needed} of {count} accept)",
}


def joined(items: Sequence[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _names(answer: ForumAnswer, ids: Sequence[str], most: int = 4) -> str:
    """Members by name; past ``most``, the first ones and how many more."""
    shown = [answer.name(i) for i in ids]
    if len(shown) > most:
        return f"{', '.join(shown[:most])} and {len(shown) - most} more"
    return joined(shown)


def rule_text(answer: ForumAnswer) -> str:
    """``the Security Council decides by 9 of 15 accepting and no permanent member
    objecting``."""
    forum = answer.forum
    words = RULE_WORDS[forum.rule].format(needed=forum.needed, count=len(forum.members))
    if forum.rule is Rule.CONSENSUS and forum.votes is not None:
        words = f"{forum.needed} of {len(forum.members)} accepting"
    return f"{forum.name or 'the holders'} {'decide' if not forum.name else 'decides'} by {words}"


def status_text(answer: ForumAnswer, decision: Decision) -> str:
    """``passes``; ``fails: vetoed by Freedonia``; ``needs 2 of 5 undecided``: the cell of the
    bloc table and the start of a role's line."""
    if decision.status == "passes":
        return "passes"
    if decision.status == "needs":
        return f"needs {decision.needs} of {len(decision.undecided)} undecided"
    if decision.vetoes and answer.forum.rule is Rule.SECURITY_COUNCIL:
        return f"fails: vetoed by {_names(answer, decision.vetoes, 2)}"
    if decision.vetoes:
        return f"fails: {_names(answer, decision.vetoes, 2)} {_verb(decision.vetoes)}"
    return f"fails: {decision.short} short"


def _verb(ids: Sequence[str]) -> str:
    return "objects" if len(ids) == 1 else "object"


def decision_text(answer: ForumAnswer, decision: Decision) -> str:
    """The whole answer for one option: status, counts, who blocks, who is pivotal."""
    forum = answer.forum
    count = len(forum.members)
    parts = [status_text(answer, decision).split(":")[0]]
    if decision.status == "needs":
        parts[0] += f" ({_names(answer, decision.undecided)})"
    accepted = f"{len(decision.accepting)} of {count} accept"
    if forum.rule is not Rule.CONSENSUS:
        accepted += f", {forum.needed} needed"
    parts.append(accepted)
    if decision.status != "passes" and decision.vetoes:
        noun = "permanent member" if forum.rule is Rule.SECURITY_COUNCIL else "member"
        parts.append(
            f"blocked by {_names(answer, decision.vetoes)} (each a {noun} who objects)"
            if len(decision.vetoes) > 1
            else f"blocked by {_names(answer, decision.vetoes)} (a {noun} who objects)"
        )
    elif decision.status == "fails":
        parts.append(f"{decision.short} short; objecting: {_names(answer, decision.objecting)}")
    if decision.pivotal:
        parts.append(f"pivotal: {_names(answer, decision.pivotal)}")
    else:
        parts.append("no member alone would change it")
    return "; ".join(parts)


def bloc_cell(answer: ForumAnswer, standing: BlocStanding) -> str:
    """``2 of 3 accept``; ``1 of 2 accept; the bloc objects``."""
    text = f"{len(standing.accepting)} of {len(standing.decided)} accept"
    if not standing.decided:
        text = "no member decided"
    if standing.accepts is not None:
        text += "; the bloc accepts" if standing.accepts else "; the bloc objects"
    return text


def _some(titles: Sequence[str], one: str, many: str) -> str:
    """``Strategic advice passes``, ``A and B pass``, ``3 roles pass``."""
    if len(titles) <= 2:
        return f"{joined(titles)} {one if len(titles) == 1 else many}"
    return f"{len(titles)} roles {many}"


def sentence(answer: ForumAnswer, titles: Mapping[str, str]) -> str:
    """The forum's answer in one sentence."""
    passing = [titles.get(r, r) for r in answer.passing]
    needs = [titles.get(r.role, r.role) for r in answer.roles if r.decision.status == "needs"]
    parts = []
    if passing:
        parts.append(_some(passing, "passes", "pass"))
    if needs:
        parts.append(_some(needs, "depends on the undecided", "depend on the undecided"))
    if not passing and not needs:
        parts.append("no role passes")
    design = answer.design
    if design is not None:
        if design.decision is None:
            parts.append("whether some design passes is not known")
        elif design.decision.status == "passes":
            parts.append("some design passes")
        elif design.decision.status == "needs":
            parts.append(
                f"the best design needs {design.decision.needs} of "
                f"{len(design.decision.undecided)} undecided"
            )
        else:
            parts.append("no design passes")
    text = rule_text(answer)
    return f"{text[:1].upper()}{text[1:]}: {'; '.join(parts)}."


def role_lines(answer: ForumAnswer, titles: Mapping[str, str]) -> list[str]:
    lines = [
        f"{titles.get(r.role, r.role)}: {decision_text(answer, r.decision)}" for r in answer.roles
    ]
    design = answer.design
    if design is not None:
        if design.decision is None:
            lines.append(f"every design: not known ({design.unknown})")
        else:
            text = f"every design: {decision_text(answer, design.decision)}"
            if design.objecting:
                text += f" (the best design leaves {_names(answer, design.objecting)} objecting)"
            lines.append(text)
    if answer.blocs:
        bridging = [titles.get(r, r) for r in answer.bridging]
        lines.append(f"bridging every bloc: {joined(bridging) if bridging else 'no role'}")
    bridge = design.bridge if design is not None else None
    if bridge is not None and design is not None:
        if bridge.bridges:
            verb = "accepts" if len(bridge.members) == 1 else "accept"
            members = f"{_names(answer, bridge.members)} {verb} it"
            lines.append(f"a design bridges every bloc ({members}): {design.bridge_words}")
        elif bridge.bridges is False:
            lines.append(
                "no design bridges every bloc" + (f" ({bridge.unknown})" if bridge.unknown else "")
            )
        else:
            lines.append(f"whether a design bridges every bloc is not known: {bridge.unknown}")
    return lines


def matrix(
    answer: ForumAnswer, titles: Mapping[str, str]
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The bloc x role table: headings, then per role (by title) its forum answer, each bloc's
    cell and whether it bridges."""
    headings = ["forum", *[b.name for b in answer.blocs]]
    if answer.blocs:
        headings.append("bridges")
    rows = []
    for r in answer.roles:
        cells = [status_text(answer, r.decision), *[bloc_cell(answer, b) for b in r.blocs]]
        if answer.blocs:
            cells.append("yes" if r.bridging else "no")
        rows.append((titles.get(r.role, r.role), cells))
    return headings, rows


def markdown(answer: ForumAnswer, titles: Mapping[str, str]) -> list[str]:
    headings, rows = matrix(answer, titles)
    table = [{"role": role, **dict(zip(headings, cells, strict=True))} for role, cells in rows]
    parts = ["## The forum", ""]  # its sentence opens the output
    parts.append(write_markdown_table(table, ["role", *headings]).rstrip("\n"))
    parts.append("")
    parts += [f"- {markdown_cell(line)}" for line in role_lines(answer, titles)]
    return parts


def _decision_data(decision: Decision) -> dict[str, Any]:
    return {
        "status": decision.status,
        "accepting": list(decision.accepting),
        "objecting": list(decision.objecting),
        "undecided": list(decision.undecided),
        "needed": decision.needed,
        "needs": decision.needs,
        "short": decision.short,
        "vetoes": list(decision.vetoes),
        "blocked_by": list(decision.blocked_by),
        "pivotal": list(decision.pivotal),
    }


def _role_data(answer: ForumAnswer, role: RoleForum) -> dict[str, Any]:
    return {
        "role": role.role,
        **_decision_data(role.decision),
        "text": decision_text(answer, role.decision),
        "bridging": role.bridging,
        "blocs": [
            {
                "bloc": b.bloc,
                "accepting": list(b.accepting),
                "decided": list(b.decided),
                "accepts": b.accepts,
                "bridged": b.bridged,
            }
            for b in role.blocs
        ],
    }


def data(answer: ForumAnswer, titles: Mapping[str, str]) -> dict[str, Any]:
    """The forum as JSON-ready data: ids, and a text beside each answer."""
    forum = answer.forum
    design = answer.design
    return {
        "name": forum.name,
        "rule": forum.rule.value,
        "needed": forum.needed,
        "members": [
            {
                "id": m,
                "name": answer.name(m),
                "decided": m in answer.decided,
                "permanent": m in forum.permanent,
            }
            for m in forum.members
        ],
        "blocs": [
            {
                "id": b.id,
                "name": b.name,
                "members": list(b.members),
                "position_declared": b.position,
            }
            for b in answer.blocs
        ],
        "answer": sentence(answer, titles),
        "passing": list(answer.passing),
        "bridging": list(answer.bridging),
        "roles": [_role_data(answer, r) for r in answer.roles],
        "design_space": None
        if design is None
        else {
            **(
                _decision_data(design.decision) if design.decision is not None else {"status": None}
            ),
            "design": None if design.design is None else {a: _plain(v) for a, v in design.design},
            "objecting_the_design": list(design.objecting),
            "unknown": design.unknown,
            "bridging": None
            if design.bridge is None
            else {
                "bridges": design.bridge.bridges,
                "design": None
                if design.bridge.design is None
                else {a: _plain(v) for a, v in design.bridge.design},
                "members": list(design.bridge.members),
                "picks_searched": design.bridge.picks,
                "unknown": design.bridge.unknown,
            },
        },
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def rows(answer: ForumAnswer) -> list[dict[str, str]]:
    """CSV rows: one per role and one for every design (role empty)."""
    found = []
    for r in answer.roles:
        found.append(_row(answer, r.role, r.decision, "yes" if r.bridging else "no"))
    design = answer.design
    if design is not None and design.decision is not None:
        found.append(_row(answer, "", design.decision, ""))
    return found


def _row(answer: ForumAnswer, role: str, decision: Decision, bridging: str) -> dict[str, str]:
    return {
        "kind": "forum",
        "role": role,
        "verdict": decision.status,
        "deciding": ", ".join(decision.blocked_by),
        "acceptable_to": f"{len(decision.accepting)}/{len(answer.forum.members)}",
        "pivotal": ", ".join(decision.pivotal),
        "bridging": bridging,
        "text": decision_text(answer, decision),
    }
