"""Reading a forum file (``--forum-file``) against the catalogue a command loaded.

Its mistakes are located diagnostics, as ``validate`` reports them
(:mod:`dsr_options.validate.forum`); a file with errors raises :class:`ForumFileError`, which
carries them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dsr_options.diagnostics import Diagnostic, Severity
from dsr_options.errors import CatalogueError
from dsr_options.files.find import display_path
from dsr_options.files.paths import require_file
from dsr_options.files.read import read_file
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.forum import ForumFile
from dsr_options.validate.forum import check_forum_file


class ForumFileError(CatalogueError):
    """A forum file with errors: carries every diagnostic, located, and the file's text."""

    def __init__(self, diagnostics: Sequence[Diagnostic], path: str = "", text: str = "") -> None:
        super().__init__(diagnostics)
        self.texts = {path: text} if path else {}


def read_forum(path: Path, catalogue: Catalogue) -> ForumFile:
    """Read and check a forum file against ``catalogue``'s holders and blocs; a path that is
    no file is a :class:`UsageError` about ``forum_file``."""
    require_file(path, "forum file", "forum_file")
    loaded = read_file(path, display_path(path))
    model = None
    if not any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        blocs = [b.id for b in catalogue.blocs]
        model = check_forum_file(loaded, [h.id for h in catalogue.holders], blocs)
    if model is None:
        raise ForumFileError(loaded.diagnostics, loaded.path, loaded.text)
    return model
