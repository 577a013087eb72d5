"""Turn pydantic's validation errors into stable codes and messages a catalogue editor can act on.

pydantic reports where (``loc``) and what (``type``); this module adds what was expected there,
in the catalogue's own words, with a "did you mean" where a near name exists.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from enum import Enum
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from dsr_options.diagnostics import Code
from dsr_options.ids import closest, suggest

_RULE_TAGS = {"all", "any", "not", "test"}

_NOUNS = {
    "RolesFile": "the roles file",
    "RedlinesFile": "the redlines file",
    "Source": "a source",
    "Evidence": "evidence",
    "Noted": "a statement",
    "AttributeValueDecl": "an attribute value",
    "AttributeDecl": "an attribute declaration",
    "Office": "an office",
    "Holder": "a holder",
    "AttributeValue": "a role's attribute",
    "LeadCandidate": "a lead candidate",
    "Reception": "a reception",
    "Role": "a role",
    "AttributeTest": "an attribute test",
    "AllRule": "an 'all' rule",
    "AnyRule": "an 'any' rule",
    "NotRule": "a 'not' rule",
    "Redline": "a redline",
}


def stand_ins(model: type[BaseModel], errors: list[ErrorDetails]) -> dict[int, int]:
    """Unknown fields that stand for a missing one (``levle:`` for ``levels:``).

    Maps the index of each such ``extra_forbidden`` error to the index of the ``missing`` error
    it explains, so that one mistake is reported once.
    """
    missing = {
        tuple(error["loc"]): index
        for index, error in enumerate(errors)
        if error["type"] == "missing"
    }
    found: dict[int, int] = {}
    if not missing:
        return found
    for index, error in enumerate(errors):
        if error["type"] != "extra_forbidden" or not error["loc"]:
            continue
        loc = tuple(error["loc"])
        name = _suggested_field(model, loc)
        partner = missing.get((*loc[:-1], name)) if name else None
        if partner is not None and partner not in found.values():
            found[index] = partner
    return found


def _suggested_field(model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    annotations, path = _walk(model, loc)
    parent = _model_in(annotations[-2]) if len(annotations) > 1 else None
    if parent is None or not path:
        return None
    fields = [info.alias or name for name, info in parent.model_fields.items()]
    return closest(str(path[-1]), fields)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold: Optional, Union and Annotated taken apart."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [inner for arg in get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _step(annotation: Any, part: str | int) -> tuple[Any, bool]:
    """The annotation one ``loc`` part further down, and whether the part is a real data key."""
    candidates = _unwrap(annotation)
    if isinstance(part, str) and part in _RULE_TAGS and len(candidates) > 1:
        # In the rule union, 'all' first names the union member, then AllRule's field 'all'.
        tagged = {"all": "AllRule", "any": "AnyRule", "not": "NotRule", "test": "AttributeTest"}
        for model in candidates:
            if isinstance(model, type) and model.__name__ == tagged[part]:
                return model, False
    for candidate in candidates:
        origin = get_origin(candidate)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            for name, info in candidate.model_fields.items():
                if part in (name, info.alias):
                    found: Any = info.annotation
                    if isinstance(found, (str, typing.ForwardRef)):  # not built yet
                        found = _hints(candidate)[name]
                    return found, True
        elif origin is list and isinstance(part, int):
            return get_args(candidate)[0], True
        elif origin is dict and isinstance(part, str):
            return get_args(candidate)[1], True
    if isinstance(part, str) and part in _RULE_TAGS:
        models = [c for c in _unwrap(annotation) if isinstance(c, type)]
        tagged = {"all": "AllRule", "any": "AnyRule", "not": "NotRule", "test": "AttributeTest"}
        for model in models:
            if model.__name__ == tagged[part]:
                return model, False
    return annotation, True


@functools.cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """A model's field annotations with forward references (``list[Rule]``) resolved."""
    return typing.get_type_hints(model, include_extras=True)


def _walk(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[list[Any], list[str | int]]:
    """The annotation at each step of ``loc`` (from the root), and the path without union tags."""
    annotations: list[Any] = [model]
    path: list[str | int] = []
    current: Any = model
    for part in loc:
        current, real = _step(current, part)
        annotations.append(current)
        if real:
            path.append(part)
    return annotations, path


def data_path(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """``loc`` as a path through the data file, without pydantic's union tags."""
    return tuple(_walk(model, loc)[1])


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        if get_origin(candidate) in (list, dict):
            continue
    return None


def _enum_in(annotation: Any) -> type[Enum] | None:
    for candidate in _unwrap(annotation):
        if get_origin(candidate) is list:
            found = _enum_in(get_args(candidate)[0])
            if found:
                return found
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


def _noun(model: type[BaseModel] | None) -> str:
    if model is None:
        return "this mapping"
    return _NOUNS.get(model.__name__, model.__name__)


def kind_of(value: Any) -> str:
    """What YAML made of a value, in words: ``a number``, ``a date``, ``text``..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _show(value: Any) -> str:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_validation_error(
    model: type[BaseModel], error: ErrorDetails, *, stands_for_missing: bool = False
) -> tuple[Code, str, bool]:
    """(code, message, whether to point at the key rather than the value) for one error.

    ``stands_for_missing``: an unknown field whose suggestion is a required field that is
    missing (see :func:`stand_ins`); the message says so, and no other error is needed.
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    annotations, path = _walk(model, loc)
    field = str(path[-1]) if path else ""
    parent = _model_in(annotations[-2]) if len(annotations) > 1 else None
    ctx = error.get("ctx") or {}

    if kind == "extra_forbidden":
        fields = [
            info.alias or name for name, info in (parent.model_fields if parent else {}).items()
        ]
        close = closest(field, fields)
        if close and stands_for_missing:
            hint = f" (did you mean '{close}'? {_noun(parent)} needs '{close}', and it is missing)"
        else:
            hint = f" (did you mean '{close}'?)" if close else ""
        return Code.UNKNOWN_FIELD, f"'{field}' is not a field of {_noun(parent)}{hint}", True
    if kind == "missing":
        enum = _enum_in(annotations[-1]) if annotations else None
        listed = f": one of {', '.join(str(m.value) for m in enum)}" if enum else ""
        return Code.MISSING_FIELD, f"{_noun(parent)} needs the field '{field}'{listed}", True
    if kind in ("enum", "literal_error"):
        enum = _enum_in(annotations[-1])
        allowed = [member.value for member in enum] if enum else []
        if not allowed:
            expected = ctx.get("expected", "")
            return (
                Code.INVALID_VALUE,
                f"{_show(value)} is not allowed here; expected {expected}",
                False,
            )
        shown = ", ".join(str(a) for a in allowed)
        hint = suggest(str(value), [str(a) for a in allowed]) if isinstance(value, str) else ""
        return Code.INVALID_VALUE, f"{_show(value)} is not one of {shown}{hint}", False
    if kind == "string_type":
        if isinstance(value, (bool, int, float, dt.date)):
            return (
                Code.NOT_TEXT,
                f"'{field}' must be text, but YAML read {_show(value)} as {kind_of(value)}; "
                "quote it",
                False,
            )
        return Code.WRONG_TYPE, f"'{field}' must be text, not {kind_of(value)}", False
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")) and "_" not in str(ctx.get("pattern", "")):
            return (
                Code.INVALID_ID,
                f"{_show(value)} is not a valid id: use lowercase letters and digits "
                "joined by single hyphens (kebab-case)",
                False,
            )
        return (
            Code.INVALID_ID,
            f"{_show(value)} is not a valid attribute name: use lowercase letters, digits "
            "and underscores, starting with a letter",
            False,
        )
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return Code.INVALID_LENGTH, _length_message(kind, field, ctx), False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            Code.WRONG_TYPE,
            f"'{field or 'this'}' must be a mapping, not {kind_of(value)}",
            False,
        )
    if kind == "list_type":
        return Code.WRONG_TYPE, f"'{field}' must be a list, not {kind_of(value)}", False
    if kind in (
        "bool_type",
        "int_type",
        "date_type",
        "int_from_float",
        "date_from_datetime_inexact",
    ):
        expected = {"bool": "true or false", "int": "a whole number", "date": "a date (YYYY-MM-DD)"}
        wanted = expected.get(kind.split("_")[0], kind)
        return Code.WRONG_TYPE, f"'{field}' must be {wanted}, not {kind_of(value)}", False
    if kind in ("greater_than_equal", "less_than_equal"):
        return Code.INVALID_VALUE, f"'{field}' {error['msg'].lower()}", False
    if kind == "rule_shape":
        return (
            Code.INVALID_RULE,
            f"{error['msg']}, not {kind_of(value)}; for example "
            "{attribute: standing_un_capacity, equals: true}, or all: [...], any: [...], "
            "not: {...}; operators: equals, in, contains, contains_any, subset_of",
            False,
        )
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        return Code.INVALID_VALUE, message, False
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return Code.WRONG_TYPE, f"'{field}' has the wrong shape: {error['msg']}", False
    return Code.INVALID, f"'{field}': {error['msg']}", False


def _length_message(kind: str, field: str, ctx: dict[str, Any]) -> str:
    text = kind.startswith("string")
    if kind.endswith("short"):
        least = ctx.get("min_length", 1)
        if text:
            return f"'{field}' must not be empty"
        return f"'{field}' needs at least {least} item{'s' if least != 1 else ''}"
    most = ctx.get("max_length")
    if text:
        return f"'{field}' is longer than {most} characters; shorten it"
    return f"'{field}' has more than {most} items"
