"""Roles: the ``list`` listing and the ``show`` detail, in every output format."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.model.catalogue import Catalogue, Evidence, Role
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import markdown_cell, one_line
from dsr_options.render.words import (
    NO_PHRASES,
    attribute_text,
    firmness_text,
    quote_text,
    reception_text,
    verdict_label,
)

if TYPE_CHECKING:
    from dsr_options.analyses.evaluate import RoleVerdict
    from dsr_options.analyses.firmness import FirmnessReport
    from dsr_options.render import Renderable

LIST_COLUMNS = ("number", "id", "title", "levels", "dimensions", "leads", "reception", "voices")


def role_data(role: Role) -> dict[str, Any]:
    """The full role as plain JSON-ready data (what ``-f json`` prints)."""
    return role.model_dump(mode="json", by_alias=True)


def _row(role: Role) -> dict[str, str]:
    return {
        "number": str(role.number),
        "id": role.id,
        "title": role.title,
        "levels": ", ".join(level.value for level in role.levels),
        "dimensions": ", ".join(d.value for d in role.dimensions),
        "leads": ", ".join(lead.office for lead in role.leads),
        "reception": role.reception.stance.value,
        "voices": role.reception.voices.value,
    }


@dataclass(frozen=True)
class RoleList:
    """The roles, one row each."""

    roles: Sequence[Role]
    verdicts: Mapping[str, RoleVerdict] | None = None
    """Each role's verdict by id, for the table's and Markdown's verdict columns (None: none)."""
    firmness: FirmnessReport | None = None
    """When given: each role's verdict and its firmness (JSON ``verdict``/``firmness``)."""
    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""
    envelope_key = "roles"
    """Where schema 2's envelope puts this list (see render.envelope)."""

    def data(self) -> Any:
        roles = self.roles
        data = [role_data(role) for role in roles]
        if self.firmness is None:
            return data
        from dsr_options.render.views.firmness import firmness_data

        for item in data:
            found = self.firmness.of(item["id"])
            if found is not None:
                item["verdict"] = found.verdict.value
                item["firmness"] = firmness_data(found, self.phrases)
        return data

    def rows(self) -> Rows:
        roles = self.roles
        columns = [*LIST_COLUMNS, "summary", "evidence"]
        rows = [
            {**_row(role), "summary": one_line(role.summary), "evidence": str(len(role.evidence))}
            for role in roles
        ]
        if self.firmness is None:
            return rows, columns
        from dsr_options.render.views.firmness import add_to_rows

        return add_to_rows(rows, columns, self.firmness, key="id", phrases=self.phrases)

    def _rows(self) -> list[dict[str, str]]:
        rows = [_row(role) for role in self.roles]
        if self.verdicts is not None:
            for row in rows:
                verdict = self.verdicts.get(row["id"])
                row["verdict"] = verdict_label(verdict) if verdict else ""
                row["firmness"] = firmness_text(verdict, self.firmness) if verdict else ""
        return rows

    def markdown(self) -> str:
        extra = ("verdict", "firmness") if self.verdicts is not None else ()
        text = write_markdown_table(self._rows(), [*LIST_COLUMNS, *extra])
        if self.firmness is None:
            return text
        from dsr_options.render.views.firmness import firmness_markdown

        return text + "\n" + firmness_markdown(self.firmness, self.phrases)

    def table(self) -> Renderable:
        from dsr_options.render.terminal.roles import role_list_table
        from dsr_options.render.views.firmness import with_firmness_table

        return with_firmness_table(role_list_table(self._rows()), self.firmness, self.phrases)


def detail_lines(
    role: Role, catalogue: Catalogue, phrases: Phrases | None = None
) -> list[tuple[str, str]]:
    """The role as (field, value) pairs in reading order: the shape CSV and Markdown share
    (with ``phrases``, Markdown's: attributes and values by the vocabulary's labels; CSV keeps
    the ids a script reads).

    Each part (attribute, lead, reception, concern, open question) is followed by the quotes
    attached to it, as ``<part> evidence`` rows; the role's own quotes come last.
    """
    pairs: list[tuple[str, str]] = [
        ("id", role.id),
        ("number", str(role.number)),
        ("title", role.title),
        ("summary", role.summary),
        ("levels", ", ".join(level.value for level in role.levels)),
        ("dimensions", ", ".join(d.value for d in role.dimensions)),
    ]
    for name, value in role.attributes.items():
        note = f" — {value.note}" if value.note else ""
        field = f"attribute {name}" if phrases is None else phrases.attribute(name)
        shown = attribute_text(value.value) if phrases is None else phrases.shown(name, value.value)
        pairs.append((field, f"{shown} [{value.basis.value}]{note}"))
        pairs += _evidence_pairs(field, value.evidence)
    for lead in role.leads:
        office = catalogue.office(lead.office)
        name = office.name if office else lead.office
        pairs.append(("lead", f"{name} ({lead.office}) [{lead.basis.value}]: {lead.rationale}"))
        pairs += _evidence_pairs(f"lead {lead.office}", lead.evidence)
    reception = role.reception
    pairs.append(
        (
            "reception",
            f"{reception_text(reception.stance.value, reception.voices.value)}: "
            f"{reception.summary}",
        )
    )
    pairs += _evidence_pairs("reception", reception.evidence)
    for field, items in (("concern", role.concerns), ("open question", role.open_questions)):
        for item in items:
            pairs.append((field, f"{item.text} [{item.basis.value}]"))
            pairs += _evidence_pairs(field, item.evidence)
    pairs += [("evidence", quote_text(evidence)) for evidence in role.evidence]
    return pairs


def _evidence_pairs(field: str, evidence: Sequence[Evidence]) -> list[tuple[str, str]]:
    """The quotes backing one part of a role, each as ``(<part> evidence, quote)``."""
    return [(f"{field} evidence", quote_text(item)) for item in evidence]


def redline_lines(verdict: RoleVerdict, phrases: Phrases | None = None) -> list[tuple[str, str]]:
    """A role's redline results as (field, value) pairs, after the role's own. With
    ``phrases`` (Markdown): the verdict and each result as a sentence, the redline by its
    title; without (CSV, for scripts): the logic form, each row keyed by the redline's id."""
    from dsr_options.render.words import (
        result_sentence,
        result_summary,
        verdict_sentence,
        verdict_text,
    )

    if phrases is None:
        pairs = [("redline verdict", verdict_text(verdict))]
        return pairs + [(f"redline {r.redline.id}", result_summary(r)) for r in verdict.results]
    pairs = [("redline verdict", verdict_sentence(verdict, phrases))]
    pairs += [
        (
            f"redline {phrases.redline_title(r.redline.id)} ({r.strictness.value})",
            result_sentence(r, phrases),
        )
        for r in verdict.results
    ]
    return pairs


@dataclass(frozen=True)
class RoleDetail:
    """Everything about one role, evidence included, and its redline results when given."""

    role: Role
    catalogue: Catalogue
    verdict: RoleVerdict | None = None
    firmness: FirmnessReport | None = None

    def data(self) -> Any:
        role, verdict = self.role, self.verdict
        data = _detail_data(role, verdict, Phrases.of(self.catalogue))
        found = self.firmness.of(role.id) if self.firmness is not None else None
        if found is not None and "redlines" in data:
            from dsr_options.render.views.firmness import firmness_data

            data["redlines"]["firmness"] = firmness_data(found, Phrases.of(self.catalogue))
        return data

    def _extra(self, machine: bool = False) -> list[tuple[str, str]]:
        phrases = Phrases.of(self.catalogue)
        words = None if machine else phrases
        extra = redline_lines(self.verdict, words) if self.verdict is not None else []
        found = self.firmness.of(self.role.id) if self.firmness is not None else None
        if found is not None:
            from dsr_options.render.views.firmness import firmness_lines

            extra += firmness_lines(found, phrases)
        return extra

    def rows(self) -> Rows:
        role, catalogue = self.role, self.catalogue
        rows = [
            {"field": k, "value": v}
            for k, v in [*detail_lines(role, catalogue), *self._extra(machine=True)]
        ]
        return rows, ["field", "value"]

    def markdown(self) -> str:
        role, catalogue = self.role, self.catalogue
        rows = [
            {"field": k, "value": v}
            for k, v in [*detail_lines(role, catalogue, Phrases.of(catalogue)), *self._extra()]
        ]
        heading = f"## ({role.number}) {markdown_cell(role.title)}\n\n"
        return heading + write_markdown_table(rows, ["field", "value"])

    def table(self) -> Renderable:
        role, catalogue, verdict = self.role, self.catalogue, self.verdict
        from dsr_options.render.terminal.roles import role_detail_view
        from dsr_options.render.views.firmness import firmness_only, with_firmness_table

        report = firmness_only(self.firmness, role.id)
        return with_firmness_table(
            role_detail_view(role, catalogue, verdict), report, Phrases.of(catalogue)
        )


def _detail_data(
    role: Role, verdict: RoleVerdict | None, phrases: Phrases = NO_PHRASES
) -> dict[str, Any]:
    """The role's data intact; its redline results under ``redlines``."""
    data = role_data(role)
    if verdict is not None:
        from dsr_options.render.views.check import verdict_data

        data["redlines"] = verdict_data(verdict, phrases=phrases)
    return data
