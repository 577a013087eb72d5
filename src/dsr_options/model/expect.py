"""What a redline's writer expects it to say about roles: ``expect:``, checked by ``validate``."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

RoleId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]


class Expectation(BaseModel):
    """The roles a redline's writer expects it to cross, to clear, or to leave unknown.

    Written first, like a test: ``validate`` evaluates the redline against the catalogue in use
    and reports every role whose outcome differs, at the role's place in the list, with why. A
    role the redline does not apply to clears it. Roles left out are not checked.
    """

    crosses: list[RoleId] = Field(
        default_factory=list, description="Roles the writer expects to cross the redline."
    )
    clears: list[RoleId] = Field(
        default_factory=list,
        description="Roles the writer expects not to cross it (clear, or outside its scope).",
    )
    unknown: list[RoleId] = Field(
        default_factory=list,
        description="Roles the writer expects the catalogue cannot decide (a value is missing).",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @model_validator(mode="after")
    def _each_role_once(self) -> Expectation:
        seen: dict[str, str] = {}
        for outcome in ("crosses", "clears", "unknown"):
            for role in getattr(self, outcome):
                if role in seen:
                    raise ValueError(
                        f"role '{role}' is expected under both {seen[role]} and {outcome}"
                    )
                seen[role] = outcome
        return self

    def expected(self) -> list[tuple[str, int, str]]:
        """(outcome key, index, role id) for every role named, in the order written."""
        return [
            (outcome, index, role)
            for outcome in ("crosses", "clears", "unknown")
            for index, role in enumerate(getattr(self, outcome))
        ]
