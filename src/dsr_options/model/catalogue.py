"""Pydantic models of the catalogue: what a role, a redline and a piece of evidence are.

Fixed structure lives here; open vocabularies (attributes, offices, holders) are data declared in
the catalogue files and checked against these declarations in ``validation``. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    Tag,
    model_serializer,
    model_validator,
)

from dsr_options.model.expect import Expectation
from dsr_options.model.judgements import PositionConfidence, Reading, reading_problems
from dsr_options.model.vocabulary import (
    AttributeType,
    Basis,
    Dimension,
    Level,
    Origin,
    ReceptionStance,
    Stance,
    Strictness,
    Voices,
)

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
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _value(value: Any) -> bool | str:
    if isinstance(value, bool) or (isinstance(value, str) and _ID_PATTERN.match(value)):
        return value
    raise ValueError(f"{value!r} is not a value: write true, false or a kebab-case value id")


def _values(value: Any) -> bool | str | tuple[str, ...]:
    if isinstance(value, list):
        bad = [item for item in value if not (isinstance(item, str) and _ID_PATTERN.match(item))]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a kebab-case value id")
        return tuple(value)
    return _value(value)


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

Value = Annotated[bool | str, PlainValidator(_value, json_schema_input_type=bool | Id)]
"""A value an attribute can take: ``true``/``false`` for boolean attributes, else a value id."""
Values = Annotated[
    bool | str | tuple[str, ...],
    PlainValidator(_values, json_schema_input_type=bool | Id | list[Id]),
    PlainSerializer(lambda v: list(v) if isinstance(v, tuple) else v),
]
"""A role's attribute value: a boolean, one value id, or a list of value ids."""


_LAX = Field(strict=False)
"""Models are strict, but an enum field takes its values as the plain strings YAML gives."""


class _Model(BaseModel):
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

_NOTE_NEEDS_EVIDENCE: dict[str, Any] = {
    # basis 'note' (or no basis, where note is the default) needs at least one evidence item
    "if": {"properties": {"basis": {"const": "note"}}},
    "then": {"required": ["evidence"], "properties": {"evidence": {"minItems": 1}}},
}
_VALUES_MATCH_TYPE: dict[str, Any] = {
    "if": {"properties": {"type": {"const": "boolean"}}, "required": ["type"]},
    "then": {"properties": {"values": {"maxItems": 0}}},
    "else": {"required": ["values"], "properties": {"values": {"minItems": 1}}},
}


def _exactly_one_of(operators: tuple[str, ...]) -> dict[str, Any]:
    """One operator given (not null), no other: as ``AttributeTest._exactly_one_operator``."""
    return {
        "oneOf": [
            {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
            for name in operators
        ]
    }


# -- sources and evidence -------------------------------------------------------------------------


class Source(_Model):
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


class Evidence(_Model):
    """A short verbatim quote from a source, with where it sits and what it does."""

    quote: Annotated[str, Field(min_length=1, max_length=MAX_QUOTE_LENGTH)]
    source: Id
    section: ShortText
    stance: Annotated[Stance, _LAX]


class Noted(_Model):
    """A statement in our own words: from the note (with evidence) or our analysis."""

    text: Text
    basis: Annotated[Basis, _LAX] = Basis.NOTE
    evidence: list[Evidence] = Field(default_factory=list)

    model_config = ConfigDict(json_schema_extra=_NOTE_NEEDS_EVIDENCE)

    @model_validator(mode="after")
    def _note_needs_evidence(self) -> Noted:
        if self.basis is Basis.NOTE and not self.evidence:
            raise ValueError("a statement with basis 'note' needs at least one piece of evidence")
        return self


# -- open vocabularies, declared in the data ------------------------------------------------------


class AttributeValueDecl(_Model):
    """One allowed value of a ``choice`` or ``choices`` attribute."""

    id: Id
    description: ShortText
    label: Label | None = Field(default=None, description="The value in a few plain words.")


class AttributeDecl(_Model):
    """An attribute that roles carry and redline rules test."""

    id: AttributeName
    type: Annotated[AttributeType, _LAX]
    description: Text
    label: Label | None = Field(
        default=None,
        description="The attribute in a few plain words: reads after 'with'/'without' (boolean).",
    )
    values: list[AttributeValueDecl] = Field(default_factory=list)
    combine: Literal["any", "all", "same", "union", "intersection"] | None = Field(
        default=None,
        description=(
            "How a package's value follows from its members' values: any/all (boolean), same "
            "(every member's value, when they agree), union/intersection (choices). Without "
            "it a package gives no value (unknown)."
        ),
    )

    model_config = ConfigDict(json_schema_extra=_VALUES_MATCH_TYPE)

    @model_validator(mode="after")
    def _values_match_type(self) -> AttributeDecl:
        fits = {
            "any": AttributeType.BOOLEAN,
            "all": AttributeType.BOOLEAN,
            "union": AttributeType.CHOICES,
            "intersection": AttributeType.CHOICES,
        }
        if self.combine is not None and fits.get(self.combine, self.type) is not self.type:
            raise ValueError(
                f"combine '{self.combine}' is for {fits[self.combine].value} attributes, "
                f"not {self.type.value}"
            )
        if self.type is AttributeType.BOOLEAN and self.values:
            raise ValueError("a boolean attribute takes no 'values'")
        if self.type is not AttributeType.BOOLEAN and not self.values:
            raise ValueError(f"a '{self.type.value}' attribute needs its 'values'")
        return self


class Office(_Model):
    """A UN department, office or unit that might lead a role."""

    id: Id
    name: ShortText
    part_of: Id | None = None
    description: Text | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Holder(_Model):
    """Someone who holds a redline: a delegation, a group of participants, an office."""

    id: Id
    name: ShortText
    short: ShortText | None = Field(
        default=None,
        description=(
            "A short name for tables and sentences (`Freedonia`, `One participant`); `name` is "
            "kept for where the holder is described. Without it, tables use `name`."
        ),
    )
    description: Text | None = None
    holds: list[
        Annotated[str, Field(pattern=r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*:)?[a-z0-9]+(?:-[a-z0-9]+)*$")]
    ] = Field(
        default_factory=list,
        description=(
            "Ids of redlines written in another file (the shipped catalogue's, say) that this "
            "holder holds too: they then share one row. A redline whose id two files share is "
            "named LABEL:ID (see --redlines NAME=FILE)."
        ),
    )

    @property
    def label(self) -> str:
        """The name the holder goes by in tables and sentences: ``short``, else ``name``."""
        return self.short or self.name


# -- roles ----------------------------------------------------------------------------------------


class AttributeValue(_Model):
    """A role's value for one declared attribute, with where the value comes from."""

    value: Values
    basis: Annotated[Basis, _LAX]
    note: Text | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    alternatives: list[Reading] = Field(
        default_factory=list,
        description="Other readings of an analysis value a careful reader could take, each with "
        "why; firmness varies them.",
    )
    defining: bool | None = Field(
        default=None, description="The value is what the role is: negotiate keeps it (--vary note)."
    )

    model_config = ConfigDict(json_schema_extra=_NOTE_NEEDS_EVIDENCE)

    @model_validator(mode="after")
    def _note_needs_evidence(self) -> AttributeValue:
        if self.basis is Basis.NOTE and not self.evidence:
            raise ValueError("a value with basis 'note' needs at least one piece of evidence")
        problems = reading_problems(self.value, self.basis, self.alternatives)
        if problems:
            raise ValueError(problems[0])
        if self.basis is Basis.ASSUMED:
            raise ValueError(
                "basis 'assumed' is for what-if values (assumptions and scenarios), "
                "not for the catalogue: write 'note' or 'analysis'"
            )
        return self


class LeadCandidate(_Model):
    """A UN office that might lead a role, and why."""

    office: Id
    rationale: Text
    basis: Annotated[Basis, _LAX]
    evidence: list[Evidence] = Field(default_factory=list)


class Reception(_Model):
    """How participants received a role, and how many voices the note records."""

    stance: Annotated[ReceptionStance, _LAX]
    voices: Annotated[Voices, _LAX]
    summary: Text
    basis: Annotated[Basis, _LAX] = Basis.NOTE
    evidence: list[Evidence] = Field(default_factory=list)

    model_config = ConfigDict(json_schema_extra=_NOTE_NEEDS_EVIDENCE)

    @model_validator(mode="after")
    def _note_needs_evidence(self) -> Reception:
        if self.basis is Basis.NOTE and not self.evidence:
            raise ValueError("a reception with basis 'note' needs at least one piece of evidence")
        return self


class Role(_Model):
    """A candidate UN role in defense sector reform."""

    id: Id
    number: Annotated[int, Field(ge=1, le=999_999)]
    title: ShortText
    summary: Text
    levels: list[Annotated[Level, _LAX]] = Field(min_length=1)
    dimensions: list[Annotated[Dimension, _LAX]] = Field(min_length=1)
    attributes: dict[AttributeName, AttributeValue] = Field(default_factory=dict)
    leads: list[LeadCandidate] = Field(default_factory=list)
    reception: Reception
    concerns: list[Noted] = Field(default_factory=list)
    open_questions: list[Noted] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=2)


class Variant(_Model):
    """A role with named changes: an option of its own, with its own id and title."""

    id: Id
    title: ShortText
    base: Id = Field(description="The role it changes.")
    summary: Text | None = None
    changes: dict[AttributeName, Values] = Field(
        min_length=1, description="The attribute values that differ from the base role's."
    )


class Package(_Model):
    """Two or more roles taken together (the note's "and/or"): an option of its own."""

    id: Id
    title: ShortText
    members: list[Id] = Field(min_length=1, description="The roles taken together (two or more).")
    summary: Text | None = None


# -- redline rules --------------------------------------------------------------------------------


OPERATORS = ("equals", "in", "contains", "contains_any", "subset_of")


class AttributeTest(_Model):
    """A test of one attribute: exactly one of the operators is given."""

    attribute: AttributeName
    equals: Value | None = None
    in_: list[Value] | None = Field(default=None, alias="in", min_length=1)
    contains: Id | None = None
    contains_any: list[Id] | None = Field(default=None, min_length=1)
    subset_of: list[Id] | None = Field(default=None, min_length=1)

    model_config = ConfigDict(
        populate_by_name=False,
        serialize_by_alias=True,
        json_schema_extra=_exactly_one_of(OPERATORS),
    )

    _operator: str = PrivateAttr(default="")
    """The operator given, found once after validation: checking evaluates it per pair."""

    def model_post_init(self, context: Any, /) -> None:
        given = [name for name in OPERATORS if getattr(self, _field(name)) is not None]
        self._operator = given[0] if len(given) == 1 else ""

    @model_validator(mode="after")
    def _exactly_one_operator(self) -> AttributeTest:
        given = [name for name in OPERATORS if getattr(self, _field(name)) is not None]
        if len(given) != 1:
            listed = ", ".join(OPERATORS)
            raise ValueError(
                f"a test names exactly one operator of {listed}; this one has "
                f"{', '.join(given) if given else 'none'}"
            )
        return self

    @model_serializer(mode="wrap")
    def _only_the_operator(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {key: value for key, value in data.items() if value is not None}

    @property
    def operator(self) -> str:
        return self._operator

    @property
    def operand(self) -> Any:
        return getattr(self, _field(self._operator))


def _field(operator: str) -> str:
    return "in_" if operator == "in" else operator


class AllRule(_Model):
    """True when every sub-rule is true."""

    all: list[Rule] = Field(min_length=1)


class AnyRule(_Model):
    """True when at least one sub-rule is true."""

    any: list[Rule] = Field(min_length=1)


class NotRule(_Model):
    """True when the sub-rule is false."""

    not_: Rule = Field(alias="not")

    model_config = ConfigDict(serialize_by_alias=True)


def _rule_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {AllRule: "all", AnyRule: "any", NotRule: "not"}.get(type(value), "test")
    if isinstance(value, dict):
        for kind in ("all", "any", "not"):
            if kind in value:
                return kind
        return "test"
    return None


Rule = Annotated[
    Annotated[AllRule, Tag("all")]
    | Annotated[AnyRule, Tag("any")]
    | Annotated[NotRule, Tag("not")]
    | Annotated[AttributeTest, Tag("test")],
    Discriminator(
        _rule_kind,
        custom_error_type="rule_shape",
        custom_error_message="a rule is a mapping: all, any, not, or attribute with an operator",
    ),
]
"""A small declarative predicate over role attributes; true means the role crosses."""


class Redline(_Model):
    """A redline, principle or condition that bounds any UN role."""

    id: Id
    title: ShortText
    statement: Text
    origin: Annotated[Origin, _LAX]
    holders: list[Id] = Field(min_length=1)
    strictness: Annotated[Strictness, _LAX]
    strictness_basis: Annotated[Basis, _LAX] = Basis.ANALYSIS
    rule: Rule | None = Field(
        default=None,
        description="When a role crosses the redline (what must not hold). Give exactly one of "
        "'rule' and 'requires'.",
    )
    requires: Rule | None = Field(
        default=None,
        description="What must hold for a role not to cross (a role crosses when it does not "
        "hold). Give exactly one of 'rule' and 'requires'.",
    )
    applies_to: Rule | None = Field(
        default=None,
        description="Which roles the redline speaks to; every role when absent.",
    )
    repair: Text | None = Field(
        default=None, description="What a role would change to clear it, in words."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Quotes the redline rests on; without any it cannot be traced to a source.",
    )
    confidence: PositionConfidence | None = Field(
        default=None,
        description="How sure the file's writer is that the holders hold it; stated when absent.",
    )
    expect: Expectation | None = Field(
        default=None, description="The roles it should cross, clear, leave unknown (validate)."
    )

    _crossing: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _rule_or_requires(self) -> Redline:
        if (self.rule is None) == (self.requires is None):
            raise ValueError(
                "a redline gives exactly one of 'rule' (when a role crosses, e.g. "
                "{attribute: standing_un_capacity, equals: true}) and 'requires' (what must "
                "hold, e.g. {attribute: triggers, subset_of: [national-request]}); "
                + ("this one gives both" if self.rule is not None else "this one gives neither")
            )
        return self

    @model_serializer(mode="wrap")
    def _the_form_given(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Only the form written (``rule`` or ``requires``), not a null for the other."""
        data: dict[str, Any] = handler(self)
        for name in ("rule", "requires"):
            if data.get(name, 0) is None:
                del data[name]
        return data

    @property
    def crossing(self) -> Rule:
        """The rule that is true when a role crosses: ``rule``, or ``not requires``.

        Made on first use and kept while ``requires`` is the same object, so that a copy with
        another rule (``model_copy(update=...)``, as a what-if or a diff makes) never evaluates
        the old one.
        """
        if self.rule is not None:
            return self.rule
        requires = self.requires
        assert requires is not None  # exactly one of the two, checked on validation
        held: NotRule | None = self._crossing
        if held is None or held.not_ is not requires:
            held = NotRule.model_construct(not_=requires)
            self._crossing = held
        return held

    @property
    def condition_text(self) -> str:
        """``rule`` or ``requires``: the form the redline's writer chose."""
        return "requires" if self.requires is not None else "rule"


# -- files and the catalogue ----------------------------------------------------------------------


class RolesFile(_Model):
    """The contents of ``roles.yaml``."""

    schema_version: Literal[1]
    sources: list[Source] = Field(min_length=1)
    attributes: list[AttributeDecl] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    packages: list[Package] = Field(default_factory=list)


class RedlinesFile(_Model):
    """The contents of ``redlines.yaml``, or of a user's own redline file."""

    schema_version: Literal[1]
    sources: list[Source] = Field(default_factory=list)
    holders: list[Holder] = Field(default_factory=list)
    redlines: list[Redline] = Field(default_factory=list)


class Catalogue(_Model):
    """Roles, redlines and the vocabularies they use, loaded and cross-checked."""

    sources: list[Source]
    attributes: list[AttributeDecl]
    offices: list[Office]
    holders: list[Holder]
    roles: list[Role]
    redlines: list[Redline]
    variants: list[Variant] = Field(default_factory=list)
    packages: list[Package] = Field(default_factory=list)
    assumed: list[str] = Field(
        default_factory=list,
        description="What-if assumptions applied (ROLE.ATTRIBUTE=VALUE): not the catalogue's.",
    )
    scenarios: list[str] = Field(
        default_factory=list, description="The scenarios whose assumptions are applied."
    )
    redline_files: dict[str, str] = Field(
        default_factory=dict,
        description="The file each redline came from (its display path), by redline id.",
    )

    def redline_file(self, redline_id: str) -> str | None:
        return self.redline_files.get(redline_id)

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def attribute(self, name: str) -> AttributeDecl | None:
        return next((decl for decl in self.attributes if decl.id == name), None)

    def office(self, office_id: str) -> Office | None:
        return next((office for office in self.offices if office.id == office_id), None)

    def holder(self, holder_id: str) -> Holder | None:
        return next((holder for holder in self.holders if holder.id == holder_id), None)
