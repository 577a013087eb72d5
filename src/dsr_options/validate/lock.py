"""The quote lock: quotes verified once against their source stay verified in every clone.

``validate --source FILE --lock`` writes ``quotes.lock`` beside the catalogue files it checked:
for each quote that occurs in its source text under its section, a fingerprint of the quote (its
text as compared, after :func:`~dsr_options.validate.quotes.normalise`), the source it cites and
the section it names, keyed by the quote's place (``roles/matchmaking/evidence/0``); and a
fingerprint of each source text. The source text itself stays out of the repository.

``validate`` without a source text for a quote then checks it against the lock:

- a quote whose text, source and section are those of some verified quote passes (a quote that
  moved, or a list reordered, is still a verified quote);
- a quote at a place whose verified quote is gone from the files is an error at the quote
  (``quote-changed``), saying whether its text, its source or its section changed;
- any other quote (a new one) is a warning: it was never verified (``quote-unverified``).

A lock is JSON, sorted, one quote a line, so that a pull request shows which quotes it re-locks.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.find import display_path
from dsr_options.files.located import LoadedFile
from dsr_options.files.read import read_file
from dsr_options.validate.quotes import SourceText, iter_evidence, normalise

LOCK_FILE = "quotes.lock"
LOCK_VERSION = 1
QUOTE_DIGITS = 16
_ABOUT = (
    "Fingerprints of the evidence quotes verified against their source text, written by "
    "`dsr-options validate --source FILE --lock`: validate checks every quote against them when "
    "no source text is given. Do not edit; refresh with that command."
)
_QUOTE_CODES = frozenset(
    {Code.QUOTE_NOT_IN_SOURCE, Code.QUOTE_WRONG_SECTION, Code.SECTION_NOT_IN_SOURCE}
)

Path_ = tuple[str | int, ...]


def fingerprint(text: str, length: int = 64) -> str:
    """A source text's fingerprint: the sha256 of its normalised text, in hex (a quote's keeps
    the first 16 digits, plenty to tell an edited quote from the one verified)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Locked:
    """One verified quote: where it is, the fingerprint of its text, its source and section."""

    quote: str
    source: str
    section: str | None

    def to_data(self) -> dict[str, Any]:
        return {"quote": self.quote, "source": self.source, "section": self.section}


@dataclass
class QuoteLock:
    """The fingerprints of one folder's verified quotes (``quotes.lock``)."""

    sources: dict[str, str] = field(default_factory=dict)
    """Source id -> fingerprint of the text its quotes were verified against."""
    quotes: dict[str, dict[str, Locked]] = field(default_factory=dict)
    """File name (``roles.yaml``) -> place -> the verified quote there."""

    def to_json(self) -> str:
        lines = ["{", f'  "about": {json.dumps(_ABOUT)},', f'  "version": {LOCK_VERSION},']
        lines.append(f'  "sources": {json.dumps(dict(sorted(self.sources.items())))},')
        lines.append('  "quotes": {')
        files = sorted(self.quotes.items())
        for number, (name, places) in enumerate(files):
            lines.append(f"    {json.dumps(name)}: {{")
            entries = sorted(places.items())
            lines += [
                f"      {json.dumps(place)}: {json.dumps(locked.to_data(), ensure_ascii=False)}"
                + ("," if index < len(entries) - 1 else "")
                for index, (place, locked) in enumerate(entries)
            ]
            lines.append("    }" + ("," if number < len(files) - 1 else ""))
        lines += ["  }", "}", ""]
        return "\n".join(lines)


class LockError(ValueError):
    """A lock file that cannot be read as one."""


def parse_lock(data: Any) -> QuoteLock:
    """A lock from its parsed JSON; :class:`LockError` says what is wrong."""
    if not isinstance(data, dict) or data.get("version") != LOCK_VERSION:
        raise LockError(f"it is not a version-{LOCK_VERSION} quote lock")
    sources, quotes = data.get("sources"), data.get("quotes")
    if not isinstance(sources, dict) or not isinstance(quotes, dict):
        raise LockError("it needs 'sources' and 'quotes' mappings")
    lock = QuoteLock({str(k): str(v) for k, v in sources.items()})
    for name, places in quotes.items():
        if not isinstance(places, dict):
            raise LockError(f"the quotes of {name!r} are not a mapping")
        lock.quotes[str(name)] = {}
        for place, entry in places.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("quote"), str):
                raise LockError(f"the entry {place!r} of {name!r} has no 'quote' fingerprint")
            section = entry.get("section")
            lock.quotes[str(name)][str(place)] = Locked(
                entry["quote"], str(entry.get("source")), None if section is None else str(section)
            )
    return lock


@dataclass(frozen=True)
class Quote:
    """One evidence quote of a file, where it is and what it cites."""

    place: str
    path: Path_
    text: str
    source: str
    section: str | None

    @property
    def locked(self) -> Locked:
        return Locked(fingerprint(self.text, QUOTE_DIGITS), self.source, self.section)


def quotes_of(file: LoadedFile) -> Iterator[Quote]:
    """Every quote of a file, keyed by its place: ids stand for the items that have one."""
    for path, item in iter_evidence(file.data):
        quote = item.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            continue
        section = item.get("section")
        yield Quote(
            _place(file.data, path),
            path,
            quote,
            str(item.get("source")),
            section if isinstance(section, str) else None,
        )


def _place(data: Any, path: Path_) -> str:
    parts: list[str] = []
    here = data
    for part in path:
        here = here[part]
        item_id = here.get("id") if isinstance(here, dict) and isinstance(part, int) else None
        parts.append(item_id if isinstance(item_id, str) else str(part))
    return "/".join(parts)


def lock_path(folder: Path) -> Path:
    return folder / LOCK_FILE


def read_lock(folder: Path) -> tuple[QuoteLock | None, LoadedFile | None]:
    """The lock beside a folder's files, and the file it was read from (which holds the
    diagnostics when it cannot be read as a lock); (None, None) when there is none."""
    path = lock_path(folder)
    if not os.path.lexists(path):
        return None, None
    file = read_file(path, display_path(path))
    if file.diagnostics:
        return None, file
    try:
        return parse_lock(file.data), file
    except LockError as exc:
        file.report(
            Code.LOCK_INVALID,
            f"the quote lock cannot be read: {exc}; write it again with "
            "`dsr-options validate --source FILE --lock`",
            node=file.root,
        )
        return None, file


def check_against_lock(
    files: Sequence[LoadedFile], lock: QuoteLock, checked_sources: set[str | None]
) -> None:
    """Report each quote of ``files`` that the lock does not vouch for (see the module doc).

    Quotes whose source has a text in this run (``checked_sources``; ``None`` for every source)
    were checked against it and are left alone.
    """
    if None in checked_sources:
        return
    verified = Counter(locked for places in lock.quotes.values() for locked in places.values())
    quotes = {file.path: list(quotes_of(file)) for file in files}
    present = Counter(quote.locked for found in quotes.values() for quote in found)
    for file in files:
        places = lock.quotes.get(Path(file.path).name, {})
        for quote in quotes[file.path]:
            if quote.source in checked_sources or quote.locked in verified:
                continue
            was = places.get(quote.place)
            # The verified quote here is gone (fewer of it than were verified): this one
            # replaced it. Otherwise the verified quote moved, and this one is new.
            if was is not None and present[was] < verified[was]:
                _report_changed(file, quote, was)
            else:
                file.report(
                    Code.QUOTE_UNVERIFIED,
                    f"this quote has not been verified against source '{quote.source}': "
                    f"check it with `dsr-options validate --source FILE --lock`",
                    path=(*quote.path, "quote"),
                )


def _report_changed(file: LoadedFile, quote: Quote, was: Locked) -> None:
    now = quote.locked
    hint = "check it against the source text with `dsr-options validate --source FILE --lock`"
    what, key = f"the quote is not the text verified here against source '{was.source}'", "quote"
    if now.quote == was.quote and now.source != was.source:
        what, key = f"the quote was verified against source '{was.source}', not this one", "source"
    elif now.quote == was.quote:
        shown = "no section" if was.section is None else f"section '{was.section}'"
        what, key = f"the quote was verified under {shown}, not this one", "section"
    file.report(Code.QUOTE_CHANGED, f"{what}; {hint}", path=(*quote.path, key))


def make_lock(
    files: Sequence[LoadedFile],
    texts: Sequence[SourceText],
    previous: QuoteLock | None,
    unchecked: Collection[tuple[str, tuple[str | int, ...]]] = (),
) -> QuoteLock:
    """The lock of ``files`` after a run with ``texts``: every quote checked against a text and
    found under its section, and the previous lock's entries for quotes whose source had no
    text in this run, while they still match."""
    by_id = {text.source_id: text for text in texts}
    checked = set(by_id)
    lock = QuoteLock()
    failed = {
        (d.file, d.path[:-1]) for file in files for d in file.diagnostics if d.code in _QUOTE_CODES
    } | set(unchecked)  # the quotes a budget left unchecked are not verified either
    for file in files:
        name = Path(file.path).name
        old = previous.quotes.get(name, {}) if previous is not None else {}
        places: dict[str, Locked] = {}
        for quote in quotes_of(file):
            text = by_id.get(quote.source) or by_id.get(None)
            if text is not None:
                if (file.path, quote.path) not in failed:
                    places[quote.place] = quote.locked
                    lock.sources[quote.source] = fingerprint(text.text)
            elif None not in checked and old.get(quote.place) == quote.locked:
                places[quote.place] = quote.locked
                if previous is not None and quote.source in previous.sources:
                    lock.sources[quote.source] = previous.sources[quote.source]
        if places:
            lock.quotes[name] = places
    return lock


def write_lock(folder: Path, lock: QuoteLock) -> Path:
    """Write ``quotes.lock`` into ``folder`` at once (a temporary file renamed over it)."""
    path = lock_path(folder)
    handle, temporary = tempfile.mkstemp(prefix=".quotes.lock.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(lock.to_json())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def counted(lock: QuoteLock) -> Mapping[str, int]:
    """How many quotes the lock holds per file."""
    return {name: len(places) for name, places in sorted(lock.quotes.items())}
