"""The ``attributes`` view: what a rule can test, its values, each role's value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.attributes import AttributeInfo, RoleValue
from dsr_options.analyses.repairs import value_text
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.safe import one_line

if TYPE_CHECKING:
    from dsr_options.render import Renderable

CSV_COLUMNS = ("attribute", "type", "values", "role", "value", "basis", "tested_by")
MARKDOWN_COLUMNS = ("attribute", "type", "values", "roles", "tested by")

OPERATORS_BY_TYPE = {
    "boolean": "equals: true | false",
    "choice": "equals: VALUE, in: [VALUE, ...]",
    "choices": "contains: VALUE, contains_any: [...], subset_of: [...]",
}
"""The operators a rule uses on each type of attribute."""


def role_value_text(value: RoleValue) -> str:
    if value.basis is None:
        return f"{value.role}: no value"
    return f"{value.role}: {value_text(value.value)} [{value.basis.value}]"


def values_text(info: AttributeInfo) -> str:
    if not info.decl.values:
        return "true, false"
    return ", ".join(v.id for v in info.decl.values)


@dataclass(frozen=True)
class AttributeList:
    """Every attribute a rule can test."""

    envelope_key = "attributes"

    attributes: Sequence[AttributeInfo]

    def data(self) -> Any:
        return [
            {
                "id": info.decl.id,
                "type": info.decl.type.value,
                "description": info.decl.description,
                "operators": OPERATORS_BY_TYPE[info.decl.type.value],
                "values": [{"id": v.id, "description": v.description} for v in info.decl.values]
                if info.decl.values
                else [True, False],
                "roles": [
                    {
                        "role": v.role,
                        "value": list(v.value) if isinstance(v.value, tuple) else v.value,
                        "basis": v.basis.value if v.basis is not None else None,
                    }
                    for v in info.roles
                ],
                "tested_by": list(info.tested_by),
            }
            for info in self.attributes
        ]

    def rows(self) -> Rows:
        rows = [
            {
                "attribute": info.decl.id,
                "type": info.decl.type.value,
                "values": values_text(info),
                "role": v.role,
                "value": value_text(v.value) if v.basis is not None else "",
                "basis": v.basis.value if v.basis is not None else "",
                "tested_by": ", ".join(info.tested_by),
            }
            for info in self.attributes
            for v in info.roles
        ]
        return rows, CSV_COLUMNS

    def markdown(self) -> str:
        rows = [
            {
                "attribute": info.decl.id,
                "type": info.decl.type.value,
                "values": "; ".join(f"{v.id}: {one_line(v.description)}" for v in info.decl.values)
                or "true, false",
                "roles": "; ".join(role_value_text(v) for v in info.roles),
                "tested by": ", ".join(info.tested_by) or "none",
            }
            for info in self.attributes
        ]
        return write_markdown_table(rows, MARKDOWN_COLUMNS)

    def table(self) -> Renderable:
        from dsr_options.render.terminal.attributes import attribute_list

        blocks = []
        for info in self.attributes:
            kind = info.decl.type.value
            rows = [("value", f"{v.id}: {one_line(v.description)}") for v in info.decl.values]
            if not info.decl.values:
                rows.append(("value", "true, false"))
            rows.append(("rule", OPERATORS_BY_TYPE[kind]))
            rows += [("role", role_value_text(v)) for v in info.roles]
            rows.append(("tested", "by " + (", ".join(info.tested_by) or "no redline")))
            blocks.append((info.decl.id, kind, one_line(info.decl.description), rows))
        return attribute_list(blocks)
