"""A search's budget, counted in evaluations (not seconds, so every answer is deterministic).

Every search the tool runs over something that can grow without limit (the firmness searches,
quote matching, variant and package expansion, the scenarios, the design space, diff's pairing
and cause search) spends one :class:`Budget`: a counter with a limit and a name. A search checks
it up front where its cost can be estimated (:meth:`Budget.check`, which refuses with
:class:`OverBudget`) and spends it as it runs (:meth:`Budget.spend`, which says whether the
search may go on). A search the budget stopped keeps what it found and says so with a
:class:`Bounded`: what was searched, the limit, what is still unknown, and the option (or the
environment variable) that raises the limit; every output format carries it ("bounded: ...").

The default limit is ``$DSR_OPTIONS_MAX_EVALUATIONS``, else :data:`DEFAULT_MAX_EVALUATIONS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import NoReturn

from dsr_options.errors import UsageError

MAX_EVALUATIONS_ENV = "DSR_OPTIONS_MAX_EVALUATIONS"
DEFAULT_MAX_EVALUATIONS = 200_000
"""The most evaluations one search spends by default: a few seconds on a slow machine."""


def max_evaluations() -> int:
    """The default budget: ``$DSR_OPTIONS_MAX_EVALUATIONS``, else 200,000."""
    raw = os.environ.get(MAX_EVALUATIONS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_EVALUATIONS
    try:
        limit = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise UsageError(
            f"{MAX_EVALUATIONS_ENV}={raw!r}: give the most evaluations one search may spend "
            "(a whole number, e.g. 5000000)"
        )
    return limit


@dataclass(frozen=True)
class Bounded:
    """A search a budget stopped (or refused): what, its limit, what is still unknown, and the
    option that raises the limit."""

    what: str
    """The search, in words: ``"the firmness search"``."""
    limit: int
    """The budget it had, in evaluations."""
    unknown: str
    """What is still unknown, in words: ``"whether 3 roles' verdicts hang on two changes"``."""
    option: str
    """What raises the limit: an option (``--bound``) or :data:`MAX_EVALUATIONS_ENV`."""

    @property
    def text(self) -> str:
        """``bounded: WHAT stopped at its limit of N evaluations; still unknown: ...; ...``."""
        return (
            f"bounded: {self.what} stopped at its limit of {self.limit:,} evaluations; "
            f"still unknown: {self.unknown}; {self.raise_it}"
        )

    @property
    def raise_it(self) -> str:
        """How to raise the limit, in words."""
        if self.option == MAX_EVALUATIONS_ENV:
            return f"set {MAX_EVALUATIONS_ENV} to raise the limit"
        return f"raise it with {self.option}"

    def data(self) -> dict[str, object]:
        """The JSON form every machine format carries under ``bounded``."""
        return {
            "what": self.what,
            "limit": self.limit,
            "unknown": self.unknown,
            "option": self.option,
        }


class OverBudget(UsageError):
    """A search refused up front (its estimated cost is past its budget) or stopped with no
    partial answer worth giving; ``bounded`` says what, and how to raise the limit."""

    def __init__(self, bounded: Bounded, *, about: str | None = None) -> None:
        self.bounded = bounded
        message = (
            f"bounded: {bounded.what} would take more than its limit of {bounded.limit:,} "
            f"evaluations; still unknown: {bounded.unknown}; {bounded.raise_it}"
        )
        super().__init__(message, about=about)


class Budget:
    """A counter of evaluations with a limit and a name.

    ``spend`` counts and says whether the search may go on; ``check`` refuses up front a cost
    known to be past the limit; ``bounded`` words what a stopped search leaves unknown."""

    def __init__(
        self, what: str, limit: int | None = None, *, option: str = MAX_EVALUATIONS_ENV
    ) -> None:
        self.what = what
        self.limit = max_evaluations() if limit is None else limit
        if self.limit < 1:
            raise UsageError(f"a budget is at least 1 evaluation, not {self.limit}")
        self.option = option
        self.spent = 0

    def __repr__(self) -> str:
        return f"Budget({self.what!r}, {self.spent:,} of {self.limit:,})"

    @property
    def left(self) -> int:
        return max(self.limit - self.spent, 0)

    @property
    def exhausted(self) -> bool:
        """More was spent than the limit allows: the search stopped short."""
        return self.spent > self.limit

    def affords(self, count: int) -> bool:
        """Whether ``count`` more evaluations stay within the limit."""
        return self.spent + count <= self.limit

    def spend(self, count: int = 1) -> bool:
        """Count ``count`` evaluations; True while the total stays within the limit."""
        self.spent += count
        return self.spent <= self.limit

    def check(self, estimate: int, unknown: str, *, about: str | None = None) -> None:
        """Refuse up front (:class:`OverBudget`) a search estimated at ``estimate`` more
        evaluations than the budget has left."""
        if not self.affords(estimate):
            self.refuse(unknown, about=about)

    def charge(self, count: int, unknown: str, *, about: str | None = None) -> None:
        """Spend ``count``; past the limit, stop the search with :class:`OverBudget`."""
        if not self.spend(count):
            self.refuse(unknown, about=about)

    def share(self, parts: int) -> Budget:
        """A budget of an equal share of what is left among ``parts`` searches (at least one
        evaluation), so that one costly search does not starve the rest; :meth:`settle` it."""
        return Budget(self.what, max(1, self.left // max(parts, 1)), option=self.option)

    def settle(self, part: Budget) -> None:
        """Count what ``part`` (made by :meth:`share`) spent, up to its limit."""
        self.spend(min(part.spent, part.limit))

    def refuse(self, unknown: str, *, about: str | None = None) -> NoReturn:
        raise OverBudget(self.bounded(unknown), about=about)

    def bounded(self, unknown: str) -> Bounded:
        """What this budget stopped, with ``unknown`` said."""
        return Bounded(self.what, self.limit, unknown, self.option)


__all__ = [
    "DEFAULT_MAX_EVALUATIONS",
    "MAX_EVALUATIONS_ENV",
    "Bounded",
    "Budget",
    "OverBudget",
    "max_evaluations",
]
