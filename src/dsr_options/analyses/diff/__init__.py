"""What changed between two catalogues, and which answers moved because of it (``diff``).

Three steps, each plain data:

1. :func:`changes_between` lists the changes, typed (:class:`ChangeKind`), each at its place in
   the item it changes and located on its side (``OLD:data/roles.yaml:12:7``).
2. :func:`consequences_of` re-evaluates every role on both sides and lists each verdict and
   agreement standing that moved, with its causes: the smallest set of the listed changes that,
   applied to the OLD catalogue (:func:`apply_changes`), reproduces the new answer. The search is
   exact (subsets in increasing size) over the changes relevant to the role (its own, and those
   of the redlines), and bounded (:class:`Bounds`); a search stopped by its bound says so.
3. :func:`diff_catalogues` / :func:`diff_sides` put both together with a :class:`Summary`
   (counts per kind; whether any answer moved) in a :class:`Diff`, whose ``to_data()`` is the
   JSON-ready form every output format is made from.

Items (roles, redlines, declarations) are matched by id; an item whose id changed and whose
content did not is a rename when exactly one removed and one added item share that content.
New collections (variants, packages) are added by listing them in ``COLLECTIONS`` with a
function comparing two of their items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.diff.answers import Bounds, Consequence, ConsequenceKind
from dsr_options.analyses.diff.apply import apply_changes
from dsr_options.analyses.diff.changes import CollectionSpec, changes_between
from dsr_options.analyses.diff.consequences import CAUSES, consequences_of
from dsr_options.analyses.diff.firmness_moves import firmness_consequences
from dsr_options.analyses.diff.kinds import Action, Change, ChangeKind, plain
from dsr_options.analyses.diff.pairing import PAIRING, Pairing
from dsr_options.analyses.diff.pairs import RolePairs
from dsr_options.analyses.diff.review import (
    RedlineMove,
    StaleRationale,
    redline_moves,
    stale_rationales,
)
from dsr_options.analyses.diff.screen import Screen
from dsr_options.analyses.diff.search import Answers
from dsr_options.analyses.evaluate import Evaluator
from dsr_options.load.catalogue import outside_the_collector
from dsr_options.model.budget import Bounded, Budget
from dsr_options.model.catalogue import Catalogue

if TYPE_CHECKING:
    from dsr_options.load.sides import Location, Side

Path = tuple[str | int, ...]
"""A place inside one item, as YAML keys and list indexes: ``("attributes", "trigger")``."""
Locator = Callable[[str, str, Path], "Location | None"]
"""Where ``(collection, item id, path)`` is written on one side, if known."""


# -- the whole diff -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Counts, and whether anything that moves an answer changed (for a CI exit status)."""

    changes: int
    by_kind: Mapping[str, int]
    """Changes per :class:`ChangeKind` value, in the kinds' order; kinds with none left out."""
    verdict_changes: int
    standing_changes: int
    answer_moving_changes: int
    """Changes of a kind that can move an answer (``ChangeKind.moves_answers``)."""
    bound_reached: int
    """Consequences whose causes the bound kept the search from finding."""
    firmness_changes: int = 0
    """Roles whose firmness moved (compared up to one changed analysis value)."""
    answer_moved_changes: int = 0
    """Changes that did move an answer: the causes found for a verdict or standing that moved
    (``answer_moving_changes`` counts those that *can*, by their kind)."""
    stale_rationales: int = 0
    """Values that changed while their note and evidence did not."""

    @property
    def answers_moved(self) -> bool:
        return bool(self.verdict_changes or self.standing_changes)

    def fails_on(self, condition: FailOn) -> bool:
        """Whether a CI run asked to fail on ``condition`` fails."""
        if condition is FailOn.ANY_CHANGE:
            return self.changes > 0
        if condition is FailOn.VERDICT_CHANGE:
            return self.verdict_changes > 0
        if condition is FailOn.STANDING_CHANGE:
            return self.standing_changes > 0
        if condition is FailOn.FIRMNESS_CHANGE:
            return self.firmness_changes > 0
        return self.answers_moved

    def to_data(self) -> dict[str, Any]:
        return {
            "changes": self.changes,
            "by_kind": dict(self.by_kind),
            "verdict_changes": self.verdict_changes,
            "standing_changes": self.standing_changes,
            "answer_moving_changes": self.answer_moving_changes,
            "answer_moved_changes": self.answer_moved_changes,
            "stale_rationales": self.stale_rationales,
            "answers_moved": self.answers_moved,
            "firmness_changes": self.firmness_changes,
            "bound_reached": self.bound_reached,
        }


class FailOn(str, Enum):
    """What a CI job may choose to fail on."""

    ANY_CHANGE = "change"
    VERDICT_CHANGE = "verdict-change"
    STANDING_CHANGE = "standing-change"
    FIRMNESS_CHANGE = "firmness-change"
    ANSWER_CHANGE = "answer-change"
    """A verdict or a standing."""


@dataclass(frozen=True)
class SideInfo:
    """What a report says about one side."""

    label: str
    spec: str
    kind: str
    origin: str
    revision: str | None
    files: tuple[str, ...]

    def to_data(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "spec": self.spec,
            "kind": self.kind,
            "origin": self.origin,
            "revision": self.revision,
            "files": list(self.files),
        }


@dataclass(frozen=True)
class Diff:
    """What changed between two sides, and which answers moved: the result of ``diff``."""

    changes: tuple[Change, ...]
    consequences: tuple[Consequence, ...]
    summary: Summary
    bounds: Bounds
    old: SideInfo | None = None
    new: SideInfo | None = None
    identical: bool = False
    """The two sides hold the same files, byte for byte (so nothing changed)."""
    redline_moves: Mapping[str, tuple[RedlineMove, ...]] = field(default_factory=dict)
    """For each role whose verdict moved: the redlines whose outcome for it changed."""
    stale: tuple[StaleRationale, ...] = ()
    """Values that changed while their note and evidence did not."""
    bounded: tuple[Bounded, ...] = ()
    """The searches the run's budget stopped: what each left unknown, how to raise it."""
    _by_key: dict[str, Change] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {c.key: c for c in self.changes})

    @property
    def moved(self) -> frozenset[str]:
        """The keys of the changes that did move an answer (a cause of a verdict or a standing
        that moved); ``Change.moves_answers`` says only that a change of its kind can."""
        return frozenset(
            cause.key
            for c in self.consequences
            if c.kind is not ConsequenceKind.FIRMNESS
            for cause in c.causes
        )

    def change(self, key: str) -> Change:
        """The change named ``key`` (as consequences name their causes in ``to_data``)."""
        return self._by_key[key]

    def to_data(self) -> dict[str, Any]:
        """The whole diff as JSON-ready data (what every output format is made from)."""
        return {
            "old": None if self.old is None else self.old.to_data(),
            "new": None if self.new is None else self.new.to_data(),
            "identical": self.identical,
            "summary": self.summary.to_data(),
            "bounds": self.bounds.to_data(),
            "changes": [
                {**change.to_data(), "moved_answers": change.key in self.moved}
                for change in self.changes
            ],
            "consequences": [self._consequence_data(c) for c in self.consequences],
            "warnings": [stale.to_data() for stale in self.stale],
            "bounded": [bounded.data() for bounded in self.bounded],
        }

    def _consequence_data(self, consequence: Consequence) -> dict[str, Any]:
        data = consequence.to_data()
        if consequence.kind is ConsequenceKind.VERDICT:
            moves = self.redline_moves.get(consequence.role, ())
            data["redlines"] = [move.to_data() for move in moves]
        return data


def summarise(
    changes: Sequence[Change],
    consequences: Sequence[Consequence],
    stale: Sequence[StaleRationale] = (),
) -> Summary:
    """The counts of a diff."""
    counted = Counter(change.kind for change in changes)
    moved = {
        cause.key
        for c in consequences
        if c.kind is not ConsequenceKind.FIRMNESS
        for cause in c.causes
    }
    return Summary(
        changes=len(changes),
        by_kind={kind.value: counted[kind] for kind in ChangeKind if counted[kind]},
        verdict_changes=sum(c.kind is ConsequenceKind.VERDICT for c in consequences),
        standing_changes=sum(c.kind is ConsequenceKind.STANDING for c in consequences),
        firmness_changes=sum(c.kind is ConsequenceKind.FIRMNESS for c in consequences),
        answer_moving_changes=sum(change.moves_answers for change in changes),
        bound_reached=sum(c.bound_reached for c in consequences),
        answer_moved_changes=sum(change.key in moved for change in changes),
        stale_rationales=len(stale),
    )


def diff_catalogues(
    old: Catalogue,
    new: Catalogue,
    *,
    bounds: Bounds | None = None,
    old_locate: Locator | None = None,
    new_locate: Locator | None = None,
    old_info: SideInfo | None = None,
    new_info: SideInfo | None = None,
    identical: bool = False,
) -> Diff:
    """The changes from ``old`` to ``new``, the answers they move, and the summary.

    ``identical`` says the two sides hold the same files: nothing is compared, nothing changed.
    """
    bounds = bounds or Bounds()
    if identical:
        return Diff((), (), summarise((), ()), bounds, old_info, new_info, identical=True)
    # Like loading, a diff allocates many acyclic objects next to two loaded catalogues and
    # their node graphs: with the collector on, it rescans that heap again and again.
    pairing = Pairing(Budget(PAIRING, bounds.run_limit))
    budget = Budget(CAUSES, bounds.run_limit)
    with outside_the_collector():
        changes = changes_between(
            old, new, old_locate=old_locate, new_locate=new_locate, pairing=pairing
        )
        # The answers are those of the catalogues as every command evaluates them: variants
        # and packages expanded by the one pipeline (``pairs``).
        pairs = RolePairs(old, new, changes)
        answers = Answers(pairs.old_x), Answers(pairs.new_x)  # shared: each role evaluated once
        evaluators = (answers[0].evaluator, answers[1].evaluator)
        screen = Screen(pairs, *evaluators)
        consequences = consequences_of(
            old, new, changes, bounds, pairs=pairs, budget=budget, answers=answers, screen=screen
        )
        firm, firmness_bounded = firmness_consequences(pairs, bounds, budget, evaluators, screen)
        consequences += firm
        moves = _redline_moves(pairs.old_x, pairs.new_x, changes, consequences)
        stale = stale_rationales(new, changes)
    bounded = [pairing.bounded(), _causes_bounded(budget, consequences), firmness_bounded]
    return Diff(
        changes,
        consequences,
        summarise(changes, consequences, stale),
        bounds,
        old_info,
        new_info,
        redline_moves=moves,
        stale=stale,
        bounded=tuple(b for b in bounded if b is not None),
    )


def _causes_bounded(budget: Budget, consequences: Sequence[Consequence]) -> Bounded | None:
    """What the run's budget for the cause search left unknown, if it stopped a search."""
    stopped = [c.role for c in consequences if c.budget_spent]
    if not stopped:
        return None
    named = list(dict.fromkeys(stopped))
    roles = ", ".join(named[:5]) + (", ..." if len(named) > 5 else "")
    noun = "answer" if len(stopped) == 1 else "answers"
    return budget.bounded(f"the causes of {len(stopped):,} moved {noun} ({roles})")


def _redline_moves(
    old: Catalogue,
    new: Catalogue,
    changes: Sequence[Change],
    consequences: Sequence[Consequence],
) -> dict[str, tuple[RedlineMove, ...]]:
    """For each role whose verdict moved, the redlines whose outcome for it changed."""
    renamed = {
        c.item: c.new_item
        for c in changes
        if c.kind is ChangeKind.REDLINE_RENAMED and c.new_item is not None
    }
    old_roles = {role.id: role for role in old.roles}
    new_roles = {role.id: role for role in new.roles}
    evaluators = (Evaluator(old), Evaluator(new))
    return {
        c.role: redline_moves(
            old,
            new,
            old_roles.get(c.old_role) if c.old_role is not None else None,
            new_roles.get(c.role) if c.new is not None else None,
            renamed,
            evaluators,
        )
        for c in consequences
        if c.kind is ConsequenceKind.VERDICT
    }


def side_info(side: Side) -> SideInfo:
    """What a report says about a side."""
    return SideInfo(
        side.label, side.spec, side.kind.value, side.origin.value, side.revision, side.files
    )


def diff_sides(old: Side, new: Side, *, bounds: Bounds | None = None) -> Diff:
    """The diff of two sides read by :func:`dsr_options.load.sides.read_side`, located.

    Two sides holding the same files make a diff with nothing changed (``identical``): an
    answer, not an error, so a CI job on a pull request that leaves the data alone passes.
    """
    return diff_catalogues(
        old.catalogue,
        new.catalogue,
        bounds=bounds,
        old_locate=old.locate,
        new_locate=new.locate,
        old_info=side_info(old),
        new_info=side_info(new),
        identical=old.texts == new.texts,
    )


def diff_data(diff: Diff) -> dict[str, Any]:
    """``diff.to_data()``: the JSON-ready form."""
    return diff.to_data()


__all__ = [
    "Action",
    "Bounds",
    "Change",
    "ChangeKind",
    "CollectionSpec",
    "Consequence",
    "ConsequenceKind",
    "Diff",
    "FailOn",
    "RedlineMove",
    "SideInfo",
    "StaleRationale",
    "Summary",
    "apply_changes",
    "changes_between",
    "consequences_of",
    "diff_catalogues",
    "diff_data",
    "diff_sides",
    "plain",
    "side_info",
    "summarise",
]
