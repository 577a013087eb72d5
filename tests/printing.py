"""Print a brief as a reader would: the HTML with headless Chromium, the Word file with
LibreOffice, each to PDF at A4 and at US Letter; then count the pages and read the text back
(poppler's ``pdfinfo`` and ``pdftotext``). Each tool is found by name; a test that needs one
that is missing is skipped, saying which (``.ci/run`` installs them from Debian's packages).
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PAPER = {"A4": ("210mm", "297mm"), "Letter": ("8.5in", "11in")}
"""The two paper sizes a brief must fit, as CSS lengths."""

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


def needs(*tools: tuple[str, str | None]) -> None:
    """Skip the test, naming the Debian package, when a tool is not installed."""
    missing = [name for name, path in tools if path is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (Debian: apt-get install chromium "
            "libreoffice-writer-nogui poppler-utils; .ci/run does)"
        )


def _run(command: list[str], timeout: int = 240) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{command[0]} failed: {done.stderr[-2000:]}"


def html_pdf(html: str, paper: str, folder: Path) -> Path:
    """``html`` printed by headless Chromium on ``paper`` (an ``@page`` size added, as a
    browser's print dialog would choose it)."""
    needs(("chromium", CHROMIUM))
    assert CHROMIUM is not None
    width, height = PAPER[paper]
    page = folder / f"brief-{paper}.html"
    page.write_text(
        html.replace("</style>", f"@page {{ size: {width} {height}; }}</style>", 1),
        encoding="utf-8",
    )
    pdf = folder / f"brief-{paper}.html.pdf"
    profile = folder / "chromium-profile"
    _run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
    )
    return pdf


def docx_pdf(document: bytes, paper: str, folder: Path) -> Path:
    """The Word file laid out by LibreOffice on ``paper`` (the section's page size set, as
    Word's page setup would)."""
    needs(("LibreOffice (soffice)", SOFFICE))
    assert SOFFICE is not None
    import docx
    from docx.shared import Inches, Mm

    sizes = {"A4": (Mm(210), Mm(297)), "Letter": (Inches(8.5), Inches(11))}
    opened = docx.Document(io.BytesIO(document))
    for section in opened.sections:
        section.page_width, section.page_height = sizes[paper]
    source = folder / f"brief-{paper}.docx"
    opened.save(str(source))
    profile = folder / "soffice-profile"
    _run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
    )
    return source.with_suffix(".pdf")


def pages(pdf: Path) -> int:
    needs(("pdfinfo (poppler-utils)", PDFINFO))
    assert PDFINFO is not None
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in reading order."""
    needs(("pdftotext (poppler-utils)", PDFTOTEXT))
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[: pages(pdf)]


_WORD = re.compile(r"[\w'\u2019.-]+")


def broken_words(text: str, words: set[str]) -> list[str]:
    """Words split across two lines of ``text``: a line that ends with a piece and a next line
    that starts with the rest, where the two joined (with or without a hyphen) make a word of
    ``words`` and the piece alone does not. ``id-|with-hyphens`` split at its own hyphen counts
    too, when the whole is a word and the first piece is not."""
    found = []
    lines = [line.strip() for line in text.splitlines()]
    for line, after in itertools.pairwise(lines):
        tail = _WORD.findall(line)
        head = _WORD.findall(after)
        if not tail or not head:
            continue
        first, rest = tail[-1], head[0]
        for joined in (first + rest, first.rstrip("-") + rest):
            if joined in words and first.rstrip(".,;:") not in words:
                found.append(f"{first}|{rest}")
                break
    return found


def vocabulary(text: str) -> set[str]:
    """Every word of ``text`` (the brief as written), for :func:`broken_words`."""
    return set(_WORD.findall(text))
