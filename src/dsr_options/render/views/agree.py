"""``agree``: for each role, the evidence for and against it and the holders who object."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.agreement import (
    MAY_OBJECT_ON_READING,
    MAY_OBJECT_UNKNOWN,
    OBJECTS,
    Objector,
    Quoted,
    RoleAgreement,
)
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import markdown_cell
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

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import FirmnessReport
    from dsr_options.render import Renderable


AGREE_CSV_COLUMNS = ("role", "standing", "verdict", "kind", "text", "where")


def agreement_data(agreement: RoleAgreement) -> dict[str, Any]:
    role = agreement.role

    def quotes(items: Sequence[Quoted]) -> list[dict[str, str]]:
        return [
            {
                "quote": q.evidence.quote,
                "section": q.evidence.section,
                "source": q.evidence.source,
                "stance": q.evidence.stance.value,
                "about": q.about,
            }
            for q in items
        ]

    return {
        "role": role.id,
        "number": role.number,
        "title": role.title,
        "standing": agreement.standing,
        "verdict": agreement.verdict.verdict.value,
        "reception": {
            "stance": role.reception.stance.value,
            "voices": role.reception.voices.value,
            "summary": role.reception.summary,
            "basis": role.reception.basis.value,
        },
        "support": quotes(agreement.support),
        "opposition": quotes(agreement.opposition),
        "qualifying": quotes(agreement.qualifying),
        "objections": [
            {
                "holder": o.holder,
                "name": o.name,
                "redline": o.redline,
                "strictness": o.strictness.value,
                "certain": o.certain,
                "on_analysis": o.on_analysis,
                "stand": o.stand,
            }
            for o in agreement.objections
        ],
        **objectors_data(agreement),
    }


def _objector(o: Objector) -> dict[str, Any]:
    return {"holder": o.holder, "name": o.name, "stand": o.stand, "redlines": list(o.redlines)}


def objectors_data(agreement: RoleAgreement) -> dict[str, Any]:
    """Who objects on the note's facts, and who may object (on our reading, or on an unknown
    value), one entry per holder: ``check`` and ``agree`` JSON share it."""
    return {
        "objectors": [_objector(o) for o in agreement.objectors],
        "may_object": [_objector(o) for o in agreement.may_object],
    }


def _agree_rows(agreements: Sequence[RoleAgreement]) -> list[dict[str, str]]:
    rows = []
    for agreement in agreements:
        base = {
            "role": agreement.role.id,
            "standing": agreement.standing,
            "verdict": agreement.verdict.verdict.value,
        }
        for kind, items in (
            ("support", agreement.support),
            ("opposition", agreement.opposition),
            ("qualifying", agreement.qualifying),
        ):
            rows += [
                {
                    **base,
                    "kind": kind,
                    "text": q.evidence.quote,
                    "where": f"{q.about}; {q.evidence.section}",
                }
                for q in items
            ]
        for objection in agreement.objections:
            rows.append(
                {
                    **base,
                    "kind": objection.stand,
                    "text": objection.name,
                    "where": f"{objection.redline} ({objection.strictness.value})",
                }
            )
    return rows


def _agree_markdown(agreements: Sequence[RoleAgreement], phrases: Phrases = NO_PHRASES) -> str:
    summary = [
        {
            "role": a.role.id,
            "standing": a.standing,
            "verdict": verdict_label(a.verdict),
            "support": str(sum(q.on_reception for q in a.support)),
            "opposition": str(sum(q.on_reception for q in a.opposition)),
            "who objects": objectors_text(a),
            "may object (on our reading)": may_object_text(a),
        }
        for a in agreements
    ]
    columns = [
        "role",
        "standing",
        "verdict",
        "support",
        "opposition",
        "who objects",
        "may object (on our reading)",
    ]
    parts = ["## Agreement\n\n" + write_markdown_table(summary, columns)]
    for a in agreements:
        lines = [f"### ({a.role.number}) {markdown_cell(a.role.title)}", ""]
        lines.append(
            f"Received: {role_reception_text(a.role)}. "
            f"Standing: {a.standing}. {markdown_cell(verdict_sentence(a.verdict, phrases))}"
        )
        for heading, items in (
            ("For", [quoted_text(q) for q in a.support]),
            ("Against", [quoted_text(q) for q in a.opposition]),
            ("Qualifying", [quoted_text(q) for q in a.qualifying]),
            ("Objects", objection_text(a, OBJECTS, phrases)),
            ("May object (on our reading)", objection_text(a, MAY_OBJECT_ON_READING, phrases)),
            ("May object (unknown)", objection_text(a, MAY_OBJECT_UNKNOWN, phrases)),
        ):
            if items:
                lines += ["", f"{heading}:", ""]
                lines += [f"- {markdown_cell(item)}" for item in items]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


@dataclass(frozen=True)
class AgreeView:
    """For each role: evidence for and against it, and the holders who object."""

    agreements: Sequence[RoleAgreement]
    firmness: FirmnessReport | None = None
    envelope_key = "roles"
    """Where schema 2's envelope puts this list (see render.envelope)."""

    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""

    def data(self) -> Any:
        agreements = self.agreements
        from dsr_options.render.views.firmness import add_to_items

        return add_to_items(
            [agreement_data(a) for a in agreements], self.firmness, phrases=self.phrases
        )

    def rows(self) -> Rows:
        agreements = self.agreements
        from dsr_options.render.views.firmness import add_to_rows

        return add_to_rows(
            _agree_rows(agreements), AGREE_CSV_COLUMNS, self.firmness, phrases=self.phrases
        )

    def markdown(self) -> str:
        agreements = self.agreements
        text = _agree_markdown(agreements, self.phrases)
        if self.firmness is None:
            return text
        from dsr_options.render.views.firmness import firmness_markdown

        return text + "\n" + firmness_markdown(self.firmness, self.phrases)

    def table(self) -> Renderable:
        agreements = self.agreements
        from dsr_options.render.terminal.agree import agreement_view
        from dsr_options.render.views.firmness import with_firmness_table

        return with_firmness_table(
            agreement_view(agreements, self.phrases), self.firmness, self.phrases
        )
