"""Output: one format enum, and the writers and tables that turn result data into text.

A renderer returns either ``str`` (machine and brief formats, written to stdout as they are) or a
rich renderable (tables for a terminal). Nothing here reads files or knows about typer.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    Rendered = str | RenderableType


class OutputFormat(str, Enum):
    """Every output format a listing command offers; ``table`` is for people at a terminal."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"
    MARKDOWN = "markdown"


class ReportFormat(str, Enum):
    """The formats ``validate`` reports in: text for people, the rest for CI systems."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"
    SARIF = "sarif"
