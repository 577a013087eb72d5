"""JSON Schema for the catalogue files, generated from the pydantic models.

Editors (through the yaml-language-server comment at the top of each data file) use it to
complete and check fields as people type. It checks shape only: references, vocabularies and
YAML's traps are for ``dsr-options validate``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from dsr_options.model.catalogue import RedlinesFile, RolesFile
from dsr_options.model.forum import ForumFile
from dsr_options.model.scenarios import ScenariosFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_MODELS: dict[str, type[BaseModel]] = {
    "roles": RolesFile,
    "redlines": RedlinesFile,
    "scenarios": ScenariosFile,
    "forum": ForumFile,
}
KINDS = tuple(_MODELS)


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a roles, redlines, scenarios or forum file, by the names written in
    YAML."""
    model = _MODELS[kind]
    generated = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://dsr-options.invalid/schemas/{kind}.schema.json",
        **generated,
    }
