"""Errors dsr-options raises, each carrying the message a user sees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a diagnostic is: errors fail a run, warnings fail it only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem in a data file.

    Ordered by file, then line and column, so that a sorted list reads top to bottom.
    ``line`` and ``column`` are 1-based; 0 means the problem is about the file as a whole.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    path: tuple[str | int, ...] = field(default=(), compare=False)
    """Where in the document the problem sits, as keys and indexes from the top."""

    def format(self) -> str:
        """The one-line form ``file:line:col: severity [code] message``."""
        return f"{self.location}: {self.severity.value} [{self.code}] {self.message}"

    @property
    def location(self) -> str:
        if self.line == 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def dotted_path(self) -> str:
        """The document path as ``roles[2].attributes.delivered_by``."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


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
