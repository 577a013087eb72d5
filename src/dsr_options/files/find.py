"""Where the catalogue files are: ``--data``, the environment, or the packaged default.

Kept free of PyYAML and pydantic, so that finding the files costs nothing before a command
knows whether it has to parse them at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dsr_options.errors import UsageError
from dsr_options.files.paths import PathKind, present, probe

DATA_ENV = "DSR_OPTIONS_DATA"
ROLES_FILE = "roles.yaml"
REDLINES_FILE = "redlines.yaml"


def packaged_data_dir() -> Path:
    """The catalogue shipped inside the installed package (or the source tree's ``data/``)."""
    packaged = Path(str(resources.files("dsr_options"))) / "_data"
    if probe(packaged / ROLES_FILE).is_file:
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def data_dir(explicit: Path | None = None) -> Path:
    """The catalogue folder: ``--data``, else ``$DSR_OPTIONS_DATA``, else the packaged one."""
    if explicit is not None:
        chosen, origin, about = explicit, "", "data"
    elif os.environ.get(DATA_ENV):
        chosen, origin, about = Path(os.environ[DATA_ENV]), f"{DATA_ENV}: ", None
    else:
        return packaged_data_dir()
    found = probe(chosen)
    if not found.is_folder:
        what = "is not a folder" if found.kind in (PathKind.FILE, PathKind.OTHER) else None
        raise UsageError(
            f"{origin}'{chosen}' {what or found.describe()}; give the folder holding {ROLES_FILE}",
            about=about,
        )
    roles = probe(chosen / ROLES_FILE)
    if roles.kind is PathKind.MISSING:  # a broken link or a folder is read, and reported
        raise UsageError(f"{origin}'{chosen}' has no {ROLES_FILE}", about=about)
    if roles.kind is PathKind.BLOCKED:
        raise UsageError(f"{origin}'{chosen / ROLES_FILE}' {roles.reason}", about=about)
    return chosen


def absolute(path: Path) -> Path:
    """``path`` made absolute without following links: never fails, even on a link loop."""
    return Path(os.path.abspath(path))


def display_path(path: Path) -> str:
    """Paths below the working folder are shown relative to it, as editors and CI expect.

    The working folder itself is shown as given, never as an empty or ``.`` path.
    """
    try:
        relative = absolute(path).relative_to(absolute(Path.cwd()))
    except ValueError:
        return str(path)
    return str(relative) if relative.parts else str(path)


_LABEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def split_label(given: Path | str) -> tuple[str | None, Path]:
    """``NAME=FILE`` as its label and path; a plain path (or an existing file) has no label."""
    text = str(given)
    name, equals, rest = text.partition("=")
    if equals and rest and _LABEL.match(name) and not os.path.lexists(text):
        return name, Path(rest)
    return None, Path(given)


def label_for(path: Path) -> str:
    """A file's default label: its name without the extension, as a kebab-case id."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "file"


def same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.abspath(first) == os.path.abspath(second)


def distinct_files(
    paths: Sequence[tuple[str | None, Path]],
) -> tuple[list[tuple[str | None, Path]], list[tuple[Path, Path]]]:
    """The files with each one kept once, and (repeat, first) for every file given again."""
    kept: list[tuple[str | None, Path]] = []
    repeated: list[tuple[Path, Path]] = []
    for label, path in paths:
        first = next((p for _, p in kept if same_file(p, path)), None)
        if first is None:
            kept.append((label, path))
        else:
            repeated.append((path, first))
    return kept, repeated


def _check_redline_path(path: Path) -> None:
    """A ``--redlines`` path that is missing or not a file is a usage error, like ``--data``'s."""
    found = probe(path)
    if found.kind in (PathKind.MISSING, PathKind.BLOCKED):
        raise UsageError(f"'{path}' {found.describe()}; give a redline file", about="redlines")
    if found.is_folder:
        inside = path / REDLINES_FILE
        hint = f" such as '{inside}'" if probe(inside).is_file else ""
        raise UsageError(f"'{path}' is a folder; give a redline file{hint}", about="redlines")


@dataclass(frozen=True)
class CatalogueFiles:
    """The files one command reads: a roles file and the redline files evaluated with it."""

    roles: Path
    redlines: tuple[Path, ...]
    folder: Path | None
    """The catalogue folder as the user gave it (``--data`` or the environment); None for the
    packaged catalogue."""
    given: tuple[Path, ...] = ()
    """The user's own redline files (``--redlines``), as given."""
    labels: tuple[str | None, ...] = ()
    """The label given to each of ``given`` (``NAME=FILE``), None where none was."""

    @property
    def all(self) -> tuple[Path, ...]:
        return (self.roles, *self.redlines)


def catalogue_files(
    data: Path | None = None, redlines: Sequence[Path] = (), with_default: bool = True
) -> CatalogueFiles:
    """The files to load: the catalogue's roles, its redlines unless only the user's are wanted.

    With ``redlines`` given and ``with_default`` false, the catalogue's own redlines are left
    out and only the given files are evaluated.
    """
    folder = data_dir(data)
    for path in redlines:
        _check_redline_path(path)
    chosen: list[Path] = []
    default_redlines = folder / REDLINES_FILE
    # Anything by that name is loaded, so that a broken link, a folder or a FIFO is reported as
    # unreadable rather than taken for a catalogue without redlines.
    if (with_default or not redlines) and present(default_redlines):
        chosen.append(default_redlines)
    chosen.extend(redlines)
    if data is not None:
        given_folder: Path | None = data
    elif os.environ.get(DATA_ENV):
        given_folder = Path(os.environ[DATA_ENV])
    else:
        given_folder = None
    return CatalogueFiles(folder / ROLES_FILE, tuple(chosen), given_folder, tuple(redlines))
