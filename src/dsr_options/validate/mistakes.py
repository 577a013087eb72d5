"""Likely mistakes in a redline file, told from the roles of the catalogue in use.

Each is a warning at the rule it is about, and each says what the rule does to the roles, so
that the writer can tell whether that is what they meant:

* a condition written as its crossing (``rule:``) that reads as the opposite of what a
  condition says: most roles in its scope cross it, or it is an "only from" test that no role
  crosses (``condition-reads-inverted``);
* ``subset_of`` or ``contains_any`` on a list attribute whose values the roles combine, where the
  redline treats every role in its scope alike and the other form would not
  (``set-operator``): both forms are spelled out for the roles;
* a rule on an attribute that has a narrower sibling, a boolean or a list like it (``training``
  and ``training_by_un``), that a role crosses only through the broad reading
  (``broad-attribute``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.model.catalogue import (
    AllRule,
    AttributeDecl,
    AttributeTest,
    NotRule,
    Redline,
    Role,
    Rule,
)
from dsr_options.model.rules import applies, redline_attributes, test_holds
from dsr_options.model.vocabulary import AttributeType, Strictness
from dsr_options.validate.expect import check_expectations, outcome_of
from dsr_options.validate.role_groups import Group, RoleGroups, count
from dsr_options.validate.writing import check_writing


def _polar(rule: Rule | None, positive: bool = True) -> Iterator[tuple[AttributeTest, bool]]:
    """Each test of ``rule`` with whether it counts as written (not under an odd number of
    ``not``)."""
    if rule is None:
        return
    if isinstance(rule, AttributeTest):
        yield rule, positive
    elif isinstance(rule, NotRule):
        yield from _polar(rule.not_, not positive)
    else:
        for child in rule.all if isinstance(rule, AllRule) else rule.any:
            yield from _polar(child, positive)


NAMED = 10
"""Roles a warning names before it counts the rest."""


def _ids(groups: RoleGroups, chosen: Iterable[Group]) -> str:
    """The roles of ``chosen`` by id, in the catalogue's order: the first :data:`NAMED`, then
    how many more."""
    named, total = groups.first(chosen, NAMED)
    if not named:
        return "none"
    ids = ", ".join(role.id for role in named)
    return ids if total == len(named) else f"{ids} and {total - len(named)} more"


def check_intent(
    file: LoadedFile,
    redlines: Sequence[tuple[int, Redline]],
    roles: Sequence[Role],
    decls: Mapping[str, AttributeDecl],
    *,
    expectations: bool,
) -> None:
    """Everything a redline file's writer is told about what the file says: the writing
    warnings, the likely mistakes, and (``validate`` only) each ``expect:``.

    Each redline is evaluated once per group of roles alike in what it tests
    (:class:`RoleGroups`), not once per role, so this grows with roles plus redlines."""
    groups = RoleGroups(roles)
    check_writing(file, redlines, groups, decls)
    check_mistakes(file, redlines, groups, decls)
    if expectations:
        check_expectations(file, redlines, roles)


def check_mistakes(
    file: LoadedFile,
    redlines: Sequence[tuple[int, Redline]],
    groups: RoleGroups,
    decls: Mapping[str, AttributeDecl],
) -> None:
    """Add the likely-mistake warnings for ``redlines`` (index in the file, redline)."""
    if not groups.roles:
        return
    for index, redline in redlines:
        path = ("redlines", index, redline.condition_text)
        scope: list[Group] = []
        crossing: list[Group] = []
        clearing: list[Group] = []
        for group in groups.by(redline_attributes(redline)):
            if applies(redline, group.values) is not True:
                continue
            scope.append(group)
            outcome = outcome_of(redline, group.values)[0]
            if outcome == "crosses":
                crossing.append(group)
            elif outcome == "clears":
                clearing.append(group)
        in_scope, crossed = count(scope), count(crossing)
        _inverted(file, path, redline, in_scope, crossing, groups)
        if in_scope >= 2 and (crossed == in_scope or count(clearing) == in_scope):
            _set_operator(file, path, redline, scope, crossed > 0, groups, decls)
        if crossing:
            _broad(file, path, redline, groups, decls)


def _inverted(
    file: LoadedFile,
    path: tuple[Any, ...],
    redline: Redline,
    in_scope: int,
    crossing: Sequence[Group],
    groups: RoleGroups,
) -> None:
    if redline.strictness is not Strictness.CONDITION or redline.rule is None or in_scope < 2:
        return
    only = [t for t, positive in _polar(redline.rule) if positive and t.operator == "subset_of"]
    crossed = count(crossing)
    if in_scope // 2 < crossed < in_scope:
        file.report(
            Code.CONDITION_READS_INVERTED,
            f"{crossed} of the {in_scope} roles the condition '{redline.id}' applies to "
            f"cross it ({_ids(groups, crossing)}): 'rule:' says when a role crosses, "
            "and a condition most roles cross is usually written the wrong way round; to say "
            "what must hold, write requires: with the same test",
            path=path,
        )
    elif only and not crossed:
        file.report(
            Code.CONDITION_READS_INVERTED,
            f"no role crosses the condition '{redline.id}': 'rule:' says when a role crosses, "
            f"and '{only[0].attribute} subset_of' crosses only a role whose every value is "
            "among those listed; if that is what must hold, write requires: with the same test",
            path=path,
        )


def _set_operator(
    file: LoadedFile,
    path: tuple[Any, ...],
    redline: Redline,
    scope: Sequence[Group],
    crossed: bool,
    groups: RoleGroups,
    decls: Mapping[str, AttributeDecl],
) -> None:
    everyone = "every role in its scope crosses" if crossed else "no role in its scope crosses"
    for test, _ in _polar(redline.crossing):
        decl = decls.get(test.attribute)
        if decl is None or decl.type is not AttributeType.CHOICES:
            continue
        if test.operator not in ("subset_of", "contains_any"):
            continue
        combined = [g for g in scope if _several(g.values.get(test.attribute))]
        if not combined:
            continue
        listed = sorted(test.operand) if isinstance(test.operand, list) else []
        other = "contains_any" if test.operator == "subset_of" else "subset_of"
        twin = AttributeTest.model_validate({"attribute": test.attribute, other: listed})
        holds = [g for g in scope if test_holds(test, g.values.get(test.attribute))]
        twin_holds = [g for g in scope if test_holds(twin, g.values.get(test.attribute))]
        if {id(g) for g in holds} == {id(g) for g in twin_holds}:
            continue
        subset, either = (
            (holds, twin_holds) if test.operator == "subset_of" else (twin_holds, holds)
        )
        values = ", ".join(listed)
        file.report(
            Code.SET_OPERATOR,
            f"{everyone} '{redline.id}', and the roles combine values of '{test.attribute}' "
            f"({_ids(groups, combined)} list several): 'subset_of [{values}]' holds for "
            f"a role whose every value is among them ({_ids(groups, subset)}); "
            f"'contains_any [{values}]' holds for a role with any of them "
            f"({_ids(groups, either)}); check that the form says what you mean",
            path=path,
        )
        return


def _several(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and len(value) > 1


def _broad(
    file: LoadedFile,
    path: tuple[Any, ...],
    redline: Redline,
    groups: RoleGroups,
    decls: Mapping[str, AttributeDecl],
) -> None:
    tested = {t.attribute for t, _ in _polar(redline.crossing)} | {
        t.attribute for t, _ in _polar(redline.applies_to)
    }
    names = redline_attributes(redline)
    for name in sorted(tested):
        for decl in _narrower(name, tested, decls):
            only_broad = [
                g
                for g in groups.by((*names, decl.id))
                if outcome_of(redline, g.values)[0] == "crosses"
                and _through(redline, g.values, name)
                and _narrow_clears(redline, g.values, name, decl)
            ]
            if not only_broad:
                continue
            verb = "crosses" if count(only_broad) == 1 else "cross"
            if decl.type is AttributeType.BOOLEAN:
                although = f"'{decl.id}' is false"
                meaning = f"true when {_first_clause(decl.description)}"
            else:
                although = f"tested on '{decl.id}' it would not"
                clause = _first_clause(decl.description)
                meaning = clause[:1].lower() + clause[1:]
            file.report(
                Code.BROAD_ATTRIBUTE,
                f"'{redline.id}' tests '{name}', which is broader than '{decl.id}': "
                f"{_ids(groups, only_broad)} {verb} it through '{name}' although {although}; "
                f"if the redline means what the UN itself does, test '{decl.id}' ({meaning})",
                path=path,
            )


def _narrower(
    name: str, tested: set[str], decls: Mapping[str, AttributeDecl]
) -> list[AttributeDecl]:
    """The declared siblings ``NAME_...`` of a tested attribute: a boolean, or a list like it."""
    broad = decls.get(name)
    return [
        d
        for d in decls.values()
        if d.id.startswith(f"{name}_")
        and d.id not in tested
        and (
            d.type is AttributeType.BOOLEAN
            or (
                d.type is AttributeType.CHOICES
                and broad is not None
                and broad.type is AttributeType.CHOICES
            )
        )
    ]


def _narrow_clears(
    redline: Redline, values: Mapping[str, Any], name: str, decl: AttributeDecl
) -> bool:
    """A role with these values would not cross if the rule tested the narrower sibling."""
    if decl.id not in values:
        return False
    narrow = values[decl.id]
    if decl.type is AttributeType.BOOLEAN:
        return narrow is False
    return outcome_of(redline, {**values, name: narrow})[0] != "crosses"


def _through(redline: Redline, values: Mapping[str, Any], attribute: str) -> bool:
    """A role with these values crosses because of ``attribute``: with none of it, it would not."""
    value = values.get(attribute)
    changed = () if isinstance(value, (list, tuple)) else not value
    return outcome_of(redline, {**values, attribute: changed})[0] != "crosses"


def _first_clause(description: str) -> str:
    text = " ".join(description.split())
    if text.startswith("True when "):
        text = text[len("True when ") :]
    return text.split(". ", 1)[0].rstrip(".")
