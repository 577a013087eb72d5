"""What firmness finds, as data: the changes, the change sets, each role's firmness, the report.

Kept apart from the searches that fill it (``firmness`` over analysis values, ``readings`` over
declared readings and uncertain positions), so that both give one shape to every command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dsr_options.analyses.evaluate import Outcome, Verdict
from dsr_options.analyses.repairs import value_text
from dsr_options.model.budget import Bounded
from dsr_options.model.vocabulary import Basis, Strictness

DEFAULT_BOUND = 2
MAX_BOUND = 4
READINGS = "readings"
"""The default: vary exactly the declared readings and the uncertain positions."""
VARY = (READINGS, "analysis", "all", "note")
"""What firmness varies: ``readings``; ``analysis`` (every analysis value over its whole
vocabulary); ``all`` (the note's values too; ``note`` is its older name)."""
DEFAULT_VARY = READINGS

FIRM = "firm"
ONE_JUDGEMENT = "hangs on one judgement"
ON_ANALYSIS = "rests on analysis"
ONE_READING = "hangs on one reading"
FIRMNESS_SEARCH = "the firmness search"
"""What the firmness budget is called wherever it says it stopped a search."""
NOT_KNOWN = "not known: the search was bounded"
"""The label of a role whose search its budget stopped before any change altered it."""
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

RANK = {
    Verdict.OUT: 0,
    Verdict.UNDETERMINED: 1,
    Verdict.FLAGGED: 2,
    Verdict.CONDITIONAL: 3,
    Verdict.CLEAR: 4,
}
"""How good a verdict is for the role: a change to a higher rank is better for it."""

BETTER = "better"
WORSE = "worse"


@dataclass(frozen=True)
class Change:
    """One value changed: ``value`` None means unknown (the role gives no value)."""

    attribute: str
    value: Any

    @property
    def text(self) -> str:
        shown = "unknown" if self.value is None else value_text(self.value)
        return f"{self.attribute}={shown}"

    @property
    def redline(self) -> str | None:
        """The redline whose position changes (``redline:ID``), or None for a value."""
        head, colon, rest = self.attribute.partition(":")
        return rest if colon and head == "redline" else None

    @property
    def assume(self) -> str:
        """The change as the value of ``--assume`` takes it (after ``ROLE.``)."""
        if self.value is None:
            return f"{self.attribute}=unknown"
        if isinstance(self.value, bool):
            return f"{self.attribute}={'true' if self.value else 'false'}"
        if isinstance(self.value, tuple):
            return f"{self.attribute}={','.join(self.value)}"
        return f"{self.attribute}={self.value}"


@dataclass(frozen=True)
class Alternative:
    """What the verdict becomes under one change."""

    change: Change
    verdict: Verdict


@dataclass(frozen=True)
class Judgement:
    """One value the verdict rests on, and the verdict under each of its variations."""

    attribute: str
    value: Any
    basis: Basis
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class ChangeSet:
    """A smallest set of changes that alters the verdict, and the verdict it gives."""

    changes: tuple[Change, ...]
    verdict: Verdict
    direction: str = ""
    """``better`` or ``worse`` for the role than the verdict it has (empty: not said)."""

    @property
    def text(self) -> str:
        said = f" ({self.direction} for the role)" if self.direction else ""
        return " and ".join(c.text for c in self.changes) + f" gives {self.verdict.value}{said}"


@dataclass(frozen=True)
class Firmness:
    """How firm one role's verdict is."""

    role: str
    verdict: Verdict
    bound: int
    vary: str
    rests_on: tuple[Judgement, ...]
    minimal: tuple[ChangeSet, ...]
    """Every smallest set of up to ``bound`` changes that alters the verdict."""
    varied: tuple[str, ...] = ()
    """What was varied: the attributes with declared readings and ``redline:ID`` for the
    uncertain positions (``readings``), or every attribute varied."""
    combinations: int = 0
    """How many combinations the exact search over readings evaluated (``readings`` only)."""
    stopped: bool = False
    """The search's budget stopped it before it was done: the sets found are smallest, but
    others (larger, or as small and not yet tried) may alter the verdict too."""

    @property
    def label(self) -> str:
        if not self.minimal:
            return NOT_KNOWN if self.stopped else FIRM
        smallest = min(len(s.changes) for s in self.minimal)
        if self.vary == READINGS:
            if smallest == 1:
                return ONE_READING
            return f"hangs on {NUMBERS.get(smallest, str(smallest))} readings together"
        if smallest == 1:
            return ONE_JUDGEMENT
        return ON_ANALYSIS

    @property
    def smallest(self) -> int | None:
        return min((len(s.changes) for s in self.minimal), default=None)

    @property
    def text(self) -> str:
        """One line: ``firm: ...``, or each smallest set of changes as a unit, with the verdict
        it gives and whether that is better or worse for the role."""
        if not self.minimal:
            return f"{self.label}: {self.searched}"
        return f"{self.label}: " + "; ".join(s.text for s in self.minimal)

    @property
    def searched(self) -> str:
        """What the search covered, in words, as "firm" needs it said."""
        if self.stopped:
            return "its budget stopped the search before every change was tried (bounded)"
        if self.vary == READINGS:
            if not self.varied:
                return "no declared reading or uncertain position to vary"
            return (
                "no combination of its declared readings and uncertain positions alters it "
                f"({self.combinations} combinations, searched exactly)"
            )
        return f"no change of up to {self.bound} {self._values} alters it"

    @property
    def _values(self) -> str:
        noun = "value" if self.bound == 1 else "values"
        return f"analysis {noun}" if self.vary == "analysis" else f"analysis or note {noun}"


@dataclass(frozen=True)
class Undiscriminating:
    """A redline with the same outcome for every role: it does not tell the roles apart."""

    redline: str
    strictness: Strictness
    outcome: Outcome
    by_assumption: bool
    """Every role's result rests on values that are our analysis or assumed, not the note."""

    @property
    def text(self) -> str:
        lead = f"{self.redline} is {self.outcome.value} for every role"
        why = " by our analysis or an assumption" if self.by_assumption else ""
        return f"{lead}{why}: it does not tell the roles apart"


@dataclass(frozen=True)
class FirmnessReport:
    """Firmness of every role's verdict, and the redlines that do not tell roles apart."""

    bound: int
    vary: str
    roles: tuple[Firmness, ...]
    undiscriminating: tuple[Undiscriminating, ...]
    bounded: Bounded | None = None
    """What the budget left unknown, when it stopped some role's search (None: none)."""
    _by_role: dict[str, Firmness] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every view looks a role's firmness up role by role: an index keeps that O(1).
        object.__setattr__(self, "_by_role", {f.role: f for f in reversed(self.roles)})

    def of(self, role_id: str) -> Firmness | None:
        return self._by_role.get(role_id)


def direction(before: Verdict, after: Verdict) -> str:
    """``better`` when ``after`` ranks higher for the role than ``before``, else ``worse``."""
    return BETTER if RANK[after] > RANK[before] else WORSE
