"""Writing one output file safely: the one helper every command that writes a file uses.

The bytes go to a temporary file in the same folder, which is then renamed over the target, so
a reader never sees half a file and an error (a full disk, a killed run) leaves the old file as
it was. A file the same run reads is never written over, even with ``force``; an existing file
or a symbolic link only with ``force`` (the link itself is replaced, never the file it points
to); a folder, a FIFO or a device never.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from dsr_options.errors import UsageError
from dsr_options.files.paths import probe

__all__ = ["write_file"]


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def _refusal(path: Path, force: bool, inputs: Sequence[Path]) -> str | None:
    """Why ``path`` may not be written, as a clause about it; None when it may."""
    for given in inputs:
        if _same_file(path, given):
            return f"is a file this run reads ('{given}'); give another file"
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        found = probe(path)
        return found.describe() if found.reason else f"cannot be reached: {exc}"
    if stat.S_ISLNK(info.st_mode):
        if force:
            return None
        return (
            "is a symbolic link; it is left as it is (give --force to replace the link, "
            "never the file it points to)"
        )
    if stat.S_ISDIR(info.st_mode):
        return "is a folder; give a file name"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file; give a file name"
    if force:
        return None
    return "already exists; it is left as it is (give --force to replace it)"


def _mode(path: Path) -> int:
    """The new file's permissions: the old file's, else what the umask allows."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    inputs: Sequence[Path] = (),
    about: str = "out",
) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`UsageError` (about ``about``) when
    it may not or cannot be written, the old file (if any) left intact."""
    folder = path.parent if str(path.parent) else Path(".")
    found = probe(folder)
    if not found.is_folder:
        what = found.describe() if found.reason or not found.exists else "is not a folder"
        raise UsageError(f"the folder '{folder}' {what}", about=about)
    refused = _refusal(path, force, inputs)
    if refused is not None:
        raise UsageError(f"'{path}' {refused}", about=about)
    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".part"
        )
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), _mode(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _put(temporary, path, force)
        temporary = None
    except FileExistsError:
        raise UsageError(
            f"'{path}' already exists; it is left as it is (give --force to replace it)",
            about=about,
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(
            f"cannot write '{path}': {reason}; nothing was written", about=about
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _put(temporary: str, path: Path, force: bool) -> None:
    """Move the finished file into place: over the old one with ``force``; else only if the
    name is still free (a hard link fails when it is taken, closing the race with the check)."""
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):  # a file system without hard links
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)
