"""Checking a roles file's variants and packages: bases, members, attributes and values exist."""

from __future__ import annotations

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.ids import suggest
from dsr_options.model.catalogue import AttributeDecl, RolesFile
from dsr_options.validate.values import check_value


def check_options(file: LoadedFile, model: RolesFile, attributes: dict[str, AttributeDecl]) -> None:
    """Report every variant or package that names what does not exist, at its place."""
    role_ids = [role.id for role in model.roles]
    known = set(role_ids)  # a look-up per member, not a search of every role
    taken = set(role_ids)
    for index, variant in enumerate(model.variants):
        base = ("variants", index)
        if variant.id in taken:
            file.report(
                Code.DUPLICATE_ID,
                f"the id '{variant.id}' is already a role's, variant's or package's",
                path=(*base, "id"),
            )
        taken.add(variant.id)
        if variant.base not in known:
            file.report(
                Code.UNKNOWN_REFERENCE,
                f"no role has the id '{variant.base}'{suggest(variant.base, role_ids)}",
                path=(*base, "base"),
            )
        for name, value in variant.changes.items():
            decl = attributes.get(name)
            if decl is None:
                file.report(
                    Code.UNKNOWN_ATTRIBUTE,
                    f"'{name}' is not a declared attribute{suggest(name, attributes)}",
                    path=(*base, "changes", name),
                    key=True,
                )
                continue
            check_value(file, (*base, "changes", name), decl, value)
    for index, package in enumerate(model.packages):
        base = ("packages", index)
        if package.id in taken:
            file.report(
                Code.DUPLICATE_ID,
                f"the id '{package.id}' is already a role's, variant's or package's",
                path=(*base, "id"),
            )
        taken.add(package.id)
        if len(set(package.members)) < 2:
            file.report(
                Code.PACKAGE_TOO_SMALL,
                f"package '{package.id}' takes {len(set(package.members))} distinct role(s) "
                "together: a package is two or more roles (a role alone is the role itself)",
                path=(*base, "members"),
            )
        for member_index, member in enumerate(package.members):
            if member not in known:
                file.report(
                    Code.UNKNOWN_REFERENCE,
                    f"no role has the id '{member}'{suggest(member, role_ids)}",
                    path=(*base, "members", member_index),
                )
