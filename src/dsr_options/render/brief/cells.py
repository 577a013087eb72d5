"""The cells of the roles x redlines matrix, shared by the HTML and Word tables: a colour by
outcome (a crossing by the redline's strictness), and a symbol and a word that say the same,
so that a cell reads in black and white, without colour vision and to a screen reader.
"""

from __future__ import annotations

from dsr_options.analyses.evaluate import Outcome
from dsr_options.model.vocabulary import Strictness
from dsr_options.render.glossary import OUTCOME_WORDS

CELL_COLOURS = {
    (Outcome.CROSSES, Strictness.VETO): "#c62828",
    (Outcome.CROSSES, Strictness.CONDITION): "#c62828",
    (Outcome.CROSSES, Strictness.CONCERN): "#ef9a00",
    Outcome.CLEAR: "#2e7d32",
    Outcome.UNKNOWN: "#607d8b",
    Outcome.NOT_APPLICABLE: "#e0e0e0",
}
"""Fill of a cell (a crossing by the redline's strictness); shared with the Word table."""

CELL_SYMBOLS = {
    Outcome.CROSSES: "✗",
    Outcome.CLEAR: "✓",
    Outcome.UNKNOWN: "?",
    Outcome.NOT_APPLICABLE: "–",  # noqa: RUF001 - an en dash on purpose: reads as "none"
}

CELL_WORDS = OUTCOME_WORDS
"""The outcome words of the glossary (``render.glossary``)."""


def cell_colour(outcome: Outcome, strictness: Strictness) -> str:
    key = (outcome, strictness) if outcome is Outcome.CROSSES else outcome
    return CELL_COLOURS[key]


def ink(outcome: Outcome, strictness: Strictness) -> str:
    """Text colour on the cell: dark on the light fills (n/a, a concern's amber), else white."""
    light = outcome is Outcome.NOT_APPLICABLE or (
        outcome is Outcome.CROSSES and strictness is Strictness.CONCERN
    )
    return "#212121" if light else "#ffffff"
