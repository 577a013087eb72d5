"""``FittedTable`` measures terminal cells, not characters: wide characters (CJK, emoji) take
two cells, and a table of them still fits without cutting a word, or stacks."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from dsr_options.render.layout import Column, FittedTable, copy_token, pairs_table, table_overhead

WIDE_WORDS = ["防衛部門改革", "国連の役割", "🛡️🤝", "Sicherheitssektorreform"]


def _render(renderable: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None, record=False, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable, crop=False)
    return [line.rstrip() for line in captured.get().split("\n")]


def _table() -> FittedTable:
    table = FittedTable(
        [Column("役割"), Column("Verdict", keep_whole=True), Column("Why", weight=3)]
    )
    for word in WIDE_WORDS:
        table.add_row(
            [Text(word), Text("out"), Text(f"{word} {word} crosses 国連の役割")],
            Text(f"{word}: out"),
        )
    return table


def test_wide_characters_are_measured_in_cells_and_never_cut() -> None:
    for width in (40, 80, 200):
        lines = _render(_table(), width)
        assert max(cell_len(line) for line in lines) <= width, (width, lines)
        text = "\n".join(lines)
        for word in WIDE_WORDS:
            assert word in text, (width, word, lines)


def test_a_table_too_narrow_for_its_wide_words_is_stacked() -> None:
    lines = _render(_table(), 30)
    assert lines[:2] == ["防衛部門改革: out", ""]


def test_the_overhead_is_one_rule_and_one_space_between_columns() -> None:
    assert table_overhead(1) == 0
    assert table_overhead(4) == 6
    table = FittedTable([Column("a"), Column("b"), Column("c")])
    table.add_row([Text("x" * 10), Text("y" * 10), Text("z" * 10)], Text("stacked"))
    assert _render(table, 34)[2] == "xxxxxxxxxx  yyyyyyyyyy  zzzzzzzzzz"
    assert _render(table, 33)[0] == "stacked"


def test_a_column_of_sentences_narrower_than_readable_stacks() -> None:
    rows = [("short", "a sentence of several words that would wrap into a tall row")]
    lines = _render(pairs_table(rows, ("Label", "Text")), 28)
    assert lines[0] == "Label: short"


def test_a_copy_token_is_never_wrapped_inside() -> None:
    token = "--assume best-practice-repository.standing_un_capacity=false"
    lines = _render(copy_token(token), 40)
    assert lines[0] == "  " + token
