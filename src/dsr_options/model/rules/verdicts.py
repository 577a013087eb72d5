"""The verdict rule, over counts: what a role's redline results add up to.

See the package's docstring for the whole engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from dsr_options.model.catalogue import Redline
from dsr_options.model.rules.logic import Outcome, Truth, Values, outcome_of, redline_truths
from dsr_options.model.vocabulary import Strictness

__all__ = [
    "NO_COUNTS",
    "Counts",
    "Verdict",
    "add_counts",
    "counts_of",
    "decide",
    "possible_verdicts",
    "redline_counts",
    "subtract_counts",
    "verdict_of",
]


class Verdict(str, Enum):
    """What all the redlines together say about one role, from worst to best."""

    OUT = "out"
    """Crosses a veto or a condition."""
    FLAGGED = "flagged"
    """Crosses a concern, and no veto or condition."""
    CONDITIONAL = "conditional"
    """Crosses nothing, but at least one condition applies and must keep holding."""
    CLEAR = "clear"
    """Crosses nothing, and no condition applies."""
    UNDETERMINED = "undetermined"
    """Unknown results leave more than one of the verdicts above possible."""


# -- the verdict rule, over counts ----------------------------------------------------------------


class Counts(NamedTuple):
    """What a role's redline results add up to: the verdict follows from these six numbers.

    Results add (:func:`add_counts`) and subtract, so that a search changes one value and
    re-counts only the redlines that test it.
    """

    hard_crossed: int
    """Vetoes and conditions crossed."""
    hard_could_cross: int
    """Vetoes and conditions crossed or that an unknown could make crossed."""
    concerns_crossed: int
    concerns_could_cross: int
    conditions_could_hold: int
    """Conditions that apply, or may, and are not surely crossed: they may bind the role."""
    conditions_apply: int
    """Conditions that surely apply (so the role cannot be clear of every condition)."""


NO_COUNTS = Counts(0, 0, 0, 0, 0, 0)


def counts_of(strictness: Strictness, applies: Truth, holds: Truth) -> Counts:
    """What one redline's result adds to the counts."""
    return _COUNTS[strictness, applies, holds]


def _counts_of(strictness: Strictness, applies: Truth, holds: Truth) -> Counts:
    crossed = int(applies is True and holds is True)
    could = int(applies is not False and holds is not False)
    if strictness is Strictness.CONCERN:
        return Counts(0, 0, crossed, could, 0, 0)
    if strictness is Strictness.CONDITION:
        may_hold = int(applies is not False and holds is not True)
        return Counts(crossed, could, 0, 0, may_hold, int(applies is True))
    return Counts(crossed, could, 0, 0, 0, 0)


_TRUTHS = (True, False, None)
_COUNTS = {
    (strictness, applies, holds): _counts_of(strictness, applies, holds)
    for strictness in Strictness
    for applies in _TRUTHS
    for holds in _TRUTHS
}
"""Every result's counts, worked out once: a check adds up millions of them."""


def redline_counts(redline: Redline, values: Values) -> Counts:
    """What the redline adds to the counts of a role with these values."""
    scope, holds = redline_truths(redline, values)
    return counts_of(redline.strictness, scope, holds)


def add_counts(a: Counts, b: Counts) -> Counts:
    """The counts of two sets of results together."""
    return Counts(a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5])


def subtract_counts(a: Counts, b: Counts) -> Counts:
    """The counts of ``a`` without the results counted in ``b`` (or the change from b to a)."""
    return Counts(a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3], a[4] - b[4], a[5] - b[5])


def possible_verdicts(counts: Counts) -> tuple[Verdict, ...]:
    """The verdicts the results leave possible, worst first (one when decided).

    The rule: a veto or condition crossed is out. Otherwise a concern crossed is flagged; else a
    condition that applies (and holds) makes the role conditional; else it is clear. Each
    unknown result may go either way, so each verdict some resolution of the unknowns gives is
    possible.
    """
    if counts[0]:
        return (Verdict.OUT,)
    possible = []
    if counts[1]:
        possible.append(Verdict.OUT)
    if counts[2] or counts[3]:
        possible.append(Verdict.FLAGGED)
    if not counts[2]:
        if counts[4]:
            possible.append(Verdict.CONDITIONAL)
        if not counts[5]:
            possible.append(Verdict.CLEAR)
    return tuple(possible)


def verdict_of(counts: Counts) -> Verdict:
    """The verdict the counts give: undetermined when more than one is possible."""
    possible = possible_verdicts(counts)
    return possible[0] if len(possible) == 1 else Verdict.UNDETERMINED


def decide(
    results: Sequence[tuple[Redline, Truth, Truth]],
) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
    """What results add up to: the verdict, the verdicts left possible, the deciding redlines.

    ``results`` are each redline with whether it applies and whether its crossing rule holds
    (:func:`redline_truths`). The deciding redlines: for out, the vetoes and conditions crossed;
    for flagged, the concerns crossed; for conditional, the conditions that apply and hold; for
    undetermined, the results still unknown; none for clear.
    """
    each = [_COUNTS[redline.strictness, scope, holds] for redline, scope, holds in results]
    counts = Counts(*map(sum, zip(*each, strict=True))) if each else NO_COUNTS
    possible = possible_verdicts(counts)
    if len(possible) > 1:
        unknown = tuple(
            r.id for r, scope, holds in results if outcome_of(scope, holds) is Outcome.UNKNOWN
        )
        return Verdict.UNDETERMINED, possible, unknown
    (verdict,) = possible
    wanted = _DECIDING.get(verdict)
    if wanted is None:
        return verdict, possible, ()
    outcome, strictness = wanted
    return (
        verdict,
        possible,
        tuple(
            r.id
            for r, scope, holds in results
            if r.strictness in strictness and outcome_of(scope, holds) is outcome
        ),
    )


_DECIDING = {
    Verdict.OUT: (Outcome.CROSSES, (Strictness.VETO, Strictness.CONDITION)),
    Verdict.FLAGGED: (Outcome.CROSSES, (Strictness.CONCERN,)),
    Verdict.CONDITIONAL: (Outcome.CLEAR, (Strictness.CONDITION,)),
}
