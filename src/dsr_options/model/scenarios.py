"""Pydantic model of a scenario file: named sets of what-if assumptions over roles.

.. code-block:: yaml

    schema_version: 1
    scenarios:
      - id: mandate-only
        title: Triggers limited to a Security Council mandate
        every_role:
          triggers: [security-council-mandate]
      - id: member-state-advice
        title: Strategic advice delivered by seconded Member-State experts
        roles:
          strategic-advice:
            delivered_by: [member-state-experts-seconded]
            standing_un_capacity: false

A value is ``true``/``false``, a value id, a list of value ids, or ``null`` for unknown. Which
roles, attributes and values exist is checked against the catalogue (``dsr-options validate``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator

from dsr_options.model.base import (
    AttributeName,
    Id,
    ShortText,
    StrictModel,
    Text,
    parse_values,
)


def _maybe_values(value: Any) -> Any:
    return None if value is None else parse_values(value)


AssumedValue = Annotated[
    bool | str | tuple[str, ...] | None,
    PlainValidator(_maybe_values, json_schema_input_type=bool | Id | list[Id] | None),
]
"""An assumed value; ``null`` takes the role's value away (unknown)."""


class Scenario(StrictModel):
    """One named scenario: assumptions for every role, and for named roles."""

    id: Id
    title: ShortText
    description: Text | None = None
    every_role: dict[AttributeName, AssumedValue] = Field(
        default_factory=dict, description="Values assumed for every role."
    )
    roles: dict[Id, dict[AttributeName, AssumedValue]] = Field(
        default_factory=dict, description="Values assumed for one role each (after every_role)."
    )


class ScenariosFile(StrictModel):
    """The contents of a scenario file."""

    schema_version: Literal[1]
    scenarios: list[Scenario] = Field(min_length=1)
