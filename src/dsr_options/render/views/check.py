"""Redline analysis: the ``check`` matrix, the ``agree`` view, and a role's results for ``show``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.agreement import RoleAgreement
from dsr_options.analyses.evaluate import Analysis, Outcome, Result, RoleVerdict
from dsr_options.render import Rows
from dsr_options.render.explain import explanation, redline_text, rule_text
from dsr_options.render.formats import (
    iter_json,
    write_markdown_table,
)
from dsr_options.render.glossary import LEFT_OUT, SYMBOLS
from dsr_options.render.phrases import Phrases
from dsr_options.render.words import (
    NO_PHRASES,
    change_words,
    firmness_text,
    reason_words,
    repair_words,
    result_sentence,
    verdict_basis,
    verdict_label,
    verdict_sentence,
    verdict_text,
)

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import FirmnessReport
    from dsr_options.render import Renderable


# -- plain data (JSON and YAML) -------------------------------------------------------------------


def result_ids(result: Result, decides: bool) -> dict[str, Any]:
    """One result as a script needs it: ids, outcome and truths, whether it decides the role's
    verdict, and the attributes of the tests that decided it (``check -f json``'s record)."""
    return {
        "redline": result.redline.id,
        "outcome": result.outcome.value,
        "applies": result.applies,
        "holds": result.holds,
        "on_analysis": result.rests_on_analysis,
        "decides": decides,
        "tests": list(dict.fromkeys(reason.attribute for reason in result.reasons)),
    }


def result_data(
    result: Result, decides: bool = False, phrases: Phrases = NO_PHRASES
) -> dict[str, Any]:
    """One result with its explanation (``show -f json``, ``check -f json --explain``): the
    record of :func:`result_ids` and the words, reasons and repairs; see docs/reference.md.
    The ids and the logic form (``rule``, ``test``, ``explanation``) are for scripts; the
    ``text`` fields are in the vocabulary's words."""
    redline = result.redline
    return {
        **result_ids(result, decides),
        "title": redline.title,
        "strictness": redline.strictness.value,
        "rule": redline_text(redline),
        "applies_to": rule_text(redline.applies_to) if redline.applies_to is not None else None,
        "reasons": [
            {
                "part": reason.part,
                "attribute": reason.attribute,
                "test": rule_text(reason.test),
                "value": list(reason.value) if isinstance(reason.value, tuple) else reason.value,
                "basis": reason.basis.value if reason.basis is not None else None,
                "holds": reason.holds,
                "text": reason_words(phrases, reason),
            }
            for reason in result.reasons
        ],
        "explanation": list(explanation(result)),
        "repairs": [
            {
                "kind": repair.kind,
                "text": repair_words(phrases, repair),
                "changes": [
                    {"attribute": c.attribute, "text": change_words(phrases, c)}
                    for c in repair.changes
                ],
            }
            for repair in result.repairs
        ],
        "redline_repair": redline.repair if result.outcome is Outcome.CROSSES else None,
    }


def verdict_data(
    verdict: RoleVerdict,
    shared: dict[tuple[int, bool], dict[str, Any]] | None = None,
    phrases: Phrases = NO_PHRASES,
    explain: bool = True,
) -> dict[str, Any]:
    """A role's verdict and every result, without the role itself (``show`` adds it); each
    result explained (:func:`result_data`) or, without ``explain``, as ids (:func:`result_ids`).

    ``shared`` keeps each result's data by result: roles alike in a redline's attributes share
    one result, and then one piece of data (``write_json`` encodes it once).
    """
    if shared is None:
        shared = {}
    deciding = set(verdict.deciding)
    results = []
    for result in verdict.results:
        key = (id(result), result.redline.id in deciding)
        data = shared.get(key)
        if data is None:
            data = shared[key] = (
                result_data(result, key[1], phrases) if explain else result_ids(result, key[1])
            )
        results.append(data)
    return {
        "verdict": verdict.verdict.value,
        "possible": [v.value for v in verdict.possible],
        "deciding": list(verdict.deciding),
        "summary": verdict_text(verdict),
        "label": verdict_label(verdict),
        "verdict_text": verdict_sentence(verdict, phrases),
        "rests_on": verdict_basis(verdict),
        "results": results,
    }


def analysis_data(
    analysis: Analysis, phrases: Phrases = NO_PHRASES, explain: bool = False
) -> dict[str, Any]:
    """The whole matrix as JSON-ready data: roles with their results (as ids unless
    ``explain``), redlines with their rule, repair and holders, once each."""
    shared: dict[tuple[int, bool], dict[str, Any]] = {}
    return {
        "roles": [
            {
                "role": v.role.id,
                "number": v.role.number,
                "title": v.role.title,
                **verdict_data(v, shared, phrases, explain),
            }
            for v in analysis.verdicts
        ],
        "redlines": [
            {
                "redline": line.redline.id,
                "title": line.redline.title,
                "strictness": line.redline.strictness.value,
                "rule": redline_text(line.redline),
                "applies_to": (
                    rule_text(line.redline.applies_to)
                    if line.redline.applies_to is not None
                    else None
                ),
                "repair": line.redline.repair,
                "holders": [{"id": hid, "name": name} for hid, name in line.holders],
                "file": line.file,
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
    "file",
)


def _check_rows(analysis: Analysis) -> list[dict[str, str]]:
    # Each redline's holders and file, found once: a look-up per pair keeps the rows linear in
    # roles x redlines (a scan of the redlines per pair made them quadratic in the redlines).
    holders = {
        line.redline.id: ", ".join(name for _, name in line.holders) for line in analysis.redlines
    }
    files = {line.redline.id: line.file or "" for line in analysis.redlines}
    # Roles alike in what a redline tests share one result (see Evaluator): word each once.
    words: dict[int, tuple[str, str, str]] = {}
    rows = []
    for verdict in analysis.verdicts:
        for result in verdict.results:
            said = words.get(id(result))
            if said is None:
                crossing = result.outcome is Outcome.CROSSES
                said = words[id(result)] = (
                    "; ".join(explanation(result)),
                    "; ".join(r.text for r in result.repairs),
                    (result.redline.repair or "") if crossing else "",
                )
            rid = result.redline.id
            rows.append(
                {
                    "role": verdict.role.id,
                    "redline": rid,
                    "strictness": result.strictness.value,
                    "outcome": result.outcome.value,
                    "verdict": verdict.verdict.value,
                    "reasons": said[0],
                    "repairs": said[1],
                    "redline_repair": said[2],
                    "holders": holders[rid],
                    "file": files[rid],
                }
            )
    return rows


STRICTNESS_ORDER = {"veto": 0, "condition": 1, "concern": 2}


def _mark(result: Result) -> str:
    mark = SYMBOLS[result.outcome]
    crossing = result.outcome in (Outcome.CROSSES, Outcome.UNKNOWN)
    return mark + ("*" if crossing and result.rests_on_analysis else "")


def _overview_markdown(
    agreements: Sequence[RoleAgreement], firmness: FirmnessReport | None = None
) -> str:
    from dsr_options.render.terminal.check import OVERVIEW_HEADINGS, overview_rows

    rows = [
        dict(zip(OVERVIEW_HEADINGS, row, strict=True))
        for row in overview_rows(agreements, firmness)
    ]
    return "## At a glance\n\n" + write_markdown_table(rows, OVERVIEW_HEADINGS)


def _check_markdown(
    analysis: Analysis,
    agreements: Sequence[RoleAgreement] = (),
    show_all: bool = False,
    logic: bool = False,
    firmness: FirmnessReport | None = None,
    phrases: Phrases = NO_PHRASES,
) -> str:
    roles = [v.role.id for v in analysis.verdicts]
    matrix = []
    lines = sorted(analysis.redlines, key=lambda ln: STRICTNESS_ORDER[ln.redline.strictness.value])
    for line in lines:
        row = {  # by title: the ids are in JSON and CSV
            "redline": line.redline.title,
            "strictness": line.redline.strictness.value,
        }
        for verdict in analysis.verdicts:
            row[verdict.role.id] = _mark(verdict.result(line.redline.id))
        matrix.append(row)
    verdicts = [
        {
            "role": v.role.title,
            "verdict": verdict_label(v),
            "rests on": verdict_basis(v),
            "firmness": firmness_text(v, firmness, LEFT_OUT),
            "why": verdict_sentence(v, phrases),
        }
        for v in analysis.verdicts
    ]
    shown = (Outcome.CROSSES, Outcome.UNKNOWN) + (
        (Outcome.CLEAR, Outcome.NOT_APPLICABLE) if show_all else ()
    )
    crossings = [
        {
            "role": v.role.title,
            "redline": phrases.redline(r.redline.id),
            "outcome": SYMBOLS[r.outcome],
            "why": "; ".join(explanation(r)) if logic else result_sentence(r, phrases),
            "to clear": "; ".join(
                (
                    [rep.text for rep in r.repairs]
                    if logic
                    else [repair_words(phrases, rep) for rep in r.repairs]
                )
                + ([r.redline.repair] if r.redline.repair and r.outcome is Outcome.CROSSES else [])
            ),
        }
        for v in analysis.verdicts
        for r in v.results
        if r.outcome in shown
    ]
    holders = [
        {
            "redline": line.redline.title,
            "strictness": line.redline.strictness.value,
            "held by": ", ".join(name for _, name in line.holders),
            "crossed by": "; ".join(phrases.role(r) for r in line.by_outcome[Outcome.CROSSES])
            or "none",
            "unknown for": "; ".join(phrases.role(r) for r in line.by_outcome[Outcome.UNKNOWN])
            or "none",
        }
        for line in analysis.redlines
    ]
    sections = [_overview_markdown(agreements, firmness)] if agreements else []
    sections += [
        "## Roles × redlines\n\n"  # noqa: RUF001 - a times sign on purpose
        + write_markdown_table(matrix, ["redline", "strictness", *roles])
        + "\n\\* the crossing rests on our analysis, not on the note\n",
        "## Verdicts\n\n"
        + write_markdown_table(verdicts, ["role", "verdict", "rests on", "firmness", "why"]),
    ]
    if crossings:
        sections.append(
            ("## Every result\n\n" if show_all else "## Crossings and unknowns\n\n")
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
    return iter_json(analysis_data(analysis, explain=True))


@dataclass(frozen=True)
class CheckView:
    """The roles x redlines matrix, the verdicts, and who holds each redline."""

    analysis: Analysis
    agreements: Sequence[RoleAgreement] = ()
    """Each role's agreement, for the overview that opens the report (none: no overview)."""
    show_all: bool = False
    """Show the results that cross nothing too (collapsed by default)."""
    logic: bool = False
    """Explain results in the logic form (JSON always has it) rather than in sentences."""
    firmness: FirmnessReport | None = None
    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""
    explain: bool = False
    """JSON and YAML: each result with its reasons, words and repairs, not as ids alone."""

    def data(self) -> Any:
        analysis = self.analysis
        data = analysis_data(analysis, self.phrases, self.explain)
        if self.agreements:
            from dsr_options.render.views.agree import objectors_data

            for item, agreement in zip(data["roles"], self.agreements, strict=True):
                item.update(objectors_data(agreement))
        if self.firmness is None:
            return data
        from dsr_options.render.views.firmness import add_to_items, firmness_summary

        add_to_items(data["roles"], self.firmness, phrases=self.phrases)
        return {**data, "firmness": firmness_summary(self.firmness, self.phrases)}

    def rows(self) -> Rows:
        analysis = self.analysis
        from dsr_options.render.views.firmness import add_to_rows

        return add_to_rows(
            _check_rows(analysis), CHECK_CSV_COLUMNS, self.firmness, phrases=self.phrases
        )

    def markdown(self) -> str:
        analysis = self.analysis
        text = _check_markdown(
            analysis, self.agreements, self.show_all, self.logic, self.firmness, self.phrases
        )
        if self.firmness is None:
            return text
        from dsr_options.render.views.firmness import firmness_markdown

        return text + "\n" + firmness_markdown(self.firmness, self.phrases)

    def table(self) -> Renderable:
        analysis = self.analysis
        from dsr_options.render.terminal.check import check_view
        from dsr_options.render.views.firmness import with_firmness_table

        return with_firmness_table(
            check_view(
                analysis, self.agreements, self.show_all, self.logic, self.firmness, self.phrases
            ),
            self.firmness,
            self.phrases,
        )


# -- agree ----------------------------------------------------------------------------------------
