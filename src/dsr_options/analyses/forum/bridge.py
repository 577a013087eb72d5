"""Whether some design of the UN's role bridges every bloc: at least one member of each bloc
accepts it, and each bloc whose position is declared accepts it as a whole.

Exact: for every way of picking one member (with redlines given) per bloc, the design space of
those members and of the blocs' own positions is searched; a design bridges exactly when one of
those searches finds one acceptable to all it was asked about. Picks are tried fewest holders
first and a pick holding another already tried is skipped (what the larger pick accepts, the
smaller does too). At most ``MAX_PICKS`` picks are tried; past it the answer is not known, and
says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dsr_options.analyses.design_space import design_space
from dsr_options.model.catalogue import Catalogue, Holder

MAX_PICKS = 256
"""Most picks of one member per bloc searched for a bridging design."""


@dataclass(frozen=True)
class Bridge:
    """The answer: ``bridges`` is None when the search stopped (``unknown`` says why)."""

    bridges: bool | None
    design: tuple[tuple[str, Any], ...] | None = None
    """A design that bridges every bloc, when one does."""
    members: tuple[str, ...] = ()
    """The members (one per bloc) who accept that design."""
    picks: int = 0
    """How many picks were searched."""
    unknown: str | None = None


def bridging_design(
    catalogue: Catalogue,
    blocs: Sequence[tuple[str, Sequence[str], bool]],
    decided: Sequence[str],
) -> Bridge:
    """``blocs`` as (id, members, position declared); ``decided`` the members with redlines."""
    if not blocs:
        return Bridge(None, unknown="no bloc is declared")
    choices = [[m for m in members if m in decided] for _, members, _ in blocs]
    if any(not c for c in choices):
        empty = next(b for (b, _, _), c in zip(blocs, choices, strict=True) if not c)
        return Bridge(False, unknown=f"no member of {empty} has redlines given")
    total = 1
    for c in choices:
        total *= len(c)
    order = {m: i for i, m in enumerate(decided)}
    # Fewest holders first, then in the members' order: the same answer on every run.
    picks = sorted(
        {frozenset(p) for p in itertools.product(*choices)},
        key=lambda pick: (len(pick), sorted(order[m] for m in pick)),
    )
    if len(picks) > MAX_PICKS:
        return Bridge(
            None,
            picks=0,
            unknown=f"{total:,} ways to pick one member per bloc, more than the {MAX_PICKS} "
            "searched: not known",
        )
    positions = [b for b, _, declared in blocs if declared]
    known = {h.id for h in catalogue.holders}
    extra = [
        Holder.model_construct(id=b.id, name=b.label, short=b.short, description=None)
        for b in catalogue.blocs
        if b.id in positions and b.id not in known
    ]
    widened = catalogue.model_copy(update={"holders": [*catalogue.holders, *extra]})
    tried: list[frozenset[str]] = []
    for count, pick in enumerate(picks, start=1):
        if any(t <= pick for t in tried):
            continue  # a smaller pick was already searched and found nothing
        tried.append(pick)
        asked = [h for h in decided if h in pick] + positions
        space = design_space(widened, asked)
        if space.acceptable_exists is None:
            return Bridge(None, picks=count, unknown=space.stopped)
        if space.acceptable_exists:
            return Bridge(True, space.witness, tuple(h for h in decided if h in pick), count)
    return Bridge(False, picks=len(tried))
