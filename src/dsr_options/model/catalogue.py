"""Pydantic models of the catalogue: roles, the vocabularies they use, the two files, the whole.

Fixed structure lives here; open vocabularies (attributes, offices, holders) are data declared in
the catalogue files and checked against these declarations in ``validate/``. Redlines and their
rules are in ``redline.py``, the pieces every model is made of in ``base.py``; both are
re-exported here, so ``from dsr_options.model.catalogue import Redline`` keeps working. No I/O.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from dsr_options.model.base import (
    LAX,
    MAX_QUOTE_LENGTH,
    NOTE_NEEDS_EVIDENCE,
    VALUES_MATCH_TYPE,
    AttributeName,
    Date,
    Evidence,
    Id,
    Label,
    Noted,
    ShortText,
    Source,
    StrictModel,
    Text,
    Value,
    Values,
)
from dsr_options.model.judgements import Reading, reading_problems
from dsr_options.model.redline import (
    OPERATORS,
    AllRule,
    AnyRule,
    AttributeTest,
    NotRule,
    Redline,
    Rule,
)
from dsr_options.model.vocabulary import (
    AttributeType,
    Basis,
    Dimension,
    Level,
    ReceptionStance,
    Voices,
)

__all__ = [
    "MAX_QUOTE_LENGTH",
    "OPERATORS",
    "AllRule",
    "AnyRule",
    "AttributeDecl",
    "AttributeName",
    "AttributeTest",
    "AttributeValue",
    "AttributeValueDecl",
    "Catalogue",
    "Date",
    "Evidence",
    "Holder",
    "Id",
    "Label",
    "LeadCandidate",
    "NotRule",
    "Noted",
    "Office",
    "Package",
    "Reception",
    "Redline",
    "RedlinesFile",
    "Role",
    "RolesFile",
    "Rule",
    "ShortText",
    "Source",
    "StrictModel",
    "Text",
    "Value",
    "Values",
    "Variant",
]


# -- open vocabularies, declared in the data ------------------------------------------------------


class AttributeValueDecl(StrictModel):
    """One allowed value of a ``choice`` or ``choices`` attribute."""

    id: Id
    description: ShortText
    label: Label | None = Field(default=None, description="The value in a few plain words.")


class AttributeDecl(StrictModel):
    """An attribute that roles carry and redline rules test."""

    id: AttributeName
    type: Annotated[AttributeType, LAX]
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

    model_config = ConfigDict(json_schema_extra=VALUES_MATCH_TYPE)

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


class Office(StrictModel):
    """A UN department, office or unit that might lead a role."""

    id: Id
    name: ShortText
    part_of: Id | None = None
    description: Text | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Holder(StrictModel):
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

    member_of: list[Id] = Field(
        default_factory=list,
        description="Ids of the blocs the holder belongs to (declared under `blocs`).",
    )

    @property
    def label(self) -> str:
        """The name the holder goes by in tables and sentences: ``short``, else ``name``."""
        return self.short or self.name


class Bloc(StrictModel):
    """A group of holders that speaks together (the Non-Aligned Movement, the African Group).

    Its members are the holders listed here and those whose ``member_of`` names it. A redline
    whose ``holders`` names the bloc is the bloc's position as a whole."""

    id: Id
    name: ShortText
    short: ShortText | None = Field(
        default=None, description="A short name for tables and sentences (`NAM`)."
    )
    description: Text | None = None
    members: list[Id] = Field(
        default_factory=list,
        description="Holders in the bloc (besides those whose member_of names it).",
    )

    @property
    def label(self) -> str:
        return self.short or self.name


# -- roles ----------------------------------------------------------------------------------------


class AttributeValue(StrictModel):
    """A role's value for one declared attribute, with where the value comes from."""

    value: Values
    basis: Annotated[Basis, LAX]
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

    model_config = ConfigDict(json_schema_extra=NOTE_NEEDS_EVIDENCE)

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


class LeadCandidate(StrictModel):
    """A UN office that might lead a role, and why."""

    office: Id
    rationale: Text
    basis: Annotated[Basis, LAX]
    evidence: list[Evidence] = Field(default_factory=list)


class Reception(StrictModel):
    """How participants received a role, and how many voices the note records."""

    stance: Annotated[ReceptionStance, LAX]
    voices: Annotated[Voices, LAX]
    summary: Text
    basis: Annotated[Basis, LAX] = Basis.NOTE
    evidence: list[Evidence] = Field(default_factory=list)

    model_config = ConfigDict(json_schema_extra=NOTE_NEEDS_EVIDENCE)

    @model_validator(mode="after")
    def _note_needs_evidence(self) -> Reception:
        if self.basis is Basis.NOTE and not self.evidence:
            raise ValueError("a reception with basis 'note' needs at least one piece of evidence")
        return self


class Role(StrictModel):
    """A candidate UN role in defense sector reform."""

    id: Id
    number: Annotated[int, Field(ge=1, le=999_999)]
    title: ShortText
    short: Label | None = Field(
        default=None,
        description=(
            "A short name for table headings (`Strategic advice`); `title` is kept for sentences "
            "and where the role is described. Without it, headings use the id."
        ),
    )
    summary: Text
    levels: list[Annotated[Level, LAX]] = Field(min_length=1)
    dimensions: list[Annotated[Dimension, LAX]] = Field(min_length=1)
    attributes: dict[AttributeName, AttributeValue] = Field(default_factory=dict)
    leads: list[LeadCandidate] = Field(default_factory=list)
    reception: Reception
    concerns: list[Noted] = Field(default_factory=list)
    open_questions: list[Noted] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=2)


class Variant(StrictModel):
    """A role with named changes: an option of its own, with its own id and title."""

    id: Id
    title: ShortText
    base: Id = Field(description="The role it changes.")
    summary: Text | None = None
    changes: dict[AttributeName, Values] = Field(
        min_length=1, description="The attribute values that differ from the base role's."
    )


class Package(StrictModel):
    """Two or more roles taken together (the note's "and/or"): an option of its own."""

    id: Id
    title: ShortText
    members: list[Id] = Field(min_length=1, description="The roles taken together (two or more).")
    summary: Text | None = None


# -- files and the catalogue ----------------------------------------------------------------------


class RolesFile(StrictModel):
    """The contents of ``roles.yaml``."""

    schema_version: Literal[1]
    sources: list[Source] = Field(min_length=1)
    attributes: list[AttributeDecl] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    packages: list[Package] = Field(default_factory=list)


class RedlinesFile(StrictModel):
    """The contents of ``redlines.yaml``, or of a user's own redline file."""

    schema_version: Literal[1]
    sources: list[Source] = Field(default_factory=list)
    holders: list[Holder] = Field(default_factory=list)
    redlines: list[Redline] = Field(default_factory=list)
    blocs: list[Bloc] = Field(
        default_factory=list, description="Groups of holders that speak together."
    )


class Catalogue(StrictModel):
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
    blocs: list[Bloc] = Field(
        default_factory=list, description="Groups of holders, from every redline file."
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
        """The holder, or a bloc that holds a redline as a whole, by its names."""
        found = next((holder for holder in self.holders if holder.id == holder_id), None)
        if found is None:
            bloc = next((b for b in self.blocs if b.id == holder_id), None)
            if bloc is not None:
                return Holder.model_construct(
                    id=bloc.id, name=bloc.name, short=bloc.short, description=bloc.description
                )
        return found
