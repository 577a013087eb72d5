"""A redline's rules checked against the declared attributes: names, operators, types, values."""

from __future__ import annotations

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.ids import suggest
from dsr_options.model.catalogue import AllRule, AnyRule, AttributeTest, NotRule, Rule
from dsr_options.model.vocabulary import AttributeType
from dsr_options.validate.scope import Path, Scope
from dsr_options.validate.values import unknown_value


def check_rule(file: LoadedFile, path: Path, rule: Rule, scope: Scope) -> None:
    if isinstance(rule, AllRule):
        for index, child in enumerate(rule.all):
            check_rule(file, (*path, "all", index), child, scope)
    elif isinstance(rule, AnyRule):
        for index, child in enumerate(rule.any):
            check_rule(file, (*path, "any", index), child, scope)
    elif isinstance(rule, NotRule):
        check_rule(file, (*path, "not"), rule.not_, scope)
    else:
        check_test(file, path, rule, scope)


def check_test(file: LoadedFile, path: Path, test: AttributeTest, scope: Scope) -> None:
    if scope.unknowable("attributes", test.attribute):
        return
    decl = scope.attributes.get(test.attribute)
    if decl is None:
        file.report(
            Code.UNKNOWN_ATTRIBUTE,
            f"'{test.attribute}' is not a declared attribute"
            f"{suggest(test.attribute, scope.attributes)}",
            path=(*path, "attribute"),
        )
        return
    operator = test.operator
    operand_path: Path = (*path, operator)
    set_operator = operator in ("contains", "contains_any", "subset_of")
    if set_operator and decl.type is not AttributeType.CHOICES:
        file.report(
            Code.INVALID_RULE,
            f"'{operator}' tests a list attribute, but '{decl.id}' is a {decl.type.value} "
            "attribute; use 'equals' or 'in'",
            path=operand_path,
            key=True,
        )
        return
    if decl.type is AttributeType.CHOICES and operator in ("equals", "in"):
        file.report(
            Code.INVALID_RULE,
            f"'{decl.id}' holds a list of values; test it with contains, contains_any or subset_of",
            path=operand_path,
            key=True,
        )
        return
    operands = test.operand if isinstance(test.operand, list) else [test.operand]
    for index, operand in enumerate(operands):
        where = (*operand_path, index) if isinstance(test.operand, list) else operand_path
        if decl.type is AttributeType.BOOLEAN:
            if not isinstance(operand, bool):
                file.report(
                    Code.WRONG_TYPE,
                    f"'{decl.id}' is a boolean attribute: test true or false",
                    path=where,
                )
        elif isinstance(operand, bool):
            file.report(
                Code.WRONG_TYPE, f"'{decl.id}' takes value ids, not true or false", path=where
            )
        elif operand not in {v.id for v in decl.values}:
            unknown_value(file, where, decl, operand)
