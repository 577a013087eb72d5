"""The kinds of a diff's side and every error reading one can raise (see :mod:`.sides`)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Protocol

from dsr_options.diagnostics import Diagnostic, Severity
from dsr_options.errors import CatalogueError, UsageError

REVISION_PREFIX = "rev:"
"""In front of a side, it is a git revision whatever is on disk (``rev:origin/main:data``)."""


class Described(Protocol):
    """What an error needs of a side: as given, and its kind."""

    @property
    def spec(self) -> str: ...

    @property
    def kind(self) -> SideKind: ...


class SideKind(str, Enum):
    """What a side holds: a whole catalogue, or one redline file."""

    CATALOGUE = "catalogue"
    REDLINE_FILE = "redline-file"


class SideOrigin(str, Enum):
    """Where a side was read from."""

    FOLDER = "folder"
    FILE = "file"
    GIT = "git"


# -- errors ---------------------------------------------------------------------------------------


class SideError(UsageError):
    """A side that cannot be read as given; ``label`` is ``OLD`` or ``NEW``, ``spec`` as given."""

    def __init__(self, label: str, spec: str, problem: str) -> None:
        self.label = label
        self.spec = spec
        self.problem = problem
        super().__init__(f"{label} side '{spec}': {problem}")


class NoSuchSideError(SideError):
    """Neither a path that exists nor (outside a git repository) a revision."""


class NotACatalogueError(SideError):
    """A folder without a roles file."""


class UnreadableSideError(SideError):
    """A path that exists but cannot be read (permissions, a FIFO, a broken link)."""


class AmbiguousSideError(SideError):
    """A bare spec that is both a path on disk and a revision of the repository."""

    def __init__(self, label: str, spec: str, revision: str) -> None:
        self.revision = revision
        super().__init__(
            label,
            spec,
            f"is both a path on disk and a revision of the repository ('{revision}'): write "
            f"'./{spec}' for the path or '{REVISION_PREFIX}{spec}' for the revision",
        )


class NoGitError(SideError):
    """A revision was asked for and ``git`` is not installed."""


class NotAGitRepositoryError(SideError):
    """A revision was asked for outside a git repository."""

    def __init__(self, label: str, spec: str, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            label,
            spec,
            f"no such file or folder, and '{folder}' is not in a git repository, "
            "so it cannot be a revision either",
        )


class UnknownRevisionError(SideError):
    """The revision names no commit of the repository."""

    def __init__(self, label: str, spec: str, revision: str) -> None:
        self.revision = revision
        also = "" if spec.startswith(REVISION_PREFIX) else "no such file or folder, and "
        super().__init__(label, spec, f"{also}'{revision}' is not a revision of the repository")


class MissingAtRevisionError(SideError):
    """The path is not in the revision's tree (or is not a file or folder there)."""

    def __init__(self, label: str, spec: str, revision: str, path: str, problem: str) -> None:
        self.revision = revision
        self.path = path
        super().__init__(label, spec, problem)


class DifferentKindsError(UsageError):
    """The two sides hold different kinds of thing: a catalogue and a redline file."""

    def __init__(self, old: Described, new: Described) -> None:
        self.old_kind = old.kind
        self.new_kind = new.kind
        super().__init__(
            f"the sides are of different kinds: OLD '{old.spec}' is {kind_words(old.kind)}, "
            f"NEW '{new.spec}' is {kind_words(new.kind)}; compare two catalogues or two "
            "redline files"
        )


class IdenticalSidesError(UsageError):
    """The two sides hold the same files, byte for byte: there is nothing to compare."""

    def __init__(self, old: Described, new: Described) -> None:
        self.old_spec = old.spec
        self.new_spec = new.spec
        if old.spec == new.spec:
            what = f"both are '{old.spec}'"
        else:
            what = f"'{old.spec}' and '{new.spec}' hold the same files"
        super().__init__(f"the two sides are identical: {what}; nothing changed")


class SideLoadError(CatalogueError):
    """A side was read but does not load: every diagnostic, its files named with the side."""

    def __init__(self, label: str, spec: str, diagnostics: Sequence[Diagnostic]) -> None:
        self.label = label
        self.spec = spec
        super().__init__(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        count = len(errors)
        summary = f"{label} side '{spec}' does not load: {count} error{'s' if count != 1 else ''}"
        self.args = ("\n".join([*(d.format() for d in errors), summary]),)

    def __str__(self) -> str:
        return str(self.args[0])


def kind_words(kind: SideKind) -> str:
    return "a catalogue" if kind is SideKind.CATALOGUE else "a redline file"
