"""Which options can have moved: a screen that spares re-evaluating the others.

An option whose own changes are all values (or their bases) and whose other inputs are alike on
both sides differs between them only in the results of the *affected* redlines: those changed,
and those testing a changed attribute. Every other redline gives it the same result on both
sides (the *rest*). Its answers are made of what the results add up to:

- a verdict (and the verdicts left possible) reads six counters (:func:`counts_of`), and only
  whether each is zero (:func:`possible_verdicts`): six bits;
- a standing reads the role's quotes (the same on both sides here) and whether some held
  redline is certainly crossed on values that rest on no analysis: a seventh bit, which moves
  no standing when the quotes on the role's reception already oppose it.

So the answers on a side are a function of ``rest | affected`` (bits, or-ed). The screen reads
the rest redline by redline and stops as soon as the bits it has found settle both answers on
both sides, whatever the affected redlines give (a veto or condition crossed, and a standing
objection): then nothing moved, and the option is never evaluated in full. Otherwise it has
read the whole rest and compares the two sides' answers from the bits. Exact either way: an
option the screen passes is re-evaluated in full, and one it stops can have moved no answer.

Firmness (over declared readings and uncertain positions) is screened alike: with nothing in
doubt on either side it is "firm" on both; with the same doubts on both sides and a veto or
condition crossed by a redline that neither the doubts nor the changes touch, every
combination's verdict is "out" on both sides, so both say the same.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

from dsr_options.analyses.agreement import Objection, role_agreement
from dsr_options.analyses.diff.kinds import Change, ChangeKind
from dsr_options.analyses.diff.pairs import Pair, RolePairs
from dsr_options.analyses.evaluate import (
    Evaluator,
    Result,
    RoleVerdict,
    role_bases,
    role_values,
)
from dsr_options.analyses.readings import Doubt, declared_readings, uncertain_positions
from dsr_options.model.catalogue import Catalogue, Redline, Role
from dsr_options.model.rules import (
    Counts,
    Outcome,
    Truth,
    Verdict,
    counts_of,
    possible_verdicts,
    redline_attributes,
    redline_truths,
)
from dsr_options.model.vocabulary import Basis, Strictness


def redline_pairs(
    old: Catalogue, new: Catalogue, changes: Sequence[Change]
) -> list[tuple[Redline | None, Redline | None]]:
    """Each changed redline as it is on OLD and on NEW (None on the side without it)."""
    old_by_id = {r.id: r for r in old.redlines}
    new_by_id = {r.id: r for r in new.redlines}
    seen: dict[tuple[str, str], tuple[Redline | None, Redline | None]] = {}
    for change in changes:
        if not change.moves_answers:
            continue
        ids = (change.item, change.new_item or change.item)
        seen.setdefault(ids, (old_by_id.get(ids[0]), new_by_id.get(ids[1])))
    return list(seen.values())


VALUE_KINDS = frozenset(
    {
        ChangeKind.VALUE_ADDED,
        ChangeKind.VALUE_REMOVED,
        ChangeKind.VALUE_CHANGED,
        ChangeKind.BASIS_CHANGED,
    }
)


def testing(redlines: Sequence[Redline]) -> dict[str, list[Redline]]:
    """The redlines that test each attribute, in their scope or their rule."""
    found: dict[str, list[Redline]] = {}
    for redline in redlines:
        for name in redline_attributes(redline):
            found.setdefault(name, []).append(redline)
    return found


def moved_by_redlines(
    old: Evaluator,
    new: Evaluator,
    old_role: Role,
    new_role: Role,
    redlines: Sequence[tuple[Redline | None, Redline | None]],
) -> bool:
    """Whether a changed redline's result for ``role`` (the same on both sides) differs.

    A verdict adds up each redline's outcome, scope and rule truth and strictness, a standing
    also whether the crossing rests on analysis: when these are the same for every changed
    redline, and the role's values did not change, neither answer can have moved.
    """
    values, bases = role_values(old_role), role_bases(old_role)
    new_values, new_bases = role_values(new_role), role_bases(new_role)
    for before, after in redlines:
        old_result = None if before is None else old.evaluate(old_role, before, values, bases)
        new_result = None if after is None else new.evaluate(new_role, after, new_values, new_bases)
        signatures = [
            None
            if result is None
            else (
                result.outcome,
                result.applies,
                result.holds,
                result.strictness,
                result.rests_on_analysis,
            )
            for result in (old_result, new_result)
        ]
        if signatures[0] != signatures[1]:
            return True
    return False


# -- what results add up to, as bits --------------------------------------------------------------

CROSSED_STRICTLY = 1
"""A veto or condition crossed (the first counter): the verdict is out, whatever else."""
OBJECTION = 1 << 6
"""A held redline certainly crossed on values that rest on no analysis: the standing has an
objection against the role, whatever else."""
SETTLED = CROSSED_STRICTLY | OBJECTION
"""Bits that, found in the rest, settle both answers on both sides."""
ALL = 1 << 7
"""A bit no result sets: reading until it is found reads every redline."""

_BITS: dict[tuple[Strictness, Truth, Truth], int] = {}


def counter_bits(strictness: Strictness, applies: Truth, holds: Truth) -> int:
    """Which of the verdict's six counters one result makes non-zero, as bits."""
    key = (strictness, applies, holds)
    found = _BITS.get(key)
    if found is None:
        counts = counts_of(strictness, applies, holds)
        found = _BITS[key] = sum(1 << index for index, count in enumerate(counts) if count)
    return found


def _objects(result: Result) -> bool:
    """Whether the result makes a standing objection that rests on no analysis (see
    ``analyses.agreement``: a certain crossing of a held redline)."""
    return (
        result.outcome is Outcome.CROSSES
        and bool(result.redline.holders)
        and not result.rests_on_analysis
    )


def answers_of(bits: int) -> tuple[tuple[Verdict, ...], bool]:
    """What a verdict and a standing read of the bits: the verdicts possible, and whether a
    standing objection stands."""
    counts = Counts(*((bits >> index) & 1 for index in range(6)))
    return possible_verdicts(counts), bool(bits & OBJECTION)


# -- the screen -----------------------------------------------------------------------------------


class Screen:
    """Whether an option's answers, or its firmness, can differ between the sides.

    ``read`` counts the redline results the screen asked for, and ``passed`` the options it let
    through to a full re-evaluation (a seam for tests: the work it spares is counted, not
    timed).
    """

    def __init__(self, pairs: RolePairs, old: Evaluator, new: Evaluator) -> None:
        self.pairs = pairs
        self.old, self.new = old, new
        redline_changes = [c for c in pairs.other if c.collection == "redlines"]
        self.moving = redline_pairs(pairs.old_x, pairs.new_x, redline_changes)
        """The redlines changed in a way that can move an answer, on both sides."""
        self.changed_old = {c.item for c in redline_changes}
        self.changed_new = {c.new_item or c.item for c in redline_changes}
        self.old_by_id = {r.id: r for r in pairs.old_x.redlines}
        self.new_by_id = {r.id: r for r in pairs.new_x.redlines}
        self.testing_old = testing(pairs.old_x.redlines)
        self.testing_new = testing(pairs.new_x.redlines)
        self.positions = (uncertain_positions(pairs.old_x), uncertain_positions(pairs.new_x))
        self._no_results = _NoResults(pairs.old_x)
        self.read = 0
        self.passed = 0

    # -- answers

    def answers_may_move(self, pair: Pair) -> bool:
        """Whether ``pair``'s verdict or standing can differ between the sides."""
        own = [change for change in pair.own if change.moves_answers]
        if pair.old_id is None or pair.new_id is None:
            return self._passes(bool(own))
        if any(change.kind not in VALUE_KINDS for change in own):
            return self._passes(True)
        names = {str(change.path[1]) for change in own}
        checked = list(self.moving)
        for name in names:
            checked += [(r, self.new_by_id.get(r.id)) for r in self.testing_old.get(name, ())]
            checked += [(self.old_by_id.get(r.id), r) for r in self.testing_new.get(name, ())]
        if not checked:
            return False
        old_role = self.pairs.old_roles[pair.old_id]
        new_role = self.pairs.new_roles[pair.new_id]
        alike = _alike_but(old_role, new_role, names, quotes=True)
        rest = 0
        # An objection moves no standing that the reception's quotes already set against it.
        mask = SETTLED if alike and self._objection_matters(old_role) else CROSSED_STRICTLY
        if alike:
            objections = bool(mask & OBJECTION)
            skip = self._affected_old(names)
            rest_of = (r for r in self.pairs.old_x.redlines if r.id not in skip)
            rest, short = self._read(self.old, old_role, rest_of, mask, objections)
            if not short:
                return False  # the rest settles both answers on both sides
            affected = (self._affected(names, old=True), self._affected(names, old=False))
            before = rest | self._read(self.old, old_role, affected[0], ALL, objections)[0]
            after = rest | self._read(self.new, new_role, affected[1], ALL, objections)[0]
            kept = ~0 if objections else ~OBJECTION
            if answers_of(before & kept) == answers_of(after & kept):
                return False  # what the redlines add up to is the same on both sides
        # As before the screen: only an option some redline's result differs for
        return self._passes(moved_by_redlines(self.old, self.new, old_role, new_role, checked))

    def _objection_matters(self, role: Role) -> bool:
        """Whether a standing objection changes ``role``'s standing, as ``agreement`` says."""
        plain = role_agreement(self.pairs.old_x, role, self._no_results, labels={})
        objected = Objection("", "", "", Strictness.VETO, certain=True, on_analysis=False)
        return plain.standing != replace(plain, objections=(objected,)).standing

    # -- firmness

    def firmness_may_move(self, pair: Pair) -> bool:
        """Whether ``pair``'s firmness (over readings and positions) can differ."""
        if pair.old_id is None or pair.new_id is None:
            return self._passes(True)
        own = [change for change in pair.own if change.moves_answers]
        if any(change.kind not in VALUE_KINDS for change in own):
            return self._passes(True)
        names = {str(change.path[1]) for change in own}
        old_role = self.pairs.old_roles[pair.old_id]
        new_role = self.pairs.new_roles[pair.new_id]
        doubts = (
            (*declared_readings(old_role), *self.positions[0]),
            (*declared_readings(new_role), *self.positions[1]),
        )
        if doubts[0] != doubts[1] or not _alike_but(old_role, new_role, names, quotes=False):
            return self._passes(True)
        if not doubts[0]:
            return False  # nothing in doubt on either side: firm on both
        skip = self._affected_old(names) | _touched(doubts[0], self.testing_old)
        rest_of = (r for r in self.pairs.old_x.redlines if r.id not in skip)
        rest, _ = self._read(self.old, old_role, rest_of, CROSSED_STRICTLY, objections=False)
        return self._passes(not rest & CROSSED_STRICTLY)

    # -- reading results

    def _passes(self, passed: bool) -> bool:
        self.passed += passed
        return passed

    def _affected_old(self, names: Iterable[str]) -> set[str]:
        """The ids of OLD's redlines whose result may differ: changed ones (whatever changed),
        and those that test a changed attribute."""
        found = set(self.changed_old)
        for name in names:
            found.update(r.id for r in self.testing_old.get(name, ()))
        return found

    def _affected(self, names: Iterable[str], *, old: bool) -> list[Redline]:
        """One side's redlines whose result may differ, each once."""
        changed, by_id, tests = (
            (self.changed_old, self.old_by_id, self.testing_old)
            if old
            else (self.changed_new, self.new_by_id, self.testing_new)
        )
        found = {i: by_id[i] for i in changed if i in by_id}
        for name in names:
            found.update((r.id, r) for r in tests.get(name, ()))
        return list(found.values())

    def _read(
        self,
        evaluator: Evaluator,
        role: Role,
        redlines: Iterable[Redline],
        enough: int,
        objections: bool,
    ) -> tuple[int, bool]:
        """The bits of ``redlines`` for ``role`` (on ``evaluator``'s side), read until they hold
        ``enough`` (the objection bit only with ``objections``); and whether they fall short
        of it (every one was read: the bits are then exact)."""
        values = role_values(role)
        bases = role_bases(role) if objections else {}
        bits = 0
        # A crossing of a held redline on the note's values alone is an objection outright, one
        # on our analysis's alone never is (see _on_analysis); the others are evaluated in full
        # only if no objection of the first kind is found.
        doubtful: list[Redline] = []
        for redline in redlines:
            self.read += 1
            applies, holds = redline_truths(redline, values)
            bits |= counter_bits(redline.strictness, applies, holds)
            if (
                objections
                and not bits & OBJECTION
                and applies is True
                and holds is True
                and redline.holders
            ):
                on_analysis = _on_analysis(evaluator.tested(redline), values, bases)
                if not any(on_analysis):
                    bits |= OBJECTION
                elif not all(on_analysis):
                    doubtful.append(redline)
            if bits & enough == enough:
                return bits, False
        if objections and not bits & OBJECTION:
            for redline in doubtful:
                self.read += 1
                if _objects(evaluator.evaluate(role, redline, values, bases)):
                    bits |= OBJECTION
                    break
        return bits, bits & enough != enough


def _on_analysis(
    tested: Sequence[str], values: Mapping[str, object], bases: Mapping[str, Basis]
) -> list[bool]:
    """For each value a redline tests that the role gives, whether it rests on analysis.

    A reason is one of the redline's tests, and a crossing has a reason with a value (an
    unknown value decides no test): with none of these on analysis the crossing rests on the
    note alone, with all of them it rests on analysis; else its reasons tell.
    """
    return [bases.get(name) in _ANALYSIS for name in tested if values.get(name) is not None]


_ANALYSIS = frozenset({Basis.ANALYSIS, Basis.ASSUMED})
"""The bases on which a result rests on analysis (``Result.rests_on_analysis``)."""


class _NoResults(Evaluator):
    """An evaluator that finds no redline results: a role's standing from its quotes alone."""

    def evaluate_role(self, role: Role) -> RoleVerdict:
        return RoleVerdict(role, Verdict.CLEAR, (Verdict.CLEAR,), (), ())


def _touched(doubts: Sequence[Doubt], tests: dict[str, list[Redline]]) -> set[str]:
    """The redlines a combination of ``doubts`` may evaluate otherwise."""
    found: set[str] = set()
    for doubt in doubts:
        if doubt.redline is not None:
            found.add(doubt.redline)
        if doubt.attribute is not None:
            found.update(r.id for r in tests.get(doubt.attribute, ()))
    return found


def _alike_but(old: Role, new: Role, names: Collection[str], *, quotes: bool) -> bool:
    """Whether two options are alike in every value and basis outside ``names`` (and, with
    ``quotes``, in the quotes a standing reads): then the redlines testing none of ``names``
    give both the same results."""
    a, b = old.attributes, new.attributes
    for name in a.keys() | b.keys():
        if name in names:
            continue
        before, after = a.get(name), b.get(name)
        if before is None or after is None:
            if before is not after:
                return False
        elif before.value != after.value or before.basis is not after.basis:
            return False
    if quotes:
        return (
            old.evidence == new.evidence
            and old.reception == new.reception
            and old.concerns == new.concerns
        )
    return True
