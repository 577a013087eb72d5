"""Rich views of the redline analysis: the ``check`` matrix, ``agree``, a role's results."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from dsr_options.analyses.agreement import RoleAgreement
from dsr_options.analyses.evaluate import (
    Analysis,
    Outcome,
    RedlineHolders,
    Result,
    RoleVerdict,
    Verdict,
)
from dsr_options.analyses.firmness import FirmnessReport
from dsr_options.render.explain import explanation
from dsr_options.render.glossary import LEFT_OUT, SYMBOLS
from dsr_options.render.layout import Column, FittedTable, cell, prose, section, stacked
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import visible
from dsr_options.render.words import (
    NO_PHRASES,
    firmness_text,
    key_quote,
    may_object_text,
    objectors_text,
    result_sentence,
    verdict_basis,
    verdict_label,
    verdict_sentence,
)

OUTCOME_STYLE = {
    Outcome.CROSSES: "bold red",
    Outcome.CLEAR: "green",
    Outcome.UNKNOWN: "yellow",
    Outcome.NOT_APPLICABLE: "dim",
}
VERDICT_STYLE = {
    Verdict.OUT: "bold red",
    Verdict.FLAGGED: "yellow",
    Verdict.CONDITIONAL: "blue",
    Verdict.CLEAR: "green",
    Verdict.UNDETERMINED: "magenta",
}


def _outcome(result: Result) -> Text:
    return Text(SYMBOLS[result.outcome], style=OUTCOME_STYLE[result.outcome])


def _verdict(verdict: RoleVerdict, phrases: Phrases = NO_PHRASES) -> Text:
    return Text(visible(verdict_sentence(verdict, phrases)), style=VERDICT_STYLE[verdict.verdict])


def _details(result: Result) -> list[str]:
    lines = list(explanation(result))
    lines += [repair.text for repair in result.repairs]
    if result.outcome is Outcome.CROSSES and result.redline.repair:
        lines.append(f"the redline suggests: {result.redline.repair}")
    return lines


STRICTNESS_ORDER = ("veto", "condition", "concern")
STRICTNESS_HEADINGS = {"veto": "Vetoes", "condition": "Conditions", "concern": "Concerns"}
ANALYSIS_MARK = "*"
"""Marks a crossing that rests on our analysis rather than on the note."""


def _crossing(result: Result) -> Text:
    text = _outcome(result)
    if result.outcome in (Outcome.CROSSES, Outcome.UNKNOWN) and result.rests_on_analysis:
        text.append(ANALYSIS_MARK, style=OUTCOME_STYLE[result.outcome])
    return text


def _grouped(analysis: Analysis) -> list[tuple[str, list[RedlineHolders]]]:
    groups = []
    for kind in STRICTNESS_ORDER:
        lines = [line for line in analysis.redlines if line.redline.strictness.value == kind]
        if lines:
            groups.append((STRICTNESS_HEADINGS[kind], lines))
    return groups


def _matrix(analysis: Analysis, phrases: Phrases = NO_PHRASES) -> RenderableType:
    table = FittedTable(
        [
            # redlines by title, wrapped at word boundaries (no indent: a wrapped title would
            # run on at the margin); too narrow for a readable title, the rows are stacked
            Column("Redline", weight=3, min_width=20),
            # roles by their short name (data: `short:`), kept whole; the id where none is given
            *(
                Column(visible(v.role.short or v.role.id), keep_whole=True)
                for v in analysis.verdicts
            ),
        ],
        stacked=[_stacked_matrix(analysis, phrases)],
    )
    for heading, lines in _grouped(analysis):
        table.rows.append(
            [Text(f"{heading}:", style="bold"), *(Text("") for _ in analysis.verdicts)]
        )
        for line in lines:
            table.rows.append(
                [
                    Text(visible(line.redline.title), style="cyan"),
                    *(_crossing(v.result(line.redline.id)) for v in analysis.verdicts),
                ]
            )
    return table


def _mark_line(result: Result, name: str) -> RenderableType:
    """``✗ crosses  name``: the mark first, so it is never split from its word; a name too long
    for the line wraps under the indent the caller gives, never to column 0."""
    return Text.assemble(_crossing(result), "  ", (visible(name), "cyan"))


def _named(result: Result, phrases: Phrases) -> str:
    """``“Title” (holder), a concern``: a redline as a result line names it."""
    return f"{phrases.redline(result.redline.id)}, {result.strictness.value}"


def _stacked_matrix(analysis: Analysis, phrases: Phrases = NO_PHRASES) -> RenderableType:
    blocks: list[RenderableType] = []
    for verdict in analysis.verdicts:
        rows: list[RenderableType] = [Text(visible(verdict.role.title), style="bold cyan")]
        for result in verdict.results:  # by title alone: the holders follow under Verdicts
            name = f"{phrases.redline_title(result.redline.id)}, {result.strictness.value}"
            rows.append(Padding(_mark_line(result, name), (0, 0, 0, 2)))
        blocks.append(Group(*rows))
    return stacked(blocks)


def overview_rows(
    agreements: Sequence[RoleAgreement], firmness: FirmnessReport | None = None
) -> list[tuple[str, ...]]:
    """One row per option: title (id), verdict, standing (``agree``'s), rests on, firmness,
    objecting, for, against."""
    rows: list[tuple[str, ...]] = []
    for agreement in agreements:
        verdict = agreement.verdict
        role = agreement.role
        rows.append(
            (
                role.title,
                verdict_label(verdict),
                agreement.standing,
                verdict_basis(verdict),
                firmness_text(verdict, firmness, LEFT_OUT),
                objectors_text(agreement),
                may_object_text(agreement),
                key_quote(agreement.support),
                key_quote(agreement.opposition),
            )
        )
    return rows


OVERVIEW_HEADINGS = (
    "Role",
    "Verdict",
    "Standing",
    "Rests on",
    "Firmness",
    "Who objects",
    "May object (on our reading)",
    "Key quote for",
    "Key quote against",
)


def _overview(
    agreements: Sequence[RoleAgreement], firmness: FirmnessReport | None = None
) -> RenderableType:
    table = FittedTable(
        [
            Column("Role", style="bold", weight=2),
            Column("Verdict", keep_whole=True),
            Column("Standing"),
            Column("Rests on"),
            Column("Firmness"),
            Column("Who objects", weight=2),
            Column("May object (on our reading)", weight=2),
            Column("Key quote for", weight=3),
            Column("Key quote against", weight=3),
        ]
    )
    for agreement, row in zip(agreements, overview_rows(agreements, firmness), strict=True):
        style = VERDICT_STYLE[agreement.verdict.verdict]
        cells = [cell(value) for value in row]
        cells[1] = cell(row[1], style)
        block = Group(
            Text(visible(row[0]), style="bold"),
            *(
                Padding(Text.assemble((f"{h}: ", "bold"), visible(v)), (0, 0, 0, 2))
                for h, v in zip(OVERVIEW_HEADINGS[1:], row[1:], strict=True)
            ),
        )
        table.add_row(cells, block)
    return table


def check_view(
    analysis: Analysis,
    agreements: Sequence[RoleAgreement] = (),
    show_all: bool = False,
    logic: bool = False,
    firmness: FirmnessReport | None = None,
    phrases: Phrases = NO_PHRASES,
) -> RenderableType:
    if not analysis.verdicts or not analysis.redlines:
        what = "role" if not analysis.verdicts else "redline"
        return Text(f"No {what} to check.", style="yellow")
    parts: list[RenderableType] = []
    if agreements:
        parts += [
            Text("At a glance", style="bold underline"),
            _overview(agreements, firmness),
            Text(""),
        ]
    parts += [
        Text("Roles × redlines", style="bold underline"),  # noqa: RUF001 - times sign
        _matrix(analysis, phrases),
        Text(
            f"{ANALYSIS_MARK} the crossing rests on our analysis, not on the note",
            style="dim",
        ),
    ]
    verdict_lines: list[RenderableType] = []
    for verdict in analysis.verdicts:
        verdict_lines.append(
            Text.assemble(
                (visible(verdict.role.title), "bold"),
                f" ({visible(verdict.role.id)})",
            )
        )
        verdict_lines.append(Padding(_verdict(verdict, phrases), (0, 0, 0, 2)))
        hidden = 0
        for result in verdict.results:
            if not show_all and result.outcome not in (Outcome.CROSSES, Outcome.UNKNOWN):
                hidden += 1
                continue
            verdict_lines.append(
                Padding(
                    _mark_line(result, _named(result, phrases)),
                    (0, 0, 0, 2),
                )
            )
            details = _details(result) if logic else [result_sentence(result, phrases)]
            verdict_lines += [Padding(cell(line), (0, 0, 0, 4)) for line in details]
        if hidden:
            verdict_lines.append(
                Padding(
                    Text(f"{hidden} more it does not cross (--all shows them)", style="dim"),
                    (0, 0, 0, 2),
                )
            )
    parts += section("Verdicts", [prose(Group(*verdict_lines))])
    holder_lines: list[RenderableType] = []
    for line in analysis.redlines:
        crossed = "; ".join(phrases.role(r) for r in line.by_outcome[Outcome.CROSSES]) or "no role"
        unknown = [phrases.role(r) for r in line.by_outcome[Outcome.UNKNOWN]]
        holder_lines.append(
            Text.assemble(
                (visible(line.redline.title), "cyan"), f" ({line.redline.strictness.value})"
            )
        )
        body = [
            f"held by {', '.join(name for _, name in line.holders)}",
            f"crossed by {crossed}",
        ]
        if unknown:
            body.append(f"unknown for {'; '.join(unknown)}")
        holder_lines += [Padding(cell(text), (0, 0, 0, 2)) for text in body]
    parts += section("Redlines and their holders", [prose(Group(*holder_lines))])
    return Group(*parts)


def role_redlines_section(
    verdict: RoleVerdict, phrases: Phrases = NO_PHRASES
) -> list[RenderableType]:
    """The ``Redlines`` section of ``show``: the verdict, then one row per redline."""
    table = FittedTable(
        [
            Column("Redline", style="cyan", weight=2),
            Column("Result", keep_whole=True),
            Column("Why, and how to clear it", weight=4),
        ]
    )
    for result in verdict.results:
        name = f"{visible(result.redline.title)} ({result.strictness.value})"
        details = result_sentence(result, phrases)
        table.add_row(
            [cell(name), _outcome(result), cell(details)],
            Text.assemble(
                (name, "cyan"),
                "  ",
                _outcome(result),
                *(("\n", visible(details)) if details else ()),
            ),
        )
    body: list[RenderableType] = [_verdict(verdict, phrases)]
    if verdict.results:
        body.append(table)
    return section("Redlines", body)


def verdict_lead(verdict: RoleVerdict, phrases: Phrases = NO_PHRASES) -> list[RenderableType]:
    """What ``show`` opens with: the verdict, what it rests on, and what decides it."""
    lines: list[RenderableType] = [
        Text.assemble(
            ("Verdict: ", "bold"),
            (verdict_label(verdict), VERDICT_STYLE[verdict.verdict]),
            f" (rests on {verdict_basis(verdict)})",
        ),
        Padding(_verdict(verdict, phrases), (0, 0, 0, 2)),
    ]
    for result in verdict.results:
        if result.outcome in (Outcome.CROSSES, Outcome.UNKNOWN):
            lines.append(Padding(cell(result_sentence(result, phrases)), (0, 0, 0, 2)))
    return [prose(Group(*lines)), Text("")]
