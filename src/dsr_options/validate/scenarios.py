"""Checking a scenario file against a catalogue: roles, attributes and values that exist.

Used by ``dsr-options validate`` and by every command given ``--scenario``; each mistake is a
located diagnostic (``file:line:col``) reported to the file's :class:`LoadedFile`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dsr_options.diagnostics import Code, Severity
from dsr_options.files.located import LoadedFile, validate_model
from dsr_options.ids import close_ids, suggest
from dsr_options.model.catalogue import AttributeDecl
from dsr_options.model.scenarios import ScenariosFile
from dsr_options.model.vocabulary import AttributeType


def value_problem(decl: AttributeDecl, value: Any) -> str | None:
    """Why ``value`` (plain data, None for unknown) is not a value of ``decl``, if it is not."""
    if value is None:
        return None
    allowed = [v.id for v in decl.values]
    if decl.type is AttributeType.BOOLEAN:
        if isinstance(value, bool):
            return None
        return f"{decl.id} is a boolean attribute: give true or false, not {value!r}"
    if decl.type is AttributeType.CHOICE:
        if not isinstance(value, str):
            return f"{decl.id} is a choice attribute: give one of {', '.join(allowed)}"
        return _not_allowed(decl, [value])
    if not isinstance(value, (list, tuple)):
        return (
            f"{decl.id} is a choices attribute: give a list (a comma list on the command line) "
            f"of {', '.join(allowed)}"
        )
    return _not_allowed(decl, list(value))


def _not_allowed(decl: AttributeDecl, items: Sequence[Any]) -> str | None:
    allowed = [v.id for v in decl.values]
    for item in items:
        if item not in allowed:
            close = close_ids(str(item), allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return f"'{item}' is not a value of {decl.id} ({', '.join(allowed)}){hint}"
    return None


def check_scenario_file(
    loaded: LoadedFile, role_ids: Sequence[str], attributes: Sequence[AttributeDecl]
) -> ScenariosFile | None:
    """The file's model, every mistake reported to ``loaded`` (None when it has errors)."""
    model = validate_model(loaded, ScenariosFile)
    if model is None:
        return None
    decls = {decl.id: decl for decl in attributes}
    seen: set[str] = set()
    for index, scenario in enumerate(model.scenarios):
        where: list[str | int] = ["scenarios", index]
        if scenario.id in seen:
            loaded.report(
                Code.DUPLICATE_ID,
                f"the scenario id '{scenario.id}' is used twice",
                path=[*where, "id"],
            )
        seen.add(scenario.id)
        _check_values(loaded, decls, scenario.every_role, [*where, "every_role"])
        for role_id, values in scenario.roles.items():
            if role_id not in role_ids:
                loaded.report(
                    Code.UNKNOWN_REFERENCE,
                    f"no role has the id '{role_id}'{suggest(role_id, role_ids)}",
                    path=[*where, "roles", role_id],
                    key=True,
                )
                continue
            _check_values(loaded, decls, values, [*where, "roles", role_id])
    loaded.finish_count()
    if any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        return None
    return model


def _check_values(
    loaded: LoadedFile,
    decls: dict[str, AttributeDecl],
    values: dict[str, Any],
    where: list[str | int],
) -> None:
    for name, value in values.items():
        decl = decls.get(name)
        if decl is None:
            close = close_ids(name, list(decls), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            loaded.report(
                Code.UNKNOWN_ATTRIBUTE,
                f"no attribute is declared as '{name}'{hint}",
                path=[*where, name],
                key=True,
            )
            continue
        problem = value_problem(decl, value)
        if problem:
            loaded.report(Code.UNKNOWN_VALUE, problem, path=[*where, name])
