"""The brief as one self-contained HTML file: styles inline, the matrix as inline SVG with the
same matrix as a table for screen readers, nothing fetched from anywhere, print-ready at A4 and
Letter (the page size is the printer's; the content fits the narrower A4 width).
"""

from __future__ import annotations

from html import escape

from dsr_options.render.brief.content import (
    NO_OPTIONS,
    Brief,
    Matrix,
    OptionSection,
    QuoteRef,
    one_source,
)
from dsr_options.render.brief.svg import CELL_SYMBOLS, CELL_WORDS, matrix_svg
from dsr_options.render.safe import visible


def esc(text: str) -> str:
    """Data as HTML text or an attribute value: markup escaped, quotes too, controls written out."""
    return escape(visible(text), quote=True)


STYLE = """
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.4;
  color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #bbb;
  padding-bottom: .15rem; break-after: avoid; page-break-after: avoid; }
p, ul, ol { margin: .35rem 0; }
ul, ol { padding-left: 1.3rem; }
.date { font-weight: bold; margin: 0; }
.provenance { font-family: Helvetica, Arial, sans-serif; font-size: 8pt; color: #555;
  overflow-wrap: anywhere; }
.verdict { font-weight: bold; }
.label { font-weight: bold; }
.ref { font-family: Helvetica, Arial, sans-serif; font-size: .8em; }
.bottom-line li { margin-bottom: .3rem; }
.bottom-line a { color: inherit; text-decoration: none; }
figure { margin: .5rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption, .legend { font-family: Helvetica, Arial, sans-serif; font-size: 8.5pt; color: #444; }
.annex { font-size: 9.5pt; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%);
  white-space: nowrap; border: 0; }
@page { margin: 14mm 16mm; }
@media print {
  body { font-size: 9pt; line-height: 1.25; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  figure, li { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _ref(ref: QuoteRef) -> str:
    return f'<a class="ref" href="#{ref.label.lower()}">[{ref.label}]</a>'


def _quote(ref: QuoteRef) -> str:
    return f"“{esc(ref.quote)}” {_ref(ref)}"


def _option(option: OptionSection) -> str:
    parts = [
        f'<section class="option" id="option-{option.number}">',
        f"<h2>{esc(option.heading)}</h2>",
        f'<p class="verdict">{esc(option.verdict_sentence)}</p>',
    ]
    parts += [f"<p>{esc(line)}</p>" for line in option.why]
    parts += [f'<p class="firmness">{esc(line)}</p>' for line in option.firmness]
    items = [f'<li><span class="label">Received:</span> {esc(option.received)}</li>']
    if option.may_object:
        items.append(
            f'<li><span class="label">May object:</span> {esc("; ".join(option.may_object))}</li>'
        )
    if option.quote_for is not None:
        items.append(f'<li><span class="label">For:</span> {_quote(option.quote_for)}</li>')
    if option.quote_against is not None:
        items.append(
            f'<li><span class="label">{esc(option.against_label)}:</span> '
            f"{_quote(option.quote_against)}</li>"
        )
    if option.clearing:
        steps = "".join(f"<li>{esc(clearing.text)}</li>" for clearing in option.clearing)
        items.append(
            '<li><span class="label">Objections, and what would clear them:</span>'
            f"<ul>{steps}</ul></li>"
        )
    parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _matrix_table(matrix: Matrix) -> str:
    head = "".join(f'<th scope="col">Option {number}</th>' for number, _ in matrix.columns)
    rows = []
    for row in matrix.rows:
        cells = "".join(f"<td>{CELL_SYMBOLS[o]} {CELL_WORDS[o]}</td>" for o in row.outcomes)
        rows.append(
            f'<tr><th scope="row">{esc(row.title)}</th><td>{esc(row.strictness.value)}</td>'
            f"{cells}</tr>"
        )
    return (
        '<table class="visually-hidden" id="matrix-table">'
        "<caption>Roles × redlines, as a table</caption>"  # noqa: RUF001 - a times sign
        f'<thead><tr><th scope="col">Redline</th><th scope="col">Strictness</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def brief_html(brief: Brief) -> str:
    title = esc(brief.title)
    provenance = " · ".join(f"{esc(label)}: {esc(value)}" for label, value in brief.provenance)
    body = [
        "<header>",
        f"<h1>{title}</h1>",
        f'<p class="date"><time datetime="{brief.date.isoformat()}">'
        f"{brief.date.isoformat()}</time></p>",
        f'<p class="provenance">{provenance}</p>',
        "</header>",
        '<section class="bottom-line" id="bottom-line">',
        "<h2>Bottom line</h2>",
        "<ul>",
    ]
    for item in brief.bottom_line:
        body.append(
            f'<li><a href="#option-{item.number}"><strong>Option {item.number}, '
            f"{esc(item.title)}:</strong></a> {esc(item.sentence)}</li>"
        )
    body.append("</ul>")
    if not brief.bottom_line:
        body.append(f"<p>{esc(NO_OPTIONS)}</p>")
    if brief.joint:
        body.append("<p>What would clear every holder together:</p><ul>")
        body += [f"<li>{esc(line)}</li>" for line in brief.joint]
        body.append("</ul>")
    body.append("</section>")
    body += [_option(option) for option in brief.options]
    if not brief.matrix.empty:
        body += _matrix_section(brief.matrix)
    body += _rest(brief)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _matrix_section(matrix: Matrix) -> list[str]:
    legend = ", ".join(
        f"{symbol} {CELL_WORDS[outcome]}" for outcome, symbol in CELL_SYMBOLS.items()
    )
    return [
        '<section class="matrix" id="matrix">',
        "<h2>Roles × redlines</h2>",  # noqa: RUF001 - a times sign on purpose
        "<figure>",
        matrix_svg(matrix, "Roles × redlines"),  # noqa: RUF001
        f"<figcaption>{esc(legend)}. Red: a veto or condition crossed; amber: a concern "
        "crossed; green: clear; grey: unknown or not applicable.</figcaption>",
        "</figure>",
        _matrix_table(matrix),
        "</section>",
    ]


def _rest(brief: Brief) -> list[str]:
    body: list[str] = []
    if brief.next_steps:
        body += ['<section class="next-steps" id="next-steps">', "<h2>Next steps</h2>", "<ul>"]
        for step in brief.next_steps:
            refs = " ".join(_ref(q) for q in step.quotes)
            body.append(f"<li>{esc(step.text)}{' ' + refs if refs else ''}</li>")
        body += ["</ul>", "</section>"]
    if brief.annex:
        one = one_source(brief)
        body += ['<section class="annex" id="annex">', "<h2>Annex: quotes used</h2>"]
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
        body += ["</ul>", "</section>"]
    return body
