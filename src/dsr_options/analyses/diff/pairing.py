"""Pairing the items of two lists: equal ones, then by identity, then the most alike texts.

Equal items and items of the same identity are found through indexes (linear). Telling a
reworded text from a removed one and an added one compares texts pair by pair (difflib's
ratio costs the product of their lengths), so it spends the run's budget (:class:`Pairing`):
a cheap upper bound (``quick_ratio``) rules out most pairs first, every comparison is counted
(ten characters against ten are one evaluation), and scoring stops where the budget ends.
What it leaves unpaired is listed as removed and added, and the output says so ("bounded:").
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from dsr_options.model.budget import Bounded, Budget

SIMILAR = 0.5
"""How alike two texts must be (difflib's ratio) to be one edited text, not one removed and one
added."""
PAIRING = "diff's pairing of reworded texts"
"""The budget's name, as ``bounded: ...`` says it."""


def similar(a: str, b: str) -> float:
    """1 when one text holds the other (a quote lengthened or cut), else difflib's ratio."""
    if a in b or b in a:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _quick_cost(a: str, b: str) -> int:
    return 1 + (len(a) + len(b)) // 10


def _full_cost(a: str, b: str) -> int:
    return 1 + len(a) * len(b) // 10


class Pairing:
    """The pairing of one run's lists, spending one budget."""

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or Budget(PAIRING)
        self.left_unscored = 0
        """Items (on both sides) whose likeness the budget kept from being scored."""

    def bounded(self) -> Bounded | None:
        """What the budget left unknown, if it stopped a pairing."""
        if not self.left_unscored:
            return None
        return self.budget.bounded(
            f"whether {self.left_unscored:,} removed and added texts are texts reworded "
            "(they are listed as removed and added)"
        )

    def pair(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        key: Callable[[Any], Hashable],
        text: Callable[[Any], str],
    ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Match list items: equal ones first, then by ``key`` (their identity: the same key is
        the same item), then the most alike texts.

        Returns the (old index, new index) pairs, then the old indexes left (removed) and the
        new ones left (added), each in order.
        """
        pairs: list[tuple[int, int]] = []
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        for by, equal in ((text, True), (key, False)):
            buckets: dict[Hashable, list[int]] = {}
            for i, item in enumerate(old):
                if i not in taken_old:
                    buckets.setdefault(by(item), []).append(i)
            for j, item in enumerate(new):
                if j in taken_new:
                    continue
                bucket = buckets.get(by(item), [])
                found = next((i for i in bucket if not equal or old[i] == item), None)
                if found is not None:
                    bucket.remove(found)
                    pairs.append((found, j))
                    taken_old.add(found)
                    taken_new.add(j)
        left_old = [i for i in range(len(old)) if i not in taken_old]
        left_new = [j for j in range(len(new)) if j not in taken_new]
        alike, cut = self._alike(old, new, left_old, left_new, text)
        for i, j in alike:
            if i in taken_old or j in taken_new:
                continue
            pairs.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
        left_old = [i for i in left_old if i not in taken_old]
        left_new = [j for j in left_new if j not in taken_new]
        if len(left_old) == 1 and len(left_new) == 1:  # one item edited in place, however much
            pairs.append((left_old.pop(), left_new.pop()))
        if cut:
            self.left_unscored += len(left_old) + len(left_new)
        return sorted(pairs), left_old, left_new

    def _alike(
        self,
        old: Sequence[Any],
        new: Sequence[Any],
        left_old: list[int],
        left_new: list[int],
        text: Callable[[Any], str],
    ) -> tuple[list[tuple[int, int]], bool]:
        """The (old, new) pairs alike enough, the most alike first (ties in list order), and
        whether the budget cut the scoring short."""
        if not left_old or not left_new or (len(left_old) == 1 and len(left_new) == 1):
            return [], False
        olds = {i: text(old[i]) for i in left_old}
        news = {j: text(new[j]) for j in left_new}
        # Up front: the cheap bounds of every pair must fit, or nothing is scored.
        estimate = sum(_quick_cost(olds[i], news[j]) for i in left_old for j in left_new)
        if not self.budget.affords(estimate):
            return [], True
        self.budget.spend(estimate)
        scored: list[tuple[float, int, int]] = []
        for i in left_old:
            for j in left_new:
                a, b = olds[i], news[j]
                if a in b or b in a:
                    scored.append((1.0, i, j))
                    continue
                matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
                if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                    continue
                cost = _full_cost(a, b)
                if not self.budget.affords(cost):
                    return _best_first(scored), True
                self.budget.spend(cost)
                score = matcher.ratio()
                if score >= SIMILAR:
                    scored.append((score, i, j))
        return _best_first(scored), False


def _best_first(scored: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    return [(i, j) for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2]))]
