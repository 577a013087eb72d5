"""The brief as a Word document (.docx): real headings and real tables a delegation can edit.

Written with python-docx (the ``docx`` extra: ``pip install "dsr-options[docx]"``), the one
module that imports it. The same content as the HTML, laid out for two pages of A4 or US Letter
(margins, type sizes and spacing set in the document's own styles), the annex from a new page.
The matrix is a Word table with shaded cells (``w:shd``): a fixed layout whose column widths
are sized to the content and the page (no word breaks inside a cell), a header row that repeats
on each page and is marked as one for screen readers, and a caption. Commands are one argument
a line, so that no id or path breaks at its hyphens. The file is the same byte for byte for the
same brief: the core properties carry the brief's date and no clock time, and every zip entry
is dated the brief's date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from dsr_options.errors import UsageError
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


WIDTH_MM = 180
"""The text width: A4 (210 mm) and Letter (216 mm) less 15 mm margins each side."""


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _shade(cell: Any, fill: str) -> None:
    shading = _element("w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _styles(document: Any) -> None:
    """Compact type and spacing for two pages; margins that fit A4 and Letter alike."""
    from docx.shared import Mm, Pt, RGBColor

    for section in document.sections:
        section.top_margin = section.bottom_margin = Mm(12)
        section.left_margin = section.right_margin = Mm(15)
    sizes = {"Normal": 9, "Title": 15, "Heading 1": 11, "Heading 2": 10, "Heading 3": 9.5}
    for name, size in sizes.items():
        style = document.styles[name]
        style.font.size = Pt(size)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0 if name == "Normal" else 4)
        fmt.space_after = Pt(2)
        fmt.line_spacing = 1.0
        if name != "Normal":
            style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
            style.font.name = "Liberation Serif"
            fmt.keep_with_next = True
    document.styles["Normal"].font.name = "Liberation Serif"
    for name in ("List Bullet", "List Bullet 2"):
        fmt = document.styles[name].paragraph_format
        fmt.space_after = Pt(1)
        fmt.line_spacing = 1.0


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
    paragraph = document.add_paragraph()
    paragraph.add_run(word(option.verdict_sentence)).bold = True
    tail = " ".join(t for t in (option.standing, option.firmness) if t)
    if tail:
        paragraph.add_run(" " + word(tail))
    received = f"{option.received}."
    if option.quote_for is not None:
        received += f" For: {_quote(option.quote_for)}"
    if option.quote_against is not None:
        received += f" {option.against_label}: {_quote(option.quote_against)}"
    _labelled(document, "Received:", received)
    if option.objections:
        _labelled(document, "Ruled out by, and what would clear it:", "")
        for text in option.objections:
            document.add_paragraph(word(text), style="List Bullet 2")
    if option.reservations:
        _labelled(document, "Reservations:", f"{option.reservations}.")
    if option.may_object:
        _labelled(document, "May object:", f"{option.may_object}.")
    if option.points:
        _labelled(document, "Points to make:", "")
        for point in option.points:
            document.add_paragraph(word(point.line), style="List Bullet 2")


def column_widths(matrix: Matrix, width: float = WIDTH_MM) -> list[float]:
    """Millimetres per column: each role column wide enough for its longest word and a cell's
    symbol and word, the redline column the rest (at least a third of the page)."""
    count = max(len(matrix.columns), 1)
    longest = max((len(w) for _, title in matrix.columns for w in title.split()), default=8)
    fits = max(17.0, 1.6 * longest + 4)
    role = max(fits, min(30.0, width / 2 / count))
    first = max(width - role * len(matrix.columns), width / 3)
    return [first, *([role] * len(matrix.columns))]


def _fix_table(table: Any, widths: list[float], caption: str) -> None:
    """A fixed layout of ``widths`` (mm), the first row a header that repeats on each page,
    and a caption and description for screen readers."""
    from docx.shared import Mm

    table.autofit = False
    properties = table._tbl.tblPr
    properties.append(_element("w:tblLayout", type="fixed"))
    properties.append(_element("w:tblCaption", val=caption))
    properties.append(_element("w:tblDescription", val=caption))
    for column, mm in zip(table.columns, widths, strict=True):
        column.width = Mm(mm)
    for row in table.rows:
        for cell, mm in zip(row.cells, widths, strict=True):
            cell.width = Mm(mm)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(_element("w:tblHeader", val="true"))
    for row in table.rows:
        row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))


def _cell(cell: Any, text: str, *, bold: bool = False, size: float = 8) -> Any:
    from docx.shared import Pt

    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(word(text))
    run.bold = bold
    run.font.size = Pt(size)
    return run


def _matrix(document: Any, matrix: Matrix) -> None:
    from docx.shared import RGBColor

    table = document.add_table(rows=1 + len(matrix.rows), cols=1 + len(matrix.columns))
    table.style = "Table Grid"
    header = ["Redline (holder, strictness)", *(title for _, title in matrix.columns)]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    for row, cells in zip(matrix.rows, table.rows[1:], strict=True):
        _cell(cells.cells[0], row.label)
        for cell, outcome in zip(cells.cells[1:], row.outcomes, strict=True):
            run = _cell(cell, f"{CELL_SYMBOLS[outcome]} {CELL_WORDS[outcome]}")
            run.font.color.rgb = RGBColor.from_string(ink(outcome, row.strictness)[1:].upper())
            _shade(cell, cell_colour(outcome, row.strictness))
    _fix_table(table, column_widths(matrix), "Roles × redlines")  # noqa: RUF001 - a times sign
    legend = ", ".join(f"{s} {CELL_WORDS[o]}" for o, s in CELL_SYMBOLS.items())
    document.add_paragraph(
        f"{legend}. Red: a veto or condition crossed; amber: a concern crossed; green: clear; "
        "grey: unknown or not applicable."
    )


def _code(document: Any, lines: list[str]) -> None:
    """A command, one argument a line (a line break between them): never broken inside."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    for index, line in enumerate(lines):
        run = paragraph.add_run(word(line) + (" \\" if index < len(lines) - 1 else ""))
        run.font.name = "Liberation Mono"
        run.font.size = Pt(7.5)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _annex(document: Any, brief: Brief) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Annex", level=1)
    document.add_paragraph(ANNEX_NOTE)
    if brief.findings:
        document.add_heading("Findings, and how to reproduce them", level=2)
        document.add_paragraph(REPRODUCE)
        _code(document, [brief.command[0], *(f"  {line}" for line in brief.command[1:])])
        for finding in brief.findings:
            _labelled(document, finding.label, f"{finding.text} Ids: {finding.ids}.")
            if finding.assume:
                _code(document, [f"  --assume {a}" for a in finding.assume])
    if brief.annex:
        document.add_heading("Quotes used", level=2)
        one = one_source(brief)
        if one is not None:
            document.add_paragraph(word(f"Every quote is from {one}, under the section named."))
        for ref in brief.annex:
            where = ref.section + ("" if one is not None else f", {ref.source}")
            _labelled(document, ref.label, f"“{ref.quote}” — {where} ({', '.join(ref.used_in)})")
    document.add_heading("What the brief was made from", level=2)
    for label, value in brief.provenance:
        _labelled(document, f"{label}:", value)
    if brief.ids:
        document.add_heading("Ids", level=2)
        for name, ident in brief.ids:
            _labelled(document, f"{name}:", ident)


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
    _styles(document)

    document.add_heading(word(brief.title), level=0)
    made = document.add_paragraph()
    made.add_run(brief.date.isoformat()).bold = True
    made.add_run(" · " + word(brief.made_from)).font.size = docx.shared.Pt(8)
    if brief.agreement:
        document.add_heading("Where agreement lies", level=1)
        for line in brief.agreement:
            document.add_paragraph(word(line), style="List Bullet")
    if brief.written_for is not None:
        document.add_heading(word(f"For {brief.written_for}"), level=1)
        for line in brief.for_holder:
            document.add_paragraph(word(line), style="List Bullet")
    if not brief.options:
        document.add_paragraph(NO_OPTIONS)
    for option in brief.options:
        _option(document, option)
    if not brief.matrix.empty:
        document.add_heading("Roles × redlines", level=1)  # noqa: RUF001 - a times sign
        _matrix(document, brief.matrix)
    if brief.next_steps:
        document.add_heading("Next steps", level=1)
        for step in brief.next_steps:
            refs = " ".join(f"[{q.label}]" for q in step.quotes)
            document.add_paragraph(word(step.text + (" " + refs if refs else "")), "List Bullet")
    _annex(document, brief)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), brief.date)
