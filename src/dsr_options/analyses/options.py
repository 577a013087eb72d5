"""Options beyond the catalogue's roles: variants and packages, expanded into roles.

``expand_options(catalogue)`` returns a new catalogue whose roles are the catalogue's, then one
role per variant, then one per package, so that every analysis (check, agree, show, compare,
firmness) takes them like a role.

- A variant is its base role with the named ``changes``; each changed value has basis
  ``analysis`` and a note saying what the base role's value was.
- A package is two or more roles taken together. Each attribute's value follows from the
  members' by the rule the vocabulary declares (``AttributeDecl.combine``): ``any``/``all`` for a
  boolean (Kleene: a member without a value makes it unknown unless another member decides),
  ``same`` (the members' value when they agree), ``union``/``intersection`` for choices (unknown
  when a member gives none). Without a declared rule the package gives NO value: its redlines
  that test the attribute are unknown, never a silent default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import (
    AttributeDecl,
    AttributeValue,
    Catalogue,
    Package,
    Reception,
    Role,
    Variant,
)
from dsr_options.model.vocabulary import Basis, ReceptionStance, Voices


def _shown(value: Any) -> str:
    if value is None:
        return "no value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "{" + ", ".join(value) + "}"
    return str(value)


def variant_role(
    catalogue: Catalogue, variant: Variant, number: int, roles: Mapping[str, Role] | None = None
) -> Role:
    """The variant as a role: its base with the changes, each marked as the variant's.

    ``roles`` is the catalogue's roles by id, when the caller has made it (else looked up)."""
    base = roles[variant.base] if roles is not None else catalogue.role(variant.base)
    attributes = dict(base.attributes)
    for name, value in variant.changes.items():
        before = attributes.get(name)
        was = _shown(before.value) if before is not None else "no value"
        attributes[name] = AttributeValue.model_construct(
            value=value,
            basis=Basis.ANALYSIS,
            note=f"changed in variant '{variant.id}' of '{base.id}' (the role has {was})",
            evidence=[],
            alternatives=[],  # given: pydantic's default factory costs a signature look-up
        )
    return base.model_copy(
        update={
            "id": variant.id,
            "number": number,
            "title": variant.title,
            "summary": variant.summary or f"{base.title}, changed: {_changes(variant)}.",
            "attributes": attributes,
        }
    )


def _changes(variant: Variant) -> str:
    return ", ".join(f"{name} {_shown(value)}" for name, value in variant.changes.items())


def combined_value(decl: AttributeDecl, values: Sequence[Any]) -> Any:
    """The package's value from its members' (None for a member without one), or None."""
    rule = decl.combine
    if rule is None:
        return None
    if rule in ("any", "all"):
        decisive = rule == "any"
        if any(v is decisive for v in values):
            return decisive
        if any(v is None for v in values):
            return None
        return not decisive
    if any(v is None for v in values):
        return None
    if rule == "same":
        first = values[0]
        return first if all(v == first for v in values) else None
    order = [v.id for v in decl.values]
    sets = [set(v) for v in values]
    merged = set.union(*sets) if rule == "union" else set.intersection(*sets)
    return tuple(v for v in order if v in merged)


def package_role(
    catalogue: Catalogue, package: Package, number: int, roles: Mapping[str, Role] | None = None
) -> Role:
    """The package as a role: attributes by the declared rules, the members' parts together."""
    find = roles.__getitem__ if roles is not None else catalogue.role
    members = [find(m) for m in dict.fromkeys(package.members)]
    attributes: dict[str, AttributeValue] = {}
    for decl in catalogue.attributes:
        values = [
            member.attributes[decl.id].value if decl.id in member.attributes else None
            for member in members
        ]
        value = combined_value(decl, values)
        if value is None:
            continue
        attributes[decl.id] = AttributeValue.model_construct(
            value=value,
            basis=Basis.ANALYSIS,
            note=f"package of {', '.join(m.id for m in members)}: {decl.combine} of "
            + "; ".join(_shown(v) for v in values),
            evidence=[],
            alternatives=[],  # given: pydantic's default factory costs a signature look-up
        )
    ids = ", ".join(m.id for m in members)
    return Role.model_construct(
        id=package.id,
        number=number,
        title=package.title,
        summary=package.summary or f"{' and '.join(m.title for m in members)}, taken together.",
        levels=list(dict.fromkeys(level for m in members for level in m.levels)),
        dimensions=list(dict.fromkeys(d for m in members for d in m.dimensions)),
        attributes=attributes,
        leads=list({lead.office: lead for m in members for lead in m.leads}.values()),
        reception=Reception.model_construct(
            stance=ReceptionStance.UNRECORDED,
            voices=Voices.UNRECORDED,
            summary=f"A package of {ids}: the note records reactions to each role, not to the "
            "package; see each member.",
            basis=Basis.ANALYSIS,
            evidence=[],
        ),
        concerns=[c for m in members for c in m.concerns],
        open_questions=[q for m in members for q in m.open_questions],
        evidence=[e for m in members for e in m.evidence],
    )


EXPANSION = "expanding the variants and packages"
"""What the expansion's budget is called wherever it says it refused."""


def expansion_cost(catalogue: Catalogue) -> int:
    """The evaluations expanding the options costs: a variant's changes, and for each member of
    a package, its attributes and the parts (evidence, concerns, questions, leads) it brings."""
    roles = {role.id: role for role in catalogue.roles}
    each = len(catalogue.attributes)
    cost = sum(1 + len(variant.changes) for variant in catalogue.variants)
    for package in catalogue.packages:
        for member in package.members:
            role = roles.get(member)
            parts = (
                len(role.evidence) + len(role.concerns) + len(role.open_questions) + len(role.leads)
                if role is not None
                else 0
            )
            cost += 1 + each + parts
    return cost


def expand_options(catalogue: Catalogue, budget: Budget | None = None) -> Catalogue:
    """The catalogue with each variant and package as a role after the catalogue's own,
    refused up front (:class:`~dsr_options.model.budget.OverBudget`) when it would cost more
    than ``budget`` (:func:`expansion_cost`)."""
    if not catalogue.variants and not catalogue.packages:
        return catalogue
    (budget or Budget(EXPANSION)).check(
        expansion_cost(catalogue),
        f"every answer about the {len(catalogue.variants):,} variants and "
        f"{len(catalogue.packages):,} packages; nothing was expanded: give fewer or smaller "
        "packages",
    )
    number = max((role.number for role in catalogue.roles), default=0)
    by_id = {role.id: role for role in catalogue.roles}  # linear: no search per member
    added: list[Role] = []
    for variant in catalogue.variants:
        number += 1
        added.append(variant_role(catalogue, variant, number, by_id))
    for package in catalogue.packages:
        number += 1
        added.append(package_role(catalogue, package, number, by_id))
    return catalogue.model_copy(
        update={"roles": [*catalogue.roles, *added], "variants": [], "packages": []}
    )


def expand_under(catalogue: Catalogue, what_if: Callable[[Catalogue], Catalogue]) -> Catalogue:
    """The catalogue's options expanded under ``what_if`` (assumptions, a scenario), so that it
    reaches them: a value assumed for a member role (or a variant's base) moves the package (the
    variant) built from it, and a value assumed for a package or a variant itself is that
    option's. A variant's own changes still override its base's values.

    ``what_if`` gets the expanded catalogue, so it checks and states every id as usual; the
    options are then rebuilt from the changed roles, with what it set on them directly on top.
    """
    expanded = expand_options(catalogue)
    changed = what_if(expanded)
    if changed is expanded or (not catalogue.variants and not catalogue.packages):
        return changed
    own = {role.id for role in catalogue.roles}
    members = catalogue.model_copy(update={"roles": [r for r in changed.roles if r.id in own]})
    rebuilt = {role.id: role for role in expand_options(members).roles}
    before = {role.id: role for role in expanded.roles}
    roles: list[Role] = []
    for role in changed.roles:
        if role.id in own:
            roles.append(role)
            continue
        old = before[role.id].attributes
        attributes = dict(rebuilt[role.id].attributes)
        for name in old.keys() - role.attributes.keys():
            attributes.pop(name, None)
        attributes.update((n, v) for n, v in role.attributes.items() if old.get(n) is not v)
        roles.append(role.model_copy(update={"attributes": attributes}))
    return changed.model_copy(update={"roles": roles})
