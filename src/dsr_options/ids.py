"""Ids as people type them: exact, a unique prefix, and one "did you mean" for the whole tool."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from dsr_options.errors import UnknownIdError, UsageError

MAX_SUGGESTION_OPTIONS = 2_000
"""Past this many names to choose from, no suggestion: each costs a scan of every name, and a
list this long is generated, not typed by hand."""


def suggest(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or nothing."""
    close = closest(word, options)
    return f" (did you mean '{close}'?)" if close else ""


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option ``word`` is most likely a typo of, if any is close enough."""
    names = list(options)
    if len(names) > MAX_SUGGESTION_OPTIONS:
        return None
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return close[0] if close else None


def resolve_id(reference: str, ids: Sequence[str], noun: str, *, about: str | None = None) -> str:
    """An exact id, else the one id that starts with ``reference``, else an error that helps.

    Case does not matter (ids are lowercase). The error names every id a prefix matches, or the
    closest ids when nothing matches.
    """
    wanted = reference.strip().lower()
    if wanted in ids:
        return wanted
    matches = [item for item in ids if item.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownIdError(
            f"'{reference}' matches more than one {noun}: {', '.join(matches)}; "
            "give more of the id",
            about=about,
        )
    close = close_ids(wanted, ids)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    known = f" (known: {', '.join(ids)})" if len(ids) <= 12 and not close else ""
    raise UnknownIdError(f"no {noun} has the id '{reference}'{hint}{known}", about=about)


def close_ids(word: str, options: Sequence[str], n: int = 3) -> list[str]:
    """The options ``word`` is most likely a typo of, closest first (at most ``n``)."""
    if len(options) > MAX_SUGGESTION_OPTIONS:
        return []
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.5)


def pick_ids(
    references: Iterable[str], ids: Sequence[str], noun: str, *, about: str | None = None
) -> set[str] | None:
    """The ids ``references`` name (ids or unique prefixes); None when nothing is named, so
    that the caller keeps everything. Naming from an empty list is a usage error."""
    refs = list(references)
    if not refs:
        return None
    if not ids:
        raise UsageError(f"there are no {noun}s to pick from", about=about)
    return {resolve_id(ref, ids, noun, about=about) for ref in refs}
