"""The design space in words: the answer in one sentence, the region, each blocking set.

Holders by name, attributes by their phrase (``label`` where the vocabulary gives one, else the
attribute's name in words), values in words. :func:`answer` is the one sentence's data, for
the brief's bottom line and the terminal's first line alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dsr_options.analyses.design_space import BlockingSet, Condition, DesignSpace, MustMove
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.vocabulary import AttributeType


def phrase(catalogue: Catalogue, attribute: str) -> str:
    """An attribute in words: its ``label`` when declared, else its name in words."""
    decl = catalogue.attribute(attribute)
    label = getattr(decl, "label", None) if decl is not None else None
    if isinstance(label, str) and label:
        return label
    return " ".join("UN" if w == "un" else w for w in attribute.split("_"))


def value_words(value: Any) -> str:
    """A value in words: ``yes``/``no``, a value id's words, a list of them, ``none``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return joined([value_words(v) for v in value]) if value else "none"
    return str(value).replace("-", " ")


def joined(items: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def names(space: DesignSpace, holders: Sequence[str]) -> str:
    return joined([space.name(h) for h in holders])


def possessive(text: str) -> str:
    """``Freedonia's``, ``Some member states'``."""
    return f"{text}'" if text.endswith("s") else f"{text}'s"


def condition_text(catalogue: Catalogue, condition: Condition) -> str:
    """``standing UN capacity: no``; ``training includes x, never y``."""
    subject = phrase(catalogue, condition.attribute)
    if condition.type is not AttributeType.CHOICES:
        return f"{subject}: {joined([value_words(v) for v in condition.values], 'or')}"
    parts = []
    if condition.includes:
        parts.append(f"includes {value_words(condition.includes)}")
    if condition.only:
        parts.append(f"only from {joined([value_words(v) for v in condition.only], 'or')}")
    if condition.excludes:
        parts.append(f"never {joined([value_words(v) for v in condition.excludes], 'nor')}")
    if not parts:
        return f"{subject}: only some combinations"
    return f"{subject} {', '.join(parts)}"


def held_list(catalogue: Catalogue, space: DesignSpace, redlines: Sequence[str]) -> str:
    """``A's “x” and “y”, and B's “z”``: redlines by their holders, titles grouped."""
    by: dict[tuple[str, ...], list[str]] = {}
    for redline_id in redlines:
        found = next((r for r in catalogue.redlines if r.id == redline_id), None)
        title = found.title if found is not None else redline_id
        by.setdefault(space.holders_of.get(redline_id, ()), []).append(f"“{title}”")
    parts = [f"{possessive(names(space, h))} {joined(titles)}" for h, titles in by.items()]
    return ", and ".join(parts) if len(parts) > 2 else " and ".join(parts)


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def region_text(catalogue: Catalogue, space: DesignSpace, short: bool = False) -> str:
    """What every acceptable design has, as one condition over attributes."""
    region = space.region
    if region is None:
        return ""
    parts = [condition_text(catalogue, c) for c in region.conditions]
    text = "; ".join(parts) if parts else "any values"
    if region.residual and short:
        text += f"; and it meets {plural(len(region.residual), 'more redline')} (below)"
    elif region.residual:
        text += f"; and it meets {held_list(catalogue, space, region.residual)}"
    return text


def blocking_text(catalogue: Catalogue, space: DesignSpace, blocking: BlockingSet) -> str:
    """Why no design passes: the redlines that cannot be met together, and what they test."""
    held = held_list(catalogue, space, blocking.redlines)
    tested = joined([phrase(catalogue, a) for a in blocking.attributes])
    if len(blocking.redlines) == 1:
        return f"no design meets {held}" + (f" (it tests {tested})" if tested else "")
    return f"no design meets {held} together: between them they rule out every {tested}"


def design_text(catalogue: Catalogue, design: Sequence[tuple[str, Any]]) -> str:
    return "; ".join(f"{phrase(catalogue, a)}: {value_words(v)}" for a, v in design)


def move_text(catalogue: Catalogue, space: DesignSpace, move: MustMove) -> str:
    relaxed = held_list(catalogue, space, move.relax)
    return f"{names(space, move.holders)} relax {relaxed}; then this design passes: " + (
        design_text(catalogue, move.design) or "any values"
    )


@dataclass(frozen=True)
class Answer:
    """The design space's answer as data: what the one sentence says."""

    kind: Literal["exists", "none", "unknown"]
    holders: int
    """How many holders were asked."""
    blocking_holders: tuple[str, ...]
    """Names of the holders whose redlines make up the blocking sets."""
    fewest_to_move: int
    """How many holders the smallest must-move set names (0 when a design passes)."""
    region: str
    """What every acceptable design has, in words ('' when none is)."""
    sentence: str


def answer(catalogue: Catalogue, space: DesignSpace) -> Answer:
    """The answer in one sentence, and its parts."""
    count = len(space.holders)
    if space.acceptable_exists is None:
        return Answer(
            "unknown",
            count,
            (),
            0,
            "",
            "Whether any design of the UN's role is acceptable to every holder is not known: "
            f"{space.stopped}.",
        )
    if space.acceptable_exists:
        region = region_text(catalogue, space, short=True)
        who = {1: "the holder", 2: "both holders"}.get(count, f"all {count} holders")
        return Answer(
            "exists",
            count,
            (),
            0,
            region,
            f"Some design of the UN's role is acceptable to {who}: every such design has {region}.",
        )
    blocking = [h for h, _ in space.holders if any(h in b.holders for b in space.blocking_sets)]
    shown = tuple(space.name(h) for h in blocking)
    fewest = min((len(m.holders) for m in space.must_move), default=0)
    whose = possessive(joined(list(shown))) if shown else "the holders'"
    if not space.complete:
        tail = f" ({space.stopped})"
    elif len(blocking) == 1:
        tail = f"; {shown[0]} must move"
    elif fewest == 1:
        tail = "; one of them must move"
    else:
        tail = f"; at least {fewest} of them must move"
    return Answer(
        "none",
        count,
        shown,
        fewest,
        "",
        f"No design of the UN's role clears {whose} vetoes and conditions"
        f"{' together' if len(shown) > 1 else ''}{tail}.",
    )


def design_space_answer(catalogue: Catalogue, space: DesignSpace) -> Answer:
    """The design space's answer in one sentence, and its parts (the brief's bottom line)."""
    return answer(catalogue, space)


@dataclass(frozen=True)
class Described:
    """The design space and every sentence a view shows of it."""

    space: DesignSpace
    answer: Answer
    conditions: tuple[str, ...]
    witness: str
    blocking: tuple[str, ...]
    moves: tuple[str, ...]
    nearest: tuple[str, ...]
    searched: str
    region: str
    """What every acceptable design has, in full ('' when none is)."""


def searched_text(space: DesignSpace) -> str:
    s = space.searched
    text = (
        f"checked every design: {plural(s.designs, 'design')} over the "
        f"{plural(s.attributes, 'attribute')} the chosen vetoes and conditions test "
        f"({plural(s.classes, 'kind')} of design some redline tells apart, in "
        f"{plural(s.groups, 'independent group')}), {plural(s.steps, 'step')} of at most "
        f"{s.budget:,}"
    )
    if space.free:
        text += f"; {plural(len(space.free), 'attribute')} no such redline tests left free"
    return text if space.complete else f"{text}; {space.stopped}"


def describe(catalogue: Catalogue, space: DesignSpace) -> Described:
    """The sentences of :class:`Described`, once."""
    conditions = (
        tuple(condition_text(catalogue, c) for c in space.region.conditions)
        if (space.region is not None)
        else ()
    )
    nearest = tuple(
        f"{n.role}: "
        + (
            "already acceptable"
            if not n.changes
            else "; ".join(
                f"{phrase(catalogue, a)} {value_words(b) if b is not None else 'unknown'} → "
                f"{value_words(v)}"
                for a, b, v in n.changes
            )
        )
        for n in space.nearest
    )
    return Described(
        space,
        answer(catalogue, space),
        conditions,
        design_text(catalogue, space.witness or ()),
        tuple(blocking_text(catalogue, space, b) for b in space.blocking_sets),
        tuple(move_text(catalogue, space, m) for m in space.must_move),
        nearest,
        searched_text(space),
        region_text(catalogue, space),
    )
