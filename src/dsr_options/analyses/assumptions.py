"""What-if: assumed attribute values, applied to a catalogue without copying its files.

``parse_assumption("strategic-advice.delivered_by=member-state-experts-seconded", catalogue)``
gives an :class:`Assumption`; ``apply_assumptions(catalogue, assumptions)`` returns a NEW
catalogue whose assumed values carry ``basis: assumed`` (shown ``[assumed]``) and which lists the
assumptions in ``Catalogue.assumed``, so that every output can state them.

A position is assumed as ``redline:ID=dropped`` (the holders are taken not to hold it) or
``redline:ID=concern`` (a veto or condition read as a concern), with or without ``ROLE.`` in
front: it applies to every role, as firmness's uncertain positions are varied.

The role ``*`` assumes the value for every role. The value ``unknown`` takes the value away (the
role gives none, and the redlines that test it are unknown), unless the attribute declares a
value of that name. A choices value is a comma list (``a,b``; empty for the empty set).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.analyses.readings import AS_CONCERN, DROPPED, POSITION, with_positions
from dsr_options.errors import UsageError
from dsr_options.ids import close_ids, resolve_id
from dsr_options.model.catalogue import AttributeDecl, AttributeValue, Catalogue, Role
from dsr_options.model.vocabulary import AttributeType, Basis
from dsr_options.validate.scenarios import value_problem

EVERY_ROLE = "*"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Assumption:
    """One assumed value: ``role`` is a role id or ``*``; ``value`` None is unknown."""

    role: str
    attribute: str
    value: Any

    @property
    def position(self) -> str | None:
        """The redline whose position is assumed (``redline:ID``), or None for a value."""
        return self.attribute[len(POSITION) :] if self.attribute.startswith(POSITION) else None

    @property
    def text(self) -> str:
        if self.position is not None:
            return f"{self.attribute}={self.value}"
        if self.value is None:
            shown = UNKNOWN
        elif isinstance(self.value, bool):
            shown = "true" if self.value else "false"
        elif isinstance(self.value, tuple):
            shown = ",".join(self.value)
        else:
            shown = str(self.value)
        return f"{self.role}.{self.attribute}={shown}"


def parse_value(decl: AttributeDecl, raw: str) -> Any:
    """A command-line value for ``decl``: true/false, a value id, a comma list, or unknown."""
    text = raw.strip()
    allowed = [v.id for v in decl.values]
    if text.lower() == UNKNOWN and UNKNOWN not in allowed:
        return None
    value: Any
    if decl.type is AttributeType.BOOLEAN:
        lowered = text.lower()
        value = {"true": True, "false": False}.get(lowered, text)
    elif decl.type is AttributeType.CHOICE:
        value = text.lower()
        if "," in value:
            raise UsageError(
                f"{decl.id} is a choice attribute: give ONE of {', '.join(allowed)}, "
                f"not a list ({raw!r})",
                about="assume",
            )
    else:
        items = [part.strip().lower() for part in text.split(",") if part.strip()]
        order = {v: i for i, v in enumerate(allowed)}
        value = tuple(sorted(dict.fromkeys(items), key=lambda v: order.get(v, len(order))))
    problem = value_problem(decl, value)
    if problem:
        raise UsageError(problem, about="assume")
    return value


def _position(head: str, raw: str, catalogue: Catalogue) -> Assumption | None:
    """``[ROLE.]redline:ID=dropped|concern``, or None when ``head`` names no position."""
    start = head.find(POSITION)
    if start < 0 or (start > 0 and head[start - 1] != "."):
        return None
    ids = [redline.id for redline in catalogue.redlines]
    redline_id = resolve_id(head[start + len(POSITION) :].strip(), ids, "redline", about="assume")
    stand = raw.strip().lower()
    if stand not in (DROPPED, AS_CONCERN):
        raise UsageError(
            f"{head.strip()}={raw}: a position is assumed {DROPPED} (the holders do not hold it) "
            f"or {AS_CONCERN} (a veto or condition read as a concern)",
            about="assume",
        )
    return Assumption(EVERY_ROLE, f"{POSITION}{redline_id}", stand)


def parse_assumption(text: str, catalogue: Catalogue) -> Assumption:
    """``ROLE.ATTRIBUTE=VALUE`` (or a position, ``redline:ID=dropped``) checked against the
    catalogue; a mistake is a usage error."""
    head, equals, raw = text.partition("=")
    position = _position(head, raw, catalogue) if equals else None
    if position is not None:
        return position
    role_ref, dot, attribute = head.strip().rpartition(".")
    if not equals or not dot or not role_ref or not attribute:
        raise UsageError(
            f"{text!r}: write ROLE.ATTRIBUTE=VALUE, e.g. strategic-advice.in_country=true",
            about="assume",
        )
    role_id = role_ref if role_ref == EVERY_ROLE else _role_id(catalogue, role_ref)
    decl = catalogue.attribute(attribute.strip())
    if decl is None:
        names = [d.id for d in catalogue.attributes]
        close = close_ids(attribute.strip(), names)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no attribute is named '{attribute}'{hint}", about="assume")
    return Assumption(role_id, decl.id, parse_value(decl, raw))


def _role_id(catalogue: Catalogue, reference: str) -> str:
    ids = [role.id for role in catalogue.roles]
    wanted = reference.strip()
    if wanted.isdigit():
        numbered = [role.id for role in catalogue.roles if role.number == int(wanted)]
        if numbered:
            return numbered[0]
    return resolve_id(wanted, ids, "role", about="assume")


def parse_assumptions(texts: Iterable[str], catalogue: Catalogue) -> list[Assumption]:
    """Several ``ROLE.ATTRIBUTE=VALUE``; the same role and attribute twice is refused."""
    found: list[Assumption] = []
    for text in texts:
        assumption = parse_assumption(text, catalogue)
        for earlier in found:
            if (earlier.role, earlier.attribute) == (assumption.role, assumption.attribute):
                raise UsageError(
                    f"{assumption.role}.{assumption.attribute} is assumed twice "
                    f"({earlier.text} and {assumption.text})",
                    about="assume",
                )
        found.append(assumption)
    return found


def assumed_role(role: Role, assumptions: Sequence[Assumption]) -> Role:
    """``role`` with the assumptions that speak to it applied (every-role ones first)."""
    values = [a for a in assumptions if a.position is None]
    mine = [a for a in values if a.role == EVERY_ROLE] + [a for a in values if a.role == role.id]
    if not mine:
        return role
    attributes = dict(role.attributes)
    for assumption in mine:
        before = attributes.get(assumption.attribute)
        if assumption.value is None:
            attributes.pop(assumption.attribute, None)
            continue
        was = (
            f"the catalogue says {_shown(before.value)} [{before.basis.value}]"
            if before is not None and before.basis is not Basis.ASSUMED
            else "the catalogue gives no value"
            if before is None
            else "assumed twice"
        )
        attributes[assumption.attribute] = AttributeValue.model_construct(
            value=assumption.value,
            basis=Basis.ASSUMED,
            note=f"assumed ({assumption.text}); {was}",
            evidence=[],
            alternatives=[],  # given: pydantic's default factory costs a signature look-up
        )
    return role.model_copy(update={"attributes": attributes})


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "{" + ", ".join(value) + "}"
    return str(value)


def apply_assumptions(
    catalogue: Catalogue, assumptions: Sequence[Assumption], *, label: str | None = None
) -> Catalogue:
    """A new catalogue with the assumed values, listing them in ``assumed``.

    ``label`` (a scenario's name) is stated with them. The catalogue given is not changed.
    """
    if not assumptions:
        return catalogue
    ids = {role.id for role in catalogue.roles}
    for assumption in assumptions:
        if assumption.role != EVERY_ROLE and assumption.role not in ids:
            raise UsageError(f"no role has the id '{assumption.role}'", about="assume")
        if assumption.position is None and catalogue.attribute(assumption.attribute) is None:
            raise UsageError(f"no attribute is named '{assumption.attribute}'", about="assume")
    positions = {a.position: a.value for a in assumptions if a.position is not None}
    catalogue = with_positions(catalogue, positions)
    roles = [assumed_role(role, assumptions) for role in catalogue.roles]
    stated = [*catalogue.assumed, *(a.text for a in assumptions)]
    scenarios = [*catalogue.scenarios, *([label] if label else [])]
    return catalogue.model_copy(update={"roles": roles, "assumed": stated, "scenarios": scenarios})
