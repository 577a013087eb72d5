"""Agreement: for each role, the evidence for and against it and the holders who object.

The note's second way forward ("areas of agreement on what *is* an appropriate role"), answered
from the same catalogue and the same redline evaluation as ``check``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dsr_options.analyses.evaluate import Evaluator, Outcome, RoleVerdict, check_bounds
from dsr_options.model.catalogue import Catalogue, Evidence, Role
from dsr_options.model.vocabulary import Stance, Strictness


@dataclass(frozen=True)
class Quoted:
    """A piece of evidence and what in the role it is attached to."""

    evidence: Evidence
    about: str
    """Where in the role the quote is attached: ``role``, ``reception``, ``concern``, or
    several of them (``role, concern``) when the same quote is attached to more than one."""

    @property
    def on_reception(self) -> bool:
        """The quote is about how the role was received: attached to its reception or a concern."""
        return self.about != "role"


@dataclass(frozen=True)
class Objection:
    """A holder who objects to a role: it holds a redline the role crosses (or may cross)."""

    holder: str
    name: str
    redline: str
    strictness: Strictness
    certain: bool
    """False when the result is unknown: the holder may object."""
    on_analysis: bool = False
    """The crossing rests on a value from our analysis, not from the note."""

    @property
    def stand(self) -> str:
        """``objects`` on the note's facts; else ``may object (on our reading)`` (the crossing
        rests on our analysis) or ``may object (unknown)`` (a value the rule tests is unknown)."""
        if self.certain and not self.on_analysis:
            return OBJECTS
        return MAY_OBJECT_ON_READING if self.on_analysis else MAY_OBJECT_UNKNOWN


OBJECTS = "objects"
MAY_OBJECT_ON_READING = "may object (on our reading)"
MAY_OBJECT_UNKNOWN = "may object (unknown)"


@dataclass(frozen=True)
class Objector:
    """One holder and where it stands on a role: it objects, or it may object, and why."""

    holder: str
    name: str
    stand: str
    """``objects``, ``may object (on our reading)`` or ``may object (unknown)``."""
    redlines: tuple[str, ...]
    """The holder's redlines the role crosses (or may cross) that give this stand."""


@dataclass(frozen=True)
class RoleAgreement:
    """For one role: the evidence for and against it, and who objects."""

    verdict: RoleVerdict
    support: tuple[Quoted, ...]
    opposition: tuple[Quoted, ...]
    qualifying: tuple[Quoted, ...]
    objections: tuple[Objection, ...] = field(default=())

    @property
    def role(self) -> Role:
        return self.verdict.role

    @property
    def objectors(self) -> tuple[Objector, ...]:
        """The holders who object: a redline of theirs is crossed on the note's facts."""
        return tuple(o for o in self._by_holder() if o.stand == OBJECTS)

    @property
    def may_object(self) -> tuple[Objector, ...]:
        """The other holders a crossing touches: on our reading only, or on an unknown value."""
        return tuple(o for o in self._by_holder() if o.stand != OBJECTS)

    def _by_holder(self) -> list[Objector]:
        """One entry per holder, at its strongest stand (objects > on our reading > unknown)."""
        order = (OBJECTS, MAY_OBJECT_ON_READING, MAY_OBJECT_UNKNOWN)
        best: dict[str, tuple[str, str]] = {}
        for o in self.objections:
            held = best.get(o.holder)
            if held is None or order.index(o.stand) < order.index(held[1]):
                best[o.holder] = (o.name, o.stand)
        return [
            Objector(
                holder,
                name,
                stand,
                tuple(
                    dict.fromkeys(
                        o.redline
                        for o in self.objections
                        if o.holder == holder and o.stand == stand
                    )
                ),
            )
            for holder, (name, stand) in best.items()
        ]

    @property
    def standing(self) -> str:
        """What the evidence shows, without claiming a consensus the note does not record.

        Only quotes on how the role was received (its reception and concerns) count: a quote
        that only describes the role shows it was offered, not that anyone backed it.
        ``supported``: such quotes support the role and nothing stands against it;
        ``contested``: some support it and some oppose it (or it certainly crosses a redline on
        values from the note); ``opposed``: only opposition; ``no recorded view``: neither. A
        crossing that rests on our analysis is listed as an objection, marked so, but does not
        set the standing.
        """
        against = any(q.on_reception for q in self.opposition) or any(
            o.certain and not o.on_analysis for o in self.objections
        )
        if any(q.on_reception for q in self.support):
            return STANDING_CONTESTED if against else STANDING_SUPPORTED
        return STANDING_OPPOSED if against else STANDING_NO_VIEW


STANDING_SUPPORTED = "supported"
STANDING_CONTESTED = "contested"
STANDING_OPPOSED = "opposed"
STANDING_NO_VIEW = "no recorded view"


def _quoted(role: Role) -> list[Quoted]:
    """The role's quotes, each once: a quote attached to several parts of the role is listed
    once with every part it is attached to, and a quote contained in a longer quote of the same
    stance is folded into the longer one."""
    items = [(e, "role") for e in role.evidence]
    items += [(e, "reception") for e in role.reception.evidence]
    items += [(e, "concern") for concern in role.concerns for e in concern.evidence]
    merged: dict[tuple[Stance, str], tuple[Evidence, list[str]]] = {}
    for evidence, about in items:
        key = (evidence.stance, evidence.quote)
        if key not in merged:
            merged[key] = (evidence, [])
        if about not in merged[key][1]:
            merged[key][1].append(about)
    kept = []
    for (stance, quote), (evidence, abouts) in merged.items():
        containing = [
            (q, other) for (s, q), other in merged.items() if s is stance and quote in q != quote
        ]
        if not containing:
            kept.append((evidence, abouts))
        else:
            longest = max(containing, key=lambda pair: len(pair[0]))[1][1]
            longest.extend(about for about in abouts if about not in longest)
    order = ("role", "reception", "concern")
    return [Quoted(e, ", ".join(sorted(abouts, key=order.index))) for e, abouts in kept]


def role_agreement(
    catalogue: Catalogue,
    role: Role,
    evaluator: Evaluator | None = None,
    labels: Mapping[str, str] | None = None,
) -> RoleAgreement:
    """The evidence for and against ``role`` by stance, and the holders who object.

    ``labels`` is each holder's label by id, when the caller has it (:func:`holder_labels`).
    """
    if labels is None:
        labels = holder_labels(catalogue)
    verdict = (evaluator or Evaluator(catalogue)).evaluate_role(role)
    quoted = _quoted(role)
    objections = []
    for result in verdict.results:
        if result.outcome not in (Outcome.CROSSES, Outcome.UNKNOWN):
            continue
        for holder_id in result.redline.holders:
            objections.append(
                Objection(
                    holder_id,
                    labels.get(holder_id, holder_id),
                    result.redline.id,
                    result.strictness,
                    result.outcome is Outcome.CROSSES,
                    result.rests_on_analysis,
                )
            )
    return RoleAgreement(
        verdict,
        support=tuple(q for q in quoted if q.evidence.stance is Stance.SUPPORTS),
        opposition=tuple(q for q in quoted if q.evidence.stance is Stance.OPPOSES),
        qualifying=tuple(q for q in quoted if q.evidence.stance is Stance.QUALIFIES),
        objections=tuple(objections),
    )


def agreement(catalogue: Catalogue) -> list[RoleAgreement]:
    """Every role's agreement view, in catalogue order (the note's second approach)."""
    check_bounds(catalogue)
    evaluator = Evaluator(catalogue)
    labels = holder_labels(catalogue)
    return [role_agreement(catalogue, role, evaluator, labels) for role in catalogue.roles]


def holder_labels(catalogue: Catalogue) -> dict[str, str]:
    """Each holder's label by id, found once (a look-up per objection, not a scan)."""
    labels: dict[str, str] = {}
    for holder in catalogue.holders:
        labels.setdefault(holder.id, holder.label)
    return labels
