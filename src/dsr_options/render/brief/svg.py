"""The roles x redlines matrix as inline SVG: one row per redline, one column per option.

A cell is coloured by outcome and carries its symbol too, so that it reads in black and white
and without colour vision. The SVG is an image to assistive technology (``role="img"`` with a
``<title>`` and ``<desc>``); the HTML brief gives the same matrix as a table beside it.
"""

from __future__ import annotations

from html import escape

from dsr_options.analyses.evaluate import Outcome
from dsr_options.model.vocabulary import Strictness
from dsr_options.render.brief.content import Matrix
from dsr_options.render.glossary import OUTCOME_WORDS
from dsr_options.render.safe import one_line

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

_LABEL_CHARS = 64
_CHAR = 6.4
_CELL_W, _CELL_H, _HEAD = 64, 24, 28


def cell_colour(outcome: Outcome, strictness: Strictness) -> str:
    key = (outcome, strictness) if outcome is Outcome.CROSSES else outcome
    return CELL_COLOURS[key]


def ink(outcome: Outcome, strictness: Strictness) -> str:
    """Text colour on the cell: dark on the light fills (n/a, a concern's amber), else white."""
    light = outcome is Outcome.NOT_APPLICABLE or (
        outcome is Outcome.CROSSES and strictness is Strictness.CONCERN
    )
    return "#212121" if light else "#ffffff"


def _label(text: str) -> str:
    shown = one_line(text)
    return shown if len(shown) <= _LABEL_CHARS else shown[: _LABEL_CHARS - 1].rstrip() + "…"


def matrix_svg(matrix: Matrix, title: str, description_id: str = "matrix-desc") -> str:
    labels = [f"{_label(row.title)} ({row.strictness.value})" for row in matrix.rows]
    left = int(min(max((len(label) for label in labels), default=10), _LABEL_CHARS + 14) * _CHAR)
    left += 12
    width = left + _CELL_W * len(matrix.columns) + 4
    height = _HEAD + _CELL_H * len(matrix.rows) + 4
    crossings = sum(o is Outcome.CROSSES for row in matrix.rows for o in row.outcomes)
    desc = (
        f"{len(matrix.rows)} redlines (rows) against {len(matrix.columns)} options (columns); "
        f"{crossings} crossings. The same matrix follows as a table."
    )
    out = [
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="matrix-title {description_id}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f'<title id="matrix-title">{escape(one_line(title))}</title>',
        f'<desc id="{escape(description_id)}">{escape(desc)}</desc>',
    ]
    for index, (number, role_title) in enumerate(matrix.columns):
        x = left + index * _CELL_W + _CELL_W / 2
        out.append(
            f'<text x="{x:g}" y="{_HEAD - 10}" text-anchor="middle" font-weight="bold">'
            f"<title>{escape(one_line(role_title))}</title>Option {number}</text>"
        )
    for r, (row, label) in enumerate(zip(matrix.rows, labels, strict=True)):
        y = _HEAD + r * _CELL_H
        out.append(
            f'<text x="{left - 8}" y="{y + _CELL_H / 2 + 4:g}" text-anchor="end">'
            f"<title>{escape(one_line(row.title))}</title>{escape(label)}</text>"
        )
        for c, outcome in enumerate(row.outcomes):
            x = left + c * _CELL_W
            out.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{_CELL_W - 2}" height="{_CELL_H - 2}" '
                f'rx="3" fill="{cell_colour(outcome, row.strictness)}"/>'
            )
            out.append(
                f'<text x="{x + _CELL_W / 2:g}" y="{y + _CELL_H / 2 + 4:g}" text-anchor="middle" '
                f'fill="{ink(outcome, row.strictness)}">'
                f"{CELL_SYMBOLS[outcome]} {CELL_WORDS[outcome]}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)
