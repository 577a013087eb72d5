"""Tables that fit the terminal without cutting words: widths chosen at render time.

Widths are terminal cells (``rich.cells.cell_len``), not characters: a CJK character or an
emoji takes two. Rich shrinks a table that is too wide by cutting words mid-way and squeezing
columns to a few characters. ``FittedTable`` measures its cells when it knows the width it has:
every column gets at least its longest word, spare room goes where text is longest, and when
even the longest words do not fit side by side it shows the same rows stacked, one block per
row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from dsr_options.render.safe import visible

MAX_WORD = 40
"""Words up to this long (every id, in practice) are never cut: a column gets room for its
longest word, and when the columns cannot all have that room the rows are stacked instead.
Only a longer word may fold, so that a table always fits somewhere."""


@dataclass
class Column:
    heading: str
    justify: str = "left"
    style: str = ""
    weight: int = 1
    """How eagerly the column takes spare room, relative to the others."""
    keep_whole: bool = False
    """Never wrap a cell (short cells like ``✗ crosses``): the column gets its natural width."""
    min_width: int = 0
    """The narrowest the column may be and stay readable (a column of sentences squeezed to a
    dozen cells makes rows a screen tall): narrower than this, the rows are stacked instead."""


@dataclass
class FittedTable:
    """Rows of ``Text`` under headings, laid out for the width at hand."""

    columns: Sequence[Column]
    rows: list[Sequence[Text]] = field(default_factory=list)
    stacked: list[RenderableType] = field(default_factory=list)
    """The same rows as blocks, for a terminal too narrow for the columns."""
    caption: str | None = None

    def add_row(self, cells: Sequence[Text], block: RenderableType) -> None:
        self.rows.append(cells)
        self.stacked.append(block)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths is None:
            yield stacked(self.stacked)
            return
        yield self._table(widths)

    def _new_table(self) -> Table:
        table = Table(
            box=box.SIMPLE_HEAD,
            header_style="bold",
            pad_edge=False,
            show_edge=False,
            collapse_padding=True,
        )
        for column in self.columns:
            table.add_column(column.heading, justify=column.justify, style=column.style)  # type: ignore[arg-type]
        return table

    def _table(self, widths: list[int]) -> Table:
        table = self._new_table()
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            column.overflow = "fold"
        for row in self.rows:
            table.add_row(*row)
        return table

    def _widths(self, available: int) -> list[int] | None:
        """Column widths that fit ``available``, or None when only the stacked form fits."""
        room = available - table_overhead(len(self.columns))
        minimums, naturals = [], []
        for index, column in enumerate(self.columns):
            texts = [column.heading] + [row[index].plain for row in self.rows]
            lines = [line for text in texts for line in text.split("\n")]
            words = [word for line in lines for word in line.split()]
            naturals.append(max((cell_len(line) for line in lines), default=1))
            if column.keep_whole:
                minimums.append(naturals[-1])
            else:
                longest = min(max((cell_len(w) for w in words), default=1), MAX_WORD)
                minimums.append(max(longest, min(column.min_width, naturals[-1])))
        if sum(minimums) > room:
            return None
        widths = list(minimums)
        spare = room - sum(widths)
        # Hand out the spare room a column at a time, in proportion to weight and to how much
        # each column still wants, until every column has its natural width or the room is gone.
        while spare > 0:
            wanting = [i for i in range(len(widths)) if widths[i] < naturals[i]]
            if not wanting:
                break
            total = sum(self.columns[i].weight * (naturals[i] - widths[i]) for i in wanting)
            given = 0
            for i in wanting:
                share = spare * self.columns[i].weight * (naturals[i] - widths[i]) // total
                share = min(max(share, 1), naturals[i] - widths[i], spare - given)
                widths[i] += share
                given += share
                if given >= spare:
                    break
            spare -= given
        return widths


def table_overhead(columns: int) -> int:
    """The cells a ``FittedTable`` spends outside its text: with no outer edge and collapsed
    padding, one rule and one space between each two columns, none at the edges."""
    return 2 * (columns - 1)


class Responsive:
    """One renderable where the terminal is at least ``min_width`` wide, another below it."""

    def __init__(self, wide: RenderableType, narrow: RenderableType, min_width: int) -> None:
        self.wide = wide
        self.narrow = narrow
        self.min_width = min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def stacked(blocks: Sequence[RenderableType]) -> RenderableType:
    """Blocks one under another, a blank line between them."""
    items: list[RenderableType] = []
    for block in blocks:
        items += [block, Text("")]
    return Group(*items[:-1])


def cell(text: str, style: str = "") -> Text:
    """A table cell holding data text: shown as written, control characters made visible."""
    return Text(visible(text), style=style)


def copy_token(text: str, indent: int = 2) -> RenderableType:
    """Text meant to be copied (``--assume a.b=c``): one line, never wrapped or cut inside; a
    token wider than the terminal runs past its edge, so that copying it pastes it whole.
    (In a ``Group``: ``Console.print`` rewraps a bare ``Text`` by its own settings.)"""
    return Group(Text(" " * indent + visible(text), no_wrap=True, overflow="ignore", style="cyan"))


def section(title: str, body: Iterable[RenderableType]) -> list[RenderableType]:
    items = list(body)
    if not items:
        return []
    return [Text(""), Text(title, style="bold underline"), *items]


READABLE = 24
"""The narrowest a table's main column of sentences may be; narrower, the rows are stacked."""


def pairs_table(
    rows: Iterable[tuple[str, ...]], headings: Sequence[str], wide: int = -1
) -> FittedTable:
    """A plain table of text rows; column ``wide`` takes most of the spare width."""
    wide_index = wide % len(headings)
    table = FittedTable(
        [
            Column(h, weight=3, min_width=READABLE) if i == wide_index else Column(h)
            for i, h in enumerate(headings)
        ]
    )
    for row in rows:
        if not headings[0]:
            # A label column without a heading (``for``, ``against``): stacked, the label leads
            # its value, and no heading is made a prefix of every item.
            block = Text.assemble(
                (f"{visible(row[0])}: ", "bold"), " ".join(visible(v) for v in row[1:] if v)
            )
            table.add_row([cell(value) for value in row], block)
            continue
        block = Text("\n").join(
            Text.assemble((f"{heading}: ", "bold"), visible(value))
            for heading, value in zip(headings, row, strict=True)
            if value
        )
        table.add_row([cell(value) for value in row], block)
    return table


def provenance_lines(provenance: Any) -> list[str]:
    """The provenance header of a terminal report, as lines of words."""
    lines = [
        f"dsr-options {provenance.version} · {provenance.date} · catalogue {provenance.catalogue} "
        f"(sha256 {provenance.catalogue_hash}) · redlines: "
        f"{', '.join(provenance.redlines) or 'none'}"
    ]
    if provenance.only:
        lines.append(
            f"SUBSET: only {', '.join(provenance.only)} evaluated; "
            "verdicts are over this subset, not the full set"
        )
    if provenance.scenario:
        lines.append(f"Scenario: {provenance.scenario}")
    if provenance.assumptions:
        lines.append(f"Assuming: {'; '.join(provenance.assumptions)}")
    return lines


def with_provenance(body: RenderableType, provenance: Any) -> RenderableType:
    """``body`` under its provenance header (dim; a subset in bold, so it is not missed)."""
    header = [
        Text(visible(line), style="bold" if line.startswith("SUBSET") else "dim")
        for line in provenance_lines(provenance)
    ]
    return Group(*header, Text(""), body)


PROSE_WIDTH = 100
"""Prose (sentences, quotes) wraps at most this wide, however wide the terminal: longer lines
are hard to follow. Tables still take the whole width."""


def prose(body: RenderableType) -> RenderableType:
    """``body`` wrapped at ``PROSE_WIDTH`` at most."""
    from rich.constrain import Constrain

    return Constrain(body, PROSE_WIDTH)
