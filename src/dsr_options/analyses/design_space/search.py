"""The exact sweep over one group of attributes: every combination of their value classes.

Attributes are assigned one at a time. A redline is decided once its last attribute is
assigned; a partial design is then known by the classes of the attributes that undecided
redlines still need (its *frontier*) and the set of redlines it already fails (a bitmask). Two
partial designs with the same frontier have the same futures, so one that fails a subset of
what the other fails dominates it: only the minimal sets of failed redlines are kept per
frontier. At the end the sets kept are exactly the minimal sets of redlines some complete
design fails (the minimal correction sets), each with a design that fails exactly it; the empty
set among them means a design fails none.

Along the designs that fail nothing the sweep also counts them (as classes and as designs) and
marks which class of each attribute some of them use (the acceptable region's outline).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from dsr_options.analyses.design_space.classes import Attribute


@dataclass(frozen=True)
class Group:
    """Attributes joined by the redlines that test them, and those redlines."""

    attributes: tuple[Attribute, ...]
    """In the order the sweep assigns them."""
    redlines: tuple[str, ...]
    positions: tuple[tuple[int, ...], ...]
    """Per redline, the indices in ``attributes`` of the attributes it tests."""
    tables: tuple[frozenset[tuple[int, ...]], ...]
    """Per redline, the combinations of its attributes' classes that clear it."""


@dataclass(frozen=True)
class Found:
    """A minimal set of redlines some design fails (a bitmask over the group's redlines)."""

    mask: int
    design: tuple[int, ...]
    """A class per attribute (in the group's order) of a design that fails exactly ``mask``."""


@dataclass(frozen=True)
class Sweep:
    """What the sweep of one group found."""

    found: tuple[Found, ...]
    """Every minimal failed set; ``(Found(0, design),)`` when a design clears every redline."""
    designs: int
    """Acceptable designs (values of the declared vocabulary), when ``found`` is empty-mask."""
    assignments: int
    """Acceptable combinations of classes."""
    support: tuple[frozenset[int], ...]
    """Per attribute, the classes some acceptable design uses."""
    steps: int
    """Partial designs extended, and compared with those kept."""
    complete: bool


class _Entry:
    __slots__ = ("count", "design", "mask", "support", "weight")

    def __init__(self, mask: int, design: tuple[int, ...], weight: int, count: int, support: int):
        self.mask = mask
        self.design = design
        self.weight = weight
        self.count = count
        self.support = support


def _getter(positions: Sequence[int]) -> Callable[[tuple[int, ...]], Any]:
    """Picks ``positions`` out of a design: a tuple, or the one class for one position."""
    if not positions:
        return lambda design: ()
    return itemgetter(*positions)


def _checks(group: Group) -> list[tuple[Callable[[tuple[int, ...]], Any], frozenset[Any]]]:
    """Per redline: what picks its attributes' classes out of a design, and the clear ones."""
    found = []
    for positions, table in zip(group.positions, group.tables, strict=True):
        single = len(positions) == 1
        found.append((_getter(positions), frozenset(t[0] for t in table) if single else table))
    return found


def _plan(group: Group) -> tuple[list[list[int]], list[tuple[int, ...]]]:
    """Per attribute: the redlines it finishes, and the frontier kept after it."""
    count = len(group.attributes)
    last = [max(p) for p in group.positions]
    finishing: list[list[int]] = [[] for _ in range(count)]
    for index, at in enumerate(last):
        finishing[at].append(index)
    keep = []
    for k in range(count):
        needed = {
            p for index, ps in enumerate(group.positions) if last[index] > k for p in ps if p <= k
        }
        keep.append(tuple(sorted(needed)))
    return finishing, keep


def _insert(entries: list[_Entry], new: _Entry) -> None:
    """Keep ``entries`` an antichain of minimal masks; equal empty masks are merged."""
    for old in entries:
        if old.mask & new.mask == old.mask:  # the old one fails no more: the new one adds nothing
            if old.mask == 0 and new.mask == 0:
                old.weight += new.weight
                old.count += new.count
                old.support |= new.support
            return
    entries[:] = [e for e in entries if e.mask & new.mask != new.mask]
    entries.append(new)


def sweep(group: Group, budget: int, acceptable_only: bool = False) -> Sweep:
    """Every combination of the group's classes, within ``budget`` partial designs extended.

    With ``acceptable_only``, partial designs that fail a redline are dropped at once: the
    sweep then only decides whether a design passes (``found`` empty when none does), with the
    region's counts and outline when one does; that is far cheaper when none does.
    """
    attributes = group.attributes
    finishing, keep = _plan(group)
    offsets = [0]
    for attribute in attributes:
        offsets.append(offsets[-1] + len(attribute.classes))
    states: dict[Any, list[_Entry]] = {(): [_Entry(0, (), 1, 1, 0)]}
    checks = _checks(group)
    steps = 0
    for k, attribute in enumerate(attributes):
        key_of = _getter(keep[k])
        new_states: dict[Any, list[_Entry]] = {}
        for entries in states.values():
            sample = entries[0].design
            for c, value_class in enumerate(attribute.classes):
                design = (*sample, c)
                failed = 0
                for index in finishing[k]:
                    steps += 1
                    pick, clear = checks[index]
                    if pick(design) not in clear:
                        failed |= 1 << index
                        if acceptable_only:
                            break
                key = key_of(design)
                bucket = new_states.setdefault(key, [])
                bit = 1 << (offsets[k] + c)
                if failed and acceptable_only:
                    steps += len(entries)
                    if not bucket:
                        del new_states[key]
                    continue
                for entry in entries:
                    steps += 1 + len(bucket)
                    mask = entry.mask | failed
                    _insert(
                        bucket,
                        _Entry(
                            mask,
                            (*entry.design, c),
                            entry.weight * value_class.size,
                            entry.count,
                            entry.support | bit,
                        ),
                    )
                if steps > budget:
                    return Sweep((), 0, 0, (), steps, False)
        states = new_states
    finals = [e for entries in states.values() for e in entries]
    ok = [e for e in finals if e.mask == 0]
    if acceptable_only and not ok:
        return Sweep((), 0, 0, tuple(frozenset() for _ in attributes), steps, True)
    if ok:
        entry = ok[0]
        support = tuple(
            frozenset(c for c in range(len(a.classes)) if entry.support >> (offsets[k] + c) & 1)
            for k, a in enumerate(attributes)
        )
        return Sweep((Found(0, entry.design),), entry.weight, entry.count, support, steps, True)
    minimal: list[_Entry] = []
    for entry in sorted(finals, key=lambda e: (bin(e.mask).count("1"), e.mask)):
        if not any(m.mask & entry.mask == m.mask for m in minimal):
            minimal.append(entry)
    found = tuple(Found(e.mask, e.design) for e in minimal)
    return Sweep(found, 0, 0, tuple(frozenset() for _ in attributes), steps, True)


def nearest(
    group: Group, own: Sequence[int | None], budget: int
) -> tuple[int, tuple[int, ...]] | None:
    """The acceptable design fewest attributes away from ``own`` (a class per attribute, None
    for a value outside the vocabulary), and how many attributes it changes."""
    finishing, keep = _plan(group)
    states: dict[Any, tuple[int, tuple[int, ...]]] = {(): (0, ())}
    checks = _checks(group)
    steps = 0
    for k, attribute in enumerate(group.attributes):
        key_of = _getter(keep[k])
        new_states: dict[Any, tuple[int, tuple[int, ...]]] = {}
        for cost, design in states.values():
            for c in range(len(attribute.classes)):
                steps += 1
                extended = (*design, c)
                if any(checks[i][0](extended) not in checks[i][1] for i in finishing[k]):
                    continue
                key = key_of(extended)
                total = cost + (0 if own[k] == c else 1)
                held = new_states.get(key)
                if held is None or total < held[0]:
                    new_states[key] = (total, extended)
        if steps > budget:
            return None
        states = new_states
    if not states:
        return None
    return min(states.values())
