"""The brief as one self-contained HTML file: styles inline, nothing fetched from anywhere,
print-ready on A4 and on US Letter in two pages, the annex starting on a page of its own. The
matrix is a table (roles by title, redlines by title and holder) with shaded cells that carry
their word too, so that it reads in black and white and to a screen reader.
"""

from __future__ import annotations

from html import escape

from dsr_options.render.brief.cells import CELL_SYMBOLS, CELL_WORDS, cell_colour, ink
from dsr_options.render.brief.content import (
    NO_OPTIONS,
    REPRODUCE,
    Brief,
    Matrix,
    OptionSection,
    QuoteRef,
    one_source,
)
from dsr_options.render.brief.markdown import ANNEX_NOTE
from dsr_options.render.safe import visible


def esc(text: str) -> str:
    """Data as HTML text or an attribute value: markup escaped, quotes too, controls written out."""
    return escape(visible(text), quote=True)


STYLE = """
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.4;
  color: #1a1a1a; background: #fff; margin: 0; hyphens: manual; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; line-height: 1.2; }
h2 { font-size: 1.1rem; margin: 1rem 0 .3rem; border-bottom: 1px solid #bbb;
  padding-bottom: .1rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: .8rem 0 .25rem; break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .3rem 0; }
ul, ol { padding-left: 1.2rem; }
.made { font-family: Helvetica, Arial, sans-serif; font-size: 8.5pt; color: #444; margin: 0; }
.verdict { font-weight: bold; }
.label { font-weight: bold; }
.ref { font-family: Helvetica, Arial, sans-serif; font-size: .8em; white-space: nowrap; }
a { color: inherit; text-decoration: none; }
table.matrix { border-collapse: collapse; width: 100%; font-family: Helvetica, Arial, sans-serif;
  font-size: 8pt; margin: .3rem 0; }
table.matrix th, table.matrix td { border: 1px solid #999; padding: 1px 3px; vertical-align: top;
  overflow-wrap: normal; word-break: normal; }
table.matrix thead th { background: #eee; text-align: left; font-weight: bold; }
table.matrix tbody th { text-align: left; font-weight: normal; width: 36%; }
table.matrix td.cell { white-space: nowrap; text-align: center; }
.legend { font-family: Helvetica, Arial, sans-serif; font-size: 8pt; color: #444; }
.annex { break-before: page; page-break-before: always; font-size: 9.5pt; }
code { font-size: .9em; white-space: nowrap; }
pre code { white-space: pre; }
@page { margin: 12mm 14mm; }
@media print {
  body { font-size: 8.5pt; line-height: 1.2; }
  main { max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 14pt; }
  h2 { font-size: 10.5pt; margin: .5rem 0 .15rem; }
  p, ul, ol { margin: .15rem 0; }
  li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .annex { font-size: 8pt; }
}
"""


def _ref(label: str) -> str:
    return f'<a class="ref" href="#{label.lower()}">[{label}]</a>'


def _refs(labels: str) -> str:
    return " ".join(_ref(label.strip()) for label in labels.split(","))


def _quote(ref: QuoteRef) -> str:
    return f"“{esc(ref.quote)}” {_ref(ref.label)}"


def _option(option: OptionSection) -> str:
    tail = " ".join(esc(t) for t in (option.standing, option.firmness) if t)
    parts = [
        f'<section class="option" id="option-{option.number}">',
        f"<h2>{esc(option.heading)}</h2>",
        f'<p><span class="verdict">{esc(option.verdict_sentence)}</span> {tail}</p>',
    ]
    received = f'<span class="label">Received:</span> {esc(option.received)}.'
    if option.quote_for is not None:
        received += f' <span class="label">For:</span> {_quote(option.quote_for)}'
    if option.quote_against is not None:
        received += (
            f' <span class="label">{esc(option.against_label)}:</span> '
            f"{_quote(option.quote_against)}"
        )
    items = [f"<li>{received}</li>"]
    if option.objections:
        inner = "".join(f"<li>{esc(text)}</li>" for text in option.objections)
        items.append(
            '<li><span class="label">Ruled out by, and what would clear it:</span>'
            f"<ul>{inner}</ul></li>"
        )
    if option.reservations:
        items.append(
            f'<li><span class="label">Reservations:</span> {esc(option.reservations)}.</li>'
        )
    if option.may_object:
        items.append(f'<li><span class="label">May object:</span> {esc(option.may_object)}.</li>')
    if option.points:
        inner = "".join(
            f"<li>{esc(point.text)} {_refs(point.finding)}</li>" for point in option.points
        )
        items.append(f'<li><span class="label">Points to make:</span><ul>{inner}</ul></li>')
    parts += ["<ul>" + "".join(items) + "</ul>", "</section>"]
    return "\n".join(parts)


def _matrix(matrix: Matrix) -> list[str]:
    head = "".join(f'<th scope="col">{esc(title)}</th>' for _, title in matrix.columns)
    rows = []
    for row in matrix.rows:
        cells = "".join(
            f'<td class="cell" style="background:{cell_colour(o, row.strictness)};'
            f'color:{ink(o, row.strictness)}">{CELL_SYMBOLS[o]} {CELL_WORDS[o]}</td>'
            for o in row.outcomes
        )
        rows.append(f'<tr><th scope="row">{esc(row.label)}</th>{cells}</tr>')
    legend = ", ".join(f"{s} {CELL_WORDS[o]}" for o, s in CELL_SYMBOLS.items())
    return [
        '<section class="matrix" id="matrix">',
        "<h2>Roles × redlines</h2>",  # noqa: RUF001 - a times sign on purpose
        '<table class="matrix"><caption class="legend">'
        f"{esc(legend)}. Red: a veto or condition crossed; amber: a concern crossed; green: "
        "clear; grey: unknown or not applicable.</caption>"
        f'<thead><tr><th scope="col">Redline (holder, strictness)</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>",
        "</section>",
    ]


def _annex(brief: Brief) -> list[str]:
    body = ['<section class="annex" id="annex">', "<h2>Annex</h2>", f"<p>{esc(ANNEX_NOTE)}</p>"]
    if brief.findings:
        command = " \\\n  ".join(esc(line) for line in brief.command)
        body += [
            "<h3>Findings, and how to reproduce them</h3>",
            f"<p>{esc(REPRODUCE)}</p>",
            f"<pre><code>{command}</code></pre>",
            "<ul>",
        ]
        for finding in brief.findings:
            assume = " ".join(f"<code>--assume {esc(a)}</code>" for a in finding.assume)
            body.append(
                f'<li id="{finding.label.lower()}"><strong>{finding.label}</strong> '
                f"{esc(finding.text)} Ids: {esc(finding.ids)}."
                + (f" Reproduce with {assume}." if assume else "")
                + "</li>"
            )
        body.append("</ul>")
    if brief.annex:
        one = one_source(brief)
        body.append("<h3>Quotes used</h3>")
        if one is not None:
            body.append(
                f"<p>Every quote is from <cite>{esc(one)}</cite>, under the section named.</p>"
            )
        body.append("<ul>")
        for ref in brief.annex:
            where = esc(ref.section) + (
                "" if one is not None else f", <cite>{esc(ref.source)}</cite>"
            )
            body.append(
                f'<li id="{ref.label.lower()}"><strong>{ref.label}</strong> “{esc(ref.quote)}” — '
                f"{where} ({esc(', '.join(ref.used_in))})</li>"
            )
        body.append("</ul>")
    body += ["<h3>What the brief was made from</h3>", "<ul>"]
    body += [f"<li>{esc(label)}: {esc(value)}</li>" for label, value in brief.provenance]
    body.append("</ul>")
    if brief.ids:
        body += ["<h3>Ids</h3>", "<ul>"]
        body += [f"<li>{esc(name)}: <code>{esc(ident)}</code></li>" for name, ident in brief.ids]
        body.append("</ul>")
    body.append("</section>")
    return body


def brief_html(brief: Brief) -> str:
    title = esc(brief.title)
    body = [
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="made"><time datetime="{brief.date.isoformat()}">'
        f"{brief.date.isoformat()}</time> · {esc(brief.made_from)}</p>",
        "</header>",
    ]
    if brief.agreement:
        body += ['<section id="agreement">', "<h2>Where agreement lies</h2>", "<ul>"]
        body += [f"<li>{_with_refs(line)}</li>" for line in brief.agreement]
        body += ["</ul>", "</section>"]
    if brief.written_for is not None:
        body += [f'<section id="for"><h2>For {esc(brief.written_for)}</h2>', "<ul>"]
        body += [f"<li>{_with_refs(line)}</li>" for line in brief.for_holder]
        body += ["</ul>", "</section>"]
    if not brief.options:
        body.append(f"<p>{esc(NO_OPTIONS)}</p>")
    body += [_option(option) for option in brief.options]
    if not brief.matrix.empty:
        body += _matrix(brief.matrix)
    if brief.next_steps:
        body += ['<section class="next-steps" id="next-steps">', "<h2>Next steps</h2>", "<ul>"]
        for step in brief.next_steps:
            refs = " ".join(_ref(q.label) for q in step.quotes)
            body.append(f"<li>{esc(step.text)}{' ' + refs if refs else ''}</li>")
        body += ["</ul>", "</section>"]
    body += _annex(brief)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _with_refs(line: str) -> str:
    """A sentence ending in ``[F1]`` or ``[F1, F2].``, the references made links."""
    text, bracket, rest = line.rpartition(" [")
    if not bracket or not rest.rstrip(".").endswith("]"):
        return esc(line)
    labels = rest.rstrip(".").rstrip("]")
    end = "." if rest.endswith(".") else ""
    return f"{esc(text)} {_refs(labels)}{end}"
