"""How firm each verdict is: which of our judgements it rests on, and which changes alter it.

For every role, the values it rests on are the values of the attributes the redlines test whose
basis is our analysis (``vary="note"`` varies the note's values too; assumed values and missing
values are never varied: the user fixed the first, and the second is no judgement).

Each such value is varied over its declared vocabulary:

- a boolean: to the other boolean, or to unknown (no value);
- a choice: to each other declared value, or to unknown;
- a choices set: each single declared value added or removed (not every subset: a set of ``n``
  values has ``2**n`` subsets), or unknown.

Then the smallest sets of judgements whose change alters the verdict are found EXACTLY by
exhaustive search over those variations (to declared values only: a value made unknown leaves the
verdict undetermined almost always, so it is reported per value but not searched), for sets of
1 up to ``bound`` judgements (default 2): a set is minimal when no smaller set of the same
judgements alters the verdict. "None up to 2" is a result: no change of one or two values
alters it.

It is fast because a verdict is a sum: each redline's result adds to a few counters (crossed a
veto or condition, could cross one, ...) and the verdict follows from the counters, so a change
re-evaluates only the redlines that test the changed attributes (through the
:class:`Evaluator`'s shared results) and adjusts the counters.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from math import prod
from typing import Any

from dsr_options.analyses.evaluate import (
    Analysis,
    Evaluator,
    Result,
    RoleVerdict,
    Verdict,
    role_bases,
    role_values,
)
from dsr_options.analyses.firmness_types import (
    DEFAULT_BOUND,
    DEFAULT_VARY,
    FIRM,
    FIRMNESS_SEARCH,
    MAX_BOUND,
    ON_ANALYSIS,
    ONE_JUDGEMENT,
    READINGS,
    VARY,
    Alternative,
    Change,
    ChangeSet,
    Firmness,
    FirmnessReport,
    Judgement,
    Undiscriminating,
    direction,
)
from dsr_options.analyses.readings import ReadingSearch
from dsr_options.errors import UsageError
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import AttributeDecl, Catalogue
from dsr_options.model.rules import (
    NO_COUNTS,
    Counts,
    add_counts,
    counts_of,
    redline_truths,
    subtract_counts,
    verdict_of,
)
from dsr_options.model.vocabulary import AttributeType, Basis

__all__ = [
    "DEFAULT_BOUND",
    "DEFAULT_VARY",
    "FIRM",
    "MAX_BOUND",
    "ONE_JUDGEMENT",
    "ON_ANALYSIS",
    "READINGS",
    "VARY",
    "Alternative",
    "Change",
    "ChangeSet",
    "Firmness",
    "FirmnessReport",
    "Judgement",
    "Undiscriminating",
    "firmness",
    "role_firmness",
    "undiscriminating",
    "variations",
    "verdict_changes",
    "verdict_of",
]

# -- variations -----------------------------------------------------------------------------------


def variations(decl: AttributeDecl, value: Any) -> tuple[Any, ...]:
    """The values ``value`` is varied to, in a fixed order, None (unknown) last."""
    found: list[Any] = []
    if decl.type is AttributeType.BOOLEAN:
        found = [not value] if isinstance(value, bool) else [True, False]
    elif decl.type is AttributeType.CHOICE:
        found = [v.id for v in decl.values if v.id != value]
    else:
        current = set(value) if isinstance(value, tuple) else set()
        order = [v.id for v in decl.values]
        for item in order:
            changed = current ^ {item}
            found.append(tuple(v for v in order if v in changed))
    return (*found, None)


# -- verdicts as sums -----------------------------------------------------------------------------


def _contribution(result: Result) -> Counts:
    return counts_of(result.strictness, result.applies, result.holds)


# -- the search -----------------------------------------------------------------------------------


def _check_bound(bound: int) -> None:
    """A bound out of range is a usage error, whatever is varied (the readings' search
    does not use it, but a bound the help says is wrong is not taken silently)."""
    if bound < 1 or bound > MAX_BOUND:
        raise UsageError(
            f"the firmness bound is a number of changes from 1 to {MAX_BOUND}, not {bound}",
            about="firmness_bound",
        )


class _Searcher:
    def __init__(self, evaluator: Evaluator, bound: int, vary: str) -> None:
        _check_bound(bound)
        if vary not in VARY:
            raise UsageError(
                f"vary 'readings', 'analysis' or 'all', not {vary!r}",
                about="vary",
            )
        self.evaluator = evaluator
        self.bound = bound
        self.vary = vary
        catalogue = evaluator.catalogue
        self.redlines = catalogue.redlines
        self.decls = {decl.id: decl for decl in catalogue.attributes}
        testing: dict[str, list[int]] = {}
        for index, redline in enumerate(self.redlines):
            for name in evaluator.tested(redline):
                testing.setdefault(name, []).append(index)
        self.testing = testing
        self._touched = {name: set(indices) for name, indices in testing.items()}
        self._counts: dict[tuple[Any, ...], Counts] = {}
        self.varied_bases = {Basis.ANALYSIS} | ({Basis.NOTE} if vary in ("all", "note") else set())

    def contribution(self, index: int, values: Mapping[str, Any]) -> Counts:
        """What redline ``index`` adds to the counters for these values: shared between roles
        and changes alike in the attributes it tests, and found without building reasons."""
        redline = self.redlines[index]
        tested = self.evaluator.tested(redline)
        key = (index, tuple(values.get(name) for name in tested))
        found = self._counts.get(key)
        if found is None:
            applies, holds = redline_truths(redline, values)
            found = self._counts[key] = counts_of(redline.strictness, applies, holds)
        return found

    def _independent(self, names: Sequence[str]) -> bool:
        """No redline tests two of these attributes."""
        seen: set[int] = set()
        for name in names:
            touched = self._touched[name]
            if seen & touched:
                return False
            seen |= touched
        return True

    @staticmethod
    def _additive(
        names: Sequence[str],
        deltas: Mapping[str, Mapping[Counts, list[Any]]],
        total: Counts,
        base: Verdict,
        options: Mapping[str, Sequence[Any]],
    ) -> list[ChangeSet]:
        """The altering combinations of independent changes, in the order of their values."""
        hits: list[tuple[tuple[int, ...], ChangeSet]] = []
        for moves in itertools.product(*(deltas[n].items() for n in names)):
            counts = total
            for delta, _ in moves:
                counts = add_counts(counts, delta)
            result = verdict_of(counts)
            if result is base:
                continue
            for combo in itertools.product(*(values for _, values in moves)):
                order = tuple(options[n].index(v) for n, v in zip(names, combo, strict=True))
                changes = tuple(Change(n, v) for n, v in zip(names, combo, strict=True))
                hits.append((order, ChangeSet(changes, result)))
        return [hit for _, hit in sorted(hits, key=lambda item: item[0])]

    def firmness(self, verdict: RoleVerdict, budget: Budget | None = None) -> Firmness:
        """The role's firmness, within ``budget`` (one evaluation: one redline's outcome
        for one set of values); a search it stops keeps the smallest sets found so far."""
        budget = budget or Budget(FIRMNESS_SEARCH)
        role = verdict.role
        values, bases = role_values(role), role_bases(role)
        contributions = [_contribution(r) for r in verdict.results]
        total = NO_COUNTS
        for c in contributions:
            total = add_counts(total, c)
        base = verdict_of(total)
        varied = [
            name
            for name in self.testing
            if name in values and bases.get(name) in self.varied_bases and name in self.decls
        ]
        options = {name: variations(self.decls[name], values[name]) for name in varied}

        def counts_under(changes: Sequence[Change]) -> Counts:
            changed = dict(values)
            touched: set[int] = set()
            for change in changes:
                changed[change.attribute] = change.value
                touched.update(self.testing[change.attribute])
            budget.spend(max(1, len(touched)))
            counts = total
            for index in touched:
                counts = subtract_counts(counts, contributions[index])
                counts = add_counts(counts, self.contribution(index, changed))
            return counts

        # Each value's change moves the counters by a delta. Changes of attributes that no
        # redline tests together move disjoint redlines, so their deltas add: such a set is
        # searched over its members' distinct deltas, not over every combination of values.
        deltas: dict[str, dict[Counts, list[Any]]] = {}
        judgements = []
        minimal: list[ChangeSet] = []
        altering: list[frozenset[str]] = []
        for name in varied:
            if budget.exhausted:
                break
            verdicts = []
            moved: dict[Counts, list[Any]] = {}
            for value in options[name]:
                counts = counts_under((Change(name, value),))
                verdicts.append(verdict_of(counts))
                if value is not None:
                    moved.setdefault(subtract_counts(counts, total), []).append(value)
            deltas[name] = moved
            alternatives = tuple(
                Alternative(Change(name, v), found)
                for v, found in zip(options[name], verdicts, strict=True)
            )
            judgements.append(Judgement(name, values[name], bases[name], alternatives))
            found = [
                a for a in alternatives if a.verdict is not base and a.change.value is not None
            ]
            if found:
                altering.append(frozenset((name,)))
                minimal += [ChangeSet((a.change,), a.verdict) for a in found]
        for size in range(2, self.bound + 1):
            for names in itertools.combinations(varied, size):
                if budget.exhausted:
                    break
                key = frozenset(names)
                if any(known <= key for known in altering):
                    continue
                if self._independent(names):
                    budget.spend(prod(len(deltas[n]) for n in names))
                    hits = self._additive(names, deltas, total, base, options)
                else:
                    hits = []
                    for combo in itertools.product(*(options[n][:-1] for n in names)):
                        changes = tuple(Change(n, v) for n, v in zip(names, combo, strict=True))
                        result = verdict_of(counts_under(changes))
                        if result is not base:
                            hits.append(ChangeSet(changes, result))
                if hits:
                    altering.append(key)
                    minimal += hits
        said = tuple(replace(s, direction=direction(base, s.verdict)) for s in minimal)
        return Firmness(
            role.id,
            verdict.verdict,
            self.bound,
            self.vary,
            tuple(judgements),
            said,
            tuple(varied),
            stopped=budget.exhausted,
        )


def role_firmness(
    catalogue: Catalogue,
    verdict: RoleVerdict,
    *,
    bound: int = DEFAULT_BOUND,
    vary: str = DEFAULT_VARY,
    evaluator: Evaluator | None = None,
    budget: Budget | None = None,
) -> Firmness:
    """How firm one role's verdict is (``verdict`` from :func:`evaluate_role`), within
    ``budget`` (default: :func:`~dsr_options.model.budget.max_evaluations`)."""
    if vary == READINGS:
        return ReadingSearch(catalogue, evaluator).firmness(verdict, budget)
    return _Searcher(evaluator or Evaluator(catalogue), bound, vary).firmness(verdict, budget)


def firmness(
    catalogue: Catalogue,
    analysis: Analysis | None = None,
    *,
    bound: int = DEFAULT_BOUND,
    vary: str = DEFAULT_VARY,
    evaluator: Evaluator | None = None,
    budget: Budget | None = None,
) -> FirmnessReport:
    """How firm every role's verdict is: the one firmness every command and format shows.

    By default (``vary="readings"``) over exactly the readings the data declares and the
    positions held with confidence reported or inferred, every combination (see
    :mod:`dsr_options.analyses.readings`); ``vary="analysis"`` searches every analysis value's
    vocabulary up to ``bound`` changes, ``vary="all"`` the note's values too. Pass the
    ``analysis`` (and the ``evaluator`` that made it) to reuse its results.

    The whole report spends one ``budget`` of evaluations (default
    ``$DSR_OPTIONS_MAX_EVALUATIONS``, 200,000), each role an equal share of what is left, so
    that a role with an explosive search leaves the others theirs; a role whose share ran out
    is marked ``stopped``, and the report's ``bounded`` says how many.
    """
    evaluator = evaluator or Evaluator(catalogue)
    if analysis is None:
        verdicts = tuple(evaluator.evaluate_role(role) for role in catalogue.roles)
    else:
        verdicts = analysis.verdicts
    _check_bound(bound)
    budget = budget or Budget(FIRMNESS_SEARCH)
    searcher: _Searcher | ReadingSearch
    if vary == READINGS:
        searcher = ReadingSearch(catalogue, evaluator)
    else:
        searcher = _Searcher(evaluator, bound, vary)
    roles = []
    for index, verdict in enumerate(verdicts):
        share = budget.share(len(verdicts) - index)
        roles.append(searcher.firmness(verdict, share))
        budget.settle(share)
    stopped = sum(1 for f in roles if f.stopped)
    bounded = None
    if stopped:
        some = f"{stopped:,} of {len(roles):,} roles" if len(roles) > 1 else "the role"
        bounded = budget.bounded(
            f"whether other changes, not yet tried, alter the verdicts of {some}"
        )
    return FirmnessReport(bound, vary, tuple(roles), undiscriminating(verdicts), bounded)


def undiscriminating(verdicts: Sequence[RoleVerdict]) -> tuple[Undiscriminating, ...]:
    """The redlines whose outcome is the same for every role (two roles or more)."""
    if len(verdicts) < 2:
        return ()
    found = []
    for index, first in enumerate(verdicts[0].results):
        outcomes = {v.results[index].outcome for v in verdicts}
        if len(outcomes) != 1:
            continue
        assumed = all(
            reason.basis in (Basis.ANALYSIS, Basis.ASSUMED)
            for v in verdicts
            for reason in v.results[index].reasons
        )
        found.append(Undiscriminating(first.redline.id, first.strictness, first.outcome, assumed))
    return tuple(found)


def verdict_changes(firm: Firmness) -> Mapping[str, Verdict]:
    """Each minimal change set's ``--assume`` text and the verdict it predicts."""
    return {" ".join(c.assume for c in s.changes): s.verdict for s in firm.minimal}
