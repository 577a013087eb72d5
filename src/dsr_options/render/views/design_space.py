"""The design space as ``negotiate`` shows it: lines for people (the nearest roles by title, each
change in the vocabulary's words), JSON-ready data and CSV rows. Split from the ``negotiate``
view (``render/views/negotiate.py``), which shows them beside the holder x role matrix."""

from __future__ import annotations

from typing import Any

from dsr_options.analyses.design_space.words import Described
from dsr_options.analyses.negotiate import assume_text
from dsr_options.render.phrases import Phrases
from dsr_options.render.words import NO_PHRASES


def plain(value: Any) -> Any:
    """A tuple as a list, for JSON; any other value as it is."""
    return list(value) if isinstance(value, tuple) else value


def design_lines(design: Described, phrases: Phrases = NO_PHRASES) -> list[str]:
    """The design space in lines: the region and the nearest roles (by title, each change in
    the vocabulary's words), or the blocking sets and who must move; then what the search
    covered."""
    space = design.space
    lines = []
    if space.acceptable_exists:
        lines.append(f"every acceptable design has: {design.region}")
        lines.append(f"for example: {design.witness or 'any values'}")
        lines += [
            f"nearest role {phrases.role(n.role)}: "
            + (
                "; ".join(phrases.becomes(a, b, v) for a, b, v in n.changes)
                if n.changes
                else "already acceptable"
            )
            for n in space.nearest[:3]
        ]
    for text in design.blocking:
        lines.append(f"blocks every design: {text}")
    for text in design.moves:
        lines.append(f"must move: {text}")
    lines.append(design.searched)
    return lines


def design_data(design: Described) -> dict[str, Any]:
    """The design space as JSON-ready data."""
    space = design.space
    region = space.region
    return {
        "acceptable_exists": space.acceptable_exists,
        "witness": None
        if space.witness is None
        else {attribute: plain(value) for attribute, value in space.witness},
        "free": list(space.free),
        "region": None
        if region is None
        else {
            "text": design.region,
            "exact": region.exact,
            "conditions": [
                {
                    "attribute": c.attribute,
                    **(
                        {
                            "includes": list(c.includes),
                            "excludes": list(c.excludes),
                            "only": list(c.only),
                        }
                        if c.type.value == "choices"
                        else {"values": list(c.values)}
                    ),
                    "exact": c.exact,
                    "text": text,
                }
                for c, text in zip(region.conditions, design.conditions, strict=True)
            ],
            "residual": list(region.residual),
            "designs": region.designs,
            "designs_meeting_conditions": region.outline,
            "designs_searched": region.total,
        },
        "nearest": [
            {
                "role": n.role,
                "changes": [
                    {
                        "attribute": a,
                        "before": plain(b),
                        "value": plain(v),
                        "assume": assume_text(n.role, a, v),
                    }
                    for a, b, v in n.changes
                ],
            }
            for n in space.nearest
        ],
        "blocking_sets": [
            {
                "redlines": list(b.redlines),
                "holders": list(b.holders),
                "attributes": list(b.attributes),
                "text": text,
            }
            for b, text in zip(space.blocking_sets, design.blocking, strict=True)
        ],
        "must_move": [list(m.holders) for m in space.must_move],
        "moves": [
            {
                "holders": list(m.holders),
                "relax": list(m.relax),
                "design": {a: plain(v) for a, v in m.design},
                "text": text,
            }
            for m, text in zip(space.must_move, design.moves, strict=True)
        ],
        "complete": space.complete,
        "stopped": space.stopped,
        **({"bounded": space.bounded.data()} if space.bounded is not None else {}),
        "searched": {
            "attributes": space.searched.attributes,
            "designs": space.searched.designs,
            "classes": space.searched.classes,
            "groups": space.searched.groups,
            "steps": space.searched.steps,
            "budget": space.searched.budget,
        },
    }


def design_rows(design: Described) -> list[dict[str, str]]:
    """The design space as CSV rows: the answer, a witness or the blocking sets and who must
    move, and what the search covered (ids in the columns, the words in ``text``)."""
    space = design.space
    known = space.acceptable_exists
    rows = [
        {
            "kind": "design",
            "acceptable": "unknown" if known is None else ("yes" if known else "no"),
            "text": design.answer.sentence,
        }
    ]
    if space.witness is not None:
        rows.append(
            {
                "kind": "witness",
                "assume": "; ".join(f"{a}={_csv_value(v)}" for a, v in space.witness),
                "text": design.witness,
            }
        )
    if space.region is not None:
        rows.append({"kind": "region", "text": design.region})
    for b, text in zip(space.blocking_sets, design.blocking, strict=True):
        rows.append(
            {
                "kind": "blocking-set",
                "holder": ", ".join(b.holders),
                "deciding": ", ".join(b.redlines),
                "text": text,
            }
        )
    for m, text in zip(space.must_move, design.moves, strict=True):
        rows.append(
            {
                "kind": "must-move",
                "holder": ", ".join(m.holders),
                "deciding": ", ".join(m.relax),
                "text": text,
            }
        )
    rows.append({"kind": "searched", "text": design.searched})
    return rows


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(value)
    return str(value)
