"""The brief printed as a reader prints it: the HTML by headless Chromium and the Word file as
LibreOffice lays it out, each on A4 and on US Letter, for the shipped catalogue and for three
delegations' files with the shipped redlines (``tests/three_delegations.py``). The PDFs are
read back: their pages counted, their text searched for words broken across lines.

Skipped, saying which tool is missing, where Chromium, LibreOffice or poppler-utils is not
installed; ``.ci/run`` installs them from Debian's packages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from tests.printing import PAPER, broken_words, docx_pdf, html_pdf, page_texts, vocabulary
from tests.three_delegations import write_three

BRIEFS = ("shipped", "three delegations, for Freedonia")


def _arguments(which: str, folder: Path) -> list[str]:
    base = ["dsr-options", "brief", "--date", "2010-12-15"]
    if which == "shipped":
        return base
    return [*base, *write_three(folder / "delegations"), "--with-default", "--for", "freedonia"]


def _brief(run: Run, which: str, folder: Path, fmt: str) -> bytes:
    out = folder / f"brief.{fmt}"
    result = run([*_arguments(which, folder), "-f", fmt, "--out", str(out)])
    assert result.exit_code == 0, result
    return out.read_bytes()


def _words(run: Run, which: str, folder: Path) -> set[str]:
    result = run(_arguments(which, folder))
    assert result.exit_code == 0, result
    return vocabulary(result.stdout)


def _annex_page(texts: list[str]) -> int:
    """The page (from 1) the annex starts on: the first with a line that is just "Annex"."""
    return next(
        number
        for number, text in enumerate(texts, 1)
        if any(line.strip() == "Annex" for line in text.splitlines())
    )


def _check_print(texts: list[str], words: set[str]) -> None:
    """Two pages, then the annex on a page of its own; no word broken across lines."""
    assert texts
    assert "UN roles in defense sector" in texts[0]
    annex = _annex_page(texts)
    assert annex <= 3, f"the body runs to {annex - 1} pages"
    assert texts[annex - 1].lstrip().startswith("Annex"), "the annex starts its own page"
    assert "Where agreement lies" in texts[0]
    assert broken_words("\n".join(texts), words) == []


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("which", BRIEFS)
def test_html_printed_by_chromium_is_two_pages(
    run: Run, tmp_path: Path, which: str, paper: str
) -> None:
    html = _brief(run, which, tmp_path, "html").decode("utf-8")
    _check_print(page_texts(html_pdf(html, paper, tmp_path)), _words(run, which, tmp_path))


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("which", BRIEFS)
def test_word_laid_out_by_libreoffice_is_two_pages(
    run: Run, tmp_path: Path, which: str, paper: str
) -> None:
    document = _brief(run, which, tmp_path, "docx")
    _check_print(page_texts(docx_pdf(document, paper, tmp_path)), _words(run, which, tmp_path))


def test_a_word_split_across_lines_is_found() -> None:
    words = {"Coordination", "Strictness", "general-assembly-mandate", "the", "role"}
    text = "the role of\nCoordinati\non and\nStrictnes\ns and general-\nassembly-mandate"
    assert broken_words(text, words) == [
        "Coordinati|on",
        "Strictnes|s",
        "general-|assembly-mandate",
    ]
    assert broken_words("the role\nthe role", words) == []
