"""Every command of dsr-options, in the order `dsr-options --help` lists them: the tests that
render each one (help, glossary) take the list from here."""

from __future__ import annotations

COMMANDS = [
    "list",
    "show",
    "redlines",
    "attributes",
    "check",
    "agree",
    "negotiate",
    "brief",
    "compare",
    "scenarios",
    "offices",
    "diff",
    "sources",
    "new-redlines",
    "validate",
    "schema",
]
