"""Diagnostics: one located problem (``Diagnostic``), and every code dsr-options can emit.

The codes are a public interface: CI reports (SARIF rules, JUnit failure types, JSON) carry them
and people filter on them. Each is a member of ``Code`` with its severity and a one-line
description, so a misspelt code is a type error and a diagnostic's severity comes from here.
A test checks that every code is emitted somewhere and listed in the reference's table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a diagnostic is: errors fail a run, warnings fail it only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Code(str, Enum):
    """Every diagnostic code, with its severity and what it means (``Code.X.summary``)."""

    severity: Severity
    summary: str

    def __new__(cls, value: str, severity: Severity, summary: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.summary = summary
        return member

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)

    # reading and YAML syntax
    UNREADABLE = ("unreadable", Severity.ERROR, "The file cannot be read.")
    FILE_TOO_LARGE = ("file-too-large", Severity.ERROR, "The file is over the size limit.")
    ENCODING = ("encoding", Severity.ERROR, "The file is not valid UTF-8.")
    CONTROL_CHARACTER = (
        "control-character",
        Severity.ERROR,
        "The file contains a NUL byte or another forbidden character.",
    )
    YAML_SYNTAX = (
        "yaml-syntax",
        Severity.ERROR,
        "The text is not valid YAML (tabs used for indentation among others).",
    )
    EMPTY_FILE = ("empty-file", Severity.ERROR, "The file holds no YAML document.")
    TOO_DEEP = ("too-deep", Severity.ERROR, "Mappings and lists nest deeper than the limit.")
    TOO_MANY_ERRORS = (
        "too-many-errors",
        Severity.ERROR,
        "More problems than are worth listing in one file (the rest are counted).",
    )
    ALIAS_LIMIT = (
        "alias-limit",
        Severity.ERROR,
        "Aliases are used too often or expand to too much data.",
    )

    # YAML that would silently mean something else
    DUPLICATE_KEY = (
        "duplicate-key",
        Severity.ERROR,
        "A mapping repeats a key; YAML would keep only one of them.",
    )
    AMBIGUOUS_BOOLEAN = (
        "ambiguous-boolean",
        Severity.ERROR,
        "YAML 1.1 reads a word such as no, yes, on or off as a boolean.",
    )
    AMBIGUOUS_NUMBER = (
        "ambiguous-number",
        Severity.ERROR,
        "YAML 1.1 reads the value as an octal or base-60 number.",
    )
    BAD_SCALAR = (
        "bad-scalar",
        Severity.ERROR,
        "A value looks like a date or number but is not a valid one.",
    )
    KEY_NOT_TEXT = ("key-not-text", Severity.ERROR, "A mapping key is not plain text.")
    MERGE_KEY = ("merge-key", Severity.ERROR, "A merge key ('<<') is used.")
    TAG_NOT_ALLOWED = (
        "tag-not-allowed",
        Severity.ERROR,
        "A YAML tag other than the plain data types is used.",
    )

    # the shape of each file (the pydantic models)
    UNKNOWN_FILE_KIND = (
        "unknown-file-kind",
        Severity.ERROR,
        "A file is neither a roles file nor a redlines file.",
    )
    UNKNOWN_FIELD = (
        "unknown-field",
        Severity.ERROR,
        "A field the model does not have (often a typo).",
    )
    MISSING_FIELD = ("missing-field", Severity.ERROR, "A required field is absent.")
    WRONG_TYPE = (
        "wrong-type",
        Severity.ERROR,
        "A value has the wrong type: text, list, mapping, boolean, number.",
    )
    NOT_TEXT = (
        "not-text",
        Severity.ERROR,
        "YAML read a value as a number, date or boolean where text is expected.",
    )
    INVALID_VALUE = ("invalid-value", Severity.ERROR, "A value is not one of the allowed values.")
    INVALID_ID = ("invalid-id", Severity.ERROR, "An id or attribute name has the wrong form.")
    INVALID_LENGTH = (
        "invalid-length",
        Severity.ERROR,
        "Text is empty or too long, or a list has too few items.",
    )
    INVALID_RULE = (
        "invalid-rule",
        Severity.ERROR,
        "A redline rule is malformed or uses an operator the attribute cannot take.",
    )
    INVALID = ("invalid", Severity.ERROR, "Any other model rule is broken.")

    # across files
    DUPLICATE_ID = ("duplicate-id", Severity.ERROR, "An id (or role number) is used twice.")
    SOURCE_DIFFERS = (
        "source-differs",
        Severity.WARNING,
        "Two files describe the same source differently: the copies have drifted apart.",
    )
    DUPLICATE_VALUE = (
        "duplicate-value",
        Severity.ERROR,
        "A list attribute names the same value twice.",
    )
    UNKNOWN_REFERENCE = (
        "unknown-reference",
        Severity.ERROR,
        "A reference to an office, holder or source that does not exist.",
    )
    UNKNOWN_ATTRIBUTE = (
        "unknown-attribute",
        Severity.ERROR,
        "A role or rule names an attribute that is not declared.",
    )
    UNKNOWN_VALUE = (
        "unknown-value",
        Severity.ERROR,
        "A value that the attribute does not declare.",
    )
    NOT_A_MEMBER = (
        "not-a-member",
        Severity.ERROR,
        "A forum's permanent member is not among its members.",
    )
    UNREACHABLE_THRESHOLD = (
        "unreachable-threshold",
        Severity.ERROR,
        "A forum needs more acceptances than it has members: nothing could pass.",
    )
    PACKAGE_TOO_SMALL = (
        "package-too-small",
        Severity.ERROR,
        "A package names fewer than two roles, or the same role twice.",
    )
    CONTEXT_INVALID = (
        "context-invalid",
        Severity.ERROR,
        "The roles file a redline file is checked against has errors or cannot be read.",
    )
    UNKNOWN_SECTION = (
        "unknown-section",
        Severity.WARNING,
        "Evidence names a section its source does not list.",
    )
    MISSING_ATTRIBUTE = (
        "missing-attribute",
        Severity.WARNING,
        "A role gives no value for a declared attribute.",
    )
    NO_EVIDENCE = (
        "no-evidence",
        Severity.WARNING,
        "A redline has no evidence, so it cannot be traced to a source.",
    )
    CONDITION_ALWAYS_CROSSED = (
        "condition-always-crossed",
        Severity.WARNING,
        "Every role a condition applies to crosses it: often written the wrong way round.",
    )
    NEVER_CROSSED = (
        "never-crossed",
        Severity.WARNING,
        "No values of the attributes a redline tests make a role cross it.",
    )
    ALWAYS_CROSSED = (
        "always-crossed",
        Severity.WARNING,
        "Every value of the attributes a redline tests crosses it.",
    )
    CONDITION_READS_INVERTED = (
        "condition-reads-inverted",
        Severity.WARNING,
        "A condition written with rule: that most roles cross, or an 'only from' rule none does.",
    )
    SET_OPERATOR = (
        "set-operator",
        Severity.WARNING,
        "subset_of or contains_any on values roles combine treats every role alike.",
    )
    BROAD_ATTRIBUTE = (
        "broad-attribute",
        Severity.WARNING,
        "A role crosses only through an attribute broader than a sibling the rule leaves out.",
    )
    EXPECTATION_FAILED = (
        "expectation-failed",
        Severity.ERROR,
        "A redline's expect: names a role whose outcome is another (validate only).",
    )
    UNKNOWN_ROLE = (
        "unknown-role",
        Severity.ERROR,
        "A redline's expect: names a role the catalogue in use does not have.",
    )
    UNCARRIED_ATTRIBUTE = (
        "uncarried-attribute",
        Severity.WARNING,
        "A rule tests an attribute that no role gives a value for.",
    )

    # against the source text (--source)
    QUOTE_NOT_IN_SOURCE = (
        "quote-not-in-source",
        Severity.ERROR,
        "An evidence quote does not occur in the source text.",
    )
    SECTION_NOT_IN_SOURCE = (
        "section-not-in-source",
        Severity.WARNING,
        "A section heading that evidence names is not in the source text.",
    )
    QUOTE_WRONG_SECTION = (
        "quote-wrong-section",
        Severity.WARNING,
        "A quote occurs in the source, but not under the section named.",
    )
    QUOTES_BOUNDED = (
        "quotes-bounded",
        Severity.ERROR,
        "Quote matching stopped at its budget: the quotes from here on are not checked.",
    )

    # against the quote lock (quotes.lock, written by validate --source FILE --lock)
    QUOTE_CHANGED = (
        "quote-changed",
        Severity.ERROR,
        "A quote, its source or its section differs from the one verified there (quotes.lock).",
    )
    QUOTE_UNVERIFIED = (
        "quote-unverified",
        Severity.WARNING,
        "A quote the lock has no fingerprint for: never verified against its source.",
    )
    LOCK_INVALID = ("lock-invalid", Severity.ERROR, "The quote lock cannot be read as one.")


CODES: dict[str, Code] = {code.value: code for code in Code}
"""The codes by their text, as reports and users write them."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem in a data file.

    Ordered by file, then line and column, so that a sorted list reads top to bottom.
    ``line`` and ``column`` are 1-based; 0 means the problem is about the file as a whole.
    Its severity is its code's (``Code.severity``).
    """

    file: str
    line: int
    column: int
    code: Code
    message: str
    path: tuple[str | int, ...] = field(default=(), compare=False)
    """Where in the document the problem sits, as keys and indexes from the top."""
    after_syntax_error: bool = field(default=False, compare=False)
    """Found by reading on past a syntax error (its line set aside): may be a consequence of
    it, not certain; its message says so too."""

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def format(self) -> str:
        """The one-line form ``file:line:col: severity [code] message``."""
        return f"{self.location}: {self.severity.value} [{self.code.value}] {self.message}"

    @property
    def location(self) -> str:
        if self.line == 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


def report_order(diagnostic: Diagnostic) -> tuple[str, bool, Diagnostic]:
    """The one order diagnostics are shown in: top to bottom in each file, a file's
    ``too-many-errors`` count after the problems it follows."""
    return (diagnostic.file, diagnostic.code is Code.TOO_MANY_ERRORS, diagnostic)
