"""Redline analysis: the ``check`` matrix, the ``agree`` view, and a role's results for ``show``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import assert_never

from dsr_options.analyses.agreement import Quoted, RoleAgreement
from dsr_options.analyses.evaluate import (
    Analysis,
    Outcome,
    Result,
    RoleVerdict,
    Verdict,
    rule_text,
)
from dsr_options.render import OutputFormat
from dsr_options.render.formats import (
    iter_json,
    write_csv,
    write_json,
    write_markdown_table,
    write_yaml,
)
from dsr_options.render.safe import markdown_cell
from dsr_options.render.views.roles import role_reception_text

if TYPE_CHECKING:
    from dsr_options.render import Rendered

SYMBOLS = {
    Outcome.CROSSES: "✗ crosses",
    Outcome.CLEAR: "✓ clear",
    Outcome.UNKNOWN: "? unknown",
    Outcome.NOT_APPLICABLE: "– n/a",  # noqa: RUF001 - an en dash on purpose: reads as "none"
}
"""Each outcome as a symbol and a word, so that it reads without colour."""


def _crossed(verdict: RoleVerdict) -> str:
    """The deciding redlines, each crossing that rests on our analysis marked so."""
    return ", ".join(
        f"{rid} (on our analysis)" if verdict.result(rid).rests_on_analysis else rid
        for rid in verdict.deciding
    )


def verdict_text(verdict: RoleVerdict) -> str:
    """``flagged: crosses a, b (on our analysis)``; ``undetermined (...): unknown for c``."""
    deciding = ", ".join(verdict.deciding)
    if verdict.verdict in (Verdict.OUT, Verdict.FLAGGED):
        deciding = _crossed(verdict)
    if verdict.verdict is Verdict.UNDETERMINED:
        possible = " or ".join(v.value for v in verdict.possible)
        return f"undetermined ({possible}): unknown for {deciding}"
    if verdict.verdict is Verdict.OUT:
        return f"out: crosses {deciding}"
    if verdict.verdict is Verdict.FLAGGED:
        return f"flagged: crosses {deciding}"
    if verdict.verdict is Verdict.CONDITIONAL:
        return f"conditional: must keep meeting {deciding}"
    return "clear: crosses nothing, no condition applies"


def result_summary(result: Result) -> str:
    """One result as one line of words: outcome, why, and how to clear it."""
    parts = [f"{SYMBOLS[result.outcome]} ({result.strictness.value})"]
    parts += list(result.explanation)
    parts += [repair.text for repair in result.repairs]
    if result.outcome is Outcome.CROSSES and result.redline.repair:
        parts.append(f"the redline suggests: {result.redline.repair}")
    return "; ".join(parts)


# -- plain data (JSON and YAML) -------------------------------------------------------------------


def result_data(result: Result) -> dict[str, Any]:
    """One result as JSON-ready data; the structure is documented in the README."""
    redline = result.redline
    return {
        "redline": redline.id,
        "title": redline.title,
        "strictness": redline.strictness.value,
        "outcome": result.outcome.value,
        "applies": result.applies,
        "holds": result.holds,
        "rule": rule_text(redline.rule),
        "applies_to": rule_text(redline.applies_to) if redline.applies_to is not None else None,
        "reasons": [
            {
                "part": reason.part,
                "attribute": reason.attribute,
                "test": reason.test,
                "value": list(reason.value) if isinstance(reason.value, tuple) else reason.value,
                "basis": reason.basis.value if reason.basis is not None else None,
                "holds": reason.holds,
                "text": reason.text,
            }
            for reason in result.reasons
        ],
        "explanation": list(result.explanation),
        "on_analysis": result.rests_on_analysis,
        "repairs": [
            {
                "kind": repair.kind,
                "text": repair.text,
                "changes": [{"attribute": c.attribute, "text": c.text} for c in repair.changes],
            }
            for repair in result.repairs
        ],
        "redline_repair": redline.repair if result.outcome is Outcome.CROSSES else None,
    }


def verdict_data(
    verdict: RoleVerdict, shared: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A role's verdict and every result, without the role itself (``show`` adds it).

    ``shared`` keeps each result's data by result: roles alike in a redline's attributes share
    one result, and then one piece of data (``write_json`` encodes it once).
    """
    if shared is None:
        shared = {}
    results = []
    for result in verdict.results:
        data = shared.get(id(result))
        if data is None:
            data = shared[id(result)] = result_data(result)
        results.append(data)
    return {
        "verdict": verdict.verdict.value,
        "possible": [v.value for v in verdict.possible],
        "deciding": list(verdict.deciding),
        "summary": verdict_text(verdict),
        "results": results,
    }


def analysis_data(analysis: Analysis) -> dict[str, Any]:
    """The whole matrix as JSON-ready data: roles with their results, redlines with holders."""
    shared: dict[int, dict[str, Any]] = {}
    return {
        "roles": [
            {
                "role": v.role.id,
                "number": v.role.number,
                "title": v.role.title,
                **verdict_data(v, shared),
            }
            for v in analysis.verdicts
        ],
        "redlines": [
            {
                "redline": line.redline.id,
                "title": line.redline.title,
                "strictness": line.redline.strictness.value,
                "holders": [{"id": hid, "name": name} for hid, name in line.holders],
                "roles": {outcome.value: list(ids) for outcome, ids in line.by_outcome.items()},
            }
            for line in analysis.redlines
        ],
    }


# -- check ----------------------------------------------------------------------------------------

CHECK_CSV_COLUMNS = (
    "role",
    "redline",
    "strictness",
    "outcome",
    "verdict",
    "reasons",
    "repairs",
    "redline_repair",
    "holders",
)


def _holders_text(analysis: Analysis, redline_id: str) -> str:
    line = next(line for line in analysis.redlines if line.redline.id == redline_id)
    return ", ".join(name for _, name in line.holders)


def _check_rows(analysis: Analysis) -> list[dict[str, str]]:
    rows = []
    for verdict in analysis.verdicts:
        for result in verdict.results:
            crossing = result.outcome is Outcome.CROSSES
            rows.append(
                {
                    "role": verdict.role.id,
                    "redline": result.redline.id,
                    "strictness": result.strictness.value,
                    "outcome": result.outcome.value,
                    "verdict": verdict.verdict.value,
                    "reasons": "; ".join(result.explanation),
                    "repairs": "; ".join(r.text for r in result.repairs),
                    "redline_repair": (result.redline.repair or "") if crossing else "",
                    "holders": _holders_text(analysis, result.redline.id),
                }
            )
    return rows


def _check_markdown(analysis: Analysis) -> str:
    roles = [v.role.id for v in analysis.verdicts]
    matrix = []
    for line in analysis.redlines:
        row = {"redline": line.redline.id, "strictness": line.redline.strictness.value}
        for verdict in analysis.verdicts:
            row[verdict.role.id] = SYMBOLS[verdict.result(line.redline.id).outcome]
        matrix.append(row)
    verdicts = [
        {"role": v.role.id, "verdict": v.verdict.value, "why": verdict_text(v)}
        for v in analysis.verdicts
    ]
    crossings = [
        {
            "role": v.role.id,
            "redline": r.redline.id,
            "outcome": SYMBOLS[r.outcome],
            "why": "; ".join(r.explanation),
            "to clear": "; ".join(
                [rep.text for rep in r.repairs]
                + ([r.redline.repair] if r.redline.repair and r.outcome is Outcome.CROSSES else [])
            ),
        }
        for v in analysis.verdicts
        for r in v.results
        if r.outcome in (Outcome.CROSSES, Outcome.UNKNOWN)
    ]
    holders = [
        {
            "redline": line.redline.id,
            "strictness": line.redline.strictness.value,
            "held by": ", ".join(name for _, name in line.holders),
            "crossed by": ", ".join(line.by_outcome[Outcome.CROSSES]) or "none",
            "unknown for": ", ".join(line.by_outcome[Outcome.UNKNOWN]) or "none",
        }
        for line in analysis.redlines
    ]
    sections = [
        "## Roles × redlines\n\n"  # noqa: RUF001 - a times sign on purpose
        + write_markdown_table(matrix, ["redline", "strictness", *roles]),
        "## Verdicts\n\n" + write_markdown_table(verdicts, ["role", "verdict", "why"]),
    ]
    if crossings:
        sections.append(
            "## Crossings and unknowns\n\n"
            + write_markdown_table(crossings, ["role", "redline", "outcome", "why", "to clear"])
        )
    sections.append(
        "## Holders\n\n"
        + write_markdown_table(
            holders, ["redline", "strictness", "held by", "crossed by", "unknown for"]
        )
    )
    return "\n".join(sections)


def check_json(analysis: Analysis) -> Iterator[str]:
    """``check -f json`` in pieces, to be written as made (the same text as ``check_report``)."""
    return iter_json(analysis_data(analysis))


def check_report(analysis: Analysis, fmt: OutputFormat) -> Rendered:
    """The roles x redlines matrix, the verdicts, and who holds each redline."""
    if fmt is OutputFormat.TABLE:
        from dsr_options.render.terminal.check import check_view

        return check_view(analysis)
    if fmt is OutputFormat.JSON:
        return write_json(analysis_data(analysis))
    if fmt is OutputFormat.YAML:
        return write_yaml(analysis_data(analysis))
    if fmt is OutputFormat.CSV:
        return write_csv(_check_rows(analysis), CHECK_CSV_COLUMNS)
    if fmt is OutputFormat.MARKDOWN:
        return _check_markdown(analysis)
    assert_never(fmt)


# -- agree ----------------------------------------------------------------------------------------

AGREE_CSV_COLUMNS = ("role", "standing", "verdict", "kind", "text", "where")


def quote_text(quoted: Quoted) -> str:
    evidence = quoted.evidence
    return f"“{evidence.quote}” ({quoted.about}; {evidence.section})"


def objection_text(agreement: RoleAgreement, certain: bool) -> list[str]:
    """``One participant (no-standing-un-capacity, concern; the crossing rests on our
    analysis)``: an objection is the holder's only as far as the crossing is the note's."""
    return [
        f"{o.name} ({o.redline}, {o.strictness.value}"
        + ("; the crossing rests on our analysis)" if o.on_analysis else ")")
        for o in agreement.objections
        if o.certain is certain
    ]


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
            }
            for o in agreement.objections
        ],
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
            kind = "objection" if objection.certain else "possible objection"
            rows.append(
                {
                    **base,
                    "kind": kind,
                    "text": objection.name,
                    "where": f"{objection.redline} ({objection.strictness.value})"
                    + ("; the crossing rests on our analysis" if objection.on_analysis else ""),
                }
            )
    return rows


def _agree_markdown(agreements: Sequence[RoleAgreement]) -> str:
    summary = [
        {
            "role": a.role.id,
            "standing": a.standing,
            "verdict": a.verdict.verdict.value,
            "support": str(len(a.support)),
            "opposition": str(len(a.opposition)),
            "objecting holders": ", ".join(objection_text(a, True)) or "none",
        }
        for a in agreements
    ]
    columns = ["role", "standing", "verdict", "support", "opposition", "objecting holders"]
    parts = ["## Agreement\n\n" + write_markdown_table(summary, columns)]
    for a in agreements:
        lines = [f"### ({a.role.number}) {markdown_cell(a.role.title)}", ""]
        lines.append(
            f"Received: {role_reception_text(a.role)}. "
            f"Standing: {a.standing}. Verdict: {markdown_cell(verdict_text(a.verdict))}."
        )
        for heading, items in (
            ("For", [quote_text(q) for q in a.support]),
            ("Against", [quote_text(q) for q in a.opposition]),
            ("Qualifying", [quote_text(q) for q in a.qualifying]),
            ("Objecting holders", objection_text(a, True)),
            ("May object (unknown results)", objection_text(a, False)),
        ):
            if items:
                lines += ["", f"{heading}:", ""]
                lines += [f"- {markdown_cell(item)}" for item in items]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def agreement_report(agreements: Sequence[RoleAgreement], fmt: OutputFormat) -> Rendered:
    """For each role: evidence for and against it, and the holders who object."""
    if fmt is OutputFormat.TABLE:
        from dsr_options.render.terminal.check import agreement_view

        return agreement_view(agreements)
    if fmt is OutputFormat.JSON:
        return write_json([agreement_data(a) for a in agreements])
    if fmt is OutputFormat.YAML:
        return write_yaml([agreement_data(a) for a in agreements])
    if fmt is OutputFormat.CSV:
        return write_csv(_agree_rows(agreements), AGREE_CSV_COLUMNS)
    if fmt is OutputFormat.MARKDOWN:
        return _agree_markdown(agreements)
    assert_never(fmt)
