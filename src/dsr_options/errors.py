"""Errors dsr-options raises, each carrying the message a user sees and typed fields.

The library speaks no command-line words: an error about one of a caller's arguments names the
argument in ``about`` (``"data"``, ``"redlines"``, ``"source"``, ``"leads"``, ``"only"``,
``"clear_of"``, ``"assume"``, ...), and the command line words it as its own option.
"""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.diagnostics import Diagnostic, Severity


class DsrOptionsError(Exception):
    """Base of every error dsr-options raises on purpose; ``str()`` is the user-facing message."""

    exit_code = 1

    def __init__(self, message: str = "", *, about: str | None = None) -> None:
        super().__init__(message)
        self.about = about
        """The caller's argument the error is about, when it is about one."""


class UsageError(DsrOptionsError):
    """The call asked for something it cannot do with these arguments."""

    exit_code = 2


class UnknownIdError(DsrOptionsError):
    """An id matched nothing, or more than one thing."""


class CatalogueError(DsrOptionsError):
    """A catalogue file could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        count = len(errors)
        summary = f"the catalogue has {count} error{'s' if count != 1 else ''}"
        super().__init__("\n".join([*(d.format() for d in errors), summary]))


class TooManyPairs(DsrOptionsError):
    """A run would evaluate (or lay out for reading) more role x redline pairs than its limit."""

    def __init__(self, roles: int, redlines: int, limit: int, *, reading: bool) -> None:
        self.roles, self.redlines, self.limit, self.reading = roles, redlines, limit, reading
        self.pairs = roles * redlines
        self.narrow: str | None = None
        """How to narrow the question, for a command whose ways differ from check's."""
        counted = f"{roles:,} roles x {redlines:,} redlines is {self.pairs:,} pairs"
        if reading:
            message = f"{counted}, more than {limit:,} for a report to read"
        else:
            message = f"{counted} to evaluate, more than the limit of {limit:,}"
        super().__init__(message)
