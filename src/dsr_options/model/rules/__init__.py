"""The rule engine: the one home of what a redline's rules mean.

Everything that decides an answer lives here, and nowhere else:

* **three-valued truth** (Kleene): ``True``, ``False``, or ``None`` when the values cannot decide;
  ``all`` is false as soon as one child is false, ``any`` true as soon as one is true, ``not``
  swaps true and false and keeps unknown;
* **what a test holds** for a value (:func:`test_holds`), operator by operator;
* **the attributes a rule tests** (:func:`tests_of`, :func:`redline_tests`,
  :func:`redline_attributes`);
* **a redline against values**: whether it applies and whether its rule holds
  (:func:`redline_truths`), the :class:`Outcome` that makes (:func:`outcome_of`);
* **the verdict rule**, over counts (:class:`Counts`, :func:`counts_of`, :func:`possible_verdicts`,
  :func:`verdict_of`), so that a search can add results up without building any explanation,
  and which redlines decide a verdict (:func:`decide`).

Values are plain data, an attribute name mapped to a bool, a str, or a tuple (or list) of str; an
attribute absent from the mapping (or mapped to None) is unknown. The engine has no words: the
reasons a caller shows are the structured :class:`Tested` records of :func:`explain`, worded in
``render/`` (and in ``analyses/evaluate.py``'s ``Reason``).

Two modules: ``logic.py`` (tests, truth, a redline against values; each rule made into a
function of the values once, so that checking every role is linear at a small constant) and
``verdicts.py`` (the verdict rule over counts, and the redlines that decide a verdict). Import
from the package.

It sits in ``model/`` so that every layer that needs rule semantics may import it, including
``validate/`` (the writer's warnings); it imports only the models.
"""

from dsr_options.model.rules.logic import (
    Check,
    Outcome,
    Tested,
    Truth,
    Values,
    applies,
    could_cross,
    crosses,
    explain,
    outcome_of,
    redline_attributes,
    redline_check,
    redline_tests,
    redline_truths,
    rule_attributes,
    rule_check,
    test_holds,
    tests_of,
    truth,
    value_check,
)
from dsr_options.model.rules.verdicts import (
    NO_COUNTS,
    Counts,
    Verdict,
    add_counts,
    counts_of,
    decide,
    possible_verdicts,
    redline_counts,
    subtract_counts,
    verdict_of,
)

__all__ = [
    "NO_COUNTS",
    "Check",
    "Counts",
    "Outcome",
    "Tested",
    "Truth",
    "Values",
    "Verdict",
    "add_counts",
    "applies",
    "could_cross",
    "counts_of",
    "crosses",
    "decide",
    "explain",
    "outcome_of",
    "possible_verdicts",
    "redline_attributes",
    "redline_check",
    "redline_counts",
    "redline_tests",
    "redline_truths",
    "rule_attributes",
    "rule_check",
    "subtract_counts",
    "test_holds",
    "tests_of",
    "truth",
    "value_check",
    "verdict_of",
]
