"""Rich tables for people at a terminal. Every data string goes in as ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dsr_options.model.catalogue import AttributeValue, Catalogue, Evidence, Noted, Role
from dsr_options.render.layout import Column, FittedTable, cell, pairs_table, prose, section
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import visible
from dsr_options.render.words import plain_quote, reception_text, voices_text

if TYPE_CHECKING:
    from dsr_options.analyses.evaluate import RoleVerdict

HEADINGS = {
    "number": "#",
    "id": "Id",
    "title": "Title",
    "levels": "Levels",
    "dimensions": "Dimensions",
    "leads": "Lead candidates",
    "reception": "Reception",
    "voices": "Voices",
}


def role_list_table(rows: Sequence[Mapping[str, str]]) -> RenderableType:
    if not rows:
        return Text("No role matches.", style="yellow")
    verdicts = "verdict" in rows[0]
    table = FittedTable(
        [
            Column("Role", weight=3),
            *([Column("Verdict"), Column("Firmness")] if verdicts else []),
            Column("Levels"),
            Column("Dimensions"),
            Column("Leads"),
            Column("Reception"),
        ]
    )
    for row in rows:
        judged = [cell(row["verdict"], "bold"), cell(row["firmness"])] if verdicts else []
        said = (
            f"\nverdict: {visible(row['verdict'])}\nfirmness: {visible(row['firmness'])}"
            if verdicts
            else ""
        )
        reception = reception_text(row["reception"], row["voices"])
        style = _RECEPTION_STYLE.get(row["reception"], "")
        table.add_row(
            [
                Text.assemble(
                    (f"({visible(row['number'])}) {visible(row['title'])}", "bold"),
                    "\n",
                    (visible(row["id"]), "cyan"),
                ),
                *judged,
                *(cell(row[key]) for key in ("levels", "dimensions", "leads")),
                Text.assemble((visible(row["reception"]), style), "\n", voices_text(row["voices"])),
            ],
            Text.assemble(
                (f"{row['number']}. ", "bold"),
                (visible(row["id"]), "cyan"),
                "\n",
                (visible(row["title"]), "bold"),
                said,
                f"\nlevels: {visible(row['levels'])}",
                f"\ndimensions: {visible(row['dimensions'])}",
                f"\nleads: {visible(row['leads'])}",
                "\nreception: ",
                (visible(reception), style),
            ),
        )
    return table


_RECEPTION_STYLE = {"support": "green", "mixed": "yellow", "skeptical": "red"}


def _with_quotes(text: str, evidence: Sequence[Evidence]) -> str:
    """``text``, then each quote backing it on a line of its own."""
    from dsr_options.render.words import quote_text

    return "\n".join([text, *(quote_text(item) for item in evidence)]).strip("\n")


def noted_block(item: Noted) -> RenderableType:
    """A bullet, its text hanging beside it, and under the text the quotes that back it."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("•", cell(_with_quotes(f"{item.text} [{item.basis.value}]", item.evidence)))
    return grid


def _attribute(phrases: Phrases, name: str, value: AttributeValue) -> RenderableType:
    """``label: value [basis]`` in the vocabulary's words, then indented: why, and the quotes
    that back it."""
    head = Text.assemble(
        (f"{visible(phrases.attribute(name))}: ", "bold"),
        visible(f"{phrases.shown(name, value.value)} [{value.basis.value}]"),
    )
    body = _with_quotes(value.note or "", value.evidence)
    return Group(head, Padding(cell(body), (0, 0, 0, 2))) if body else head


def role_detail_view(
    role: Role, catalogue: Catalogue, verdict: RoleVerdict | None = None
) -> RenderableType:
    """Everything about one role, and after it its redline results when given."""
    """Everything about a role; each part followed by the quotes attached to it."""

    header = Text.assemble(
        (f"({role.number}) ", "bold"), (visible(role.title), "bold"), ("  ", ""), (role.id, "cyan")
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("Levels", cell(", ".join(level.value for level in role.levels)))
    facts.add_row("Dimensions", cell(", ".join(d.value for d in role.dimensions)))
    reception = role.reception
    facts.add_row(
        "Reception",
        Text.assemble(
            (reception.stance.value, _RECEPTION_STYLE.get(reception.stance.value, "")),
            f" ({voices_text(reception.voices.value)}): ",
            visible(_with_quotes(reception.summary, reception.evidence)),
        ),
    )
    parts: list[RenderableType] = [header]
    if verdict is not None:
        from dsr_options.render.terminal.check import verdict_lead

        parts += verdict_lead(verdict, Phrases.of(catalogue))
    parts += [prose(cell(plain_quote(role.summary))), Text(""), facts]
    parts += section(
        "Attributes",
        [_attribute(Phrases.of(catalogue), name, v) for name, v in role.attributes.items()],
    )
    parts += section(
        "Lead candidates",
        [
            pairs_table(
                (
                    (
                        _office_name(catalogue, lead.office),
                        lead.basis.value,
                        _with_quotes(lead.rationale, lead.evidence),
                    )
                    for lead in role.leads
                ),
                ("Office", "Basis", "Rationale"),
            )
        ]
        if role.leads
        else [],
    )
    parts += section("Concerns", [noted_block(item) for item in role.concerns])
    parts += section("Open questions", [noted_block(item) for item in role.open_questions])
    parts += section(
        "Evidence on the role as a whole",
        [
            pairs_table(
                ((f"“{plain_quote(e.quote)}”", e.section, e.stance.value) for e in role.evidence),
                ("Quote", "Section", "Stance"),
                wide=0,
            )
        ],
    )
    if verdict is not None:
        from dsr_options.render.terminal.check import role_redlines_section

        parts += role_redlines_section(verdict, Phrases.of(catalogue))
    return Group(*parts)


def _office_name(catalogue: Catalogue, office_id: str) -> str:
    office = catalogue.office(office_id)
    return office.name if office else office_id
