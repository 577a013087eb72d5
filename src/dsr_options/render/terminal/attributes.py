"""The ``attributes`` listing at a terminal: one block per attribute."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.analyses.attributes import AttributeInfo
from dsr_options.render.layout import cell, pairs_table
from dsr_options.render.safe import one_line, visible


def attribute_list(attributes: Sequence[AttributeInfo]) -> RenderableType:
    from dsr_options.render.views.attributes import OPERATORS_BY_TYPE, role_value_text

    if not attributes:
        return Text("No attribute is declared.", style="yellow")
    parts: list[RenderableType] = []
    for info in attributes:
        if parts:
            parts.append(Text(""))
        kind = info.decl.type.value
        parts.append(Text.assemble((visible(info.decl.id), "bold cyan"), "  ", (kind, "bold")))
        parts.append(cell(one_line(info.decl.description)))
        rows = [("value", f"{v.id}: {one_line(v.description)}") for v in info.decl.values]
        if not info.decl.values:
            rows.append(("value", "true, false"))
        rows.append(("rule", OPERATORS_BY_TYPE[kind]))
        rows += [("role", role_value_text(v)) for v in info.roles]
        rows.append(("tested", "by " + (", ".join(info.tested_by) or "no redline")))
        parts.append(pairs_table(rows, ("", "Values, roles and redlines"), wide=1))
    return Group(*parts)
