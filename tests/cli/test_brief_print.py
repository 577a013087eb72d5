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

BRIEFS = ("shipped", "three delegations")


def _arguments(which: str, folder: Path) -> list[str]:
    base = ["dsr-options", "brief", "--date", "2010-12-15"]
    if which == "shipped":
        return base
    return [*base, *write_three(folder / "delegations"), "--with-default"]


def _brief(run: Run, which: str, folder: Path, fmt: str) -> bytes:
    out = folder / f"brief.{fmt}"
    result = run([*_arguments(which, folder), "-f", fmt, "--out", str(out)])
    assert result.exit_code == 0, result
    return out.read_bytes()


def _words(run: Run, which: str, folder: Path) -> set[str]:
    result = run(_arguments(which, folder))
    assert result.exit_code == 0, result
    return vocabulary(result.stdout)


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("which", BRIEFS)
def test_html_printed_by_chromium(run: Run, tmp_path: Path, which: str, paper: str) -> None:
    html = _brief(run, which, tmp_path, "html").decode("utf-8")
    texts = page_texts(html_pdf(html, paper, tmp_path))
    assert texts
    assert "UN roles in defense sector" in texts[0]
    whole = "\n".join(texts)
    assert broken_words(whole, _words(run, which, tmp_path)) == []


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("which", BRIEFS)
def test_word_laid_out_by_libreoffice(run: Run, tmp_path: Path, which: str, paper: str) -> None:
    texts = page_texts(docx_pdf(_brief(run, which, tmp_path, "docx"), paper, tmp_path))
    assert texts
    assert "UN roles in defense sector" in texts[0]


def test_a_word_split_across_lines_is_found() -> None:
    words = {"Coordination", "Strictness", "general-assembly-mandate", "the", "role"}
    text = "the role of\nCoordinati\non and\nStrictnes\ns and general-\nassembly-mandate"
    assert broken_words(text, words) == [
        "Coordinati|on",
        "Strictnes|s",
        "general-|assembly-mandate",
    ]
    assert broken_words("the role\nthe role", words) == []
