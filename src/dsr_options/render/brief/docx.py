"""The brief as a Word document (.docx): real headings and real tables a delegation can edit.

Written with python-docx (the ``docx`` extra: ``pip install "dsr-options[docx]"``), the one
module that imports it. The matrix is a Word table with shaded cells (``w:shd``), not a picture.
The file is the same byte for byte for the same brief: the core properties carry the brief's
date and no clock time, and every zip entry is dated the brief's date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from dsr_options.errors import UsageError
from dsr_options.render.brief.content import (
    NO_OPTIONS,
    Brief,
    OptionSection,
    QuoteRef,
    one_source,
)
from dsr_options.render.brief.svg import CELL_SYMBOLS, CELL_WORDS, cell_colour, ink
from dsr_options.render.safe import visible

INSTALL_HINT = 'pip install "dsr-options[docx]"'

# What XML 1.0 cannot hold at all (visible() has written the controls out already).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def word(text: str) -> str:
    """Data as Word text: controls written out (``\\x1b``), XML-invalid characters dropped,
    on one line."""
    return _XML_INVALID.sub("", " ".join(visible(text).split()))


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise UsageError(f"-f docx needs python-docx: {INSTALL_HINT}") from None
    return docx


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _labelled(document: Any, label: str, text: str, style: str = "List Bullet") -> Any:
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(word(label)).bold = True
    if text:
        paragraph.add_run(" " + word(text))
    return paragraph


def _quote(ref: QuoteRef) -> str:
    return f"“{ref.quote}” [{ref.label}]"


def _option(document: Any, option: OptionSection) -> None:
    document.add_heading(word(option.heading), level=2)
    document.add_paragraph().add_run(word(option.verdict_sentence)).bold = True
    for line in (*option.why, *option.firmness):
        document.add_paragraph(word(line))
    _labelled(document, "Received:", option.received)
    if option.may_object:
        _labelled(document, "May object:", "; ".join(option.may_object))
    if option.quote_for is not None:
        _labelled(document, "For:", _quote(option.quote_for))
    if option.quote_against is not None:
        _labelled(document, f"{option.against_label}:", _quote(option.quote_against))
    if option.clearing:
        _labelled(document, "Objections, and what would clear them:", "")
        for clearing in option.clearing:
            document.add_paragraph(word(clearing.text), style="List Bullet 2")


def _matrix(document: Any, brief: Brief) -> None:
    from docx.shared import Pt, RGBColor

    matrix = brief.matrix
    table = document.add_table(rows=1 + len(matrix.rows), cols=2 + len(matrix.columns))
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(
        header,
        ["Redline", "Strictness", *(f"Option {n}" for n, _ in matrix.columns)],
        strict=True,
    ):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row, cells in zip(matrix.rows, table.rows[1:], strict=True):
        cells.cells[0].text = word(row.title)
        cells.cells[1].text = row.strictness.value
        for cell, outcome in zip(cells.cells[2:], row.outcomes, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(f"{CELL_SYMBOLS[outcome]} {CELL_WORDS[outcome]}")
            colour = ink(outcome, row.strictness).lstrip("#")
            run.font.color.rgb = RGBColor.from_string(colour.upper())
            run.font.size = Pt(9)
            _shade(cell, cell_colour(outcome, row.strictness))
    legend = ", ".join(f"{s} {CELL_WORDS[o]}" for o, s in CELL_SYMBOLS.items())
    document.add_paragraph(
        f"{legend}. Red: a veto or condition crossed; amber: a concern crossed; green: clear; "
        "grey: unknown or not applicable."
    )


def _fixed_zip(data: bytes, date: dt.date) -> bytes:
    """The package with every entry dated ``date`` and stored in name order."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def brief_docx(brief: Brief) -> bytes:
    """The brief as .docx bytes (a usage error naming the extra when python-docx is missing)."""
    docx = _docx()
    document = docx.Document()
    when = dt.datetime(brief.date.year, brief.date.month, brief.date.day, tzinfo=dt.timezone.utc)
    core = document.core_properties
    core.title = word(brief.title)
    core.author = "dsr-options"
    core.last_modified_by = "dsr-options"
    core.comments = ""
    core.revision = 1
    core.created = when
    core.modified = when
    core.last_printed = when

    document.add_heading(word(brief.title), level=0)
    document.add_paragraph().add_run(brief.date.isoformat()).bold = True
    provenance = document.add_paragraph(
        word(" · ".join(f"{label}: {value}" for label, value in brief.provenance))
    )
    for run in provenance.runs:
        run.font.size = docx.shared.Pt(8)

    document.add_heading("Bottom line", level=1)
    for item in brief.bottom_line:
        _labelled(document, f"Option {item.number}, {item.title}:", item.sentence)
    if not brief.bottom_line:
        document.add_paragraph(NO_OPTIONS)
    if brief.joint:
        document.add_paragraph("What would clear every holder together:")
        for line in brief.joint:
            document.add_paragraph(word(line), style="List Bullet")

    if brief.options:
        document.add_heading("Options", level=1)
    for option in brief.options:
        _option(document, option)

    if not brief.matrix.empty:
        document.add_heading("Roles × redlines", level=1)  # noqa: RUF001 - a times sign
        _matrix(document, brief)

    if brief.next_steps:
        document.add_heading("Next steps", level=1)
        for step in brief.next_steps:
            refs = " ".join(f"[{q.label}]" for q in step.quotes)
            document.add_paragraph(word(step.text + (" " + refs if refs else "")), "List Bullet")

    if brief.annex:
        document.add_heading("Annex: quotes used", level=1)
        one = one_source(brief)
        if one is not None:
            document.add_paragraph(word(f"Every quote is from {one}, under the section named."))
        for ref in brief.annex:
            where = ref.section + ("" if one is not None else f", {ref.source}")
            _labelled(
                document,
                ref.label,
                f"“{ref.quote}” — {where} ({', '.join(ref.used_in)})",
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), brief.date)
