"""Salvage: a partial model of an item that failed validation, from the fields valid alone.

One wrong value in a role must not hide every other problem of the role, nor drop the role
from the cross-file checks: each field that validates on its own is kept, so the checks that
need only those fields still run.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, PydanticUserError, TypeAdapter, ValidationError

M = TypeVar("M", bound=BaseModel)


def salvage(model: type[M], raw: Any) -> M | None:
    """A model of the fields of ``raw`` that are valid on their own; the others left absent.

    A field holding models (a role's leads, its attributes' values, a list of evidence) that
    fails as a whole is salvaged item by item, each item in its place: one wrong value in one
    item must not hide the others from the reference checks. Each level validates its subtree
    once more, and the models nest only a few levels, so this stays linear in the data.
    """
    if not isinstance(raw, dict):
        return None
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in raw:
            try:
                values[name] = _field_adapter(model, name).validate_python(raw[key])
            except ValidationError:
                deeper = _salvage_field(info.annotation, raw[key])
                if deeper is not None:
                    values[name] = deeper
        elif not info.is_required():
            values[name] = info.get_default(call_default_factory=True)
    return model.model_construct(_fields_set=set(values), **values)


def _salvage_field(annotation: Any, raw: Any) -> Any:
    """A list or mapping of models, each item validated on its own or salvaged; else None."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and isinstance(raw, list) and _is_model(args[0]):
        return [_salvage_item(args[0], entry) for entry in raw]
    if origin is dict and isinstance(raw, dict) and _is_model(args[1]):
        keys = _adapter(args[0])
        salvaged = {}
        for name, entry in raw.items():
            try:
                keys.validate_python(name)
            except ValidationError:
                continue
            salvaged[name] = _salvage_item(args[1], entry)
        return salvaged
    if _is_model(annotation):
        return salvage(annotation, raw)
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _salvage_item(model: type[M], raw: Any) -> M:
    """``raw`` as ``model``: validated, else salvaged, else a model with no field at all."""
    try:
        return model.model_validate(raw)
    except ValidationError:
        return salvage(model, raw) or model.model_construct(_fields_set=set())


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation, config=ConfigDict(strict=True))


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator for one field of ``model``, with the model's constraints and strictness."""
    info = model.model_fields[name]
    annotation: Any = Annotated[info.annotation, info]
    try:
        return TypeAdapter(annotation, config=ConfigDict(strict=True))
    except PydanticUserError:  # a model field: the model brings its own (strict) config
        return TypeAdapter(annotation)
