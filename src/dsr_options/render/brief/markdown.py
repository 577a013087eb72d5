"""The brief as Markdown: for a pull request, a wiki, or pasting into a cable draft."""

from __future__ import annotations

from dsr_options.render.brief.content import (
    NO_OPTIONS,
    Brief,
    Matrix,
    OptionSection,
    QuoteRef,
    one_source,
)
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import SYMBOLS
from dsr_options.render.safe import markdown_text as md


def quote_inline(ref: QuoteRef) -> str:
    return f"“{md(ref.quote)}” \\[{ref.label}\\]"


def _option(option: OptionSection) -> list[str]:
    lines = [f"## {md(option.heading)}", "", f"**Verdict.** {md(option.verdict_sentence)}"]
    lines += ["", *(md(line) for line in option.why)]
    lines += [""] if option.why else []
    lines += [md(line) for line in option.firmness]
    lines += [""] if option.firmness else []
    lines.append(f"- **Received:** {md(option.received)}")
    if option.may_object:
        lines.append(f"- **May object:** {md('; '.join(option.may_object))}")
    if option.quote_for is not None:
        lines.append(f"- **For:** {quote_inline(option.quote_for)}")
    if option.quote_against is not None:
        lines.append(f"- **{option.against_label}:** {quote_inline(option.quote_against)}")
    if option.clearing:
        lines.append("- **Objections, and what would clear them:**")
        lines += [f"  - {md(clearing.text)}" for clearing in option.clearing]
    return lines


def _matrix(matrix: Matrix) -> list[str]:
    header = ["Redline", "Strictness", *(f"Option {number}" for number, _ in matrix.columns)]
    rows = [
        {
            "Redline": row.title,
            "Strictness": row.strictness.value,
            **{
                f"Option {number}": SYMBOLS[outcome]
                for (number, _), outcome in zip(matrix.columns, row.outcomes, strict=True)
            },
        }
        for row in matrix.rows
    ]
    return ["", "## Roles × redlines", "", write_markdown_table(rows, header).rstrip("\n")]  # noqa: RUF001 - a times sign on purpose


def brief_markdown(brief: Brief) -> str:
    lines = [f"# {md(brief.title)}", "", f"**{brief.date.isoformat()}**", ""]
    lines.append(" · ".join(f"{md(label)}: {md(value)}" for label, value in brief.provenance))
    lines += ["", "## Bottom line", ""]
    for item in brief.bottom_line:
        lines.append(f"- **Option {item.number}, {md(item.title)}:** {md(item.sentence)}")
    if not brief.bottom_line:
        lines.append(md(NO_OPTIONS))
    if brief.joint:
        lines += ["", "What would clear every holder together:", ""]
        lines += [f"- {md(line)}" for line in brief.joint]
    for option in brief.options:
        lines += ["", *_option(option)]
    if not brief.matrix.empty:
        lines += _matrix(brief.matrix)
    if brief.next_steps:
        lines += ["", "## Next steps", ""]
        for step in brief.next_steps:
            refs = " ".join(f"\\[{q.label}\\]" for q in step.quotes)
            lines.append(f"- {md(step.text)}" + (f" {refs}" if refs else ""))
    if brief.annex:
        lines += ["", "## Annex: quotes used", ""]
        one = one_source(brief)
        if one is not None:
            lines += [f"Every quote is from *{md(one)}*, under the section named.", ""]
        for ref in brief.annex:
            where = md(ref.section) + ("" if one is not None else f", {md(ref.source)}")
            lines.append(
                f"- **{ref.label}** “{md(ref.quote)}” — {where} ({md(', '.join(ref.used_in))})"
            )
    return "\n".join(lines) + "\n"
