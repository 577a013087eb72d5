"""What the cross-file checks share: a file as parsed, its items, and the vocabularies in scope.

``references.py`` runs the checks; ``rule_checks.py`` and ``evidence_checks.py`` check a rule's
and a quote's references against the ``Scope`` built here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.ids import suggest
from dsr_options.model.catalogue import (
    AttributeDecl,
    Bloc,
    Holder,
    Office,
    Redline,
    RedlinesFile,
    Role,
    RolesFile,
    Source,
)

Path = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
FileModel = type[RolesFile] | type[RedlinesFile]


@dataclass
class Parsed:
    """One file as loaded: the walked file (for locating) and its model, if it validated."""

    file: LoadedFile
    model: RolesFile | RedlinesFile | None
    kind: FileModel | None = None
    """What the file was validated as. When its model failed, each item of its lists is then
    validated on its own, so that the items that are valid still take part in the checks."""


@dataclass
class Item(Generic[M]):
    """One item of a file's list (a role, a redline, an office...) and its index there.

    An item that failed validation is ``complete=False``: a model built from those of its fields
    that are valid on their own; the others are absent, and the checks that need them skip it.
    """

    index: int
    value: M
    complete: bool

    def has(self, *names: str) -> bool:
        return self.complete or all(n in self.value.model_fields_set for n in names)


@dataclass
class Items:
    """A file's lists as items, whether or not the file as a whole validated."""

    kind: FileModel
    sources: list[Item[Source]] = field(default_factory=list)
    attributes: list[Item[AttributeDecl]] = field(default_factory=list)
    offices: list[Item[Office]] = field(default_factory=list)
    roles: list[Item[Role]] = field(default_factory=list)
    holders: list[Item[Holder]] = field(default_factory=list)
    redlines: list[Item[Redline]] = field(default_factory=list)
    blocs: list[Item[Bloc]] = field(default_factory=list)


@dataclass
class Scope:
    """The vocabularies declared across the files being checked, and where each id stands."""

    sources: dict[str, Source] = field(default_factory=dict)
    attributes: dict[str, AttributeDecl] = field(default_factory=dict)
    offices: set[str] = field(default_factory=set)
    holders: set[str] = field(default_factory=set)
    redlines: set[str] = field(default_factory=set)
    blocs: set[str] = field(default_factory=set)
    incomplete: set[str] = field(default_factory=set)
    """Vocabularies (``attributes``, ``offices``, ``holders``, ``sources``) that a file which
    failed to load may declare: references to them cannot be called dangling."""
    failed: dict[str, set[str]] = field(default_factory=dict)
    """Per vocabulary, the ids of declarations that failed validation: a reference to one of
    them is neither known nor dangling, so it is not checked."""

    def unknowable(self, section: str, value: str) -> bool:
        return section in self.incomplete or value in self.failed.get(section, ())


def present(model: BaseModel, *names: str) -> bool:
    """Whether a (possibly salvaged) model holds these fields."""
    # map, not a generator: it runs for every field of every role
    return all(map(model.__dict__.__contains__, names))


def reference(
    file: LoadedFile, path: Path, noun: str, value: str, scope: Scope, hint: str = ""
) -> None:
    section = f"{noun}s"
    if scope.unknowable(section, value):
        return
    known: Collection[str] = getattr(scope, section)
    if value not in known:  # a set or dict: checking stays linear in references
        file.report(
            Code.UNKNOWN_REFERENCE,
            f"no {noun} has the id '{value}'{suggest(value, known) or hint}",
            path=path,
        )
