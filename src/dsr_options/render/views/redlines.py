"""Redlines: the ``redlines`` listing in every output format."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.model.catalogue import Catalogue, Redline
from dsr_options.render import Rows
from dsr_options.render.explain import redline_text
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import holder_label
from dsr_options.render.readback import redline_phrase
from dsr_options.render.safe import markdown_cell, one_line
from dsr_options.render.words import applies_to_text, redline_origins_text

if TYPE_CHECKING:
    from dsr_options.render import Renderable

LIST_COLUMNS = ("id", "title", "strictness", "origin", "holders", "applies_to", "rule", "reads")


def redline_data(redline: Redline) -> dict[str, Any]:
    """The full redline as plain JSON-ready data."""
    return redline.model_dump(mode="json", by_alias=True)


def _row(redline: Redline, catalogue: Catalogue) -> dict[str, str]:
    holders = [catalogue.holder(h) for h in redline.holders]
    return {
        "id": redline.id,
        "title": redline.title,
        "strictness": redline.strictness.value,
        "origin": redline.origin.value,
        "holders": ", ".join(
            h.label if h else hid for h, hid in zip(holders, redline.holders, strict=True)
        ),
        "applies_to": applies_to_text(redline),
        "rule": redline_text(redline),
        "reads": reads(redline, catalogue),
    }


def reads(redline: Redline, catalogue: Catalogue) -> str:
    """The redline read back in words, from the catalogue's descriptions (render.readback)."""
    decls = {decl.id: decl for decl in catalogue.attributes}
    names = [holder_label(h) if (h := catalogue.holder(hid)) else hid for hid in redline.holders]
    return redline_phrase(redline, decls, names)


@dataclass(frozen=True)
class RedlineList:
    """The redlines, one row each."""

    redlines: Sequence[Redline]
    catalogue: Catalogue
    envelope_key = "redlines"
    """Where schema 2's envelope puts this list (see render.envelope)."""

    def data(self) -> Any:
        redlines = self.redlines
        files = self.catalogue.redline_files
        return [
            {**redline_data(r), "file": files.get(r.id), "reads": reads(r, self.catalogue)}
            for r in redlines
        ]

    def rows(self) -> Rows:
        redlines, catalogue = self.redlines, self.catalogue
        rows = [_row(redline, catalogue) for redline in redlines]
        full = [
            {
                **row,
                "statement": one_line(r.statement),
                "file": catalogue.redline_files.get(r.id) or "",
            }
            for row, r in zip(rows, redlines, strict=True)
        ]
        return full, [*LIST_COLUMNS, "statement", "file"]

    def markdown(self) -> str:
        redlines, catalogue = self.redlines, self.catalogue
        rows = [
            {**_row(redline, catalogue), "file": catalogue.redline_files.get(redline.id) or ""}
            for redline in redlines
        ]
        intro = markdown_cell(redline_origins_text(redlines)) + ".\n\n" if redlines else ""
        return intro + write_markdown_table(rows, [*LIST_COLUMNS, "file"])

    def table(self) -> Renderable:
        redlines, catalogue = self.redlines, self.catalogue
        rows = [_row(redline, catalogue) for redline in redlines]
        from dsr_options.render.terminal.redlines import redline_list_table

        intro = redline_origins_text(redlines) + "." if redlines else ""
        return redline_list_table(rows, intro)


def read_back(catalogue: Catalogue, file: str) -> str:
    """``validate --explain``: each redline of the catalogue read back in words, and what it does
    to the catalogue's roles (what an ``expect:`` would say)."""
    from dsr_options.validate.expect import expected

    lines = [f"{file}: what each redline says"]
    for redline in catalogue.redlines:
        head = f"{redline.id} ({redline.strictness.value}): {reads(redline, catalogue)}"
        lines += textwrap.wrap(head, 100, initial_indent="  ", subsequent_indent="    ")
        found = expected(catalogue.roles, redline)
        said = "; ".join(f"{key} {', '.join(ids)}" for key, ids in found.items() if ids)
        stand = f"as the roles stand: {said or 'no role'}"
        lines += textwrap.wrap(stand, 100, initial_indent="    ", subsequent_indent="      ")
    return "\n".join(lines) + "\n"
