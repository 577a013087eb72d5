"""Warnings a redline file's writer needs: rules that say something other than was meant.

* a condition that every role in its scope crosses: usually written the wrong way round;
* a redline that no values can make a role cross, or that every value crosses;
* a rule on an attribute that no role carries (every result is then unknown).

"Every value" is every combination of the declared values of the attributes the redline tests
(for a list attribute, every subset of its values), up to :data:`MAX_ASSIGNMENTS`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.model.catalogue import AttributeDecl, Redline
from dsr_options.model.rules import applies, crosses, redline_attributes
from dsr_options.model.vocabulary import AttributeType, Strictness
from dsr_options.validate.role_groups import Group, RoleGroups

MAX_ASSIGNMENTS = 4096
MAX_SUBSET_VALUES = 10


def _domain(decl: AttributeDecl) -> list[Any] | None:
    if decl.type is AttributeType.BOOLEAN:
        return [True, False]
    ids = [v.id for v in decl.values]
    if decl.type is AttributeType.CHOICE:
        return ids
    if len(ids) > MAX_SUBSET_VALUES:
        return None
    return [tuple(c) for size in range(len(ids) + 1) for c in itertools.combinations(ids, size)]


def check_writing(
    file: LoadedFile,
    redlines: Sequence[tuple[int, Redline]],
    groups: RoleGroups,
    decls: Mapping[str, AttributeDecl],
) -> None:
    """Add the writer's warnings for ``redlines`` (index in the file, redline) to ``file``."""
    roles = groups.roles
    carried = {name for role in roles for name in role.attributes}
    for index, redline in redlines:
        base = ("redlines", index)
        form = redline.condition_text
        names = redline_attributes(redline)
        if roles:
            for name in names:
                if name in decls and name not in carried:
                    file.report(
                        Code.UNCARRIED_ATTRIBUTE,
                        f"redline '{redline.id}' tests '{name}', which no role gives a value "
                        "for: its result is unknown for every role",
                        path=(*base, form),
                    )
        _every_value(file, base, redline, names, decls)
        # Only a condition written as its violation ('rule') is likely inverted: 'requires'
        # says what must hold, and every role failing it is then what the writer said.
        if redline.strictness is not Strictness.CONDITION or not roles or form != "rule":
            continue
        in_scope = _all_in_scope_cross(redline, groups.by(names))
        if in_scope:
            file.report(
                Code.CONDITION_ALWAYS_CROSSED,
                f"every role the condition '{redline.id}' applies to crosses it "
                f"({in_scope} of {len(roles)}); did you mean the opposite? 'rule:' says "
                "when a role crosses; to say what must hold, use requires: with the same test",
                path=(*base, form),
            )


def _all_in_scope_cross(redline: Redline, groups: Sequence[Group]) -> int:
    """How many roles the redline applies to when every one of them crosses it, else 0.

    One evaluation per group of roles alike in what the redline tests, stopping at the first
    group in scope that does not cross."""
    in_scope = 0
    for group in groups:
        if applies(redline, group.values) is not True:
            continue
        if crosses(redline, group.values) is not True:
            return 0
        in_scope += group.size
    return in_scope


def _every_value(
    file: LoadedFile,
    base: tuple[Any, ...],
    redline: Redline,
    names: Sequence[str],
    decls: Mapping[str, AttributeDecl],
) -> None:
    domains = []
    for name in names:
        decl = decls.get(name)
        domain = _domain(decl) if decl is not None else None
        if domain is None:
            return
        domains.append(domain)
    total = 1
    for domain in domains:
        total *= len(domain)
    if total > MAX_ASSIGNMENTS or not names:
        return
    outcomes = {
        crosses(redline, dict(zip(names, combo, strict=True)))
        for combo in itertools.product(*domains)
    }
    if True not in outcomes:
        file.report(
            Code.NEVER_CROSSED,
            f"no values of {', '.join(names)} make a role cross '{redline.id}': it can never "
            "rule on a role",
            path=(*base, redline.condition_text),
        )
    elif outcomes == {True}:
        file.report(
            Code.ALWAYS_CROSSED,
            f"every value of {', '.join(names)} crosses '{redline.id}': it rules on every role "
            "alike, whatever the role",
            path=(*base, redline.condition_text),
        )
