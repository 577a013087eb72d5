"""Which files a catalogue was loaded from, and one content hash over them: what a brief's
provenance line names, so that a reader can tell two briefs from the same files apart from two
briefs from different ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dsr_options.files.find import CatalogueFiles, catalogue_files, display_path


@dataclass(frozen=True)
class FilesDigest:
    """The catalogue folder (None: the packaged one), the files read and their sha256."""

    folder: str | None
    files: tuple[str, ...]
    """Every file read, roles file first, as displayed (file names for the packaged catalogue)."""
    redlines: tuple[str, ...]
    """The user's own redline files, as given."""
    sha256: str
    """Over every file read, in order: its base name, a NUL, its length, a NUL, its bytes (so
    the hash is the same wherever the files are)."""


def files_digest(files: CatalogueFiles) -> FilesDigest:
    """The digest of files already found; a file that cannot be read counts as empty."""
    digest = hashlib.sha256()
    shown = []
    for path in files.all:
        name = display_path(path) if files.folder is not None or path in files.given else path.name
        try:
            content = path.read_bytes()
        except OSError:
            content = b""
        digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(str(len(content)).encode() + b"\0" + content)
        shown.append(name)
    return FilesDigest(
        str(files.folder) if files.folder is not None else None,
        tuple(shown),
        tuple(str(path) for path in files.given),
        digest.hexdigest(),
    )


def catalogue_digest(
    data: Path | None = None, redlines: Sequence[Path] = (), with_default: bool = True
) -> FilesDigest:
    """The digest of the files ``load_catalogue(data, redlines=..., with_default=...)`` reads."""
    return files_digest(catalogue_files(data, redlines, with_default))
