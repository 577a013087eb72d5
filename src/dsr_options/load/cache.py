"""A cache of validated catalogues, so that a command run again skips YAML and validation.

The command line keeps each catalogue it has validated, keyed by a SHA-256 of the files' bytes,
the tool's version and the source of its models: a changed file, a new release or an edited
model is a different key, so a stale entry is never read. Nothing but the command line uses it
(``validate`` never does, and neither does the library API); ``DSR_OPTIONS_CACHE_DIR=off``
turns it off. Entries are pickles of our own models, written by this user to a folder only this
user can read and write: the same trust as the installed code itself. Any problem with the
cache (unreadable, corrupt, full disk, no home folder) just means a normal load.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Sequence
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING

from dsr_options._version import __version__

if TYPE_CHECKING:
    from dsr_options.model.catalogue import Catalogue

CACHE_ENV = "DSR_OPTIONS_CACHE_DIR"
OFF = frozenset({"off", "0", "false", "no", "none"})
KEEP = 16
"""Entries kept in the folder; older ones are removed when a new one is written."""
_MODULES_IN_KEY = ("dsr_options.model.catalogue", "dsr_options.model.vocabulary")
"""Modules whose source shapes a pickled catalogue: edit one and every key changes."""


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "dsr-options"
    home = Path.home() if "HOME" in os.environ else None
    return home / ".cache" / "dsr-options" if home else None


def fingerprint(paths: Sequence[Path]) -> str | None:
    """The key of a set of catalogue files: their paths and bytes, our version and models.

    None when a file cannot be read (the normal load then reports it properly).
    """
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    for name in _MODULES_IN_KEY:
        spec = util.find_spec(name)
        if spec is None or spec.origin is None:  # pragma: no cover - a broken install
            return None
        try:
            digest.update(Path(spec.origin).read_bytes())
        except OSError:  # pragma: no cover - installed without sources
            return None
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError:
            return None
        digest.update(f"\0{os.path.abspath(path)}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _private(path: Path) -> bool:
    """On POSIX, ``path`` is ours and no one else may write to it (else unpickling it would run
    whatever another user put there). Elsewhere, True."""
    if os.name != "posix":  # pragma: no cover - checked on POSIX only
        return True
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(folder: Path, key: str) -> Catalogue | None:
    """The cached catalogue under ``key``, or None.

    Read only when the folder and the entry belong to this user and no one else may write to
    them; otherwise the cache is ignored (a normal load follows), never an error.
    """
    entry = folder / f"{key}.pickle"
    try:
        if not (_private(folder) and _private(entry)):
            return None
        with entry.open("rb") as handle:
            catalogue = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    from dsr_options.model.catalogue import Catalogue

    return catalogue if isinstance(catalogue, Catalogue) else None


def write(folder: Path, key: str, catalogue: Catalogue) -> None:
    """Keep ``catalogue`` under ``key``: atomically, privately, and never failing the command."""
    temporary: str | None = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(catalogue, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}.pickle")
        temporary = None
        _prune(folder)
    except (OSError, pickle.PicklingError, RecursionError):
        return
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
