"""Judgements declared in the data: the other readings of a value, how sure a position is.

An analysis value that a careful reader could read otherwise lists its ``alternatives`` (the
other value and why); firmness varies exactly those by default. A redline in a delegation's file
says with ``confidence`` how sure its writer is that the holder holds it; firmness varies the
redlines held with confidence ``reported`` or ``inferred``. The vocabulary of an alternative's
value is checked against the attribute's declaration in ``validate``, where declarations are known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator

from dsr_options.model.vocabulary import Basis, Confidence

_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PATTERN = re.compile(_ID)


def _reading_value(value: Any) -> bool | str | tuple[str, ...]:
    pattern = _PATTERN
    if isinstance(value, list):
        bad = [item for item in value if not (isinstance(item, str) and pattern.match(item))]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a kebab-case value id")
        return tuple(value)
    if isinstance(value, bool) or (isinstance(value, str) and pattern.match(value)):
        return value
    raise ValueError(f"{value!r} is not a value: write true, false or a kebab-case value id")


ReadingValue = Annotated[
    bool | str | tuple[str, ...],
    PlainValidator(
        _reading_value,
        json_schema_input_type=bool
        | Annotated[str, Field(pattern=_ID)]
        | list[Annotated[str, Field(pattern=_ID)]],
    ),
    PlainSerializer(lambda v: list(v) if isinstance(v, tuple) else v),
]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, validate_default=True, defer_build=True
    )


class Reading(_Strict):
    """Another reading of an analysis value: the value it gives, and why a reader could take it."""

    value: ReadingValue
    note: Annotated[str, Field(min_length=1, max_length=4000)] = Field(
        description="The other reading, and the words of the source that support it."
    )


class PositionConfidence(_Strict):
    """How sure the writer of a redline file is that the holder holds the redline."""

    level: Annotated[Confidence, Field(strict=False)] = Field(
        description=(
            "stated (the holder said so), reported (someone reports it), inferred (the writer's "
            "inference); firmness varies reported and inferred positions."
        )
    )
    note: Annotated[str, Field(min_length=1, max_length=4000)] = Field(
        description="Why the writer is this sure: who said it, where, or what it is inferred from."
    )


def same_value(one: Any, other: Any) -> bool:
    """Two values of one attribute are the same (a list as a set: order is not a reading)."""
    if isinstance(one, tuple) and isinstance(other, tuple):
        return set(one) == set(other)
    return type(one) is type(other) and bool(one == other)


def reading_problems(value: Any, basis: Basis, readings: Sequence[Reading]) -> list[str]:
    """What is wrong with a value's alternatives, without the vocabulary (checked later)."""
    if not readings:
        return []
    if basis is Basis.NOTE:
        return [
            "a value with basis 'note' takes no 'alternatives': the note says it; other "
            "readings are for values of basis 'analysis' (firmness varies note values only "
            "with --vary all)"
        ]
    problems = []
    seen: list[Any] = []
    for index, reading in enumerate(readings, 1):
        if same_value(reading.value, value):
            problems.append(f"alternative {index} is the value itself: give another reading")
        elif any(same_value(reading.value, earlier) for earlier in seen):
            problems.append(f"alternative {index} repeats an earlier one")
        seen.append(reading.value)
    return problems
