"""Every diagnostic code dsr-options can emit, with its default severity and what it means.

The codes are a public interface: CI reports (SARIF rules, JUnit failure types, JSON) carry them
and people filter on them. A test checks that every code the source can emit is listed here and
in the README's table, so a new code cannot slip in undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass

from dsr_options.errors import Severity


@dataclass(frozen=True)
class Code:
    """One diagnostic code: its usual severity and a one-line description."""

    id: str
    severity: Severity
    summary: str


_E = Severity.ERROR
_W = Severity.WARNING

CODES: dict[str, Code] = {
    code.id: code
    for code in (
        # reading and YAML syntax
        Code("unreadable", _E, "The file cannot be read."),
        Code("file-too-large", _E, "The file is over the size limit."),
        Code("encoding", _E, "The file is not valid UTF-8."),
        Code(
            "control-character", _E, "The file contains a NUL byte or another forbidden character."
        ),
        Code(
            "yaml-syntax",
            _E,
            "The text is not valid YAML (tabs used for indentation among others).",
        ),
        Code("empty-file", _E, "The file holds no YAML document."),
        Code("too-deep", _E, "Mappings and lists nest deeper than the limit."),
        Code(
            "too-many-errors",
            _E,
            "More problems than are worth listing in one file (the rest are counted).",
        ),
        Code("alias-limit", _E, "Aliases are used too often or expand to too much data."),
        # YAML that would silently mean something else
        Code("duplicate-key", _E, "A mapping repeats a key; YAML would keep only one of them."),
        Code(
            "ambiguous-boolean",
            _E,
            "YAML 1.1 reads a word such as no, yes, on or off as a boolean.",
        ),
        Code("ambiguous-number", _E, "YAML 1.1 reads the value as an octal or base-60 number."),
        Code("bad-scalar", _E, "A value looks like a date or number but is not a valid one."),
        Code("key-not-text", _E, "A mapping key is not plain text."),
        Code("merge-key", _E, "A merge key ('<<') is used."),
        Code("tag-not-allowed", _E, "A YAML tag other than the plain data types is used."),
        # the shape of each file (the pydantic models)
        Code("unknown-file-kind", _E, "A file is neither a roles file nor a redlines file."),
        Code("unknown-field", _E, "A field the model does not have (often a typo)."),
        Code("missing-field", _E, "A required field is absent."),
        Code("wrong-type", _E, "A value has the wrong type: text, list, mapping, boolean, number."),
        Code(
            "not-text", _E, "YAML read a value as a number, date or boolean where text is expected."
        ),
        Code("invalid-value", _E, "A value is not one of the allowed values."),
        Code("invalid-id", _E, "An id or attribute name has the wrong form."),
        Code("invalid-length", _E, "Text is empty or too long, or a list has too few items."),
        Code(
            "invalid-rule",
            _E,
            "A redline rule is malformed or uses an operator the attribute cannot take.",
        ),
        Code("invalid", _E, "Any other model rule is broken."),
        # across files
        Code("duplicate-id", _E, "An id (or role number) is used twice."),
        Code("duplicate-value", _E, "A list attribute names the same value twice."),
        Code(
            "unknown-reference",
            _E,
            "A reference to an office, holder or source that does not exist.",
        ),
        Code("unknown-attribute", _E, "A role or rule names an attribute that is not declared."),
        Code("unknown-value", _E, "A value that the attribute does not declare."),
        Code("context-invalid", _E, "The roles file a redline file is checked against has errors."),
        Code("unknown-section", _W, "Evidence names a section its source does not list."),
        Code("missing-attribute", _W, "A role gives no value for a declared attribute."),
        Code("no-evidence", _W, "A redline has no evidence, so it cannot be traced to a source."),
        # against the source text (--source)
        Code("quote-not-in-source", _E, "An evidence quote does not occur in the source text."),
        Code(
            "section-not-in-source",
            _W,
            "A section heading that evidence names is not in the source text.",
        ),
        Code(
            "quote-wrong-section",
            _W,
            "A quote occurs in the source, but not under the section named.",
        ),
    )
}
