"""The brief as Markdown: for a pull request, a wiki, or pasting into a cable draft."""

from __future__ import annotations

from dsr_options.render.brief.content import (
    NO_OPTIONS,
    REPRODUCE,
    Brief,
    Matrix,
    OptionSection,
    QuoteRef,
    one_source,
)
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import SYMBOLS
from dsr_options.render.safe import markdown_text as md

ANNEX_NOTE = "The annex: what a drafter checks the brief by. It is not part of the two pages."


def quote_inline(ref: QuoteRef) -> str:
    return f"“{md(ref.quote)}” \\[{ref.label}\\]"


def _option(option: OptionSection) -> list[str]:
    lines = [f"## {md(option.heading)}", ""]
    head = f"**{md(option.verdict_sentence)}**"
    tail = " ".join(md(t) for t in (option.standing, option.firmness) if t)
    lines += [head + (f" {tail}" if tail else ""), ""]
    received = f"- **Received:** {md(option.received)}."
    if option.quote_for is not None:
        received += f" **For:** {quote_inline(option.quote_for)}"
    if option.quote_against is not None:
        received += f" **{option.against_label}:** {quote_inline(option.quote_against)}"
    lines.append(received)
    if option.objections:
        lines.append("- **Ruled out by, and what would clear it:**")
        lines += [f"  - {md(text)}" for text in option.objections]
    if option.reservations:
        lines.append(f"- **Reservations:** {md(option.reservations)}.")
    if option.may_object:
        lines.append(f"- **May object:** {md(option.may_object)}.")
    if option.points:
        lines.append("- **Points to make:**")
        lines += [f"  - {md(point.text)} \\[{point.finding}\\]" for point in option.points]
    return lines


def _matrix(matrix: Matrix) -> list[str]:
    titles = [md(title) for _, title in matrix.columns]
    header = ["Redline (holder, strictness)", *titles]
    rows = [
        {
            header[0]: row.label,
            **{
                title: SYMBOLS[outcome] for title, outcome in zip(titles, row.outcomes, strict=True)
            },
        }
        for row in matrix.rows
    ]
    return ["", "## Roles × redlines", "", write_markdown_table(rows, header).rstrip("\n")]  # noqa: RUF001 - a times sign on purpose


def _annex(brief: Brief) -> list[str]:
    lines = ["", "---", "", "## Annex", "", md(ANNEX_NOTE)]
    if brief.findings:
        lines += ["", "### Findings, and how to reproduce them", "", md(REPRODUCE), ""]
        lines += ["```", " \\\n  ".join(brief.command), "```", ""]
        for finding in brief.findings:
            assume = " ".join(f"`--assume {a}`" for a in finding.assume)
            lines.append(
                f"- **{finding.label}** {md(finding.text)} Ids: {md(finding.ids)}."
                + (f" Reproduce with {assume}." if assume else "")
            )
    if brief.annex:
        lines += ["", "### Quotes used", ""]
        one = one_source(brief)
        if one is not None:
            lines += [f"Every quote is from *{md(one)}*, under the section named.", ""]
        for ref in brief.annex:
            where = md(ref.section) + ("" if one is not None else f", {md(ref.source)}")
            lines.append(
                f"- **{ref.label}** “{md(ref.quote)}” — {where} ({md(', '.join(ref.used_in))})"
            )
    lines += ["", "### What the brief was made from", ""]
    lines += [f"- {md(label)}: {md(value)}" for label, value in brief.provenance]
    if brief.ids:
        lines += ["", "### Ids", ""]
        lines += [f"- {md(name)}: `{ident}`" for name, ident in brief.ids]
    return lines


def brief_markdown(brief: Brief) -> str:
    lines = [f"# {md(brief.title)}", "", f"**{brief.date.isoformat()}** · {md(brief.made_from)}"]
    if brief.agreement:
        lines += ["", "## Where agreement lies", ""]
        lines += [f"- {md(line)}" for line in brief.agreement]
    if brief.written_for is not None:
        lines += ["", f"## For {md(brief.written_for)}", ""]
        lines += [f"- {md(line)}" for line in brief.for_holder]
    if not brief.options:
        lines += ["", md(NO_OPTIONS)]
    for option in brief.options:
        lines += ["", *_option(option)]
    if not brief.matrix.empty:
        lines += _matrix(brief.matrix)
    if brief.next_steps:
        lines += ["", "## Next steps", ""]
        for step in brief.next_steps:
            refs = " ".join(f"\\[{q.label}\\]" for q in step.quotes)
            lines.append(f"- {md(step.text)}" + (f" {refs}" if refs else ""))
    lines += _annex(brief)
    return "\n".join(lines) + "\n"
