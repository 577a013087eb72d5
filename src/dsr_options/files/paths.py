"""What is at a path, asked once and safely: the one helper every path-taking option uses.

``Path.exists()``, ``is_dir()`` and ``stat()`` raise ``PermissionError`` for a path inside a
folder without the search bit, and ``os.path.lexists`` answers False for it, as if nothing were
there. :func:`probe` does neither: it says what is there (a file, a folder, something else,
nothing, a broken link) or that the tool may not look, with the folder to blame. Free of
PyYAML and pydantic, so the command line can use it before any parsing.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from dsr_options.errors import UsageError


class PathKind(str, Enum):
    FILE = "file"
    FOLDER = "folder"
    OTHER = "other"
    """A FIFO, a device, a socket: never opened as a catalogue file."""
    MISSING = "missing"
    BROKEN_LINK = "broken link"
    """A link to nothing, or a loop of links: read, and reported as unreadable."""
    BLOCKED = "blocked"
    """The tool may not look: a folder on the way cannot be searched."""


@dataclass(frozen=True)
class PathInfo:
    path: Path
    kind: PathKind
    reason: str = ""
    """For ``BLOCKED`` (and a missing path under a non-folder): why, in words for a user."""

    @property
    def exists(self) -> bool:
        """Something is there (or may be: a blocked path is not reported as missing)."""
        return self.kind not in (PathKind.MISSING,)

    @property
    def is_file(self) -> bool:
        return self.kind is PathKind.FILE

    @property
    def is_folder(self) -> bool:
        return self.kind is PathKind.FOLDER

    def describe(self) -> str:
        """Why the path cannot be used as it is, as a clause: "does not exist", and so on."""
        if self.kind is PathKind.MISSING:
            return self.reason or "does not exist"
        if self.kind is PathKind.BROKEN_LINK:
            return self.reason or "is a link to a file that does not exist"
        if self.kind is PathKind.BLOCKED:
            return self.reason
        if self.kind is PathKind.OTHER:
            return "is not a regular file"
        return f"is a {self.kind.value}"


def _blocking_folder(path: Path) -> Path | None:
    """The nearest folder above ``path`` this user may not search (the one to ``chmod``)."""
    absolute = Path(os.path.abspath(path))
    for parent in reversed(absolute.parents):
        try:
            if not os.access(parent, os.X_OK):
                return parent
        except (OSError, ValueError):  # pragma: no cover - os.access does not raise on POSIX
            return parent
    return None


def probe(path: Path) -> PathInfo:
    """What is at ``path`` (following links), never raising."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        try:
            os.lstat(path)
        except OSError:
            return PathInfo(path, PathKind.MISSING)
        return PathInfo(path, PathKind.BROKEN_LINK)
    except NotADirectoryError:
        return PathInfo(path, PathKind.MISSING, "does not exist (a part of it is not a folder)")
    except PermissionError:
        folder = _blocking_folder(path)
        where = f"'{folder}'" if folder is not None else "a folder above it"
        return PathInfo(
            path,
            PathKind.BLOCKED,
            f"cannot be reached: permission denied to search the folder {where}",
        )
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return PathInfo(path, PathKind.BROKEN_LINK, "is a link that loops")
        return PathInfo(path, PathKind.BLOCKED, f"cannot be reached: {exc.strerror or exc}")
    except ValueError:  # an embedded NUL byte
        return PathInfo(path, PathKind.MISSING, "is not a valid path (it holds a NUL byte)")
    if stat.S_ISREG(info.st_mode):
        return PathInfo(path, PathKind.FILE)
    if stat.S_ISDIR(info.st_mode):
        return PathInfo(path, PathKind.FOLDER)
    return PathInfo(path, PathKind.OTHER)


def present(path: Path) -> bool:
    """Whether anything goes by that name, a broken link included; a blocked path counts as
    present, so that reading it reports why it cannot be read instead of ignoring it."""
    return probe(path).kind is not PathKind.MISSING


def require_file(path: Path, noun: str, about: str) -> None:
    """A path an option names that must be a regular file (a scenario or forum file): missing,
    blocked or anything else is a :class:`UsageError` about ``about`` that says what it is."""
    found = probe(path)  # a folder on the way we may not search: said, not a traceback
    if found.kind is PathKind.BLOCKED:
        raise UsageError(f"'{path}' {found.describe()}", about=about)
    if found.kind is PathKind.MISSING:
        raise UsageError(f"no {noun} at {path}", about=about)
    if not found.is_file:  # a folder, a FIFO, a device, a link to nothing: said what it is
        raise UsageError(f"'{path}' {found.describe()}; give a {noun}", about=about)
