"""The ``compare`` table: roles as columns, one row per aspect, stacked where a table won't fit.

Kept apart from ``tables`` (whose ``cell`` and ``Responsive`` it uses) because it sizes itself:
it lays out a table only when every column gets room for its longest word, so that rich never
has to cut a word that would fit; otherwise it stacks the same rows, losing none.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dsr_options.analyses.compare import Aspect, Comparison
from dsr_options.model.catalogue import Role
from dsr_options.render.layout import MAX_WORD, Responsive, cell
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import visible
from dsr_options.render.words import DIFFERS_MARK, comparison_summary, value_texts

DIFFERS_STYLE = "yellow"
MARK_STYLE = "bold yellow"
MIN_VALUE_WIDTH = 12
STACKED_VALUE_WIDTH = 30
"""Stacked, a value goes beside its role id only when that leaves it this many columns."""
GAP = 2
"""Columns are separated by one space of padding and one of (invisible) rule."""


def comparison_table(result: Comparison, phrases: Phrases | None = None) -> RenderableType:
    """The summary line, then the roles side by side (or stacked on a narrow terminal)."""
    summary = cell(comparison_summary(result.summary), "bold")
    if not result.aspects:
        return Group(summary, cell("No aspect differs.", "green"))
    texts = {aspect.name: value_texts(aspect, "\n", phrases) for aspect in result.aspects}
    label_width = 2 + min(MAX_WORD, max(_longest_word(a.label) for a in result.aspects))
    value_widths = [
        max(
            MIN_VALUE_WIDTH,
            min(
                MAX_WORD,
                max(
                    _longest_word(_heading_text(role)),
                    *(_longest_word(texts[a.name][role.id]) for a in result.aspects),
                ),
            ),
        )
        for role in result.roles
    ]
    needed = label_width + sum(value_widths) + GAP * len(value_widths)
    wide = _wide(result, texts, label_width, value_widths)
    stacked = _stacked(result, {a.name: value_texts(a, ", ", phrases) for a in result.aspects})
    return Group(summary, Text(""), Responsive(wide, stacked, min_width=needed))


def _label(aspect: Aspect) -> str:
    return f"{DIFFERS_MARK if aspect.differs else ' '} {aspect.label}"


def _heading_text(role: Role) -> str:
    return f"({role.number}) {role.id}\n{role.title}"


def _heading(role: Role) -> Text:
    """``(1) strategic-advice``: one line, so that every heading starts on the same line (rich
    aligns headings to the bottom); the titles follow in the first row, aligned to the top."""
    return Text.assemble((f"({role.number}) ", "bold"), (visible(role.id), "bold cyan"))


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in visible(text).split()), default=0)


def _wide(
    result: Comparison,
    texts: dict[str, dict[str, str]],
    label_width: int,
    value_widths: list[int],
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    # Top-aligned: a heading whose title wraps to more lines does not push the others down.
    table.add_column("  Aspect", min_width=label_width, overflow="fold", vertical="top")
    for role, width in zip(result.roles, value_widths, strict=True):
        table.add_column(_heading(role), min_width=width, ratio=1, overflow="fold", vertical="top")
    table.add_row(cell("  title", "bold"), *(cell(role.title, "bold") for role in result.roles))
    for aspect in result.aspects:
        style = DIFFERS_STYLE if aspect.differs else ""
        table.add_row(
            cell(_label(aspect), MARK_STYLE if aspect.differs else "bold"),
            *(cell(texts[aspect.name][role.id]) for role in result.roles),
            style=style,
        )
    return table


def _stacked(result: Comparison, texts: dict[str, dict[str, str]]) -> RenderableType:
    """The roles first, then each aspect under its label with each role's value under it."""
    id_width = max(cell_len(role.id) for role in result.roles)
    roles = [
        (
            cell(role.id, "bold cyan"),
            Text.assemble((f"({role.number}) ", "bold"), visible(role.title)),
        )
        for role in result.roles
    ]
    items: list[RenderableType] = [_beside_or_below(roles, id_width, indent=0)]
    for aspect in result.aspects:
        style = DIFFERS_STYLE if aspect.differs else ""
        items += [
            Text(""),
            cell(_label(aspect), MARK_STYLE if aspect.differs else "bold"),
            _beside_or_below(
                [
                    (cell(role.id, "cyan"), cell(texts[aspect.name][role.id], style))
                    for role in result.roles
                ],
                id_width,
                indent=2,
            ),
        ]
    return Group(*items)


def _beside_or_below(pairs: list[tuple[Text, Text]], id_width: int, indent: int) -> Responsive:
    """Each text beside its role id where that leaves a readable column, else below it.

    Beside needs a value column of ``STACKED_VALUE_WIDTH`` and room for the longest word of
    the values (up to ``MAX_WORD``), so that an id among them is not cut.
    """
    longest = min(MAX_WORD, max((_longest_word(text.plain) for _, text in pairs), default=0))
    beside = Table.grid(padding=(0, 2, 0, 0))
    beside.add_column(min_width=id_width, no_wrap=True)
    beside.add_column(overflow="fold")
    below: list[RenderableType] = []
    for role_id, text in pairs:
        beside.add_row(role_id, text)
        below += [Padding(role_id, (0, 0, 0, indent)), Padding(text, (0, 0, 0, indent + 2))]
    return Responsive(
        Padding(beside, (0, 0, 0, indent)),
        Group(*below),
        min_width=indent + id_width + 2 + max(STACKED_VALUE_WIDTH, longest),
    )
