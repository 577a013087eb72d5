"""The pieces every catalogue model is made of: ids, values, dates, the strict base model, evidence.

``catalogue.py`` (roles, vocabularies, files) and ``redline.py`` (redlines and their rules) build
on these. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, model_validator

from dsr_options.model.vocabulary import Basis, Stance

MAX_QUOTE_LENGTH = 300
"""A quote is evidence, not prose to reuse: longer than this is not a short quote."""

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
"""A kebab-case slug: lowercase letters and digits separated by single hyphens."""
AttributeName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
"""An attribute name: snake_case, so that rules read like ``delivered_by``."""
Text = Annotated[str, Field(min_length=1, max_length=4000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Label = Annotated[str, Field(min_length=1, max_length=60)]
"""A short plain phrase that names something in a sentence."""
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_value(value: Any) -> bool | str:
    if isinstance(value, bool) or (isinstance(value, str) and ID_PATTERN.match(value)):
        return value
    raise ValueError(f"{value!r} is not a value: write true, false or a kebab-case value id")


def parse_values(value: Any) -> bool | str | tuple[str, ...]:
    if isinstance(value, list):
        bad = [item for item in value if not (isinstance(item, str) and ID_PATTERN.match(item))]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a kebab-case value id")
        return tuple(value)
    return parse_value(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD")


Date = Annotated[
    dt.date,
    PlainValidator(_date, json_schema_input_type=dt.date),
    # Without it, a JSON dump warns that the date "may not be as expected" (pydantic 2.11+).
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
]
"""A calendar date, written plain (``2010-12-02``) or quoted."""

Value = Annotated[bool | str, PlainValidator(parse_value, json_schema_input_type=bool | Id)]
"""A value an attribute can take: ``true``/``false`` for boolean attributes, else a value id."""
Values = Annotated[
    bool | str | tuple[str, ...],
    PlainValidator(parse_values, json_schema_input_type=bool | Id | list[Id]),
    PlainSerializer(lambda v: list(v) if isinstance(v, tuple) else v),
]
"""A role's attribute value: a boolean, one value id, or a list of value ids."""


LAX = Field(strict=False)
"""Models are strict, but an enum field takes its values as the plain strings YAML gives."""


class StrictModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        use_enum_values=False,
        validate_default=True,
        # Build validators when first used, not at import: a command validates two file
        # models and dumps a few, and building all twenty at import was most of its start-up.
        defer_build=True,
    )


# -- what the model validators refuse, said in JSON Schema too ---------------------------------
# The editor schema is generated from these models; a check written as a model validator is
# invisible to it, so each one carries its JSON Schema form here, beside the validator.

NOTE_NEEDS_EVIDENCE: dict[str, Any] = {
    # basis 'note' (or no basis, where note is the default) needs at least one evidence item
    "if": {"properties": {"basis": {"const": "note"}}},
    "then": {"required": ["evidence"], "properties": {"evidence": {"minItems": 1}}},
}
VALUES_MATCH_TYPE: dict[str, Any] = {
    "if": {"properties": {"type": {"const": "boolean"}}, "required": ["type"]},
    "then": {"properties": {"values": {"maxItems": 0}}},
    "else": {"required": ["values"], "properties": {"values": {"minItems": 1}}},
}


def exactly_one_of(operators: tuple[str, ...]) -> dict[str, Any]:
    """One operator given (not null), no other: as ``AttributeTest._exactly_one_operator``."""
    return {
        "oneOf": [
            {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
            for name in operators
        ]
    }


# -- sources and evidence -------------------------------------------------------------------------


class Source(StrictModel):
    """A document that evidence quotes from."""

    id: Id
    title: Text
    date: Date
    organisers: list[ShortText] = Field(min_length=1)
    location: ShortText | None = None
    sections: list[ShortText] = Field(
        default_factory=list,
        description="The source's section headings; evidence names one of them.",
    )
    notes: list[Noted] = Field(
        default_factory=list,
        description=(
            "What the source records about itself and the occasion as a whole (who met, on what"
            " terms, its conclusion and next steps), in our words with evidence."
        ),
    )


class Evidence(StrictModel):
    """A short verbatim quote from a source, with where it sits and what it does."""

    quote: Annotated[str, Field(min_length=1, max_length=MAX_QUOTE_LENGTH)]
    source: Id
    section: ShortText
    stance: Annotated[Stance, LAX]


class Noted(StrictModel):
    """A statement in our own words: from the note (with evidence) or our analysis."""

    text: Text
    basis: Annotated[Basis, LAX] = Basis.NOTE
    evidence: list[Evidence] = Field(default_factory=list)

    model_config = ConfigDict(json_schema_extra=NOTE_NEEDS_EVIDENCE)

    @model_validator(mode="after")
    def _note_needs_evidence(self) -> Noted:
        if self.basis is Basis.NOTE and not self.evidence:
            raise ValueError("a statement with basis 'note' needs at least one piece of evidence")
        return self
