"""What-if outputs state their assumptions: a view wrapped so no format can pass one off.

``stated(view, catalogue)`` returns ``view`` itself when the catalogue carries no assumption, so
that plain outputs are unchanged; otherwise every format opens with the assumptions: JSON/YAML
under ``what_if`` (a list view's items keep their key, ``roles`` for ``list``), CSV in an
``assumptions`` column of every row, Markdown and the terminal in a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.render import Rows, View

if TYPE_CHECKING:
    from dsr_options.model.catalogue import Catalogue
    from dsr_options.render import Renderable

WARNING = "what-if: values marked [assumed] are assumptions, not the catalogue's"


@dataclass(frozen=True)
class WhatIf:
    """A view under assumptions."""

    view: View
    assumed: tuple[str, ...]
    scenarios: tuple[str, ...] = ()

    def header(self) -> dict[str, Any]:
        return {
            "warning": WARNING,
            "scenarios": list(self.scenarios),
            "assumptions": list(self.assumed),
        }

    def lines(self) -> list[str]:
        lines = [WARNING]
        if self.scenarios:
            lines.append("scenario: " + ", ".join(self.scenarios))
        lines.append("assumed: " + "; ".join(self.assumed))
        return lines

    @property
    def envelope_key(self) -> str:
        """The key of a list view's items: the wrapped view's, so that a script finds the
        roles under ``roles`` with or without assumptions."""
        return str(getattr(self.view, "envelope_key", "items"))

    def data(self) -> Any:
        data = self.view.data()
        if isinstance(data, dict):
            return {"what_if": self.header(), **data}
        return {"what_if": self.header(), self.envelope_key: data}

    def rows(self) -> Rows:
        rows, columns = self.view.rows()
        text = " | ".join(self.lines())
        return [{"assumptions": text, **row} for row in rows], ["assumptions", *columns]

    def markdown(self) -> str:
        header = "".join(
            f"> **{line}**\n" if i == 0 else f"> {line}\n" for i, line in enumerate(self.lines())
        )
        return header + "\n" + self.view.markdown()

    def table(self) -> Renderable:
        from dsr_options.render.terminal.firmness import what_if_header

        return what_if_header(self.view.table(), self.lines())


def stated(view: View, catalogue: Catalogue) -> View:
    """``view`` stating the catalogue's assumptions, or ``view`` itself when it has none."""
    if not catalogue.assumed:
        return view
    return WhatIf(view, tuple(catalogue.assumed), tuple(catalogue.scenarios))
