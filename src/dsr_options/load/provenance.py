"""What an output was made from: the tool, the catalogue files and their hash, the date.

Built once per command from the files it loaded (``provenance_of``, by the one pipeline,
``analyses.pipeline.prepare``) and rendered by every view
in every format (see ``render.render``): a brief pasted from ``check`` says which catalogue,
which redline files and which subset of redlines its verdicts rest on.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsr_options._version import __version__
from dsr_options.errors import UsageError
from dsr_options.files.find import CatalogueFiles, display_path, packaged_data_dir

SCHEMA = 2
"""The version of the JSON/YAML envelope: 2 wraps every view's data in an object with
``schema`` and ``provenance`` (1 printed a view's data bare)."""

DATE_ENV = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: seconds since the epoch, fixing the date printed."""


@dataclass(frozen=True)
class Provenance:
    """Where an output comes from; ``scenario`` and ``assumptions`` are filled by what-if runs."""

    version: str
    catalogue: str
    """``packaged`` or the catalogue folder as given."""
    catalogue_hash: str
    """sha256 of the bytes of every file loaded (roles, then redline files), short."""
    redlines: tuple[str, ...]
    """The redline files evaluated: ``packaged`` for the shipped ones, else paths as given."""
    only: tuple[str, ...] = ()
    """The redline ids ``--only`` kept; empty when every redline was evaluated."""
    date: str = ""
    """UTC, ISO 8601 (``2026-12-01``)."""
    scenario: str | None = None
    assumptions: list[str] = field(default_factory=list)
    paths: tuple[Path, ...] = field(default=(), compare=False)
    """The files read, as found (not printed: an output names them as ``catalogue`` and
    ``redlines`` do)."""

    @property
    def subset(self) -> bool:
        """True when the verdicts rest on a subset of the redlines."""
        return bool(self.only)

    def data(self) -> dict[str, Any]:
        return {
            "tool": "dsr-options",
            "version": self.version,
            "catalogue": self.catalogue,
            "catalogue_sha256": self.catalogue_hash,
            "redlines": list(self.redlines),
            "only": list(self.only),
            "subset": self.subset,
            "scenario": self.scenario,
            "assumptions": list(self.assumptions),
            "date": self.date,
        }

    def line(self) -> str:
        """One line for a CSV column or a footer: every field, ``; ``-separated."""
        parts = [
            f"dsr-options {self.version}",
            f"catalogue {self.catalogue} (sha256 {self.catalogue_hash})",
            f"redlines {', '.join(self.redlines) or 'none'}",
        ]
        if self.only:
            parts.append(f"SUBSET: only {', '.join(self.only)}")
        if self.scenario:
            parts.append(f"scenario {self.scenario}")
        if self.assumptions:
            parts.append(f"assuming {', '.join(self.assumptions)}")
        parts.append(self.date)
        return "; ".join(parts)


def today(explicit: str | None = None) -> str:
    """The date to print: ``explicit`` (ISO), else ``$SOURCE_DATE_EPOCH``, else today (UTC)."""
    if explicit:
        try:
            return _dt.date.fromisoformat(explicit.strip()).isoformat()
        except ValueError:
            raise UsageError(
                f"'{explicit}' is not a date: write it as YYYY-MM-DD", about="date"
            ) from None
    epoch = os.environ.get(DATE_ENV, "").strip()
    if epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"{DATE_ENV}: '{epoch}' is not a number of seconds") from None
        return moment.date().isoformat()
    return _dt.datetime.now(tz=_dt.timezone.utc).date().isoformat()


def provenance_of(
    files: CatalogueFiles,
    sha256: str,
    *,
    only: Sequence[str] = (),
    date: str | None = None,
) -> Provenance:
    """The provenance of the files loaded, their hash (taken as they were loaded), the redline
    ids ``--only`` kept, and the date (see :func:`today`)."""
    labels = dict(zip(files.given, files.labels, strict=False))
    packaged = files.folder is None or files.roles.parent == packaged_data_dir()
    catalogue = "packaged" if packaged else display_path(files.roles.parent)
    given = set(files.given)
    shown = []
    for path in files.redlines:
        if path in given:
            label = labels.get(path)
            shown.append(f"{label}={display_path(path)}" if label else display_path(path))
        else:
            shown.append("packaged" if packaged else "the catalogue's")
    return Provenance(
        version=__version__,
        catalogue=catalogue,
        catalogue_hash=sha256,
        redlines=tuple(shown),
        only=tuple(only),
        date=today(date),
        paths=files.all,
    )
