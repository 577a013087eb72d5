"""Evidence checked against the declared sources: each quote's source and section exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.ids import suggest
from dsr_options.model.catalogue import Evidence, Role
from dsr_options.validate.scope import Item, Path, Scope, present, reference


def written(file: LoadedFile, path: Path) -> bool:
    """Whether the data holds the key at the end of ``path``."""
    data: Any = file.data
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, dict) and path[-1] in data


def role_evidence(item: Item[Role], base: Path) -> Iterator[tuple[Path, Evidence]]:
    role = item.value

    def evidence_of(owner: BaseModel) -> list[Evidence]:
        evidence: list[Evidence] = getattr(owner, "evidence", [])  # absent when salvaged
        return evidence

    for index, evidence in enumerate(role.evidence if item.has("evidence") else ()):
        yield (*base, "evidence", index), evidence
    for name, value in role.attributes.items() if item.has("attributes") else ():
        for index, evidence in enumerate(evidence_of(value)):
            yield (*base, "attributes", name, "evidence", index), evidence
    for lead_index, lead in enumerate(role.leads if item.has("leads") else ()):
        for index, evidence in enumerate(evidence_of(lead)):
            yield (*base, "leads", lead_index, "evidence", index), evidence
    if item.has("reception"):
        for index, evidence in enumerate(evidence_of(role.reception)):
            yield (*base, "reception", "evidence", index), evidence
    for section in ("concerns", "open_questions"):
        notes: list[Any] = getattr(role, section) if item.has(section) else []
        for item_index, note in enumerate(notes):
            for index, evidence in enumerate(evidence_of(note)):
                yield (*base, section, item_index, "evidence", index), evidence


def check_evidence(file: LoadedFile, base: Path, evidence: list[Evidence], scope: Scope) -> None:
    for index, item in enumerate(evidence):
        check_one_evidence(file, (*base, "evidence", index), item, scope)


def check_one_evidence(file: LoadedFile, path: Path, evidence: Evidence, scope: Scope) -> None:
    if not present(evidence, "source"):
        return
    source = scope.sources.get(evidence.source)
    if source is None:
        hint = "; declare it under 'sources:' in this file"
        reference(file, (*path, "source"), "source", evidence.source, scope, hint)
    elif (
        source.sections and present(evidence, "section") and evidence.section not in source.sections
    ):
        file.report(
            Code.UNKNOWN_SECTION,
            f"'{evidence.section}' is not a section of source '{source.id}'"
            f"{suggest(evidence.section, source.sections)}",
            path=(*path, "section"),
        )
