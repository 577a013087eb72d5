"""The ``negotiate`` view at a terminal: the holder x role matrix, then the joint changes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.render.layout import Column, FittedTable, cell, copy_token, section
from dsr_options.render.safe import visible

_STYLE = {"out": "bold red", "flagged": "yellow", "conditional": "blue", "clear": "green"}
"""Colour by the verdict's JSON value (colour is never the only signal: the cell has the words)."""

ForumParts = tuple[str, Sequence[str], Sequence[tuple[str, Sequence[str]]], Sequence[str]]
"""The forum's sentence, the bloc table's headings and rows (role, cells), and its lines."""
MatrixRow = tuple[str, Sequence[tuple[str, str, str]], str]
"""(role id, (holder, verdict, cell text) per holder, "n/m" acceptable)."""


def negotiate_view(
    sentence: str,
    design: Sequence[str],
    holders: Sequence[str],
    matrix: Sequence[MatrixRow],
    everyone: str,
    lines: Sequence[tuple[str, Sequence[str]]],
    conflicts: Sequence[str],
    bound: str,
    closest: str = "",
    forum: ForumParts | None = None,
) -> RenderableType:
    if not holders:
        return Text("No holder holds a redline.", style="yellow")
    table = FittedTable(
        [
            Column("Role", style="cyan"),
            *[Column(h) for h in holders],
            Column("Acceptable to", keep_whole=True),
        ]
    )
    for role, cells, count in matrix:
        row = [cell(role)]
        block = [Text(visible(role), style="cyan")]
        for holder, verdict, text in cells:
            row.append(cell(text, _STYLE.get(verdict, "")))
            block.append(Text(f"{visible(holder)}: {visible(text)}"))
        row.append(cell(count))
        block.append(Text(f"acceptable to {count}"))
        table.add_row(row, Text("\n").join(block))
    parts: list[RenderableType] = [cell(sentence, "bold"), Text("")] if sentence else []
    if forum is not None:  # the forum's answer, in one sentence, first too
        parts += [cell(forum[0], "bold"), Text("")]
    parts.append(table)
    parts += section("Acceptable to every holder", [cell(everyone)])
    changes = [_change(line, tokens) for line, tokens in lines]
    parts += section("Smallest joint changes", ([cell(closest)] if closest else []) + changes)
    parts += section("Conflicts", [cell(text, "red") for text in conflicts])
    parts += section("Every design", [cell(line) for line in design])
    if forum is not None:
        parts += _forum(*forum)
    parts += [Text(""), cell(bound, "dim")]
    return Group(*parts)


def _forum(
    sentence: str,
    headings: Sequence[str],
    rows: Sequence[tuple[str, Sequence[str]]],
    lines: Sequence[str],
) -> list[RenderableType]:
    """The forum: its answer in one sentence, the bloc x role table (stacked blocks when the
    columns would cut a word), then each role's answer in a line."""
    headings = [h[:1].upper() + h[1:] for h in headings]
    # The answers want room more than the titles do: a title wraps first.
    table = FittedTable(
        [Column("Role", style="cyan"), *[Column(h, weight=4, min_width=12) for h in headings]]
    )
    for role, cells in rows:
        block = [Text(visible(role), style="cyan")]
        block += [Text(f"{visible(h)}: {visible(c)}") for h, c in zip(headings, cells, strict=True)]
        table.add_row([cell(role), *[cell(c) for c in cells]], Text("\n").join(block))
    del sentence  # said first, under the design space's answer
    return section("The forum", [table, Text("")]) + [cell(line) for line in lines]


def _change(line: str, tokens: Sequence[str]) -> RenderableType:
    """A role's joint changes, then each ``--assume`` token on a line of its own, never wrapped
    inside: a token wider than the terminal runs on rather than being cut, so that it pastes."""
    parts: list[RenderableType] = [cell(line)]
    if tokens:
        parts.append(Text("  To reproduce:", style="dim"))
    parts += [copy_token(token) for token in tokens]
    return Group(*parts)
