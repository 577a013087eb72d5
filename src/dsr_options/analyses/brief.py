"""What a brief asks of the catalogue beyond ``check`` and ``agree``: each holder's position on
each role, the redlines of chosen holders, and the next steps the source records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from dsr_options.analyses.evaluate import Outcome, Result, RoleVerdict
from dsr_options.ids import pick_ids
from dsr_options.model.catalogue import Catalogue, Noted, Source
from dsr_options.model.vocabulary import Strictness


class Position(str, Enum):
    """Where one holder stands on one role, from worst to best."""

    BLOCKS = "blocks"
    """The role crosses a veto or a condition the holder holds."""
    MAY_BLOCK = "may block"
    """A veto or condition of the holder's cannot be decided for the role."""
    RESERVATIONS = "reservations"
    """The role crosses (or may cross) only concerns the holder holds."""
    ACCEPTS = "accepts"
    """The role crosses nothing the holder holds."""


@dataclass(frozen=True)
class HolderPosition:
    """One holder's position on one role, and the results behind it (in redline order)."""

    holder: str
    name: str
    position: Position
    results: tuple[Result, ...]
    """The holder's redlines that the role crosses or may cross."""

    @property
    def on_analysis(self) -> bool:
        """Every crossing behind the position rests on a value from our analysis."""
        return bool(self.results) and all(r.rests_on_analysis for r in self.results)


def holder_positions(catalogue: Catalogue, verdict: RoleVerdict) -> tuple[HolderPosition, ...]:
    """Each holder of an evaluated redline, in catalogue order, with its position on the role."""
    positions = []
    for holder in catalogue.holders:
        held = [r for r in verdict.results if holder.id in r.redline.holders]
        if not held:
            continue
        against = tuple(r for r in held if r.outcome in (Outcome.CROSSES, Outcome.UNKNOWN))
        hard = [r for r in against if r.strictness is not Strictness.CONCERN]
        if any(r.outcome is Outcome.CROSSES for r in hard):
            position = Position.BLOCKS
        elif hard:
            position = Position.MAY_BLOCK
        elif against:
            position = Position.RESERVATIONS
        else:
            position = Position.ACCEPTS
        positions.append(HolderPosition(holder.id, holder.label, position, against))
    return tuple(positions)


def select_holders(
    catalogue: Catalogue, references: Iterable[str], *, about: str = "holder"
) -> Catalogue:
    """The catalogue with only the redlines the named holders hold (ids or unique prefixes)."""
    ids = [holder.id for holder in catalogue.holders]
    chosen = pick_ids(references, ids, "holder", about=about)
    if chosen is None:
        return catalogue
    kept = [r for r in catalogue.redlines if chosen & set(r.holders)]
    holders = [h for h in catalogue.holders if h.id in chosen]
    return catalogue.model_copy(update={"redlines": kept, "holders": holders})


NEXT_STEPS_LEAD = "next step"
"""A source note whose text starts so (``Next steps: ...``) records what is to happen next."""


def next_steps(catalogue: Catalogue) -> tuple[tuple[Source, Noted], ...]:
    """The notes of each source that record next steps, in catalogue order."""
    return tuple(
        (source, note)
        for source in catalogue.sources
        for note in source.notes
        if note.text.lstrip().lower().startswith(NEXT_STEPS_LEAD)
    )
