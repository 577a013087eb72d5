"""Output: the format enums, the view protocols, and ``render``, the one format dispatch.

A view (``render.views.*``) holds what a command shows and knows how to give it in each form:
plain data for JSON and YAML, rows for CSV, Markdown text, and a rich table for a terminal (its
``table()`` imports ``render.terminal`` lazily, so that ``-f json`` never imports rich).
``render(view, fmt)`` picks the form; adding a format is one enum member, one method per view
and one case here. Nothing in ``render`` reads files or knows about typer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, overload

from typing_extensions import assert_never

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 - a type only, for the views' table()

    from dsr_options.load.provenance import Provenance

    Renderable = RenderableType
    """What a view's ``table()`` returns (rich is imported only when a table is made)."""
    Rendered = str | bytes | Iterator[str] | RenderableType
    """Text as it is, text in pieces to write as made, a binary document (``-f docx``), or a
    rich renderable for a console."""


class OutputFormat(str, Enum):
    """Every output format a listing command offers; ``table`` is for people at a terminal."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"
    EXCEL_CSV = "excel-csv"
    MARKDOWN = "markdown"


class ReportFormat(str, Enum):
    """The formats ``validate`` reports in: text for people, the rest for CI systems."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"


class BriefFormat(str, Enum):
    """The formats of ``brief``: documents to circulate. ``docx`` is binary."""

    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"

    @property
    def binary(self) -> bool:
        return self is BriefFormat.DOCX


Rows = tuple[Sequence[Mapping[str, str]], Sequence[str]]
"""CSV rows and their columns, in order."""


class View(Protocol):
    """What a listing command shows, in every ``OutputFormat``."""

    def data(self) -> Any:
        """Plain JSON-ready data: what ``-f json`` and ``-f yaml`` print."""

    def rows(self) -> Rows:
        """One row per line of a spreadsheet, and the columns."""

    def markdown(self) -> str:
        """Markdown for a brief or a pull-request comment."""

    def table(self) -> Renderable:
        """A rich renderable for people at a terminal."""


class ReportView(Protocol):
    """What ``validate`` shows, in every ``ReportFormat``."""

    def data(self) -> Any: ...

    def text(self) -> str: ...

    def github(self) -> str: ...

    def junit(self) -> str: ...

    def sarif(self) -> str: ...


class DocumentView(Protocol):
    """A document (the brief), in every ``BriefFormat``."""

    def markdown(self) -> str: ...

    def html(self) -> str: ...

    def docx(self) -> bytes: ...


def envelope(view: Any, provenance: Provenance | None) -> Any:
    """The data of ``-f json``/``-f yaml``: with a provenance, schema 2's envelope.

    A view whose data is an object keeps its fields beside ``schema`` and ``provenance``; a
    view whose data is a list (``list``, ``redlines``, ``agree``) puts it under its
    ``envelope_key``. Without a provenance (library callers), the data as it was (schema 1).
    """
    data = view.data()
    if provenance is None:
        return data
    head = {"schema": SCHEMA, "provenance": provenance.data()}
    if isinstance(data, dict):
        return {**head, **data}
    return {**head, getattr(view, "envelope_key", "items"): data}


SCHEMA = 2
"""The JSON/YAML envelope's version (see docs/provenance.md)."""


@overload
def render(view: View, fmt: OutputFormat, provenance: Provenance | None = None) -> Rendered: ...


@overload
def render(
    view: DocumentView, fmt: BriefFormat, provenance: Provenance | None = None
) -> Rendered: ...


@overload
def render(
    view: ReportView, fmt: ReportFormat, provenance: Provenance | None = None
) -> Rendered: ...


def render(
    view: Any,
    fmt: OutputFormat | ReportFormat | BriefFormat,
    provenance: Provenance | None = None,
) -> Rendered:
    """``view`` in the format ``fmt``: the one place a format is dispatched.

    With ``provenance``, every format says what the output was made from: a header line in a
    table and in Markdown, the envelope's ``provenance`` in JSON and YAML, a ``provenance``
    column in CSV.
    """
    from dsr_options.render import formats

    out: Rendered
    if fmt is OutputFormat.TABLE:
        table = view.table()
        if provenance is not None:
            from dsr_options.render.layout import with_provenance

            table = with_provenance(table, provenance)
        out = table
    elif fmt is OutputFormat.JSON or fmt is ReportFormat.JSON:
        out = formats.iter_json(envelope(view, provenance))
    elif fmt is OutputFormat.YAML:
        out = formats.write_yaml(envelope(view, provenance))
    elif fmt is OutputFormat.CSV or fmt is OutputFormat.EXCEL_CSV:
        rows, columns = view.rows()
        if provenance is not None:
            line = provenance.line()
            rows = [{**row, "provenance": line} for row in rows]
            columns = [*columns, "provenance"]
        out = formats.write_csv(rows, columns, excel=fmt is OutputFormat.EXCEL_CSV)
    elif fmt is OutputFormat.MARKDOWN:
        markdown: str = view.markdown()
        if provenance is not None:
            markdown = formats.markdown_provenance(provenance) + markdown
        out = markdown
    elif fmt is ReportFormat.TEXT:
        out = view.text()
    elif fmt is ReportFormat.GITHUB:
        out = view.github()
    elif fmt is ReportFormat.JUNIT:
        out = view.junit()
    elif fmt is ReportFormat.SARIF:
        out = view.sarif()
    elif fmt is BriefFormat.MARKDOWN:
        out = view.markdown()
    elif fmt is BriefFormat.HTML:
        out = view.html()
    elif fmt is BriefFormat.DOCX:
        out = view.docx()
    else:
        assert_never(fmt)
    return out


def as_text(rendered: Rendered) -> str:
    """A rendering that is text (every format but ``table``) as one string."""
    if isinstance(rendered, str):
        return rendered
    if isinstance(rendered, Iterator):
        return "".join(rendered)
    if isinstance(rendered, bytes):
        raise TypeError("a binary document is bytes, not text: write it to a file")
    raise TypeError("a table is a rich renderable, not text: print it through a console")
