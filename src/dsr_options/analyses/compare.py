"""Compare roles side by side: one aspect per row, each role's value, and whether they differ.

Pure: takes a catalogue and roles, returns plain data (JSON-ready values). No I/O, no output.
Rendering (table, JSON, CSV, ...) lives in ``render.compare``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from dsr_options.errors import UsageError
from dsr_options.model.catalogue import AttributeValue, Catalogue, Evidence, Role
from dsr_options.model.vocabulary import Dimension, Level, Stance

MIN_ROLES = 2


class AspectKind(str, Enum):
    """The shape of an aspect's values, so that a renderer knows how to write them out."""

    TAGS = "tags"
    """A list of short strings (ids, vocabulary words); empty means none."""
    ATTRIBUTE = "attribute"
    """``{"value": bool | str | [str], "basis": str}``, or ``None`` when the role has no value."""
    RECEPTION = "reception"
    """``{"stance": str, "voices": str}``."""
    STATEMENTS = "statements"
    """A list of ``{"text": str, "basis": str}``."""
    EVIDENCE_COUNT = "evidence-count"
    """``{"total": int, "supports": int, "opposes": int, "qualifies": int, "neutral": int}``."""
    QUOTE = "quote"
    """``{"quote": str, "source": str, "section": str}``, or ``None`` when there is none."""


@dataclass(frozen=True)
class Aspect:
    """One row of a comparison: each role's value for one aspect, and whether they differ."""

    name: str
    """Stable machine name: ``levels``, ``attributes.delivered_by``, ``evidence.strongest_for``."""
    label: str
    """What a person reads: ``levels``, ``delivered_by``, ``strongest for``."""
    kind: AspectKind
    values: dict[str, Any]
    """Role id -> JSON-ready value, in the order the roles were given."""
    differs: bool
    """True when the values are not all equal (for attributes: the values, basis aside)."""


@dataclass(frozen=True)
class ExtraAspect:
    """An aspect computed outside this module, e.g. the redlines a role crosses (issue 4).

    ``value`` maps a role to a JSON-ready value of shape ``kind``; the comparison adds the row
    and works out ``differs`` the same way as for every other aspect.
    """

    name: str
    label: str
    value: Callable[[Role], Any]
    kind: AspectKind = AspectKind.TAGS
    compare_by: Callable[[Any], Any] | None = None
    """What of a value counts for ``differs`` (default: all of it)."""


@dataclass(frozen=True)
class Summary:
    """How many aspects differ, and which (by name and by label, in row order)."""

    total: int
    differing: tuple[str, ...]
    differing_labels: tuple[str, ...]

    @classmethod
    def of(cls, aspects: Sequence[Aspect]) -> Summary:
        differing = [a for a in aspects if a.differs]
        return cls(
            total=len(aspects),
            differing=tuple(a.name for a in differing),
            differing_labels=tuple(a.label for a in differing),
        )

    def data(self) -> dict[str, Any]:
        return {
            "aspects": self.total,
            "differing": len(self.differing),
            "differs": list(self.differing),
        }


@dataclass(frozen=True)
class Comparison:
    """Roles side by side. ``summary`` counts every aspect compared, even in a filtered view."""

    roles: tuple[Role, ...]
    aspects: tuple[Aspect, ...]
    summary: Summary

    @property
    def role_ids(self) -> list[str]:
        return [role.id for role in self.roles]

    def only_differing(self) -> Comparison:
        """The same comparison showing only the rows that differ (the summary is unchanged)."""
        return replace(self, aspects=tuple(a for a in self.aspects if a.differs))

    def data(self) -> dict[str, Any]:
        """The comparison as JSON-ready data: the shape ``compare -f json`` prints."""
        return {
            "roles": self.role_ids,
            "summary": self.summary.data(),
            "aspects": [
                {"aspect": a.name, "values": a.values, "differs": a.differs} for a in self.aspects
            ],
        }


def compare_roles(
    catalogue: Catalogue, roles: Sequence[Role], extra: Iterable[ExtraAspect] = ()
) -> Comparison:
    """Compare two or more roles, aspect by aspect.

    Rows, in order: levels, dimensions, every declared attribute that at least one of the roles
    carries, lead candidates, reception, concerns, open questions, then the ``extra`` aspects
    in the order given, then the evidence count and the strongest quote for and against.
    """
    if len(roles) < MIN_ROLES:
        raise UsageError(f"compare needs at least {MIN_ROLES} roles; {len(roles)} given")
    if len({role.id for role in roles}) != len(roles):
        raise UsageError("compare needs different roles; a role is given twice")

    specs: list[ExtraAspect] = [
        ExtraAspect("levels", "levels", _levels, AspectKind.TAGS),
        ExtraAspect("dimensions", "dimensions", _dimensions, AspectKind.TAGS),
    ]
    for decl in catalogue.attributes:
        if any(decl.id in role.attributes for role in roles):
            order = [value.id for value in decl.values]
            specs.append(
                ExtraAspect(
                    f"attributes.{decl.id}",
                    decl.label or decl.id,
                    _attribute(decl.id, order),
                    AspectKind.ATTRIBUTE,
                    compare_by=_attribute_value,
                )
            )
    specs += [
        ExtraAspect("leads", "lead candidates", _leads, AspectKind.TAGS),
        ExtraAspect("reception", "reception", _reception, AspectKind.RECEPTION),
        ExtraAspect("concerns", "concerns", _concerns, AspectKind.STATEMENTS),
        ExtraAspect("open_questions", "open questions", _open_questions, AspectKind.STATEMENTS),
        *extra,
        ExtraAspect("evidence", "evidence", _evidence_count, AspectKind.EVIDENCE_COUNT),
        ExtraAspect(
            "evidence.strongest_for", "strongest for", _strongest(Stance.SUPPORTS), AspectKind.QUOTE
        ),
        ExtraAspect(
            "evidence.strongest_against",
            "strongest against",
            _strongest(Stance.OPPOSES),
            AspectKind.QUOTE,
        ),
    ]
    names = [spec.name for spec in specs]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ValueError(f"aspect names must be unique: {', '.join(duplicated)}")
    aspects = tuple(_aspect(spec, roles) for spec in specs)
    return Comparison(roles=tuple(roles), aspects=aspects, summary=Summary.of(aspects))


def _aspect(spec: ExtraAspect, roles: Sequence[Role]) -> Aspect:
    values = {role.id: spec.value(role) for role in roles}
    compared = [spec.compare_by(v) if spec.compare_by else v for v in values.values()]
    return Aspect(
        name=spec.name,
        label=spec.label,
        kind=spec.kind,
        values=values,
        differs=any(value != compared[0] for value in compared[1:]),
    )


# -- the built-in aspects -------------------------------------------------------------------------

_LEVEL_ORDER = list(Level)
_DIMENSION_ORDER = list(Dimension)


def _levels(role: Role) -> list[str]:
    return [level.value for level in sorted(set(role.levels), key=_LEVEL_ORDER.index)]


def _dimensions(role: Role) -> list[str]:
    return [d.value for d in sorted(set(role.dimensions), key=_DIMENSION_ORDER.index)]


def _attribute(name: str, order: list[str]) -> Callable[[Role], Any]:
    def value(role: Role) -> Any:
        found: AttributeValue | None = role.attributes.get(name)
        if found is None:
            return None
        raw: bool | str | list[str]
        if isinstance(found.value, tuple):
            # A set of choices: the declared order, so that the same set compares equal.
            rank = {value: index for index, value in enumerate(order)}
            raw = sorted(set(found.value), key=lambda item: (rank.get(item, len(rank)), item))
        else:
            raw = found.value
        return {"value": raw, "basis": found.basis.value}

    return value


def _attribute_value(value: Any) -> Any:
    # A role differs by what it is, not by whether the note or our analysis says so: the basis
    # is shown but a difference in basis alone does not mark the row. No value differs from any.
    return None if value is None else value["value"]


def _leads(role: Role) -> list[str]:
    # The role's own order: the first candidate is the one the catalogue puts forward first.
    return [lead.office for lead in role.leads]


def _reception(role: Role) -> dict[str, str]:
    return {"stance": role.reception.stance.value, "voices": role.reception.voices.value}


def _concerns(role: Role) -> list[dict[str, str]]:
    return [{"text": item.text, "basis": item.basis.value} for item in role.concerns]


def _open_questions(role: Role) -> list[dict[str, str]]:
    return [{"text": item.text, "basis": item.basis.value} for item in role.open_questions]


# -- evidence -------------------------------------------------------------------------------------


def all_evidence(role: Role) -> list[tuple[Evidence, bool]]:
    """Every piece of evidence a role carries, once each, with whether the role itself cites it.

    Role-level evidence first, then evidence attached to attributes, lead candidates, reception,
    concerns and open questions. The same quote (same text, source, section and stance) cited in
    several places counts once.
    """
    found: dict[Evidence, bool] = {}
    for item in role.evidence:
        found.setdefault(item, True)
    for part in _evidenced_parts(role):
        for item in part:
            found.setdefault(item, False)
    return list(found.items())


def _evidenced_parts(role: Role) -> list[list[Evidence]]:
    return [
        *(value.evidence for value in role.attributes.values()),
        *(lead.evidence for lead in role.leads),
        role.reception.evidence,
        *(item.evidence for item in role.concerns),
        *(item.evidence for item in role.open_questions),
    ]


def _citations(role: Role, evidence: Evidence) -> int:
    parts = [role.evidence, *_evidenced_parts(role)]
    return sum(evidence in part for part in parts)


def _evidence_count(role: Role) -> dict[str, int]:
    pieces = [item for item, _ in all_evidence(role)]
    counts = {"total": len(pieces)}
    for stance in Stance:
        counts[stance.value] = sum(item.stance is stance for item in pieces)
    return counts


def strongest_evidence(role: Role, stance: Stance) -> Evidence | None:
    """The strongest quote with ``stance`` on a role, or ``None``.

    The catalogue records no weight for a quote, so "strongest" is a fixed, explainable order:

    1. a quote the role cites about itself (role-level ``evidence``) beats one attached to a
       part of it;
    2. then a quote that names the role beats one that does not: the more words of the role's
       title (of four letters or more, any case or accent) it holds, the stronger;
    3. then a quote cited in more places on the role (corroborated) beats one cited once;
    4. then the catalogue's own order (maintainers list the telling quote first).
    """
    title = _words(role.title)
    candidates = [
        (not role_level, -len(title & _words(item.quote)), -_citations(role, item), index, item)
        for index, (item, role_level) in enumerate(all_evidence(role))
        if item.stance is stance
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda entry: entry[:4])[4]


def _words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning (four letters or more), folded for matching."""
    from dsr_options.analyses.query import fold

    return {word for word in re.split(r"[^\w]+", fold(text)) if len(word) >= 4}


def _strongest(stance: Stance) -> Callable[[Role], dict[str, str] | None]:
    def value(role: Role) -> dict[str, str] | None:
        best = strongest_evidence(role, stance)
        if best is None:
            return None
        return {"quote": best.quote, "source": best.source, "section": best.section}

    return value


def redline_aspects(catalogue: Catalogue) -> list[ExtraAspect]:
    """Rows for each role's redline results: its verdict, what it crosses, what is unclear."""
    from dsr_options.analyses.evaluate import Outcome, RoleVerdict, evaluate_role

    verdicts: dict[str, RoleVerdict] = {}

    def verdict_of(role: Role) -> RoleVerdict:
        if role.id not in verdicts:
            verdicts[role.id] = evaluate_role(catalogue, role)
        return verdicts[role.id]

    def with_outcome(outcome: Outcome) -> Callable[[Role], list[str]]:
        return lambda role: [r.redline.id for r in verdict_of(role).results if r.outcome is outcome]

    return [
        ExtraAspect("redlines.verdict", "redline verdict", lambda r: [verdict_of(r).verdict.value]),
        ExtraAspect("redlines.crosses", "redlines crossed", with_outcome(Outcome.CROSSES)),
        ExtraAspect("redlines.unknown", "redlines unclear", with_outcome(Outcome.UNKNOWN)),
    ]
