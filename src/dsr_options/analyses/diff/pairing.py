"""Pairing the items of two lists: equal ones, then by identity, then the most alike texts."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

SIMILAR = 0.5
"""How alike two texts must be (difflib's ratio) to be one edited text, not one removed and one
added."""


def similar(a: str, b: str) -> float:
    """1 when one text holds the other (a quote lengthened or cut), else difflib's ratio."""
    if a in b or b in a:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def pair_items(
    old: Sequence[Any],
    new: Sequence[Any],
    same: Callable[[Any, Any], bool],
    text: Callable[[Any], str],
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Match list items: equal ones first, then by ``same``, then the most alike texts.

    Returns the (old index, new index) pairs, then the old indexes left (removed) and the new
    ones left (added), each in order.
    """
    left_old = list(range(len(old)))
    left_new = list(range(len(new)))
    pairs: list[tuple[int, int]] = []
    for match in (lambda a, b: a == b, same):
        for j in list(left_new):
            i = next((i for i in left_old if match(old[i], new[j])), None)
            if i is not None:
                pairs.append((i, j))
                left_old.remove(i)
                left_new.remove(j)
    scored = sorted(
        ((similar(text(old[i]), text(new[j])), i, j) for i in left_old for j in left_new),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    for score, i, j in scored:
        if score < SIMILAR:
            break
        if i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    if len(left_old) == 1 and len(left_new) == 1:  # one item edited in place, however much
        pairs.append((left_old.pop(), left_new.pop()))
    return sorted(pairs), left_old, left_new
