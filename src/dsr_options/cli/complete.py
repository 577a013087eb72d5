"""Shell completion's values: through typer's own mechanism (``--install-completion``,
``--show-completion``, and ``autocompletion=`` on the options and arguments), bash, zsh and fish
complete the commands and options (typer's), and here the values: formats and other closed
vocabularies, role, redline, holder and office ids from the catalogue the command would load
(``--data``, else ``$DSR_OPTIONS_DATA``, else the packaged one, with the ``--redlines`` files on the
line), an ``--assume``'s role, attribute and value, and a scenario file's names (``FILE:NAME``).

Nothing here is imported by a command's run but the functions' names: every lookup imports what
it needs when the shell asks (``--version`` and ``list`` do not pay for it). A lookup that fails
(a broken catalogue, an unreadable file) completes nothing: completion never prints an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dsr_options.model.catalogue import Catalogue

Candidates = list[tuple[str, str]]
"""(value, what it is): the shells that show a description (zsh, fish) show the second."""

HELP_WIDTH = 60
"""Most characters of a candidate's description."""


def quiet(complete: Callable[[Any, str], Candidates]) -> Callable[..., Candidates]:
    """``complete(ctx, incomplete)`` as typer calls it, every failure turned into no candidates
    (a shell shows no traceback). typer reads the parameters by name (``ctx``, ``incomplete``)
    each time it builds the commands, on every run: with no annotations to evaluate, that costs
    a run of ``--version`` or ``list`` next to nothing."""

    def guarded(ctx: Any = None, incomplete: str = "") -> Candidates:
        try:
            return complete(ctx, incomplete or "")
        except Exception:  # a broken catalogue, an unreadable file: nothing to offer
            return []

    guarded.__annotations__ = {}
    guarded.__doc__ = complete.__doc__
    return guarded


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HELP_WIDTH else text[: HELP_WIDTH - 1].rstrip() + "…"


def _matching(candidates: Iterable[tuple[str, str]], incomplete: str) -> Candidates:
    """The candidates ``incomplete`` starts, each once, any case."""
    wanted = incomplete.lower()
    seen: dict[str, str] = {}
    for value, help_text in candidates:
        if value.lower().startswith(wanted) and value not in seen:
            seen[value] = _short(help_text)
    return list(seen.items())


def values_of(vocabulary: type[Enum], descriptions: dict[str, str] | None = None) -> Any:
    """A completion of a closed vocabulary's values (``-f``: ``table``, ``json``, ...)."""

    @quiet
    def complete(ctx: Any, incomplete: str) -> Candidates:
        values = [str(member.value) for member in vocabulary]
        return _matching(((v, (descriptions or {}).get(v, "")) for v in values), incomplete)

    return complete


def words(*values: tuple[str, str]) -> Any:
    """A completion of a fixed list of words (``--vary``: readings, analysis, all)."""

    @quiet
    def complete(ctx: Any, incomplete: str) -> Candidates:
        return _matching(values, incomplete)

    return complete


def catalogue_of(params: dict[str, Any]) -> Catalogue:
    """The catalogue the command would load: its ``--data`` (or ``$DSR_OPTIONS_DATA``, or the
    packaged catalogue) with the ``--redlines`` files given before the cursor."""
    from dsr_options.analyses.pipeline import Request, prepare

    redlines = [str(p) for p in params.get("redlines") or ()]
    request = Request.of(
        params.get("data") or None,
        redlines=redlines,
        with_default=bool(params.get("with_default")) and bool(redlines),
    )
    return prepare(request).catalogue


def _listed(incomplete: str) -> tuple[str, str, set[str]]:
    """``a,b,c``: the ids already listed (``a,b,``), the one being typed, and the listed set."""
    head, comma, last = incomplete.rpartition(",")
    done = head + comma
    return done, last, {part for part in head.split(",") if part}


def _ids(pick: Callable[[Catalogue], Iterable[tuple[str, str]]]) -> Any:
    """A completion of comma-separated ids the catalogue holds (``--only a,b``)."""

    @quiet
    def complete(ctx: Any, incomplete: str) -> Candidates:
        done, last, listed = _listed(incomplete)
        found = [(i, h) for i, h in pick(catalogue_of(ctx.params)) if i not in listed]
        return [(done + value, h) for value, h in _matching(found, last)]

    return complete


def _role_ids(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(role.id, role.title) for role in catalogue.roles]


def _redline_ids(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(line.id, line.title) for line in catalogue.redlines]


def _holder_ids(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(holder.id, holder.label) for holder in catalogue.holders]


def _office_ids(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(office.id, office.name) for office in catalogue.offices]


redline_ids = _ids(_redline_ids)
"""``--only``, ``--clear-of``: the redlines of the catalogue the command would load."""
holder_ids = _ids(_holder_ids)
"""``--holder``, ``--for``: the holders of its redlines."""
office_ids = _ids(_office_ids)
"""``--lead``: its offices."""


@quiet
def role_ids(ctx: Any, incomplete: str) -> Candidates:
    """``show ROLE``, ``compare ROLE...``: the roles, those already given left out."""
    given = set(ctx.params.get("roles") or ())
    found = [(i, h) for i, h in _role_ids(catalogue_of(ctx.params)) if i not in given]
    return _matching(found, incomplete)


@quiet
def assumption(ctx: Any, incomplete: str) -> Candidates:
    """``--assume ROLE.ATTRIBUTE=VALUE``, a part at a time: the role (or ``*``), then its
    attribute, then a value the attribute declares (a comma list for a set)."""
    catalogue = catalogue_of(ctx.params)
    role, dot, rest = incomplete.partition(".")
    if not dot:
        every = [("*", "every role"), *_role_ids(catalogue)]
        return [(value + ".", h) for value, h in _matching(every, role)]
    name, equals, value = rest.partition("=")
    if not equals:
        attributes = [(a.id, a.label or a.description) for a in catalogue.attributes]
        return [(f"{role}.{a}=", h) for a, h in _matching(attributes, name)]
    declared = catalogue.attribute(name)
    if declared is None:
        return []
    kind = declared.type.value
    allowed = [("true", ""), ("false", "")] if kind == "boolean" else []
    allowed += [(v.id, v.label or v.description) for v in declared.values]
    done, last, listed = _listed(value) if kind == "choices" else ("", value, set())
    if not done:
        allowed.append(("unknown", "no value"))
    found = [(v, h) for v, h in allowed if v not in listed]
    return [(f"{role}.{name}={done}{v}", h) for v, h in _matching(found, last)]


@quiet
def scenario_names(ctx: Any, incomplete: str) -> Candidates:
    """``FILE:NAME``: once a scenario file is typed and a colon after it, its scenarios' names
    (read from the file, not checked against a catalogue). Before the colon, nothing: the
    shell completes the file's name itself."""
    from dsr_options.files.read import read_file

    head, colon, name = incomplete.rpartition(":")
    if not colon or not Path(head).is_file():
        return []
    data = read_file(Path(head)).data
    found = [
        (str(s.get("id")), str(s.get("title") or ""))
        for s in (data or {}).get("scenarios") or ()
        if isinstance(s, dict) and s.get("id")
    ]
    return [(f"{head}:{value}", h) for value, h in _matching(found, name)]
