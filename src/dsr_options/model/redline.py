"""A redline and its rule: the predicate over role attributes that says when a role crosses it.

What a rule *means* (Kleene truth, the verdict) lives in ``rules.py``, the rule engine; these are
the models the files are validated into. No I/O here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    Tag,
    model_serializer,
    model_validator,
)

from dsr_options.model.base import (
    LAX,
    AttributeName,
    Evidence,
    Id,
    ShortText,
    StrictModel,
    Text,
    Value,
    exactly_one_of,
)
from dsr_options.model.expect import Expectation
from dsr_options.model.judgements import PositionConfidence
from dsr_options.model.vocabulary import Basis, Origin, Strictness

# -- redline rules --------------------------------------------------------------------------------


OPERATORS = ("equals", "in", "contains", "contains_any", "subset_of")


class AttributeTest(StrictModel):
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
        json_schema_extra=exactly_one_of(OPERATORS),
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


class AllRule(StrictModel):
    """True when every sub-rule is true."""

    all: list[Rule] = Field(min_length=1)


class AnyRule(StrictModel):
    """True when at least one sub-rule is true."""

    any: list[Rule] = Field(min_length=1)


class NotRule(StrictModel):
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


class Redline(StrictModel):
    """A redline, principle or condition that bounds any UN role."""

    id: Id
    title: ShortText
    statement: Text
    origin: Annotated[Origin, LAX]
    holders: list[Id] = Field(min_length=1)
    strictness: Annotated[Strictness, LAX]
    strictness_basis: Annotated[Basis, LAX] = Basis.ANALYSIS
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
