"""Errors dsr-options raises, each carrying the message a user sees."""

from __future__ import annotations

from collections.abc import Sequence

from dsr_options.diagnostics import Diagnostic, Severity


class DsrOptionsError(Exception):
    """Base of every error dsr-options raises on purpose; ``str()`` is the user-facing message."""

    exit_code = 1


class UsageError(DsrOptionsError):
    """The command was asked for something it cannot do with these arguments."""

    exit_code = 2


class CatalogueError(DsrOptionsError):
    """A catalogue file could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        count = len(errors)
        summary = f"the catalogue has {count} error{'s' if count != 1 else ''}"
        super().__init__("\n".join([*(d.format() for d in errors), summary]))


class UnknownIdError(DsrOptionsError):
    """An id on the command line matched nothing, or more than one thing."""
