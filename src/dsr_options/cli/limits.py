"""The limits of pairs a command refuses over, checked as soon as the counts are known: a
table or Markdown report too large to read, and a run that would evaluate more pairs than the
evaluation limit."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from dsr_options.render import OutputFormat

if TYPE_CHECKING:
    from dsr_options.analyses.pipeline import PairLimit
    from dsr_options.model.catalogue import Catalogue


MAX_READING_PAIRS = 50_000
"""Most pairs a table or Markdown report lays out: past this a matrix is not for reading, and
laying it out takes rich seconds for every ten thousand cells."""


def reading_limit() -> int:
    """The pair limit for reports meant to be read: ``$DSR_OPTIONS_MAX_PAIRS`` when set."""
    from dsr_options.analyses.evaluate import MAX_PAIRS_ENV, max_pairs

    return max_pairs() if os.environ.get(MAX_PAIRS_ENV, "").strip() else MAX_READING_PAIRS


def pair_limit(fmt: OutputFormat, *, every_pair: bool = False) -> PairLimit | None:
    """The smallest limit of pairs :func:`check_reading_bounds` would refuse this run over, for
    the pipeline to refuse as soon as the files are parsed (None: no limit applies)."""
    from dsr_options.analyses.evaluate import max_pairs
    from dsr_options.analyses.pipeline import PairLimit

    limits = []
    if fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
        limits.append(reading_limit())
    if every_pair:
        limits.append(max_pairs())
    if not limits:
        return None
    return PairLimit(min(limits), reading=min(limits) < max_pairs())


def check_reading_bounds(
    catalogue: Catalogue,
    fmt: OutputFormat,
    *,
    every_pair: bool = False,
    narrow: str | None = None,
) -> None:
    """Refuse up front, as soon as the counts are known and before any analysis, a run its limit
    would refuse: a table or Markdown report too large to read, and with ``every_pair`` (a
    command that evaluates every role x redline pair) one over the evaluation limit in any
    format. ``narrow`` says how to narrow this command's question when it differs from
    ``check``'s (``brief`` takes no ``-f json``)."""
    from dsr_options.analyses.evaluate import check_bounds
    from dsr_options.errors import TooManyPairs

    try:
        if fmt in (OutputFormat.TABLE, OutputFormat.MARKDOWN):
            check_bounds(catalogue, reading_limit())
        if every_pair:
            check_bounds(catalogue)
    except TooManyPairs as exc:
        exc.narrow = narrow
        raise


def verdicts_to_read(catalogue: Catalogue, roles: Any, fmt: OutputFormat) -> dict[str, Any] | None:
    """Each listed role's verdict for a table or Markdown listing (None for machine formats,
    which stay the role data, and for a listing too large to evaluate for reading)."""
    if fmt not in (OutputFormat.TABLE, OutputFormat.MARKDOWN) or not catalogue.redlines:
        return None
    if len(roles) * len(catalogue.redlines) > reading_limit():
        return None
    from dsr_options.analyses.evaluate import Evaluator

    evaluator = Evaluator(catalogue)
    return {role.id: evaluator.evaluate_role(role) for role in roles}
