"""Check evidence quotes against the text of their source: verbatim, up to typography.

A quote is compared after normalising what a copy-paste or an editor changes without changing the
words: runs of whitespace (line breaks included) become one space, curly quote marks become
straight ones, and every dash (hyphen, en dash, em dash, minus) becomes a hyphen with the spaces
around it dropped. An ellipsis (``...``, ``…`` or ``[...]``) in a quote stands for left-out words:
the pieces must then occur in order. Letter case, spelling and punctuation must match exactly.

The walk reads the file's plain data rather than its validated model, so quotes are checked even
in a file that has other errors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_AROUND_DASH = re.compile(r" ?- ?")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")

Path = tuple[str | int, ...]


def normalise(text: str) -> str:
    """``text`` with whitespace, quote marks and dashes made uniform (see the module docstring)."""
    return _AROUND_DASH.sub("-", " ".join(text.translate(_TYPOGRAPHY).split()))


@dataclass
class SourceText:
    """The text of one source, normalised, with where each of its lines starts."""

    display: str
    """The source file as the user named it, for messages."""
    source_id: str | None
    """The source id this text is for; ``None`` means every source."""
    text: str = ""
    line_starts: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, raw: str, display: str, source_id: str | None = None) -> SourceText:
        made = cls(display, source_id)
        parts: list[str] = []
        offset = 0
        for line in raw.splitlines():
            shown = normalise(line)
            if not shown:
                continue
            made.line_starts.append(offset)
            made.lines.append(shown)
            parts.append(shown)
            offset += len(shown) + 1
        made.text = " ".join(parts)
        return made

    def find(self, quote: str) -> list[int]:
        """Offsets where the normalised quote occurs (for an elided quote, where it starts)."""
        pieces = [normalise(piece) for piece in _ELLIPSIS.split(quote)]
        pieces = [piece for piece in pieces if piece]
        if not pieces:
            return []
        found: list[int] = []
        start = self.text.find(pieces[0])
        while start >= 0:
            end = start + len(pieces[0])
            for piece in pieces[1:]:
                at = self.text.find(piece, end)
                if at < 0:
                    return found
                end = at + len(piece)
            found.append(start)
            start = self.text.find(pieces[0], start + 1)
        return found

    def matched_prefix(self, quote: str) -> str:
        """The longest start of the quote that does occur (to show where a quote goes wrong)."""
        wanted = normalise(quote)
        low, high = 0, len(wanted)
        while low < high:  # a prefix that occurs means every shorter one does too
            middle = (low + high + 1) // 2
            if wanted[:middle] in self.text:
                low = middle
            else:
                high = middle - 1
        return wanted[:low]

    def heading_offsets(self, heading: str) -> list[int]:
        """Where a line consisting of exactly this heading starts."""
        wanted = normalise(heading)
        return [
            start
            for start, line in zip(self.line_starts, self.lines, strict=True)
            if line == wanted
        ]


def iter_evidence(data: Any, path: Path = ()) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Every evidence item (a mapping in a list under an ``evidence`` key), with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence" and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*path, key, index), item
            else:
                yield from iter_evidence(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from iter_evidence(item, (*path, index))


def check_blank_quotes(file: LoadedFile) -> None:
    """A quote of only spaces passes the model's non-empty rule but quotes nothing."""
    for path, item in iter_evidence(file.data):
        quote = item.get("quote")
        if isinstance(quote, str) and quote and not quote.strip():
            file.report(Code.INVALID_LENGTH, "'quote' holds only spaces", path=(*path, "quote"))


def check_quotes(file: LoadedFile, sources: Sequence[SourceText]) -> None:
    """Report every quote that does not occur in its source text, at the quote."""
    by_id = {s.source_id: s for s in sources}
    headings = _section_names(file.data)
    for path, item in iter_evidence(file.data):
        quote = item.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            continue
        source_id = item.get("source")
        text = by_id.get(source_id) if isinstance(source_id, str) else None
        text = text or by_id.get(None)
        if text is None:
            continue
        found = text.find(quote)
        if not found:
            prefix = text.matched_prefix(quote)
            where = f"; the text matches up to {_tail(prefix)!r}" if len(prefix) >= 12 else ""
            file.report(
                Code.QUOTE_NOT_IN_SOURCE,
                f"the quote does not occur in {text.display}{where}",
                path=(*path, "quote"),
            )
            continue
        section = item.get("section")
        if isinstance(section, str):
            _check_section(file, path, text, section, found, headings)


def _check_section(
    file: LoadedFile,
    path: Path,
    text: SourceText,
    section: str,
    found: list[int],
    headings: set[str],
) -> None:
    starts = text.heading_offsets(section)
    if not starts:
        file.report(
            Code.SECTION_NOT_IN_SOURCE,
            f"no line of {text.display} is the heading {section!r}",
            path=(*path, "section"),
        )
        return
    # A section runs from its heading to the next line that is any known heading.
    bounds = sorted({o for name in headings for o in text.heading_offsets(name)} | set(starts))
    for at in found:
        index = bisect.bisect_right(bounds, at) - 1
        if index >= 0 and bounds[index] in starts:
            return
    file.report(
        Code.QUOTE_WRONG_SECTION,
        f"the quote occurs in {text.display}, but not under the heading {section!r}",
        path=(*path, "section"),
    )


def _section_names(data: Any) -> set[str]:
    names: set[str] = set()
    sources = data.get("sources") if isinstance(data, dict) else None
    for source in sources if isinstance(sources, list) else []:
        sections = source.get("sections") if isinstance(source, dict) else None
        names.update(s for s in sections or [] if isinstance(s, str))
    for _, item in iter_evidence(data):
        if isinstance(item.get("section"), str):
            names.add(item["section"])
    return names


def _tail(prefix: str) -> str:
    return prefix if len(prefix) <= 50 else "…" + prefix[-49:]
