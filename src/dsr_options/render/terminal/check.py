"""Rich views of the redline analysis: the ``check`` matrix, ``agree``, a role's results."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from dsr_options.analyses.evaluate import Analysis, Outcome, Result, RoleVerdict, Verdict
from dsr_options.render.layout import Column, FittedTable, cell, section, stacked
from dsr_options.render.safe import visible
from dsr_options.render.words import (
    SYMBOLS,
    verdict_text,
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


def _verdict(verdict: RoleVerdict) -> Text:
    return Text(verdict_text(verdict), style=VERDICT_STYLE[verdict.verdict])


def _details(result: Result) -> list[str]:
    lines = list(result.explanation)
    lines += [repair.text for repair in result.repairs]
    if result.outcome is Outcome.CROSSES and result.redline.repair:
        lines.append(f"the redline suggests: {result.redline.repair}")
    return lines


def _matrix(analysis: Analysis) -> RenderableType:
    table = FittedTable(
        [
            Column("Redline (kind)", weight=3),
            *(Column(f"({v.role.number})", keep_whole=True) for v in analysis.verdicts),
        ],
        stacked=[_stacked_matrix(analysis)],
    )
    for line in analysis.redlines:
        table.rows.append(
            [
                Text.assemble(
                    (visible(line.redline.id), "cyan"), "\n", (line.redline.strictness.value, "dim")
                ),
                *(_outcome(v.result(line.redline.id)) for v in analysis.verdicts),
            ]
        )
    return table


def _legend(analysis: Analysis) -> Text:
    roles = ", ".join(f"({v.role.number}) {visible(v.role.id)}" for v in analysis.verdicts)
    return Text(f"Roles: {roles}")


def _stacked_matrix(analysis: Analysis) -> RenderableType:
    blocks = []
    for verdict in analysis.verdicts:
        parts: list[str | tuple[str, str]] = [(visible(verdict.role.id), "bold cyan")]
        for result in verdict.results:
            parts += ["\n  ", (SYMBOLS[result.outcome], OUTCOME_STYLE[result.outcome])]
            parts += [f"  {visible(result.redline.id)} ({result.strictness.value})"]
        blocks.append(Text.assemble(*parts))
    return stacked(blocks)


def check_view(analysis: Analysis) -> RenderableType:
    if not analysis.verdicts or not analysis.redlines:
        what = "role" if not analysis.verdicts else "redline"
        return Text(f"No {what} to check.", style="yellow")
    parts: list[RenderableType] = [
        Text("Roles × redlines", style="bold underline"),  # noqa: RUF001 - times sign
        _legend(analysis),
        _matrix(analysis),
    ]
    verdict_lines: list[RenderableType] = []
    for verdict in analysis.verdicts:
        verdict_lines.append(
            Text.assemble((visible(verdict.role.id), "bold cyan"), ": ", _verdict(verdict))
        )
        for result in verdict.results:
            if result.outcome not in (Outcome.CROSSES, Outcome.UNKNOWN):
                continue
            verdict_lines.append(
                Padding(
                    Text.assemble(
                        _outcome(result),
                        f" {visible(result.redline.id)} ({result.strictness.value})",
                    ),
                    (0, 0, 0, 2),
                )
            )
            verdict_lines += [Padding(cell(line), (0, 0, 0, 4)) for line in _details(result)]
    parts += section("Verdicts", verdict_lines)
    holder_lines = []
    for line in analysis.redlines:
        crossed = ", ".join(line.by_outcome[Outcome.CROSSES]) or "none"
        unknown = line.by_outcome[Outcome.UNKNOWN]
        text = (
            f"{line.redline.id} ({line.redline.strictness.value}) held by "
            f"{', '.join(name for _, name in line.holders)}; crossed by {crossed}"
        )
        if unknown:
            text += f"; unknown for {', '.join(unknown)}"
        holder_lines.append(cell(text))
    parts += section("Holders", holder_lines)
    return Group(*parts)


def role_redlines_section(verdict: RoleVerdict) -> list[RenderableType]:
    """The ``Redlines`` section of ``show``: the verdict, then one row per redline."""
    table = FittedTable(
        [
            Column("Redline", style="cyan", weight=2),
            Column("Result", keep_whole=True),
            Column("Why, and how to clear it", weight=4),
        ]
    )
    for result in verdict.results:
        name = f"{visible(result.redline.id)} ({result.strictness.value})"
        details = "\n".join(_details(result))
        table.add_row(
            [cell(name), _outcome(result), cell(details)],
            Text.assemble(
                (name, "cyan"),
                "  ",
                _outcome(result),
                *(("\n", visible(details)) if details else ()),
            ),
        )
    body: list[RenderableType] = [_verdict(verdict)]
    if verdict.results:
        body.append(table)
    return section("Redlines", body)
