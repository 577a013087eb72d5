"""Check evidence quotes against the text of their source: verbatim, up to typography.

A quote is compared after normalising what a copy-paste or an editor changes without changing the
words: runs of whitespace (line breaks included) become one space, curly quote marks become
straight ones, and every dash (hyphen, en dash, em dash, minus) becomes a hyphen with the spaces
around it dropped. An ellipsis (``...``, ``…`` or ``[...]``) in a quote stands for left-out words:
the pieces must then occur in order. Letter case, spelling and punctuation must match exactly.

The walk reads the file's plain data rather than its validated model, so quotes are checked even
in a file that has other errors.

Matching spends a :class:`~dsr_options.model.budget.Budget` (one evaluation: one substring search,
plus one per :data:`SCAN` characters it scans), linear in the text for each quote whatever the
text holds: an elided quote's later pieces are searched once from the earliest place they can
follow, and the sections' bounds are found once per text. Past the budget, the quotes left are
not checked and a ``quotes-bounded`` error, at the first of them, says how many.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.model.budget import Budget

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

QUOTE_MATCHING = "quote matching"
"""What the quotes' budget is called wherever it says it stopped."""
SCAN = 10_000
"""Characters a substring search scans for one evaluation of the budget."""


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
    _headings: dict[str, list[int]] | None = field(default=None, repr=False)
    _bounds: dict[frozenset[str], list[int]] = field(default_factory=dict, repr=False)

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

    def scan(self, piece: str, budget: Budget, start: int = 0, end: int | None = None) -> int:
        """``text.find(piece, start, end)``, its cost spent from ``budget``."""
        stop = len(self.text) if end is None else min(end, len(self.text))
        at = self.text.find(piece, start, stop)
        budget.spend(1 + ((at if at >= 0 else stop) - start) // SCAN)
        return at

    def find(self, quote: str, budget: Budget | None = None) -> list[int]:
        """The earliest offset where the normalised quote occurs (for an elided quote, where it
        starts), in a list; empty when it does not occur."""
        match = Match(self, pieces_of(quote), budget or Budget(QUOTE_MATCHING))
        at = match.first(0, len(self.text))
        return [at] if at >= 0 else []

    def matched_prefix(self, quote: str, budget: Budget | None = None) -> str:
        """The longest start of the quote that does occur (to show where a quote goes wrong)."""
        budget = budget or Budget(QUOTE_MATCHING)
        wanted = normalise(quote)
        low, high = 0, len(wanted)
        while low < high and not budget.exhausted:  # a prefix that occurs: every shorter too
            middle = (low + high + 1) // 2
            if self.scan(wanted[:middle], budget) >= 0:
                low = middle
            else:
                high = middle - 1
        return wanted[:low]

    def heading_offsets(self, heading: str) -> list[int]:
        """Where a line consisting of exactly this heading starts."""
        if self._headings is None:
            self._headings = {}
            for start, line in zip(self.line_starts, self.lines, strict=True):
                self._headings.setdefault(line, []).append(start)
        return self._headings.get(normalise(heading), [])

    def bounds(self, headings: Iterable[str]) -> list[int]:
        """Where any of these headings starts, in order (found once per set of headings)."""
        key = frozenset(headings)
        found = self._bounds.get(key)
        if found is None:
            found = self._bounds[key] = sorted(
                {o for name in key for o in self.heading_offsets(name)}
            )
        return found


def pieces_of(quote: str) -> list[str]:
    """The normalised pieces of a quote an ellipsis elides (one piece when none)."""
    return [piece for piece in (normalise(p) for p in _ELLIPSIS.split(quote)) if piece]


class Match:
    """Where one quote's pieces occur in one text, searched linearly: each later piece is found
    once from the earliest place it may follow, and that answer serves every later start."""

    def __init__(self, text: SourceText, pieces: Sequence[str], budget: Budget) -> None:
        self.text, self.pieces, self.budget = text, list(pieces), budget
        self._after: list[tuple[int, int]] = [(-1, -1)] * len(self.pieces)
        """For each later piece, the last search: from where, and what it found."""

    def _next(self, index: int, start: int) -> int:
        since, found = self._after[index]
        if since >= 0 and since <= start and (found < 0 or found >= start):
            return found  # the earlier search already answers this one
        found = self.text.scan(self.pieces[index], self.budget, start)
        self._after[index] = (start, found)
        return found

    def first(self, start: int, end: int) -> int:
        """The earliest offset in ``[start, end)`` where the quote starts and its later pieces
        follow in order, or -1 (also when the budget ran out: see ``budget.exhausted``)."""
        if not self.pieces:
            return -1
        head = self.pieces[0]
        at = self.text.scan(head, self.budget, start, end - 1 + len(head))
        if at < 0:
            return -1
        # the earliest start leaves the most room: if the rest does not follow it, it follows
        # no later start either
        position = at + len(head)
        for index in range(1, len(self.pieces)):
            found = self._next(index, position)
            if found < 0:
                return -1
            position = found + len(self.pieces[index])
        return at


def iter_evidence(data: Any, path: Path = ()) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    """Every evidence item (a mapping in a list under an ``evidence`` key), with its path, in
    the order they are written.

    Walked with a stack of the open mappings and lists rather than nested generators, so that
    an item is handed up once, not once per level it is nested in."""
    if not isinstance(data, (dict, list)):
        return
    stack = [(path, _entries(data))]
    while stack:
        base, entries = stack[-1]
        for key, value in entries:
            if key == "evidence" and isinstance(value, list):  # a list's keys are numbers
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*base, key, index), item
            elif isinstance(value, (dict, list)):  # a scalar holds no evidence: no path for it
                stack.append(((*base, key), _entries(value)))
                break
        else:
            stack.pop()


def _entries(data: dict[str, Any] | list[Any]) -> Iterator[tuple[str | int, Any]]:
    return iter(data.items()) if isinstance(data, dict) else enumerate(data)


def check_blank_quotes(file: LoadedFile) -> None:
    """A quote of only spaces passes the model's non-empty rule but quotes nothing."""
    for path, item in iter_evidence(file.data):
        quote = item.get("quote")
        if isinstance(quote, str) and quote and not quote.strip():
            file.report(Code.INVALID_LENGTH, "'quote' holds only spaces", path=(*path, "quote"))


def check_quotes(
    file: LoadedFile, sources: Sequence[SourceText], budget: Budget | None = None
) -> set[Path]:
    """Report every quote that does not occur in its source text, at the quote, within
    ``budget`` (one for the whole run, shared by every file); returns the evidence items whose
    quote the budget left unchecked (after one ``quotes-bounded`` error at the first)."""
    budget = budget or Budget(QUOTE_MATCHING)
    by_id = {s.source_id: s for s in sources}
    headings = _section_names(file.data)
    unchecked: list[Path] = []
    for path, item in iter_evidence(file.data):
        quote = item.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            continue
        source_id = item.get("source")
        text = by_id.get(source_id) if isinstance(source_id, str) else None
        text = text or by_id.get(None)
        if text is None:
            continue
        if budget.exhausted or not _check_quote(file, path, item, text, headings, budget):
            unchecked.append(path)
    if unchecked:
        count = len(unchecked)
        these = (
            "this quote occurs in its source"
            if count == 1
            else f"this quote and the {count - 1:,} after it occur in their source"
        )
        bounded = budget.bounded(f"whether {these} ({file.path})")
        file.report(Code.QUOTES_BOUNDED, bounded.text, path=(*unchecked[0], "quote"))
    return set(unchecked)


def _check_quote(
    file: LoadedFile,
    path: Path,
    item: Mapping[str, Any],
    text: SourceText,
    headings: set[str],
    budget: Budget,
) -> bool:
    """Check one quote (and its section); False when the budget ran out before an answer."""
    quote = str(item["quote"])
    match = Match(text, pieces_of(quote), budget)
    at = match.first(0, len(text.text))
    if at < 0:
        prefix = "" if budget.exhausted else text.matched_prefix(quote, budget)
        if budget.exhausted:
            return False
        where = f"; the text matches up to {_tail(prefix)!r}" if len(prefix) >= 12 else ""
        file.report(
            Code.QUOTE_NOT_IN_SOURCE,
            f"the quote does not occur in {text.display}{where}",
            path=(*path, "quote"),
        )
        return True
    if budget.exhausted:
        return False
    section = item.get("section")
    if isinstance(section, str):
        return _check_section(file, path, text, section, match, headings)
    return True


def _check_section(
    file: LoadedFile,
    path: Path,
    text: SourceText,
    section: str,
    match: Match,
    headings: set[str],
) -> bool:
    starts = text.heading_offsets(section)
    if not starts:
        file.report(
            Code.SECTION_NOT_IN_SOURCE,
            f"no line of {text.display} is the heading {section!r}",
            path=(*path, "section"),
        )
        return True
    # A section runs from its heading to the next line that is any known heading.
    bounds = text.bounds([*headings, section])
    for start in starts:
        after = bisect.bisect_right(bounds, start)
        end = bounds[after] if after < len(bounds) else len(text.text)
        if match.first(start, end) >= 0:
            return True
        if match.budget.exhausted:
            return False
    file.report(
        Code.QUOTE_WRONG_SECTION,
        f"the quote occurs in {text.display}, but not under the heading {section!r}",
        path=(*path, "section"),
    )
    return True


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
