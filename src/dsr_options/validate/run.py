"""The core of ``dsr-options validate``: find the files, load them, run every check, report.

How paths become catalogues:

- A folder stands for its ``roles.yaml`` and ``redlines.yaml`` (either may be absent, not both).
- A file is a forum file when its top level has ``forum``, a roles file when it has ``roles``,
  ``attributes`` or ``offices``, a redlines file when it has ``redlines`` or ``holders``;
  otherwise its name decides (``*scenario*``, ``*forum*``, ``*redline*`` or ``*role*``), and
  a file that still cannot be told is an error. A forum file is checked against the redline
  files in its folder that the run checks (their holders and blocs).
- Files in the same folder are checked together as one catalogue (ids unique across them,
  references resolved across them); files in different folders are separate catalogues.
- Redline files with no roles file beside them in the run are checked against a roles file
  they are not responsible for, read for its declarations only: the one in ``--data`` (or
  ``$DSR_OPTIONS_DATA``) when given, else a ``roles.yaml`` in the same folder, else the packaged
  catalogue's. Its own problems are not reported; if it has errors, the redline file gets a
  ``context-invalid`` error, since its references cannot be checked.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from dsr_options.diagnostics import Code, Diagnostic, Severity
from dsr_options.errors import UsageError
from dsr_options.files.find import (
    REDLINES_FILE,
    ROLES_FILE,
    absolute,
    data_dir,
    display_path,
    packaged_data_dir,
)
from dsr_options.files.located import LoadedFile, validate_model
from dsr_options.files.paths import PathKind, present, probe
from dsr_options.files.read import MAX_FILE_ENV, max_file_bytes, read_file
from dsr_options.ids import suggest
from dsr_options.model.budget import Budget
from dsr_options.model.catalogue import RedlinesFile, RolesFile
from dsr_options.model.scenarios import ScenariosFile
from dsr_options.validate.forum import check_forum_file
from dsr_options.validate.lock import QuoteLock, check_against_lock, make_lock, read_lock
from dsr_options.validate.quotes import (
    QUOTE_MATCHING,
    SourceText,
    check_blank_quotes,
    check_quotes,
    iter_evidence,
)
from dsr_options.validate.quotes import Path as Path_
from dsr_options.validate.references import Parsed, check
from dsr_options.validate.scenarios import check_scenario_file


class FileKind(str, Enum):
    ROLES = "roles"
    REDLINES = "redlines"
    SCENARIOS = "scenarios"
    FORUM = "forum"


_ROLES_KEYS = {"roles", "attributes", "offices"}
_REDLINES_KEYS = {"redlines", "holders"}


@dataclass
class Report:
    """What ``validate`` found: the files checked, every diagnostic, and the text of each file."""

    files: list[str]
    diagnostics: list[Diagnostic]
    texts: dict[str, str] = field(default_factory=dict)
    strict: bool = False
    """With ``strict``, warnings fail the run too."""
    locks: list[tuple[Path, QuoteLock]] = field(default_factory=list)
    """With ``lock``, each folder's quote lock as the run verified it (not yet written)."""

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.strict and self.warnings))

    def is_failure(self, diagnostic: Diagnostic) -> bool:
        """Whether this diagnostic fails the run (an error, or any problem under ``strict``)."""
        return self.strict or diagnostic.severity is Severity.ERROR


@dataclass
class _File:
    path: Path
    loaded: LoadedFile
    kind: FileKind | None


def validate_paths(
    paths: Sequence[Path],
    *,
    data: Path | None = None,
    sources: Sequence[tuple[str | None, Path]] = (),
    strict: bool = False,
    lock: bool = False,
) -> Report:
    """Check the catalogue files under ``paths`` (default: the catalogue in use).

    ``sources`` pairs a source id (``None``: any source) with a text file that evidence quotes
    must occur in. A quote whose source has no text here is checked against the quote lock
    beside its files (``quotes.lock``), when there is one; with ``lock``, the report carries
    each folder's new lock instead (:mod:`dsr_options.validate.lock`). Raises
    :class:`UsageError` for a path that is missing or cannot be read.
    """
    texts = [_read_source(source_id, path) for source_id, path in sources]
    files = [_read(path) for path in _expand(paths or [data_dir(data)])]
    # A roles file given alone (pre-commit passes only the changed files) is checked with the
    # redlines.yaml beside it, whose references it may have broken; as a redlines file is
    # checked against the roles.yaml beside it.
    given = {absolute(item.path) for item in files}
    for item in list(files):
        beside = item.path.parent / REDLINES_FILE
        if item.kind is FileKind.ROLES and present(beside) and absolute(beside) not in given:
            given.add(absolute(beside))
            files.append(_read(beside))

    groups: dict[Path, list[_File]] = {}
    for item in files:
        groups.setdefault(absolute(item.path).parent, []).append(item)
    for folder, group in groups.items():
        _check_group(folder, group, data)

    budget = Budget(QUOTE_MATCHING)  # one for the run: every file's quotes share it
    unchecked: set[tuple[str, Path_]] = set()
    for item in files:
        check_blank_quotes(item.loaded)
        if texts:
            left = check_quotes(item.loaded, texts, budget)
            unchecked.update((item.loaded.path, path) for path in left)
    _check_source_ids(files, texts)
    locks, lock_files = _locks(groups, texts, lock, unchecked)
    diagnostics = sorted(
        (d for item in [*(f.loaded for f in files), *lock_files] for d in item.diagnostics),
        key=report_order,
    )
    return Report(
        files=[item.loaded.path for item in files],
        diagnostics=diagnostics,
        texts={f.path: f.text for f in [*(item.loaded for item in files), *lock_files]},
        strict=strict,
        locks=locks,
    )


def _locks(
    groups: dict[Path, list[_File]],
    texts: Sequence[SourceText],
    lock: bool,
    unchecked: set[tuple[str, Path_]],
) -> tuple[list[tuple[Path, QuoteLock]], list[LoadedFile]]:
    """Each folder's quotes against its lock, or (with ``lock``) the lock each folder gets."""
    made: list[tuple[Path, QuoteLock]] = []
    read: list[LoadedFile] = []
    checked = {text.source_id for text in texts}
    for folder, group in groups.items():
        catalogue = [f.loaded for f in group if f.kind in (FileKind.ROLES, FileKind.REDLINES)]
        if not catalogue:
            continue
        previous, file = read_lock(folder)
        if lock:
            made.append((folder, make_lock(catalogue, texts, previous, unchecked)))
            continue
        if file is not None:
            read.append(file)
        if previous is not None:
            check_against_lock(catalogue, previous, checked)
    return made, read


def report_order(diagnostic: Diagnostic) -> tuple[str, bool, Diagnostic]:
    """Top to bottom in each file, a ``too-many-errors`` summary after the errors it counts."""
    return (diagnostic.file, diagnostic.code == Code.TOO_MANY_ERRORS, diagnostic)


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Folders become their catalogue files; duplicates are dropped, order is kept."""
    found: dict[Path, Path] = {}
    for path in paths:
        what = probe(path)
        if what.kind in (PathKind.MISSING, PathKind.BLOCKED):
            raise UsageError(f"'{path}' {what.describe()}")
        if what.is_folder:
            inside = [path / name for name in (ROLES_FILE, REDLINES_FILE) if present(path / name)]
            if not inside:
                raise UsageError(f"'{path}' holds neither {ROLES_FILE} nor {REDLINES_FILE}")
        else:
            inside = [path]
        for item in inside:
            found.setdefault(absolute(item), item)
    return list(found.values())


def _read(path: Path) -> _File:
    loaded = read_file(path, display_path(path), recover=True)
    unreadable = next((d for d in loaded.diagnostics if d.code == Code.UNREADABLE), None)
    if unreadable is not None:
        raise UsageError(f"'{path}': {unreadable.message}")
    return _File(path, loaded, _classify(path, loaded))


def _read_source(source_id: str | None, path: Path) -> SourceText:
    """A source text: a regular file within the loader's size limit, never a device or a FIFO."""
    limit = max_file_bytes()
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; the file is checked below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UsageError(f"'{path}' is not a regular file", about="source")
            data = handle.read(limit + 1)
    except OSError as exc:
        found = probe(path)
        why = found.reason if found.kind is PathKind.BLOCKED else exc.strerror or str(exc)
        raise UsageError(f"cannot read '{path}': {why}", about="source") from None
    if len(data) > limit:
        raise UsageError(
            f"'{path}' is larger than {limit // 1_048_576} MiB (raise ${MAX_FILE_ENV} to read it)",
            about="source",
        )
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"'{path}' is not UTF-8 text", about="source") from None
    return SourceText.from_text(raw, display_path(path), source_id)


def _check_source_ids(files: Sequence[_File], texts: Sequence[SourceText]) -> None:
    """``--source ID=FILE`` with an id that no evidence cites is a typo, not a silent pass."""
    wanted = [t.source_id for t in texts if t.source_id is not None]
    if not wanted:
        return
    cited = {item.get("source") for f in files for _, item in iter_evidence(f.loaded.data)}
    for source_id in wanted:
        if source_id not in cited:
            known = sorted(c for c in cited if isinstance(c, str))
            raise UsageError(
                f"no evidence cites the source '{source_id}'{suggest(source_id, known)}",
                about="source",
            )


def _classify(path: Path, loaded: LoadedFile) -> FileKind | None:
    if isinstance(loaded.data, dict):
        keys = set(loaded.data)
        if "forum" in keys:
            return FileKind.FORUM
        if keys & _ROLES_KEYS:
            return FileKind.ROLES
        if keys & _REDLINES_KEYS:
            return FileKind.REDLINES
        if "scenarios" in keys:
            return FileKind.SCENARIOS
    name = path.name.lower()
    if "scenario" in name:
        return FileKind.SCENARIOS
    if "forum" in name:
        return FileKind.FORUM
    if "redline" in name:
        return FileKind.REDLINES
    if "role" in name:
        return FileKind.ROLES
    if isinstance(loaded.data, dict):
        loaded.report(
            Code.UNKNOWN_FILE_KIND,
            "cannot tell a roles file from a redlines file here: it has none of roles, "
            "attributes, offices, redlines or holders, and its name says neither",
            node=loaded.root,
        )
    else:
        # `~`, `null` or `---` alone is an empty file, a list is a list: the loader's own words.
        validate_model(loaded, RolesFile)
    return None


def _check_group(folder: Path, group: list[_File], data: Path | None) -> None:
    roles = [
        Parsed(f.loaded, validate_model(f.loaded, RolesFile), RolesFile)
        for f in group
        if f.kind is FileKind.ROLES
    ]
    redlines = [
        Parsed(f.loaded, validate_model(f.loaded, RedlinesFile), RedlinesFile)
        for f in group
        if f.kind is FileKind.REDLINES
    ]
    scenarios = [f for f in group if f.kind is FileKind.SCENARIOS]
    if scenarios:
        _check_scenarios(folder, scenarios, roles, data)
    forums = [f.loaded for f in group if f.kind is FileKind.FORUM]
    if forums:
        # Against the holders and blocs of the redline files checked with it.
        models = [p.model for p in redlines if isinstance(p.model, RedlinesFile)]
        holders = [h.id for m in models for h in m.holders]
        blocs = [b.id for m in models for b in m.blocs]
        for forum in forums:
            check_forum_file(forum, holders, blocs)
    if not redlines and not roles:
        return
    if not redlines or roles:
        check([*roles, *redlines], expectations=True)
        return
    context_path = _context_roles(folder, data)
    if context_path is None:
        check(redlines, expectations=True)
        return
    context = read_file(context_path, display_path(context_path))
    unreadable = next((d for d in context.diagnostics if d.code is Code.UNREADABLE), None)
    if unreadable is not None:
        for item in redlines:
            item.file.report(
                Code.CONTEXT_INVALID,
                f"the roles file it is checked against, {context.path}, cannot be read "
                f"({unreadable.message}), so its references were not checked",
            )
    model = None if unreadable is not None else validate_model(context, RolesFile)
    if model is None and unreadable is None:
        for item in redlines:
            item.file.report(
                Code.CONTEXT_INVALID,
                f"the roles file it is checked against, {context.path}, has errors, so its "
                "references were not checked; run `dsr-options validate` on that file",
            )
    check([Parsed(context, model, RolesFile), *redlines], expectations=True)


def _check_scenarios(
    folder: Path, files: list[_File], roles: list[Parsed], data: Path | None
) -> None:
    """Scenario files, against the roles file beside them (or the catalogue in use)."""
    model = next((p.model for p in roles if isinstance(p.model, RolesFile)), None)
    if model is None and not roles:
        context_path = _context_roles(folder, data)
        if context_path is not None:
            context = read_file(context_path, display_path(context_path))
            model = validate_model(context, RolesFile)
    for item in files:
        if model is None:
            item.loaded.report(
                Code.CONTEXT_INVALID,
                "the roles file it is checked against has errors (or there is none), so its "
                "roles and attributes were not checked",
            )
            validate_model(item.loaded, ScenariosFile)
            continue
        check_scenario_file(item.loaded, [r.id for r in model.roles], model.attributes)


def _context_roles(folder: Path, data: Path | None) -> Path | None:
    """The roles file that lone redline files are checked against (see the module docstring)."""
    if data is not None:
        return data_dir(data) / ROLES_FILE
    beside = folder / ROLES_FILE
    if present(beside):
        return beside
    packaged = packaged_data_dir() / ROLES_FILE
    return packaged if probe(packaged).is_file else None
