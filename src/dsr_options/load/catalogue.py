"""Load the catalogue files (found by ``files.find``) into one checked :class:`Catalogue`."""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dsr_options.diagnostics import Code, Diagnostic, Severity
from dsr_options.errors import CatalogueError, UsageError
from dsr_options.files.find import (
    CatalogueFiles,
    catalogue_files,
    display_path,
    distinct_files,
    label_for,
    split_label,
)

if TYPE_CHECKING:
    from dsr_options.files.located import LoadedFile
    from dsr_options.model.catalogue import Catalogue
    from dsr_options.validate.references import Parsed

# Reading files needs PyYAML, pydantic and the checks: they are imported where files are read
# (see load_read_files), so that a command that reads none starts without them.

HASH_LENGTH = 12
"""Hex digits of the files' sha256 an output prints."""

__all__ = [
    "Found",
    "LoadFailed",
    "Loaded",
    "find_files",
    "load",
    "load_catalogue",
    "load_files",
    "load_found",
    "load_located",
    "load_read_files",
    "redline_files",
]


@dataclass
class Loaded:
    """The outcome of loading: the catalogue when it is valid, and every diagnostic found."""

    catalogue: Catalogue | None
    parsed: list[Parsed]
    folder: Path | None = None
    """The catalogue folder as the user gave it (``--data`` or the environment); None for the
    packaged catalogue."""
    given: dict[str, Path] = field(default_factory=dict)
    """The user's own redline files: each one's display path, and the path as given."""
    sha256: str = ""
    """The short sha256 of the bytes of the files read (by :func:`load_files`), in order."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(d for p in self.parsed for d in p.file.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@contextmanager
def outside_the_collector() -> Iterator[None]:
    """Build a catalogue without cyclic garbage collection, then restore the collector.

    Loading allocates millions of long-lived objects (nodes, marks, dicts, models) and next to
    no cycles. With the collector on, it scans that growing heap again and again: a
    10,000-role catalogue took several times longer than libyaml's parse. The catalogue is
    acyclic, so reference counting frees it when it is dropped. (The command line goes further
    and leaves the collector off for its short life: see ``cli.main``.)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Counted = Callable[[int, int], None]
"""Told the number of roles and of redlines as soon as the files are parsed, before they are
checked: a run that its limit of pairs will refuse refuses there (it may raise)."""


def load_files(
    roles_path: Path,
    redline_paths: Sequence[Path],
    labels: Mapping[Path, str] | None = None,
    counted: Counted | None = None,
) -> Loaded:
    """Load and cross-check one roles file and any number of redline files.

    Each redline file is one delegation's: an id it shares with another file is named
    ``LABEL:ID`` in the catalogue, LABEL from ``labels`` (else the file's name). ``counted``
    is told the roles and redlines the files list once they are parsed, before any check.
    """
    from dsr_options.files.read import read_file

    # One hash of the bytes as they are read (each file's, then a NUL; an unreadable file
    # counts as empty): the provenance every output prints names exactly what was parsed.
    digest = hashlib.sha256()

    def read(path: Path) -> LoadedFile:
        file = read_file(path, display_path(path), seen=digest.update)
        digest.update(b"\0")
        return file

    with outside_the_collector():
        roles_file = read(roles_path)
        redline_files = [read(path) for path in redline_paths]
        if counted is not None:
            counted(
                _listed(roles_file.data, "roles"),
                sum(_listed(f.data, "redlines") for f in redline_files),
            )
        names = [_label(p, labels or {}) for p in redline_paths]
        loaded = load_read_files(roles_file, redline_files, names)
    loaded.sha256 = digest.hexdigest()[:HASH_LENGTH]
    return loaded


def _listed(data: Any, key: str) -> int:
    """How many items a parsed file lists under ``key`` (0 for a file that lists none)."""
    items = data.get(key) if isinstance(data, dict) else None
    return len(items) if isinstance(items, list) else 0


def load_read_files(
    roles_file: LoadedFile,
    redline_files: Sequence[LoadedFile],
    labels: Sequence[str] | None = None,
) -> Loaded:
    """Validate and cross-check files already read (from disk, git or memory) into a catalogue.

    What :func:`load_files` does once it has read its paths; the files' ``path`` is what every
    diagnostic names, so a caller reading from elsewhere labels them as it likes. ``labels``
    name each redline file for the ids it shares with another (default: its file name).
    """
    from dsr_options.files.located import validate_model
    from dsr_options.model.catalogue import RedlinesFile, RolesFile
    from dsr_options.validate.references import Parsed, check

    with outside_the_collector():
        parsed = [Parsed(roles_file, validate_model(roles_file, RolesFile), RolesFile)]
        for file in redline_files:
            if _looks_like_roles(file):
                parsed.append(Parsed(file, None))
                continue
            parsed.append(Parsed(file, validate_model(file, RedlinesFile), RedlinesFile))
        check(parsed)
    if any(d.severity is Severity.ERROR for p in parsed for d in p.file.diagnostics):
        return Loaded(None, parsed)
    if labels is None:
        labels = [label_for(Path(file.path)) for file in redline_files]
    return Loaded(_combine(parsed, labels), parsed)


def _label(path: Path, labels: Mapping[Path, str]) -> str:
    return labels.get(path) or label_for(path)


_ROLES_KEYS = ("roles", "attributes", "offices")


def _looks_like_roles(file: LoadedFile) -> bool:
    """A roles file given where a redline file belongs: one clear error, not one per key."""
    data = file.data
    if not isinstance(data, dict) or "redlines" in data:
        return False
    key = next((k for k in data if k in _ROLES_KEYS), None)
    if key is None:
        return False
    file.report(
        Code.UNKNOWN_FILE_KIND,
        f"this looks like a roles file (it has '{key}'); a redline file is expected, "
        "with 'holders' and 'redlines'",
        node=file.locate((key,), key=True),
        path=(key,),
    )
    return True


def _combine(parsed: list[Parsed], labels: Sequence[str]) -> Catalogue:
    from dsr_options.model.catalogue import (
        Bloc,
        Catalogue,
        Holder,
        Redline,
        RedlinesFile,
        RolesFile,
        Source,
    )

    roles_model = parsed[0].model
    assert isinstance(roles_model, RolesFile)
    files = [
        (p.file.path, label, p.model)
        for p, label in zip(parsed[1:], labels, strict=True)
        if isinstance(p.model, RedlinesFile)
    ]
    models: list[RolesFile | RedlinesFile] = [roles_model, *(m for _, _, m in files)]
    sources: dict[str, Source] = {}
    for model in models:  # the first file to declare a source describes it (the roles file's)
        for source in model.sources:
            sources.setdefault(source.id, source)
    holder_count = Counter(h.id for _, _, m in files for h in m.holders)
    redline_count = Counter(r.id for _, _, m in files for r in m.redlines)
    holders: list[Holder] = []
    redlines: list[Redline] = []
    redline_files: dict[str, str] = {}
    holds: list[tuple[str, list[str]]] = []
    for path, label, model in files:
        renamed = {
            h.id: f"{label}:{h.id}" if holder_count[h.id] > 1 else h.id for h in model.holders
        }
        for holder in model.holders:
            new_id = renamed[holder.id]
            holders.append(
                holder if new_id == holder.id else holder.model_copy(update={"id": new_id})
            )
            if holder.holds:
                holds.append((new_id, holder.holds))
        for redline in model.redlines:
            new_id = f"{label}:{redline.id}" if redline_count[redline.id] > 1 else redline.id
            by = [renamed.get(h, h) for h in redline.holders]
            if new_id != redline.id or by != redline.holders:
                redline = redline.model_copy(update={"id": new_id, "holders": by})
            redlines.append(redline)
            redline_files[new_id] = path
    for holder_id, held in holds:  # shared rows: a holder that holds another file's redline
        for index, redline in enumerate(redlines):
            original = redline.id.rpartition(":")[2]
            if (redline.id in held or original in held) and holder_id not in redline.holders:
                redlines[index] = redline.model_copy(
                    update={"holders": [*redline.holders, holder_id]}
                )
    blocs: dict[str, Bloc] = {}  # a bloc several files declare is one: the first's words
    for _, _, model in files:
        for bloc in model.blocs:
            blocs.setdefault(bloc.id, bloc)
    return Catalogue.model_construct(
        sources=list(sources.values()),
        attributes=roles_model.attributes,
        offices=roles_model.offices,
        holders=holders,
        roles=roles_model.roles,
        redlines=redlines,
        redline_files=redline_files,
        variants=roles_model.variants,
        packages=roles_model.packages,
        assumed=[],
        scenarios=[],
        blocs=list(blocs.values()),
    )


def load(
    data: Path | None = None,
    *,
    redlines: Sequence[Path] = (),
    with_default: bool = True,
) -> Loaded:
    """Load the catalogue in ``data`` (or the default), optionally with other redline files.

    With ``redlines`` given and ``with_default`` false, the catalogue's own redlines are left
    out and only the given files are evaluated (their holders are still checked).
    """
    return load_located(catalogue_files(data, redlines, with_default))


def load_located(files: CatalogueFiles, counted: Counted | None = None) -> Loaded:
    """Load catalogue files already found (see :func:`locations.catalogue_files`)."""
    labels = {p: "shipped" for p in files.redlines if p not in files.given}
    labels.update((p, label) for p, label in zip(files.given, files.labels, strict=False) if label)
    loaded = load_files(files.roles, files.redlines, labels, counted)
    loaded.folder = files.folder
    loaded.given = {display_path(path): path for path in files.given}
    if loaded.catalogue is not None:  # the catalogue's own redlines are the catalogue's
        origins = {
            rid: shown if shown in loaded.given else "catalogue"
            for rid, shown in loaded.catalogue.redline_files.items()
        }
        loaded.catalogue = loaded.catalogue.model_copy(update={"redline_files": origins})
    for diagnostic in loaded.errors:  # a FIFO, a file we may not read
        if diagnostic.code == Code.UNREADABLE and diagnostic.file in loaded.given:
            shown = loaded.given[diagnostic.file]
            raise UsageError(f"'{shown}': {diagnostic.message}", about="redlines")
    return loaded


class LoadFailed(CatalogueError):
    """The catalogue did not load: ``loaded`` holds every file read and every diagnostic."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        super().__init__(loaded.diagnostics)


def redline_files(
    data: Path | str | None, redlines: Sequence[Path | str], with_default: bool
) -> CatalogueFiles:
    """The files to load, ``NAME=FILE`` labels split off and a file given twice read once."""
    kept, _ = distinct_files([split_label(p) for p in redlines])
    return find_files(data, kept, with_default)


def find_files(
    data: Path | str | None,
    redlines: Sequence[tuple[str | None, Path]],
    with_default: bool,
) -> CatalogueFiles:
    """The files to load for redline files already parsed: (label or None, path), each once."""
    found = catalogue_files(
        Path(data) if data is not None else None, [p for _, p in redlines], with_default
    )
    return replace(found, labels=tuple(label for label, _ in redlines))


@dataclass(frozen=True)
class Found:
    """A catalogue loaded from its files, and the hash of those files' bytes."""

    catalogue: Catalogue
    sha256: str
    """The short sha256 of the bytes of every file read, in order (see :func:`load_files`)."""


def load_found(files: CatalogueFiles, counted: Counted | None = None) -> Found:
    """Load and check the files found (:func:`find_files`); raise :class:`LoadFailed` with
    every problem. The hash is of the bytes read and parsed (see :func:`load_files`)."""
    loaded = load_located(files, counted)
    if loaded.catalogue is None:
        raise LoadFailed(loaded)
    return Found(loaded.catalogue, loaded.sha256)


def load_catalogue(
    data: Path | str | None = None,
    *,
    redlines: Sequence[Path | str] = (),
    with_default: bool = False,
) -> Catalogue:
    """Load and check the catalogue; raise :class:`LoadFailed` (a ``CatalogueError``) with every
    problem found.

    ``data`` is the catalogue folder (default: ``$DSR_OPTIONS_DATA``, else the packaged one);
    ``redlines`` are redline files of the caller's own, evaluated instead of the catalogue's
    redlines unless ``with_default``. Every call reads and checks the files afresh.

    >>> catalogue = load_catalogue()
    >>> [role.id for role in catalogue.roles][:1]
    ['strategic-advice']
    """
    return load_found(redline_files(data, redlines, with_default)).catalogue
