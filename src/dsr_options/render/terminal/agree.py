"""The ``agree`` view at a terminal: one block per role, evidence and objections."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from dsr_options.analyses.agreement import (
    MAY_OBJECT_ON_READING,
    MAY_OBJECT_UNKNOWN,
    OBJECTS,
    RoleAgreement,
)
from dsr_options.render.layout import cell, pairs_table
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import visible
from dsr_options.render.words import (
    NO_PHRASES,
    may_object_text,
    objection_text,
    objectors_text,
    quoted_text,
    role_reception_text,
    verdict_label,
    verdict_sentence,
)


def agreement_view(
    agreements: Sequence[RoleAgreement], phrases: Phrases = NO_PHRASES
) -> RenderableType:
    if not agreements:
        return Text("No role to show.", style="yellow")
    summary = pairs_table(
        (
            (
                f"{a.role.title} ({a.role.id})",
                a.standing,
                verdict_label(a.verdict),
                str(sum(q.on_reception for q in a.support)),
                str(sum(q.on_reception for q in a.opposition)),
                objectors_text(a),
                may_object_text(a),
            )
            for a in agreements
        ),
        (
            "Role",
            "Standing",
            "Verdict",
            "For",
            "Against",
            "Who objects",
            "May object (on our reading)",
        ),
        wide=-1,
    )
    parts: list[RenderableType] = [
        Text("Agreement", style="bold underline"),
        summary,
        Text(
            "For and Against count quotes on how a role was received; a quote that only "
            "describes a role is not counted for it.",
            style="dim",
        ),
    ]
    for agreement in agreements:
        role = agreement.role
        if parts:
            parts.append(Text(""))
        parts.append(
            Text.assemble(
                (f"({role.number}) ", "bold"),
                (visible(role.title), "bold"),
                "  ",
                (visible(role.id), "cyan"),
                "  ",
                (agreement.standing, "bold"),
            )
        )
        parts.append(
            cell(
                f"received: {role_reception_text(agreement.role)}; "
                f"redlines: {verdict_sentence(agreement.verdict, phrases)}"
            )
        )
        rows = [("for", quoted_text(q)) for q in agreement.support]
        rows += [("against", quoted_text(q)) for q in agreement.opposition]
        rows += [("qualifies", quoted_text(q)) for q in agreement.qualifying]
        for stand in (OBJECTS, MAY_OBJECT_ON_READING, MAY_OBJECT_UNKNOWN):
            rows += [(stand, text) for text in objection_text(agreement, stand, phrases)]
        if rows:
            parts.append(pairs_table(rows, ("", "Evidence and holders"), wide=1))
    return Group(*parts)
