"""Redlines against roles: three-valued evaluation, reasons and verdicts.

Repair hints live in ``repairs``, the agreement view in ``agreement``.

Pure: takes a loaded :class:`Catalogue` and returns plain result data. A rule that is true means
the role crosses the redline; an attribute the rule needs and the role does not give makes the
test unknown, combined with Kleene logic (``all``/``any``/``not``). Unknown is never clear.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dsr_options.analyses.repairs import AttributeValues, Repair, repair_hints
from dsr_options.errors import TooManyPairs, UsageError
from dsr_options.ids import pick_ids
from dsr_options.model.catalogue import (
    AttributeTest,
    Catalogue,
    Redline,
    Role,
    Rule,
)
from dsr_options.model.rules import (
    Outcome,
    Tested,
    Truth,
    Verdict,
    decide,
    explain,
    outcome_of,
    redline_attributes,
)
from dsr_options.model.vocabulary import Basis, Strictness

__all__ = [
    "Analysis",
    "AttributeBases",
    "Evaluator",
    "Outcome",
    "Reason",
    "RedlineHolders",
    "Result",
    "RoleVerdict",
    "Truth",
    "Verdict",
    "analyse",
    "check_bounds",
    "clear_of",
    "combine_results",
    "evaluate",
    "evaluate_role",
    "evaluate_rule",
    "max_pairs",
    "redline_attributes",
    "role_bases",
    "role_values",
    "select_redlines",
    "surviving",
]

AttributeBases = Mapping[str, Basis]
"""Where each of a role's attribute values comes from: the note or our analysis."""


# -- result data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One attribute test that decided (or failed to decide) a result."""

    part: str
    """Where the test sits: ``rule``, ``rule.all[1].not``, ``applies_to``."""
    attribute: str
    test: AttributeTest
    """The test itself (``render.explain.rule_text`` words it)."""
    value: Any
    """The role's value (bool, str or tuple of str), or None when the role gives none."""
    holds: Truth
    """Whether the test itself holds for the role; None when it cannot be decided."""
    basis: Basis | None = None
    """Where the role's value comes from (the note or our analysis); None without a value."""


@dataclass(frozen=True)
class Result:
    """One redline evaluated against one role."""

    redline: Redline
    outcome: Outcome
    applies: Truth
    """Whether ``applies_to`` holds (true when the redline has none)."""
    holds: Truth
    """Whether the rule holds (the role crosses when the redline applies)."""
    reasons: tuple[Reason, ...]
    repairs: tuple[Repair, ...] = ()

    @property
    def strictness(self) -> Strictness:
        return self.redline.strictness

    @property
    def could_cross(self) -> bool:
        return self.applies is not False and self.holds is not False

    @property
    def could_be_clear_in_scope(self) -> bool:
        return self.applies is not False and self.holds is not True

    @property
    def could_be_out_of_scope(self) -> bool:
        return self.applies is not True

    @property
    def rests_on_analysis(self) -> bool:
        """Some value behind the result is our analysis, not the note's."""
        return any(reason.basis in (Basis.ANALYSIS, Basis.ASSUMED) for reason in self.reasons)


@dataclass(frozen=True)
class RoleVerdict:
    """Every redline's result for one role, and what they add up to."""

    role: Role
    verdict: Verdict
    possible: tuple[Verdict, ...]
    """The verdicts the unknown results leave open (one when the verdict is decided)."""
    deciding: tuple[str, ...]
    """Ids of the redlines behind the verdict (the unknown ones when it is undetermined)."""
    results: tuple[Result, ...]
    _by_redline: dict[str, Result] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # `analyse` looks results up redline by redline: keep that O(1), so that checking
        # stays linear in roles x redlines.
        object.__setattr__(self, "_by_redline", {r.redline.id: r for r in self.results})

    def result(self, redline_id: str) -> Result:
        return self._by_redline[redline_id]

    @property
    def survives(self) -> bool:
        """No veto or condition is crossed, nor could an unknown result cross one."""
        return Verdict.OUT not in self.possible


@dataclass(frozen=True)
class RedlineHolders:
    """One redline, who holds it, and which roles it rules on how."""

    redline: Redline
    holders: tuple[tuple[str, str], ...]
    """(id, name) of each holder."""
    by_outcome: Mapping[Outcome, tuple[str, ...]]
    """Role ids for each outcome."""
    file: str | None = None
    """The file the redline came from (``catalogue`` for the catalogue's own)."""


@dataclass(frozen=True)
class Analysis:
    """The roles x redlines matrix: what ``dsr-options check`` shows."""

    verdicts: tuple[RoleVerdict, ...]
    redlines: tuple[RedlineHolders, ...]


# -- three-valued evaluation ----------------------------------------------------------------------


def evaluate_rule(
    rule: Rule,
    attributes: AttributeValues,
    part: str = "rule",
    bases: AttributeBases | None = None,
) -> tuple[Truth, list[Reason]]:
    """Kleene evaluation of ``rule`` (the engine's), with the tests that decided it as reasons.

    ``bases`` tells each reason where the role's value comes from (note or analysis).
    """
    holds, tested = explain(rule, attributes, part)
    return holds, [_reason(t, bases) for t in tested]


def _reason(tested: Tested, bases: AttributeBases | None) -> Reason:
    test, value = tested.test, tested.value
    basis = bases.get(test.attribute) if bases is not None and value is not None else None
    return Reason(tested.part, test.attribute, test, value, tested.holds, basis)


def role_values(role: Role) -> dict[str, Any]:
    """The role's attribute values as plain data (a list attribute as a tuple)."""
    return {name: attribute.value for name, attribute in role.attributes.items()}


def role_bases(role: Role) -> dict[str, Basis]:
    """Where each of the role's attribute values comes from."""
    return {name: attribute.basis for name, attribute in role.attributes.items()}


class Evaluator:
    """Evaluates a catalogue's redlines against roles, sharing work between pairs.

    A result depends only on the redline and the values (and bases) of the few attributes its
    rules test, not on the role: roles alike in those attributes share one :class:`Result`, so
    checking many roles costs one dictionary look-up per pair once each shape is seen, and the
    matrix holds one reference per pair. Repair hints are computed once per shape too.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._attributes: dict[str, tuple[str, ...]] = {}
        self._results: dict[tuple[Any, ...], Result] = {}
        self._plan: tuple[tuple[Redline, tuple[str, ...]], ...] | None = None

    def tested(self, redline: Redline) -> tuple[str, ...]:
        """The attributes ``redline`` tests (:func:`redline_attributes`), found once each."""
        tested = self._attributes.get(redline.id)
        if tested is None:
            tested = self._attributes[redline.id] = redline_attributes(redline)
        return tested

    def evaluate(
        self, role: Role, redline: Redline, values: AttributeValues, bases: AttributeBases
    ) -> Result:
        return self._results_of(((redline, self.tested(redline)),), values, bases)[0]

    def evaluate_role(self, role: Role) -> RoleVerdict:
        if self._plan is None:
            self._plan = tuple((r, self.tested(r)) for r in self.catalogue.redlines)
        results = tuple(self._results_of(self._plan, role_values(role), role_bases(role)))
        verdict, possible, deciding = _verdict(results)
        return RoleVerdict(role, verdict, possible, deciding, results)

    def _results_of(
        self,
        plan: Iterable[tuple[Redline, tuple[str, ...]]],
        values: AttributeValues,
        bases: AttributeBases,
    ) -> list[Result]:
        """Each redline's result for these values, shared with every role alike in the
        values (and bases) the redline tests."""
        shared, found = self._results, []
        for redline, tested in plan:
            key = (id(redline), tuple(map(values.get, tested)), tuple(map(bases.get, tested)))
            try:
                cached = shared.get(key)
            except TypeError:  # an unhashable value: evaluate without sharing
                found.append(_evaluate(self.catalogue, redline, values, bases))
                continue
            if cached is None or cached.redline is not redline:
                cached = shared[key] = _evaluate(self.catalogue, redline, values, bases)
            found.append(cached)
        return found


def evaluate(
    catalogue: Catalogue,
    role: Role,
    redline: Redline,
    values: AttributeValues | None = None,
    bases: AttributeBases | None = None,
) -> Result:
    """One redline against one role: outcome, reasons and, for a crossing, repair hints.

    ``values`` and ``bases`` are the role's attribute values and their bases, when the caller
    has them already.
    """
    if values is None:
        values = role_values(role)
    if bases is None:
        bases = role_bases(role)
    return _evaluate(catalogue, redline, values, bases)


def _evaluate(
    catalogue: Catalogue, redline: Redline, values: AttributeValues, bases: AttributeBases
) -> Result:
    applies: Truth = True
    scope_reasons: list[Reason] = []
    if redline.applies_to is not None:
        applies, scope_reasons = evaluate_rule(redline.applies_to, values, "applies_to", bases)
    if redline.requires is not None:
        met, rule_reasons = evaluate_rule(redline.requires, values, "requires", bases)
        holds: Truth = None if met is None else not met
    else:
        holds, rule_reasons = evaluate_rule(redline.crossing, values, "rule", bases)
    outcome = outcome_of(applies, holds)
    if outcome is Outcome.NOT_APPLICABLE:
        return Result(redline, outcome, applies, holds, tuple(scope_reasons))
    reasons = tuple(scope_reasons + rule_reasons)
    if outcome is not Outcome.CROSSES:
        return Result(redline, outcome, applies, holds, reasons)
    repairs = repair_hints(catalogue, redline, values)
    return Result(redline, outcome, applies, holds, reasons, repairs)


def _verdict(results: Sequence[Result]) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
    return decide([(r.redline, r.applies, r.holds) for r in results])


def combine_results(
    results: Sequence[Result],
) -> tuple[Verdict, tuple[Verdict, ...], tuple[str, ...]]:
    """What results add up to: the verdict, the verdicts left possible, the deciding redlines.

    The combination :meth:`Evaluator.evaluate_role` makes, for callers that evaluate a role
    against redlines of their own choosing (``diff`` re-evaluates a role under some changes).
    """
    return _verdict(results)


def evaluate_role(catalogue: Catalogue, role: Role) -> RoleVerdict:
    """Every redline of the catalogue against ``role``, and the verdict they add up to.

    This is the one call other views (``show``, ``compare``) need for a role's redline results.
    """
    return Evaluator(catalogue).evaluate_role(role)


MAX_PAIRS_ENV = "DSR_OPTIONS_MAX_PAIRS"
DEFAULT_MAX_PAIRS = 2_000_000
"""Most role x redline pairs one ``check``, ``agree`` or ``list --survives`` evaluates."""


def max_pairs() -> int:
    """The pair limit: ``$DSR_OPTIONS_MAX_PAIRS``, else 2,000,000."""
    raw = os.environ.get(MAX_PAIRS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_PAIRS
    try:
        limit = int(raw.replace("_", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise UsageError(
            f"{MAX_PAIRS_ENV}={raw!r}: give the most role x redline pairs to evaluate "
            "(a whole number, e.g. 5000000)"
        )
    return limit


def check_bounds(catalogue: Catalogue, limit: int | None = None) -> None:
    """Refuse up front a run that would evaluate (or lay out) more pairs than the limit."""
    roles, redlines = len(catalogue.roles), len(catalogue.redlines)
    pairs = roles * redlines
    limit = max_pairs() if limit is None else limit
    if pairs <= limit:
        return
    raise TooManyPairs(roles, redlines, limit, reading=limit < max_pairs())


def select_redlines(
    catalogue: Catalogue, references: Iterable[str], *, about: str = "only"
) -> Catalogue:
    """The catalogue with only the redlines named (id or unique prefix), in catalogue order."""
    ids = [redline.id for redline in catalogue.redlines]
    chosen = pick_ids(references, ids, "redline", about=about)
    if chosen is None:
        return catalogue
    kept = [redline for redline in catalogue.redlines if redline.id in chosen]
    return catalogue.model_copy(update={"redlines": kept})


def analyse(catalogue: Catalogue, evaluator: Evaluator | None = None) -> Analysis:
    """The whole matrix: every role's verdict and every redline's holders and outcomes.

    Pass an ``evaluator`` to share its results with later analyses (firmness).
    """
    check_bounds(catalogue)
    evaluator = evaluator or Evaluator(catalogue)
    verdicts = tuple(evaluator.evaluate_role(role) for role in catalogue.roles)
    lines = []
    for redline in catalogue.redlines:
        holders = tuple(
            (hid, holder.label if holder else hid)
            for hid, holder in ((h, catalogue.holder(h)) for h in redline.holders)
        )
        by_outcome = {
            outcome: tuple(v.role.id for v in verdicts if v.result(redline.id).outcome is outcome)
            for outcome in Outcome
        }
        file = catalogue.redline_files.get(redline.id)
        lines.append(RedlineHolders(redline, holders, by_outcome, file))
    return Analysis(verdicts, tuple(lines))


def clear_of(catalogue: Catalogue, references: Iterable[str]) -> list[str]:
    """Ids of the roles that do not cross the named redlines (unknown is not clear)."""
    picked = select_redlines(catalogue, references, about="clear_of")
    check_bounds(picked)
    evaluator = Evaluator(picked)
    kept = []
    for role in catalogue.roles:
        values, bases = role_values(role), role_bases(role)
        if all(
            evaluator.evaluate(role, redline, values, bases).outcome
            in (Outcome.CLEAR, Outcome.NOT_APPLICABLE)
            for redline in picked.redlines
        ):
            kept.append(role.id)
    return kept


def surviving(catalogue: Catalogue) -> list[str]:
    """Ids of the roles that cannot be out: no veto or condition crossed or possibly crossed."""
    check_bounds(catalogue)
    evaluator = Evaluator(catalogue)
    return [role.id for role in catalogue.roles if evaluator.evaluate_role(role).survives]
