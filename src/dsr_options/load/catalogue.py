"""Load the catalogue files (found by ``files.find``) into one checked :class:`Catalogue`."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dsr_options.diagnostics import Code, Diagnostic, Severity
from dsr_options.errors import CatalogueError, UsageError
from dsr_options.files.find import (
    CatalogueFiles,
    catalogue_files,
    display_path,
)
from dsr_options.files.located import LoadedFile, validate_model
from dsr_options.files.read import read_file
from dsr_options.model.catalogue import Catalogue, RedlinesFile, RolesFile
from dsr_options.validate.references import Parsed, check

__all__ = ["LoadFailed", "Loaded", "load", "load_catalogue", "load_files", "load_located"]


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


def load_files(roles_path: Path, redline_paths: Sequence[Path]) -> Loaded:
    """Load and cross-check one roles file and any number of redline files."""
    with outside_the_collector():
        roles_file = read_file(roles_path, display_path(roles_path))
        parsed = [Parsed(roles_file, validate_model(roles_file, RolesFile), RolesFile)]
        for path in redline_paths:
            file = read_file(path, display_path(path))
            if _looks_like_roles(file):
                parsed.append(Parsed(file, None))
                continue
            parsed.append(Parsed(file, validate_model(file, RedlinesFile), RedlinesFile))
        check(parsed)
    if any(d.severity is Severity.ERROR for p in parsed for d in p.file.diagnostics):
        return Loaded(None, parsed)
    return Loaded(_combine(parsed), parsed)


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


def _combine(parsed: list[Parsed]) -> Catalogue:
    roles_model = parsed[0].model
    assert isinstance(roles_model, RolesFile)
    redline_models = [p.model for p in parsed[1:] if isinstance(p.model, RedlinesFile)]
    models: list[RolesFile | RedlinesFile] = [roles_model, *redline_models]
    sources = {s.id: s for model in models for s in model.sources}
    return Catalogue.model_construct(
        sources=list(sources.values()),
        attributes=roles_model.attributes,
        offices=roles_model.offices,
        holders=[h for model in redline_models for h in model.holders],
        roles=roles_model.roles,
        redlines=[r for model in redline_models for r in model.redlines],
        variants=roles_model.variants,
        packages=roles_model.packages,
        assumed=[],
        scenarios=[],
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


def load_located(files: CatalogueFiles) -> Loaded:
    """Load catalogue files already found (see :func:`locations.catalogue_files`)."""
    loaded = load_files(files.roles, files.redlines)
    loaded.folder = files.folder
    loaded.given = {display_path(path): path for path in files.given}
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


def load_catalogue(
    data: Path | str | None = None,
    *,
    redlines: Sequence[Path | str] = (),
    with_default: bool = True,
    cache: bool = False,
) -> Catalogue:
    """Load and check the catalogue; raise :class:`LoadFailed` (a ``CatalogueError``) with every
    problem found.

    ``data`` is the catalogue folder (default: ``$DSR_OPTIONS_DATA``, else the packaged one);
    ``redlines`` are redline files of the caller's own, evaluated instead of the catalogue's
    redlines unless ``with_default``. With ``cache``, a catalogue validated before is read back
    from the cache (see :mod:`dsr_options.load.cache`), so that loading the same files again
    skips PyYAML and validation altogether.

    >>> catalogue = load_catalogue()
    >>> [role.id for role in catalogue.roles][:1]
    ['strategic-advice']
    """
    files = catalogue_files(
        Path(data) if data is not None else None, [Path(p) for p in redlines], with_default
    )
    folder = key = None
    if cache:
        from dsr_options.load import cache as store

        folder = store.cache_dir()
        key = store.fingerprint(files.all) if folder is not None else None
        if folder is not None and key is not None:
            cached = store.read(folder, key)
            if cached is not None:
                return cached
    loaded = load_located(files)
    if loaded.catalogue is None:
        raise LoadFailed(loaded)
    if folder is not None and key is not None:
        store.write(folder, key, loaded.catalogue)
    return loaded.catalogue
