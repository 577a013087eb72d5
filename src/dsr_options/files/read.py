"""Reading one catalogue file: safe reading, decoding, and YAML syntax errors at their place.

The text is composed into a node graph by libyaml (the C parser, when PyYAML has it); ``walk``
turns the graph into plain data, and every problem lands in the file's ``LoadedFile``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from dsr_options.diagnostics import Code
from dsr_options.errors import UsageError
from dsr_options.files.located import LoadedFile, position
from dsr_options.files.paths import PathKind, probe
from dsr_options.files.walk import MAX_DEPTH, STR_TAG, SafeLoader, Walker

MAX_FILE_ENV = "DSR_OPTIONS_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 64
"""Refuse larger files before parsing. The shipped catalogue is about 60 KB; the command line
validates about 8 MB of YAML a second in about 30 MB of memory per MB (measured on a generated
catalogue), so 64 MiB (some 13,000 roles) bounds a run to seconds and under 2 GB."""
LIBYAML_MAX_DEPTH = 1000
"""libyaml refuses deeper flow or block nesting while parsing, before our walk sees it."""


# Characters YAML counts as line breaks but editors do not (so every line number after one would
# be wrong), and NUL, which no text file holds.
_BAD_CHARACTER_NAMES = {
    "\x00": "a NUL byte",
    "\x85": "a NEL (U+0085) line break",
    "\u2028": "a LINE SEPARATOR (U+2028)",
    "\u2029": "a PARAGRAPH SEPARATOR (U+2029)",
}


_pyyaml_resolve: Any = SafeLoader.resolve


_resolved: dict[str, str] = {}
"""Tags of plain scalars PyYAML had to resolve; a plain scalar's tag depends on its text only."""


class _CatalogueLoader(SafeLoader):
    """libyaml, with PyYAML's tag resolution made cheap for the scalars that cannot be special.

    libyaml calls back into Python to resolve the tag of every node, and PyYAML's resolver does
    a list concatenation and a dictionary lookup even for prose. A plain scalar can only resolve
    to a non-string tag if its first character starts one of the implicit resolvers' patterns,
    so every other scalar (and every quoted one) is a string at once; the rest go through
    PyYAML's own ``resolve``, so the tags are exactly PyYAML's. Safe because the safe loaders
    have no path resolvers and no wildcard implicit resolvers (checked below).
    """

    _special_first = frozenset(key for key in SafeLoader.yaml_implicit_resolvers if key)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in self._special_first):
                tag = _resolved.get(value)
                if tag is None:
                    tag = str(_pyyaml_resolve(self, kind, value, implicit))
                    if len(_resolved) < 4096:  # keys and value ids repeat; prose does not
                        _resolved[value] = tag
                return tag
            return STR_TAG
        if kind is yaml.MappingNode:
            return "tag:yaml.org,2002:map"
        return "tag:yaml.org,2002:seq"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None  # no path resolvers: nothing to track

    def ascend_resolver(self) -> None:
        return None


if SafeLoader.yaml_path_resolvers or None in SafeLoader.yaml_implicit_resolvers:  # pragma: no cover
    _CatalogueLoader = SafeLoader  # type: ignore[misc,assignment]  # a PyYAML we do not know


def _bad_character(text: str) -> tuple[int, str] | None:
    """The first character of :data:`_BAD_CHARACTER_NAMES` in ``text`` and where it is.

    One ``str.find`` per character (a memory scan) rather than a regular expression, which
    steps through the text character by character: a fifth of a second at 50 MB. An ASCII text
    can hold only the NUL byte."""
    wanted = ("\x00",) if text.isascii() else tuple(_BAD_CHARACTER_NAMES)
    found = [(at, character) for character in wanted if (at := text.find(character)) >= 0]
    return min(found) if found else None


def max_file_bytes() -> int:
    """The file size limit: ``$DSR_OPTIONS_MAX_FILE_MB`` mebibytes, else 64 MiB."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1_048_576
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes <= 1_048_576:  # also refuses nan
        raise UsageError(
            f"{MAX_FILE_ENV}={raw!r}: give the largest file size to read, in MiB (e.g. 16)"
        )
    return int(megabytes * 1_048_576)


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1_048_576:.1f} MiB; the limit is {limit / 1_048_576:g} MiB "
        f"(set {MAX_FILE_ENV} to raise it)"
    )


def oversize(size: int, display: str) -> LoadedFile | None:
    """A file of ``size`` bytes refused by the size limit (its one diagnostic), else None."""
    limit = max_file_bytes()
    if size <= limit:
        return None
    loaded = LoadedFile(display, "")
    loaded.report(Code.FILE_TOO_LARGE, _too_large(size, limit))
    return loaded


def read_file(
    path: Path,
    display: str | None = None,
    *,
    recover: bool = False,
    seen: Callable[[bytes], object] | None = None,
) -> LoadedFile:
    """Read, decode and walk one YAML file; every problem lands in ``diagnostics``.

    Only a regular file is opened (a FIFO or a device could block or never end), and never more
    than the size limit is read, even if the file grows after it was measured. ``seen`` is given
    the bytes read (the provenance hashes exactly what was parsed).
    """
    shown = display if display is not None else str(path)
    loaded = LoadedFile(shown, "")
    limit = max_file_bytes()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            loaded.report(Code.UNREADABLE, "is a directory, not a YAML file")
            return loaded
        if not stat.S_ISREG(info.st_mode):
            loaded.report(Code.UNREADABLE, "is not a regular file")
            return loaded
        if info.st_size > limit:
            loaded.report(Code.FILE_TOO_LARGE, _too_large(info.st_size, limit))
            return loaded
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
        if seen is not None:
            seen(raw)
    except FileNotFoundError:
        loaded.report(Code.UNREADABLE, "no such file")
        return loaded
    except OSError as exc:
        found = probe(path) if isinstance(exc, PermissionError) else None
        if found is not None and found.kind is PathKind.BLOCKED:  # a folder on the way, not it
            loaded.report(Code.UNREADABLE, found.reason)
        else:
            loaded.report(Code.UNREADABLE, f"cannot read the file: {exc.strerror or exc}")
        return loaded
    if len(raw) > limit:
        loaded.report(Code.FILE_TOO_LARGE, _too_large(len(raw), limit))
        return loaded
    return parse_bytes(raw, shown, recover=recover)


def parse_bytes(raw: bytes, display: str, *, recover: bool = False) -> LoadedFile:
    """Decode UTF-8 (a BOM is allowed), then parse and walk."""
    loaded = LoadedFile(display, "")
    limit = max_file_bytes()
    if len(raw) > limit:
        loaded.report(Code.FILE_TOO_LARGE, _too_large(len(raw), limit))
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[bom:offset].decode("utf-8", errors="replace").replace("\r\n", "\n")
        before = before.replace("\r", "\n")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        hint = "save the file as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = "the file is UTF-16; save it as UTF-8"
        message = f"byte 0x{raw[offset]:02x} is not valid UTF-8; {hint}"
        loaded.report(Code.ENCODING, message, at=(line, column))
        return loaded
    return parse_text(text, display, recover=recover)


def parse_text(text: str, display: str, *, recover: bool = False) -> LoadedFile:
    """Parse YAML text into nodes and walk them into plain data, collecting every problem.

    With ``recover``, a syntax error does not end the reading: the file is read again with the
    offending line set aside (see :func:`_recover`), and what is found past it is marked as
    found after a syntax error.
    """
    # Old Mac line ends are line breaks to YAML and to editors alike: count them as one.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = LoadedFile(display, text)
    bad = _bad_character(text)
    if bad is not None:
        offset, character = bad
        what = _BAD_CHARACTER_NAMES[character]
        hint = "" if character == "\x00" else "; YAML and editors count lines differently"
        loaded.report_at_offset(offset, Code.CONTROL_CHARACTER, f"the file contains {what}{hint}")
        return loaded
    try:
        root = yaml.compose(text, Loader=_CatalogueLoader)
    except yaml.MarkedYAMLError as exc:
        code, message, (line, column), _ = _syntax_error(exc, text)
        loaded.report(code, message, at=(line, column))
        if recover and code is Code.YAML_SYNTAX:
            _recover(loaded, text, exc)
        return loaded
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; located by offset only
        loaded.report_at_offset(
            exc.position,
            Code.CONTROL_CHARACTER,
            f"the file contains the control character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else "the file contains a character YAML does not allow",
        )
        return loaded
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports a few without a mark
        loaded.report(Code.YAML_SYNTAX, str(exc).strip() or "invalid YAML")
        return loaded
    except RecursionError:  # only the pure-Python composer recurses, once per nesting level
        line, column = _too_deep_at(text)
        message = f"nesting deeper than {MAX_DEPTH} levels"
        loaded.report(Code.TOO_DEEP, message, at=(line, column))
        return loaded
    if root is None:
        loaded.report(Code.EMPTY_FILE, "the file holds no YAML document")
        return loaded
    _walk(loaded, root)
    return loaded


def _walk(loaded: LoadedFile, root: yaml.Node) -> None:
    loaded.root = root
    walker = Walker(loaded)
    data = walker.walk(root)
    loaded.finish_count()
    # A walk stopped by a limit leaves holes that would be reported as errors of their own; a
    # walk past the report cap would only add schema errors nobody reads (and cost their build).
    loaded.data = None if walker.stopped or loaded.unreported else data


MAX_RECOVERIES = 20
"""Syntax errors past the first one a file is re-read for; then the rest is left unread."""
MAX_RECOVERY_CHARACTERS = 8 * 1_048_576
"""Characters re-read in all per file: a large file gets fewer re-reads (at least one), so that
reading on costs at most about 2.5 s more (libyaml composes some 3.5 MB a second, measured on a
generated 2.4 MB catalogue: 20 re-reads took 15 s, the 3 it now gets take about 2 s)."""
AFTER_SYNTAX_ERROR = (
    " (found after a syntax error, with {lines} set aside: may be a consequence of it)"
)


def _recover(loaded: LoadedFile, text: str, exc: yaml.MarkedYAMLError) -> None:
    """Read on past a syntax error: set its line aside (blank, so every line keeps its number),
    parse again, and repeat for the next error, at most ``MAX_RECOVERIES`` times.

    Everything reported from here on carries ``after_syntax_error`` and says so in its
    message: a line set aside can hide a key (a missing field) or shift a block. Each re-read
    is one linear parse, so a file of 10,000 syntax errors costs ``MAX_RECOVERIES`` parses.
    """
    lines = text.split("\n")
    aside: list[int] = []
    budget = max(1, min(MAX_RECOVERIES, MAX_RECOVERY_CHARACTERS // max(1, len(text))))
    current, error = text, exc
    while True:
        code, _, at, index = _syntax_error(error, current)
        if index is None or not 0 <= index < len(lines) or not lines[index].strip():
            return  # nothing left to set aside: the error is at the end, or on a blank line
        if len(aside) == budget:
            loaded.report(
                Code.YAML_SYNTAX,
                f"stopped reading past syntax errors after {budget + 1} of them (at most "
                f"{budget} re-reads for a file this size); the rest of the file is not "
                "checked: fix these and run again",
                at=at,
            )
            return
        key = _KEY_LINE.match(lines[index])
        loaded.set_aside[index + 1] = key.group(2) if key else ""
        lines[index] = ""
        aside.append(index + 1)
        loaded.after_syntax_error = AFTER_SYNTAX_ERROR.format(lines=_line_list(aside))
        current = "\n".join(lines)
        try:
            root = yaml.compose(current, Loader=_CatalogueLoader)
        except yaml.MarkedYAMLError as again:
            code, message, at, _ = _syntax_error(again, current)
            loaded.report(code, message, at=at)
            if code is not Code.YAML_SYNTAX:
                return
            error = again
            continue
        except (yaml.YAMLError, RecursionError):  # pragma: no cover - a mark-less libyaml error
            return
        if root is not None:
            _walk(loaded, root)
        return


def _line_list(numbers: list[int]) -> str:
    """``line 4``, ``lines 4 and 9``, ``lines 4, 9 and 12``, ``20 lines (4, 9, 12, ...)``."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    if len(numbers) <= 4:
        return f"lines {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"
    return f"{len(numbers)} lines ({', '.join(map(str, numbers[:3]))}, ...)"


def _syntax_error(
    exc: yaml.MarkedYAMLError, text: str
) -> tuple[Code, str, tuple[int, int], int | None]:
    """The code, message and place of a syntax error, and the 0-based line to set aside."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    unclosed = "flow sequence" in context or "flow mapping" in context
    unclosed = unclosed or _at_end(problem, exc.problem_mark, text)
    before = exc.context_mark and (
        exc.problem_mark is None or exc.context_mark.index < exc.problem_mark.index
    )
    quoted = _quote_closed_later(exc, text)
    if quoted is not None:
        # A quote left open and closed by the next quote on a later line: libyaml gives up
        # after that one, far below the mistake.
        mark, closed_at = quoted
        problem = (
            f"this quote is never closed before line {closed_at} (the quote there closes it, "
            f"so the lines between were read as text; {problem})"
        )
    elif exc.context_mark and exc.context and unclosed and before:
        # An unclosed quote or bracket: point where it opens, not where the parser gave up.
        mark = exc.context_mark
        words = exc.context.split()  # "while scanning a quoted scalar"
        what = " ".join(words[3:] if words[2:3] in (["a"], ["an"]) else words[2:])
        what = what.replace("scalar", "text")
        where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        problem = f"this {what} is never closed ({problem}{where})"
    elif "simple key" in context and exc.context_mark and before:
        # `title Strategic advice` with its ':' missing: libyaml notices on the next line.
        mark = exc.context_mark
        problem = f"{problem} on this line: a key needs ': ' before its value"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if "maximum nesting depth" in problem:
        return (
            Code.TOO_DEEP,
            f"nesting deeper than {LIBYAML_MAX_DEPTH} levels",
            (line, column),
            None,
        )
    message = problem if quoted is not None else _syntax_message(problem, text, mark)
    return Code.YAML_SYNTAX, message, (line, column), (mark.line if mark else None)


_QUOTE_BEFORE = re.compile(r"""["'][ \t]*\Z""")
_KEY_LINE = re.compile(r"^[ \t]*(- +)?([\w.-]+)[ \t]*:( |$)")


def _quote_closed_later(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, int] | None:
    """The opening mark and closing line of a quoted text that swallowed lines of keys.

    Only looked for when the parser gave up just after a closing quote; the tokens up to the
    error are scanned again (linear, and only for a file already in error).
    """
    problem = exc.problem_mark
    if problem is None:
        return None
    line_start = text.rfind("\n", 0, problem.index) + 1
    if not _QUOTE_BEFORE.search(text, line_start, problem.index):
        return None
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=_CatalogueLoader):
            if token.start_mark.index >= problem.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ('"', "'"):
        return None
    start, end = last.start_mark, last.end_mark
    if end.line != problem.line or start.line == end.line:
        return None
    inside = text[start.index : end.index].split("\n")[1:]
    if not any(_KEY_LINE.match(row) for row in inside):
        return None  # a real text over several lines: the mistake is after it
    return start, end.line + 1


def _at_end(problem: str, mark: Any, text: str) -> bool:
    if "end of stream" in problem or "<stream end>" in problem:
        return True
    return mark is not None and mark.index >= len(text.rstrip())


def _too_deep_at(text: str) -> tuple[int, int]:
    """Where nesting first goes past ``MAX_DEPTH``, found with the parser's event stream.

    The parser keeps its state on a list, not the call stack, so this works where composing
    the same text ran out of recursion.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the walk counts the top node as depth 0
                    return position(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:  # pragma: no cover - the text composed this far, so it parses
        pass
    return 0, 0


def _syntax_message(problem: str, text: str, mark: Any) -> str:
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    if at_tab or "\t" in problem:
        return f"{problem} (tabs cannot indent YAML; use spaces)"
    if problem.startswith("mapping values are not allowed"):
        return f"{problem} (check the indentation here and just above, or quote a value with ': ')"
    if problem.startswith(("did not find expected key", "did not find expected '-' indicator")):
        # libyaml's words for a line indented less (or more) than its siblings.
        return f"{problem} (check the indentation of this line and the line above)"
    return problem
