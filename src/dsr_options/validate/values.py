"""Checking one attribute value against its declaration: its type, its values, no repeats.

Used by the cross-file checks (a role's values, ``validate/references.py``) and by the checks of
variants and packages (``validate/options.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile, position
from dsr_options.ids import suggest
from dsr_options.model.catalogue import AttributeDecl
from dsr_options.model.vocabulary import AttributeType

Path = tuple[str | int, ...]


def check_value(file: LoadedFile, path: Path, decl: AttributeDecl, value: Any) -> None:
    if decl.type is AttributeType.BOOLEAN:
        if not isinstance(value, bool):
            file.report(
                Code.WRONG_TYPE,
                f"'{decl.id}' is a boolean attribute: write true or false",
                path=path,
            )
        return
    allowed = [v.id for v in decl.values]
    if decl.type is AttributeType.CHOICE:
        if not isinstance(value, str):
            file.report(
                Code.WRONG_TYPE, f"'{decl.id}' takes one value, one of {_list(allowed)}", path=path
            )
        elif value not in allowed:
            unknown_value(file, path, decl, value)
        return
    if not isinstance(value, tuple):
        file.report(
            Code.WRONG_TYPE, f"'{decl.id}' takes a list of values from {_list(allowed)}", path=path
        )
        return
    for index, item in enumerate(value):
        if item not in allowed:
            unknown_value(file, (*path, index), decl, item)
    listed_once(file, path, [item if item in allowed else None for item in value])


def listed_once(file: LoadedFile, path: Path, values: Sequence[Any], *suffix: str) -> None:
    """Each value of a list at most once: a repeat is reported where it stands (None: skip)."""
    first: dict[Any, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            line, _ = position(file.locate((*path, first[value], *suffix)))
            shown = getattr(value, "value", value)
            file.report(
                Code.DUPLICATE_VALUE,
                f"'{shown}' is listed twice (first at line {line})",
                path=(*path, index, *suffix),
            )
        else:
            first[value] = index


def unknown_value(file: LoadedFile, path: Path, decl: AttributeDecl, value: str) -> None:
    allowed = [v.id for v in decl.values]
    file.report(
        Code.UNKNOWN_VALUE,
        f"'{value}' is not a value of '{decl.id}' ({_list(allowed)}){suggest(value, allowed)}",
        path=path,
    )


def _list(values: list[str]) -> str:
    return ", ".join(values)
