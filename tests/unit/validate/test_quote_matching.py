"""Quote matching, linear whatever the text: the same answers as a plain search of every start."""

from __future__ import annotations

import itertools
import random

from dsr_options.model.budget import Budget
from dsr_options.validate.quotes import Match, SourceText, pieces_of


def _every_start(text: str, pieces: list[str], start: int, end: int) -> int:
    """The earliest start in [start, end) of the first piece with the rest following in order."""
    for at in range(start, end):
        if not text.startswith(pieces[0], at):
            continue
        position = at + len(pieces[0])
        for piece in pieces[1:]:
            found = text.find(piece, position)
            if found < 0:
                break
            position = found + len(piece)
        else:
            return at
    return -1


def test_the_linear_match_agrees_with_trying_every_start() -> None:
    rng = random.Random(21)
    for _ in range(300):
        words = [rng.choice("ab") for _ in range(rng.randint(1, 30))]
        text = SourceText.from_text(" ".join(words), "note.txt")
        quote = " ... ".join(
            " ".join(rng.choice("ab") for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(1, 3))
        )
        pieces = pieces_of(quote)
        match = Match(text, pieces, Budget("quote matching", 10_000))
        size = len(text.text)
        for start, end in itertools.combinations(range(0, size + 1, 3), 2):
            assert match.first(start, end) == _every_start(text.text, pieces, start, end)


def test_a_quote_that_occurs_everywhere_costs_one_search_per_piece() -> None:
    text = SourceText.from_text("\n".join(["Heading", "word " * 15] * 2_000), "note.txt")
    budget = Budget("quote matching", 1_000_000)
    assert text.find("word ... word ... missing", budget) == []
    assert budget.spent < 30
