"""``dsr-options brief``: the document model, Markdown, HTML (parsed, and in a real browser) and
Word (opened with python-docx); hostile text comes out as text in every format.

The exact Markdown for the shipped catalogue is a golden case (tests/test_golden.py).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.agreement import agreement
from dsr_options.analyses.evaluate import analyse
from dsr_options.cli.brief import write_out
from dsr_options.errors import UsageError
from dsr_options.load.catalogue import load_catalogue
from dsr_options.render import BriefFormat, as_text, render
from dsr_options.render.brief.content import Origin, build_brief
from dsr_options.render.views.brief import BriefView
from tests.conftest import Run
from tests.factory import (
    ROOT,
    evidence,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

SCRIPT = ROOT / "scripts" / "render-brief.sh"
DATE = "--date 2010-12-15"

SCRIPT_TAG = "<script>alert(1)</script>"
LINK = "](javascript:alert(1))"
CONTROLS = "\x1b[31m\x07"
HOSTILE_TITLE = f"{SCRIPT_TAG}{LINK} {CONTROLS} <img src=x onerror=alert(2)> & \"q\" 'a'"


def hostile_catalogue(folder: Path) -> Path:
    bad = role(1, title=f"{SCRIPT_TAG}{LINK}")
    bad["evidence"] = [
        evidence(f'for it <img src="http://evil.example/x.png"> {LINK}'),
        evidence("against it <style>@import url(http://evil.example/a.css)</style>", "opposes"),
    ]
    return write_catalogue(
        folder,
        roles_document([bad, role(2, standing=False)]),
        redlines_document([redline(1, strictness="veto"), redline(2, strictness="concern")]),
    )


def brief_of(folder: Path | None = None, title: str | None = None) -> BriefView:
    catalogue = load_catalogue(folder)
    origin = Origin("0.0.0", str(folder) if folder else None, "0" * 64)
    return BriefView(
        build_brief(
            catalogue,
            analyse(catalogue),
            agreement(catalogue),
            origin=origin,
            date=dt.date(2010, 12, 15),
            title=title,
        )
    )


# -- HTML, parsed ---------------------------------------------------------------------------------


class Tree(HTMLParser):
    """Every start tag with its attributes, the text by the innermost element, nothing lost."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("meta", "br", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        key = self.stack[-1] if self.stack else ""
        self.text.setdefault(key, []).append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    def texts(self, tag: str) -> list[str]:
        return self.text.get(tag, [])


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree


EXTERNAL = re.compile(r"(https?:)?//", re.IGNORECASE)


def assert_self_contained(html: str, tree: Tree) -> None:
    for _, attributes in tree.tags:
        for name in ("src", "href", "xlink:href", "action", "data", "poster"):
            value = attributes.get(name, "")
            assert not EXTERNAL.match(value.strip()), (name, value)
            assert not value.strip().lower().startswith("javascript:"), (name, value)
    style = "".join(tree.texts("style"))
    assert "@import" not in style
    assert "url(" not in style
    assert not tree.all("script")
    assert not tree.all("link")
    assert not tree.all("img")
    assert not tree.all("iframe")


def test_html_structure_for_the_shipped_catalogue() -> None:
    html = render(brief_of(ROOT / "data"), BriefFormat.HTML)
    assert isinstance(html, str)
    tree = parse(html)
    assert html.startswith("<!DOCTYPE html>\n")
    assert tree.texts("h1") == ["UN roles in defense sector reform: the options and the redlines"]
    headings = tree.texts("h2")
    assert headings[:1] == [
        "Option 1: Strategic advice and identification of national DSR priorities"
    ]
    assert headings[-3:] == ["Roles × redlines", "Next steps", "Annex"]  # noqa: RUF001
    assert tree.texts("h3") == ["Quotes used", "What the brief was made from", "Ids"]
    options = [a for a in tree.all("section") if a.get("class") == "option"]
    assert [a["id"] for a in options] == ["option-1", "option-2", "option-3", "option-4"]
    assert sum(h.startswith("Option ") for h in headings) == 4
    assert not tree.all("svg")
    (table,) = tree.all("table")
    assert table["class"] == "matrix"
    assert len(tree.all("tr")) == 1 + 10
    columns = [a for a in tree.all("th") if a.get("scope") == "col"]
    assert len(columns) == 5
    assert "Strategic advice and identification of national DSR priorities" in tree.texts("th")
    assert "National and local ownership (Participants generally, concern)" in tree.texts("th")
    assert [a for a in tree.all("section") if a.get("class") == "annex"]
    style = "".join(tree.texts("style"))
    assert "@page" in style
    assert "@media print" in style
    assert ".annex { break-before: page;" in style
    assert_self_contained(html, tree)
    annex = [a["id"] for a in tree.all("li") if a.get("id", "").startswith("q")]
    assert annex == [f"q{n}" for n in range(1, len(annex) + 1)]
    for link in tree.all("a"):
        assert link["href"].startswith("#")
        target = link["href"][1:]
        assert any(a.get("id") == target for _, a in tree.tags), target


def test_hostile_text_is_text_in_html(tmp_path: Path) -> None:
    view = brief_of(hostile_catalogue(tmp_path / "c"), title=HOSTILE_TITLE)
    html = render(view, BriefFormat.HTML)
    assert isinstance(html, str)
    tree = parse(html)
    assert_self_contained(html, tree)
    assert "\x1b" not in html
    assert "\x07" not in html
    (h1,) = tree.texts("h1")
    assert h1.startswith(SCRIPT_TAG + LINK + " \\x1b[31m\\x07 <img src=x")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "http://evil" not in "".join(a.get("src", "") for _, a in tree.tags)


# -- Markdown -------------------------------------------------------------------------------------


def test_hostile_text_is_text_in_markdown(tmp_path: Path) -> None:
    view = brief_of(hostile_catalogue(tmp_path / "c"), title=HOSTILE_TITLE)
    text = as_text(render(view, BriefFormat.MARKDOWN))
    first = text.splitlines()[0]
    assert first.startswith("# &lt;script&gt;alert(1)&lt;/script&gt;\\](javascript:alert(1))")
    assert "<script" not in text
    assert "<img" not in text
    assert "<style" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # every "](" escaped: no link is made
    assert "\x1b" not in text
    assert "\\x1b" in text


def test_data_never_starts_a_markdown_block(tmp_path: Path) -> None:
    view = brief_of(hostile_catalogue(tmp_path / "c"), title="# 1. - > not a heading")
    text = as_text(render(view, BriefFormat.MARKDOWN))
    assert text.startswith(("# \\# 1. - > not a heading\n", "# \\# 1. - &gt; not a heading\n"))


# -- Word -----------------------------------------------------------------------------------------


def docx_of(view: BriefView) -> Any:
    docx = pytest.importorskip("docx")
    data = render(view, BriefFormat.DOCX)
    assert isinstance(data, bytes)
    return docx.Document(io.BytesIO(data)), data


def test_word_has_headings_tables_and_shaded_cells() -> None:
    document, data = docx_of(brief_of(ROOT / "data"))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]
    assert headings[0] == (
        "Title",
        "UN roles in defense sector reform: the options and the redlines",
    )
    assert ("Heading 1", "Annex") in headings
    assert next(t for s, t in headings if s == "Heading 2").startswith("Option 1: Strategic advice")
    assert sum(s == "Heading 2" and t.startswith("Option ") for s, t in headings) == 4
    (table,) = document.tables
    assert len(table.rows) == 11
    assert len(table.columns) == 5
    assert [c.text for c in table.rows[0].cells] == [
        "Redline (holder, strictness)",
        "Strategic advice and identification of national DSR priorities",
        "Coordination of DSR engagement across bilateral and multilateral actors",
        "Matchmaking between Member States that need DSR capacities and those that can provide them",
        "Repository for DSR best practices, standards and guidance",
    ]
    fills = []
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            shading = cell._tc.xpath("./w:tcPr/w:shd")
            assert shading, cell.text
            fills.append(
                shading[0].get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
            )
    assert "2E7D32" in fills
    assert "EF9A00" in fills
    assert document.core_properties.created == dt.datetime(2010, 12, 15, tzinfo=dt.timezone.utc)
    assert document.core_properties.modified == dt.datetime(2010, 12, 15, tzinfo=dt.timezone.utc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2010, 12, 15, 0, 0, 0)}


def test_word_is_the_same_byte_for_byte() -> None:
    _, first = docx_of(brief_of(ROOT / "data"))
    _, second = docx_of(brief_of(ROOT / "data"))
    assert first == second


def test_hostile_text_is_text_in_word(tmp_path: Path) -> None:
    document, data = docx_of(brief_of(hostile_catalogue(tmp_path / "c"), title=HOSTILE_TITLE))
    title = document.paragraphs[0].text
    assert title.startswith(SCRIPT_TAG + LINK + " \\x1b[31m\\x07 <img")
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"Option 1: {SCRIPT_TAG}{LINK}" in body
    assert "\x1b" not in body
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "<script>" not in xml
    assert "&lt;script&gt;" in xml


# -- the command ----------------------------------------------------------------------------------


def test_brief_out_writes_each_format(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    for fmt in ("markdown", "html", "docx"):
        out = tmp_path / f"brief.{fmt}"
        result = run(f"dsr-options brief --data {ROOT / 'data'} {DATE} -f {fmt} --out {out}")
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
        assert out.stat().st_size > 2000
    assert (tmp_path / "brief.docx").read_bytes().startswith(b"PK")


def test_out_into_a_missing_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "brief.html"
    result = run(f"dsr-options brief {DATE} -f html --out {out}")
    assert result.exit_code == 2
    assert result.stderr == (
        f"dsr-options: error: --out: the folder '{out.parent}' does not exist\n"
    )


def test_out_onto_a_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run(f"dsr-options brief {DATE} --out {tmp_path}")
    assert result.exit_code == 2
    assert (
        result.stderr == f"dsr-options: error: --out: '{tmp_path}' is a folder; give a file name\n"
    )


def test_docx_without_the_extra_says_how_to_get_it(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    result = run(f"dsr-options brief {DATE} -f docx --out /dev/null")
    assert result.exit_code == 2
    assert result.stderr == (
        'dsr-options: error: -f docx needs python-docx: pip install "dsr-options[docx]"\n'
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_binary_refuses_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    with pytest.raises(UsageError, match="give --out FILE or redirect"):
        write_out(b"PK", None, binary=True)


def test_date_option_and_source_date_epoch(run: Run) -> None:
    bad = run("dsr-options brief --date 2010-13-01")
    assert bad.exit_code == 2
    assert (
        bad.stderr
        == "dsr-options: error: --date: '2010-13-01' is not a date: write it as YYYY-MM-DD\n"
    )
    epoch = run("dsr-options brief", env={"SOURCE_DATE_EPOCH": "1292371200"})
    assert epoch.stdout.splitlines()[2].startswith("**2010-12-15** · Made with dsr-options")


def test_holder_keeps_only_that_holders_redlines(run: Run) -> None:
    result = run(f"dsr-options brief --data {ROOT / 'data'} {DATE} --holder one-participant")
    assert result.exit_code == 0, result.stderr
    matrix = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0] for line in matrix] == [
        "| Redline (holder, strictness)",
        "| Through the UN, not by it: no standing UN DSR capacity (One participant, concern)",
    ]
    assert "- Holders: One participant (working level, no state named)" in result.stdout
    unknown = run(f"dsr-options brief {DATE} --holder nobody")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("dsr-options: error: --holder: ")


def test_delegation_file_with_the_shipped_redlines(run: Run) -> None:
    result = run(
        f"dsr-options brief {DATE} --redlines examples/delegation-redlines.yaml --with-default",
    )
    assert result.exit_code == 0, result.stderr
    assert "Redline files: examples/delegation-redlines.yaml and the catalogue's" in result.stdout
    assert "Our delegation" in result.stdout


# -- in a real browser ----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_in_headless_chromium(tmp_path: Path) -> None:
    html = render(
        brief_of(hostile_catalogue(tmp_path / "c"), title=HOSTILE_TITLE), BriefFormat.HTML
    )
    assert isinstance(html, str)
    page = tmp_path / "brief.html"
    page.write_text(html, encoding="utf-8")
    done = subprocess.run(
        ["bash", str(SCRIPT), "--dump-dom", str(page), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=200,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    png = (tmp_path / "out.png").read_bytes()
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 5_000
    dom = (tmp_path / "out.dom.html").read_text(encoding="utf-8")
    tree = parse(dom)
    assert not tree.all("script")
    assert not tree.all("img")
    assert tree.all("table")
    assert "<script>alert(1)</script>" in "".join(tree.texts("h1"))


def test_an_unknown_result_is_a_possible_objection(tmp_path: Path) -> None:
    undecided = role(1)
    del undecided["attributes"]["standing_un_capacity"]
    folder = write_catalogue(tmp_path / "c", roles_document([undecided]))
    text = as_text(render(brief_of(folder), BriefFormat.MARKDOWN))
    assert (
        "**Undetermined: it may be out or clear; the catalogue lacks the values to decide.** "
        "May be blocked by Some member states.\n" in text
    )
    assert (
        "- **May object:** Some member states (“Redline 1”: no value for standing UN capacity).\n"
        in text
    )


def test_a_catalogue_without_roles_says_so_in_every_format(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "c", roles_document([]), redlines_document([]))
    view = brief_of(folder)
    text = as_text(render(view, BriefFormat.MARKDOWN))
    assert "\n\nThe catalogue holds no candidate role to assess.\n" in text
    assert "Roles × redlines" not in text  # noqa: RUF001
    html = render(view, BriefFormat.HTML)
    assert isinstance(html, str)
    assert "<p>The catalogue holds no candidate role to assess.</p>" in html
    assert not parse(html).all("table")
    if pytest.importorskip("docx"):
        document, _ = docx_of(view)
        assert not document.tables


def test_the_brief_says_how_firm_each_verdict_is_and_where_agreement_lies(run: Run) -> None:
    """Firmness in check's words under every option; the closest joint change first, in
    words, and the annex's --assume for it makes the option acceptable to every holder."""
    a, b = "tests/delegations/delegation-a.yaml", "tests/delegations/delegation-b.yaml"
    result = run(
        f"dsr-options brief --data data --date 2010-12-15 --redlines a={a} --redlines b={b}"
    )
    assert result.exit_code == 0, result
    assert "Firmness: " in result.stdout
    agreement = result.stdout.split("## Where agreement lies\n\n", 1)[1].split("\n\n", 1)[0]
    lines = agreement.splitlines()
    assert lines[0] == (
        "- Every holder can accept today: Repository for DSR best practices, standards and "
        "guidance \\[F1\\]."
    )
    assert lines[1] == (
        "- Closest: Strategic advice and identification of national DSR priorities, one change "
        "(what can start it: only a national request), which moves Delegation A and Delegation B "
        "\\[F2\\]."
    )
    label = re.findall(r"\\\[(F\d+)\\\]", lines[1])[0]
    finding = next(x for x in result.stdout.splitlines() if x.startswith(f"- **{label}**"))
    assumes = re.findall(r"`--assume (\S+)`", finding)
    assert assumes == ["strategic-advice.triggers=national-request"]
    after = run(
        "dsr-options negotiate --data data -f json "
        f"--redlines a={a} --redlines b={b} " + " ".join(f"--assume {x}" for x in assumes)
    )
    assert after.exit_code == 0, after
    roles = json.loads(after.stdout)["roles"]
    standing = next(r for r in roles if r["role"] == "strategic-advice")
    assert len(standing["acceptable_to"]) == len(json.loads(after.stdout)["holders"])


def test_a_what_if_brief_says_so_in_its_provenance(run: Run) -> None:
    result = run(
        "dsr-options brief --data data --date 2010-12-15 "
        "--assume strategic-advice.standing_un_capacity=false"
    )
    assert result.exit_code == 0, result
    assert "- Assuming: strategic-advice.standing_un_capacity=false" in result.stdout
    assert "with what-if assumptions. What it rests on" in result.stdout
