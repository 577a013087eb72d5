"""Checking a forum file: its members, permanent members, blocs and thresholds.

Used by ``dsr-options validate`` (against the redline files beside it) and by every command
given ``--forum-file`` (against the redline files loaded). Each mistake is a located diagnostic
reported to the file's :class:`LoadedFile`, with "did you mean" where an id is close to one
declared: a member, permanent member or bloc member no file declares, a permanent member that
is not a member, a threshold the members cannot meet, a ``member_of`` naming no declared bloc.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile, validate_model
from dsr_options.ids import suggest
from dsr_options.model.forum import ForumFile, ForumRule, needed


def check_forum_file(
    loaded: LoadedFile, holders: Sequence[str], blocs: Sequence[str] = ()
) -> ForumFile | None:
    """The file's model, every mistake reported to ``loaded`` (None when it has errors).

    ``holders`` and ``blocs`` are the ids the redline files declare; the file's own are added."""
    model = validate_model(loaded, ForumFile)
    if model is None:
        return None
    before = len(loaded.diagnostics)
    own_holders = [h.id for h in model.holders]
    own_blocs = [b.id for b in model.blocs]
    _unique(loaded, [*own_holders, *own_blocs])
    known = list(dict.fromkeys([*holders, *own_holders]))
    known_blocs = list(dict.fromkeys([*blocs, *own_blocs]))
    forum = model.forum
    _refer(loaded, forum.members, known, ["forum", "members"], "holder")
    for index, member in enumerate(forum.permanent):
        if member not in forum.members:
            loaded.report(
                Code.NOT_A_MEMBER,
                f"the permanent member '{member}' is not among the forum's members"
                f"{suggest(member, forum.members)}",
                path=["forum", "permanent", index],
            )
    if forum.permanent and forum.rule is not ForumRule.SECURITY_COUNCIL:
        loaded.report(
            Code.INVALID,
            f"permanent members mean nothing under the {forum.rule.value} rule: only "
            "security-council gives them a veto",
            path=["forum", "permanent"],
            key=True,
        )
    members = len(set(forum.members))
    wanted = needed(forum.rule, members, forum.votes)
    if wanted > members:
        loaded.report(
            Code.UNREACHABLE_THRESHOLD,
            f"the {forum.rule.value} rule needs {wanted} acceptances but the forum has "
            f"{members} {'member' if members == 1 else 'members'}: nothing could pass",
            path=["forum", "votes" if forum.votes is not None else "members"],
            key=forum.votes is None,
        )
    for index, bloc in enumerate(model.blocs):
        _refer(loaded, bloc.members, known, ["blocs", index, "members"], "holder")
    for index, holder in enumerate(model.holders):
        _refer(
            loaded,
            holder.member_of,
            known_blocs,
            ["holders", index, "member_of"],
            "bloc",
        )
    loaded.finish_count()
    return model if len(loaded.diagnostics) == before else None


def _refer(
    loaded: LoadedFile, ids: Sequence[str], known: Sequence[str], where: list[str | int], kind: str
) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item not in known:
            loaded.report(
                Code.UNKNOWN_REFERENCE,
                f"no {kind} has the id '{item}'{suggest(item, known)}",
                path=[*where, index],
            )
        elif item in seen:
            loaded.report(Code.DUPLICATE_VALUE, f"'{item}' is listed twice", path=[*where, index])
        seen.add(item)


def _unique(loaded: LoadedFile, own: Sequence[str]) -> None:
    """Ids the file declares (its holders, then its blocs) each once. (A holder or bloc a
    redline file declares too is the same one: the redline file's declaration names it, and a
    bloc's members are those both list.)"""
    seen: set[str] = set()
    for index, item in enumerate(own):
        if item in seen:
            loaded.report(
                Code.DUPLICATE_ID,
                f"the id '{item}' is already declared in this file",
                path=_id_path(loaded, index),
            )
        seen.add(item)


def _id_path(loaded: LoadedFile, index: int) -> list[str | int]:
    data = loaded.data if isinstance(loaded.data, dict) else {}
    holders = data.get("holders") or []
    if index < len(holders):
        return ["holders", index, "id"]
    return ["blocs", index - len(holders), "id"]
