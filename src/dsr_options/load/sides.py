"""One side of a diff: a catalogue folder, a redline file, or a git revision, loaded and labelled.

A git revision (``main``, ``HEAD~1``, ``origin/main:data``, ``REV:path/to/redlines.yaml``) is
read through ``git`` itself (``rev-parse``, ``cat-file -s``, ``cat-file``, ``ls-tree``): nothing
is checked out, the user's working files are never touched, and a blob larger than the file
size limit is refused before it is read. ``rev:`` in front (``rev:origin/main:data``) always
means a revision, ``./`` in front always a path; a bare spec that is both a path on disk and a
revision is refused, naming both, so a folder named like a revision cannot stand in for it.
Every file of a side is parsed with the same loader as any other command, so a side that does
not load gives its located diagnostics, each file named with the side (``OLD:data/roles.yaml``,
``main:data/roles.yaml``).
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dsr_options.diagnostics import Code
from dsr_options.files.find import REDLINES_FILE, ROLES_FILE, data_dir, display_path
from dsr_options.files.located import LoadedFile
from dsr_options.files.places import Places
from dsr_options.files.read import oversize, parse_bytes, read_file
from dsr_options.load.catalogue import Loaded, load_read_files, outside_the_collector
from dsr_options.load.side_errors import (
    REVISION_PREFIX,
    AmbiguousSideError,
    DifferentKindsError,
    IdenticalSidesError,
    MissingAtRevisionError,
    NoGitError,
    NoSuchSideError,
    NotACatalogueError,
    NotAGitRepositoryError,
    SideError,
    SideKind,
    SideLoadError,
    SideOrigin,
    UnknownRevisionError,
    UnreadableSideError,
)
from dsr_options.model.catalogue import Catalogue, RolesFile

__all__ = [
    "DEFAULT_GIT_FOLDER",
    "REVISION_PREFIX",
    "AmbiguousSideError",
    "DifferentKindsError",
    "IdenticalSidesError",
    "Location",
    "MissingAtRevisionError",
    "NoGitError",
    "NoSuchSideError",
    "NotACatalogueError",
    "NotAGitRepositoryError",
    "Side",
    "SideError",
    "SideKind",
    "SideLoadError",
    "SideOrigin",
    "UnknownRevisionError",
    "UnreadableSideError",
    "read_pair",
    "read_side",
    "read_sides",
]

DEFAULT_GIT_FOLDER = "data"
"""The catalogue folder inside a revision when only the revision is given (``main``)."""


# -- a side ---------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Location:
    """A place in one side's file: ``main:data/roles.yaml:12:7`` (line and column 1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def to_data(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column}


@dataclass(frozen=True)
class Side:
    """One side of a diff, loaded: its catalogue and the files it was read from.

    Holds the catalogue and the files' texts, not their node graphs (see ``files.places``); while
    the other side is read, the catalogue can be set aside as bytes (:meth:`set_aside`).
    """

    label: str
    """``OLD`` or ``NEW``."""
    spec: str
    """The side as given: a path or a revision."""
    kind: SideKind
    origin: SideOrigin
    loaded: Loaded = field(repr=False)
    revision: str | None = None
    """The commit a git side was read at (its full id)."""
    texts: tuple[str, ...] = field(default=(), repr=False)
    """The text of the side's own files, for telling identical sides apart."""
    _index: dict[tuple[str, str], tuple[Places, int]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _aside: list[_Aside] = field(default_factory=list, repr=False, compare=False)

    @property
    def catalogue(self) -> Catalogue:
        if self.loaded.catalogue is None and self._aside:
            self.take_back()
        assert self.loaded.catalogue is not None  # read_side raises when it does not load
        return self.loaded.catalogue

    def set_aside(self) -> None:
        """Hold the catalogue as bytes (each role's apart) until :meth:`take_back`: a side read
        first takes a fraction of its memory while the other side is read."""
        catalogue = self.loaded.catalogue
        if catalogue is None:
            return
        shell = catalogue.model_copy(update={"roles": []})
        roles = tuple((role.id, _pickled(role)) for role in catalogue.roles)
        self._aside.append(_Aside(_pickled(shell), roles))
        self.loaded.catalogue = None

    def take_back(self, beside: Side | None = None) -> None:
        """Make the catalogue set aside whole again. A role written exactly as the same role
        of ``beside`` (the other side: same text, same column, files whose items stand alone,
        see ``Places.item_text``) holds the same, and is that role's object: only the roles
        written otherwise are read back from their bytes, and the two catalogues share the
        rest."""
        if not self._aside:
            return
        aside = self._aside.pop()
        catalogue: Catalogue = pickle.loads(aside.shell)  # our own bytes, made by set_aside
        same = {} if beside is None else {role.id: role for role in beside.catalogue.roles}
        for role_id, held in aside.roles:
            other = same.get(role_id)
            written = self._written(role_id)
            theirs = None if beside is None else beside._written(role_id)
            if other is not None and written is not None and written == theirs:
                catalogue.roles.append(other)
            else:
                catalogue.roles.append(pickle.loads(held))
        self.loaded.catalogue = catalogue

    def _written(self, role_id: str) -> tuple[int, str] | None:
        """The role's column and text in its file, when they alone make what it holds."""
        found = self._index.get(("roles", role_id))
        return None if found is None else found[0].item_text("roles", found[1])

    @property
    def files(self) -> tuple[str, ...]:
        """The side's files, as diagnostics and locations name them."""
        return tuple(p.file.path for p in self.loaded.parsed)

    def locate(self, collection: str, item: str, path: Sequence[str | int] = ()) -> Location | None:
        """Where ``path`` inside the item ``item`` of ``collection`` (``roles``...) is written."""
        found = self._index.get((collection, item))
        if found is None:
            return None
        places, index = found
        line, column = places.position(collection, index, path)
        return Location(places.path, line, column)


@dataclass(frozen=True)
class _Aside:
    """A catalogue held as bytes: all but its roles, and each role apart (by id)."""

    shell: bytes
    roles: tuple[tuple[str, bytes], ...]


def _pickled(item: object) -> bytes:
    return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def _places(loaded: Loaded) -> dict[tuple[str, str], tuple[Places, int]]:
    """Where every item of ``loaded``'s files is written; then the files' node graphs, walked
    data and models are let go (the catalogue holds what the diff compares)."""
    index: dict[tuple[str, str], tuple[Places, int]] = {}
    for parsed in loaded.parsed:
        model = parsed.model
        if model is None:
            continue
        places = Places(parsed.file)
        lists: tuple[str, ...] = ("sources", "holders", "redlines")
        if isinstance(model, RolesFile):
            lists = ("sources", "attributes", "offices", "roles", "variants", "packages")
        for name in lists:
            for number, item in enumerate(getattr(model, name)):
                if (name, item.id) not in index:
                    index[name, item.id] = (places, number)
                    places.add(name, number)
        places.let_go()
    for parsed in loaded.parsed:
        parsed.file = replace(parsed.file, root=None, data=None, _keys={})
        parsed.model = None
    return index


# -- reading --------------------------------------------------------------------------------------


def read_side(
    spec: str,
    label: str,
    *,
    cwd: Path | None = None,
    context: Path | None = None,
) -> Side:
    """Read and load one side: a catalogue folder, a redline file, or a git revision.

    ``rev:REV`` is a git revision of the repository holding ``cwd`` (the working folder by
    default): ``REV`` reads the catalogue folder ``data`` at that revision, ``REV:path`` a
    folder or a redline file there (the path from the repository's top). Without ``rev:``, a
    path that exists is read from disk and anything else is taken as a revision; a path that
    is a revision too raises :class:`AmbiguousSideError` (``./`` in front makes it a path).
    A redline file is evaluated against the roles of ``context``
    (a catalogue folder; by default the working catalogue, as for any other command).

    Raises a :class:`SideError` for a side that cannot be read, :class:`SideLoadError` with
    every located diagnostic for one that does not load.
    """
    if "\0" in spec:
        raise NoSuchSideError(label, spec.replace("\0", "\\0"), "a path cannot hold a NUL byte")
    folder = Path.cwd() if cwd is None else cwd
    path = Path(spec) if Path(spec).is_absolute() else folder / spec
    # Reading builds millions of acyclic objects: without the collector, as load() does.
    with outside_the_collector():
        if spec.startswith(REVISION_PREFIX):
            return _from_git(spec[len(REVISION_PREFIX) :], label, folder, context, spec)
        if spec and os.path.lexists(path):
            revision = _also_a_revision(spec, folder)
            if revision is not None:
                raise AmbiguousSideError(label, spec, revision)
            return _from_disk(spec, label, path, context)
        return _from_git(spec, label, folder, context, spec)


def _also_a_revision(spec: str, folder: Path) -> str | None:
    """The commit a bare path-like ``spec`` would name as a revision (its part before ``:``),
    or None: an absolute path, ``./`` or ``../`` in front, no git or no repository."""
    revision = spec.partition(":")[0]
    if (
        not revision
        or revision.startswith(("-", "/", "./", "../", ".\\", "..\\"))
        or Path(spec).is_absolute()
        or shutil.which("git") is None
    ):
        return None
    git = _Git(folder, "", spec)
    if git.text("rev-parse", "--git-dir") is None:
        return None
    commit = git.text("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    return revision if commit else None


def read_pair(
    old: str,
    new: str,
    *,
    cwd: Path | None = None,
    context: Path | None = None,
) -> tuple[Side, Side]:
    """Read both sides (``OLD`` then ``NEW``); refuse sides of different kinds.

    OLD's catalogue is set aside as bytes while NEW is read, then taken back sharing every
    role written alike on both sides (see :meth:`Side.take_back`): the peak is about one side's
    loading, not two loaded sides.
    """
    old_side = read_side(old, "OLD", cwd=cwd, context=context)
    old_side.set_aside()
    new_side = read_side(new, "NEW", cwd=cwd, context=context)
    if old_side.kind is not new_side.kind:
        raise DifferentKindsError(old_side, new_side)
    with outside_the_collector():
        old_side.take_back(beside=new_side)
    return old_side, new_side


def read_sides(
    old: str,
    new: str,
    *,
    cwd: Path | None = None,
    context: Path | None = None,
) -> tuple[Side, Side]:
    """Read both sides (``OLD`` and ``NEW``, see :func:`read_pair`); refuse sides of different
    kinds or identical ones."""
    old_side, new_side = read_pair(old, new, cwd=cwd, context=context)
    if old_side.texts == new_side.texts:
        raise IdenticalSidesError(old_side, new_side)
    return old_side, new_side


def _shown(label: str, path: Path) -> str:
    return f"{label}:{display_path(path)}"


def _from_disk(spec: str, label: str, path: Path, context: Path | None) -> Side:
    if path.is_dir():
        roles = path / ROLES_FILE
        if not os.path.lexists(roles):
            raise NotACatalogueError(
                label, spec, f"the folder has no {ROLES_FILE}; give a catalogue folder"
            )
        files = [read_file(roles, _shown(label, roles))]
        redlines = path / REDLINES_FILE
        if os.path.lexists(redlines):
            files.append(read_file(redlines, _shown(label, redlines)))
        _refuse_unreadable(label, spec, files)
        return _load(label, spec, SideKind.CATALOGUE, SideOrigin.FOLDER, files, None)
    file = read_file(path, _shown(label, path))
    _refuse_unreadable(label, spec, [file])
    return _redline_side(label, spec, SideOrigin.FILE, file, None, context)


def _refuse_unreadable(label: str, spec: str, files: Sequence[LoadedFile]) -> None:
    for file in files:
        for diagnostic in file.diagnostics:
            if diagnostic.code is Code.UNREADABLE:
                name = file.path.partition(":")[2] or file.path
                raise UnreadableSideError(label, spec, f"{name}: {diagnostic.message}")


def _redline_side(
    label: str,
    spec: str,
    origin: SideOrigin,
    file: LoadedFile,
    revision: str | None,
    context: Path | None,
) -> Side:
    if context is not None and not os.path.lexists(context / ROLES_FILE):
        raise NotACatalogueError(
            label,
            spec,
            f"a redline file is evaluated against a catalogue's roles, and '{context}' has no "
            f"{ROLES_FILE}",
        )
    roles_path = data_dir(context) / ROLES_FILE
    roles = read_file(roles_path, display_path(roles_path))
    return _load(label, spec, SideKind.REDLINE_FILE, origin, [roles, file], revision, own=1)


def _load(
    label: str,
    spec: str,
    kind: SideKind,
    origin: SideOrigin,
    files: list[LoadedFile],
    revision: str | None,
    own: int = 0,
) -> Side:
    loaded = load_read_files(files[0], files[1:])
    if loaded.catalogue is None:
        raise SideLoadError(label, spec, loaded.diagnostics)
    texts = tuple(file.text for file in files[own:])
    return Side(label, spec, kind, origin, loaded, revision, texts, _places(loaded))


# -- git ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Git:
    folder: Path
    label: str
    spec: str

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", "-C", str(self.folder), *args],
                capture_output=True,
                check=False,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
            )
        except OSError as exc:  # pragma: no cover - git vanished between which() and run()
            raise NoGitError(self.label, self.spec, f"cannot run git: {exc}") from None

    def text(self, *args: str) -> str | None:
        done = self.run(*args)
        return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None


def _from_git(rest: str, label: str, folder: Path, context: Path | None, spec: str) -> Side:
    """The revision ``rest`` (``spec``, the side as given, without ``rev:``)."""
    if not rest:
        raise NoSuchSideError(label, spec, "give a folder, a redline file or a revision")
    if shutil.which("git") is None:
        raise NoGitError(
            label, spec, "no such file or folder, and git is not installed to read a revision"
        )
    git = _Git(folder, label, spec)
    if git.text("rev-parse", "--git-dir") is None:
        raise NotAGitRepositoryError(label, spec, folder)
    revision, colon, inside = rest.partition(":")
    inside = inside.strip("/") if colon else DEFAULT_GIT_FOLDER
    commit = None
    if revision and not revision.startswith("-"):
        commit = git.text("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if not commit:
        raise UnknownRevisionError(label, spec, revision)
    target = f"{commit}:{inside}" if inside else f"{commit}:"
    kind = git.text("cat-file", "-t", target)
    where = f"'{inside}'" if inside else "the top folder"
    if kind is None:
        raise MissingAtRevisionError(
            label, spec, revision, inside, f"{where} does not exist at revision '{revision}'"
        )
    shown_dir = f"{revision}:{inside + '/' if inside else ''}"
    if kind == "tree":
        entries = _tree(git, target)
        if entries.get(ROLES_FILE) != "blob":
            raise MissingAtRevisionError(
                label,
                spec,
                revision,
                inside,
                f"{where} at revision '{revision}' has no {ROLES_FILE}; give a catalogue folder",
            )
        files = [_blob(git, f"{target}/{ROLES_FILE}", shown_dir + ROLES_FILE)]
        if REDLINES_FILE in entries:
            if entries[REDLINES_FILE] != "blob":
                raise MissingAtRevisionError(
                    label,
                    spec,
                    revision,
                    inside,
                    f"{shown_dir}{REDLINES_FILE} is not a file at revision '{revision}'",
                )
            files.append(_blob(git, f"{target}/{REDLINES_FILE}", shown_dir + REDLINES_FILE))
        return _load(label, spec, SideKind.CATALOGUE, SideOrigin.GIT, files, commit)
    if kind != "blob":
        raise MissingAtRevisionError(
            label, spec, revision, inside, f"{where} is not a file or folder at '{revision}'"
        )
    file = _blob(git, target, f"{revision}:{inside}")
    return _redline_side(label, spec, SideOrigin.GIT, file, commit, context)


def _tree(git: _Git, target: str) -> dict[str, str]:
    """The entries of a tree: name -> type (``blob``, ``tree``, ``commit``)."""
    done = git.run("ls-tree", "-z", target)
    entries: dict[str, str] = {}
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        parts = meta.split()
        if len(parts) >= 2:
            entries[name.decode("utf-8", "replace")] = parts[1].decode()
    return entries


def _blob(git: _Git, target: str, shown: str) -> LoadedFile:
    """A blob's bytes parsed, or a file too large, refused by its size before it is read."""
    size = git.text("cat-file", "-s", target)
    if size is None or not size.isdigit():  # pragma: no cover - the type was just read
        raise UnreadableSideError(git.label, git.spec, f"git cannot read {shown}")
    too_large = oversize(int(size), shown)
    if too_large is not None:
        return too_large
    done = git.run("cat-file", "blob", target)
    if done.returncode != 0:  # pragma: no cover - the type was just read
        raise UnreadableSideError(git.label, git.spec, f"git cannot read {shown}")
    return parse_bytes(done.stdout, shown)
