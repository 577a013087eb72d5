"""From the minimal sets of redlines designs fail to the blocking sets and who must move.

A set of redlines no design clears together meets every set of redlines some design fails (else
that design would clear it), so the minimal blocking sets are exactly the minimal sets that meet
every minimal failed set (the minimal hitting sets, found here by Berge's method): the duality
of minimal unsatisfiable and minimal correction sets. Holders who relax their redlines let a
design pass exactly when the redlines they relax include a set some design fails alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class TooMany(Exception):
    """More sets than the bound allows."""


def bits(mask: int) -> list[int]:
    """The positions of a bitmask's set bits, lowest first."""
    found = []
    index = 0
    while mask:
        if mask & 1:
            found.append(index)
        mask >>= 1
        index += 1
    return found


def minimal(masks: Iterable[int], work: list[int] | None = None) -> list[int]:
    """The inclusion-minimal masks, fewest members first, each once.

    ``work``, when given, is a one-item budget of subset comparisons, spent here; past it
    :class:`TooMany` is raised.
    """
    kept: list[int] = []
    for mask in sorted(set(masks), key=lambda m: (bin(m).count("1"), m)):
        if work is not None:
            work[0] -= len(kept)
            if work[0] < 0:
                raise TooMany
        if not any(k & mask == k for k in kept):
            kept.append(mask)
    return kept


def hitting_sets(family: Sequence[int], limit: int, work: int) -> list[int]:
    """Every minimal set meeting each set of ``family`` (non-empty masks), fewest first.

    A member of every set is a hitting set alone, and no other minimal one holds it, so such
    members are set aside first. Raises :class:`TooMany` when more than ``limit`` partial
    answers are held at once, or past ``work`` subset comparisons.
    """
    budget = [work]
    edges = minimal(family, budget)
    common = edges[0]
    for edge in edges[1:]:
        common &= edge
    found = [0]
    rest = [edge & ~common for edge in edges]
    if all(rest):
        for edge in minimal(rest, budget):
            grown: list[int] = []
            for partial in found:
                if partial & edge:
                    grown.append(partial)
                else:
                    grown.extend(partial | (1 << b) for b in bits(edge))
            found = minimal(grown, budget)
            if len(found) > limit:
                raise TooMany
    else:
        found = []
    return [1 << b for b in bits(common)] + found
