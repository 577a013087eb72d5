"""YAML text to plain data and models, keeping a line:col for every node and every problem.

The only module that imports ``yaml``. Text is composed into a node graph by libyaml (the C
parser, when PyYAML has it), then walked here into plain Python values. The walk is where YAML's
surprises become located diagnostics instead of silently different data: duplicate keys, YAML 1.1
booleans (``no``, ``on``), sexagesimal and octal numbers, impossible dates, tags that would build
objects, and aliases that multiply a small file into a huge document.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dsr_options.errors import Diagnostic, UsageError
from dsr_options.files.schema_errors import data_path, describe_validation_error, kind_of, stand_ins

try:  # libyaml is much faster, and it refuses flow nesting beyond 1,000 levels on its own.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_ENV = "DSR_OPTIONS_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 64
"""Refuse larger files before parsing. The shipped catalogue is about 60 KB; the command line
validates about 8 MB of YAML a second in about 30 MB of memory per MB (measured on a generated
catalogue), so 64 MiB (some 13,000 roles) bounds a run to seconds and under 2 GB."""
MAX_DEPTH = 64
"""The deepest nesting of mappings and lists a catalogue needs is about ten."""
LIBYAML_MAX_DEPTH = 1000
"""libyaml refuses deeper flow or block nesting while parsing, before our walk sees it."""
MAX_ALIASES = 100
"""Aliases (``*name``) a file may use in all; a handful is plenty for a hand-kept catalogue."""
MAX_ALIAS_NODES = 10_000
"""Nodes that aliases may add to the document in all, however they nest."""
MAX_ALIAS_TEXT = 100_000
"""Characters of text that aliases may add to the document in all: what an output can grow by."""
MAX_REPORTED = 1_000
"""Schema errors reported per file; past this many, the rest are counted, not described."""

# Characters YAML counts as line breaks but editors do not (so every line number after one would
# be wrong), and NUL, which no text file holds.
_BAD_CHARACTERS = re.compile("[\x00\x85\u2028\u2029]")
_BAD_CHARACTER_NAMES = {
    "\x00": "a NUL byte",
    "\x85": "a NEL (U+0085) line break",
    "\u2028": "a LINE SEPARATOR (U+2028)",
    "\u2029": "a PARAGRAPH SEPARATOR (U+2029)",
}

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    _STR,
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_BOOLEANS = {"true": True, "false": False}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NULLS = {"", "~", "null", "Null", "NULL"}
_constructor = yaml.constructor.SafeConstructor()


_pyyaml_resolve: Any = _Loader.resolve
_resolved: dict[str, str] = {}
"""Tags of plain scalars PyYAML had to resolve; a plain scalar's tag depends on its text only."""


class _CatalogueLoader(_Loader):
    """libyaml, with PyYAML's tag resolution made cheap for the scalars that cannot be special.

    libyaml calls back into Python to resolve the tag of every node, and PyYAML's resolver does
    a list concatenation and a dictionary lookup even for prose. A plain scalar can only resolve
    to a non-string tag if its first character starts one of the implicit resolvers' patterns,
    so every other scalar (and every quoted one) is a string at once; the rest go through
    PyYAML's own ``resolve``, so the tags are exactly PyYAML's. Safe because the safe loaders
    have no path resolvers and no wildcard implicit resolvers (checked below).
    """

    _special_first = frozenset(key for key in _Loader.yaml_implicit_resolvers if key)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in self._special_first):
                tag = _resolved.get(value)
                if tag is None:
                    tag = str(_pyyaml_resolve(self, kind, value, implicit))
                    if len(_resolved) < 4096:  # keys and value ids repeat; prose does not
                        _resolved[value] = tag
                return tag
            return _STR
        if kind is yaml.MappingNode:
            return "tag:yaml.org,2002:map"
        return "tag:yaml.org,2002:seq"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None  # no path resolvers: nothing to track

    def ascend_resolver(self) -> None:
        return None


if _Loader.yaml_path_resolvers or None in _Loader.yaml_implicit_resolvers:  # pragma: no cover
    _CatalogueLoader = _Loader  # type: ignore[misc,assignment]  # a PyYAML we do not know


ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class LoadedFile:
    """A YAML file read and walked: its plain data, its node graph for locating, its problems."""

    path: str
    """The path as the user should see it in a diagnostic."""
    text: str = field(repr=False)
    data: Any = field(default=None, repr=False)
    root: yaml.Node | None = field(default=None, repr=False)
    """The node graph; never repr'd: with aliases, its repr grows exponentially."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False
    )
    """Each mapping's keys, indexed as first asked for: locating stays linear in errors."""
    unreported: int = 0
    """Problems found after ``MAX_REPORTED`` were: counted, not kept (see ``error``)."""
    _summary: int = -1

    def error(
        self, node: yaml.Node | None, code: str, message: str, path: Sequence[Any] = ()
    ) -> None:
        """Report a problem; past ``MAX_REPORTED`` in this file, only count it.

        The first problem not kept becomes one ``too-many-errors`` diagnostic at its place,
        whose count ``finish_count`` fills in, so that a file of a million repeated keys costs
        a counter, not a million diagnostics.
        """
        if self.unreported or len(self.diagnostics) >= MAX_REPORTED:
            if not self.unreported:
                self._summary = len(self.diagnostics)
                line, column = position(node)
                self.diagnostics.append(Diagnostic(self.path, line, column, "too-many-errors", ""))
            self.unreported += 1
            return
        line, column = position(node)
        self.diagnostics.append(
            Diagnostic(self.path, line, column, code, message, path=tuple(path))
        )

    def finish_count(self) -> None:
        """Word the ``too-many-errors`` diagnostic with the number of problems left out."""
        if self.unreported:
            held = self.diagnostics[self._summary]
            self.diagnostics[self._summary] = Diagnostic(
                held.file,
                held.line,
                held.column,
                "too-many-errors",
                f"{self.unreported:,} more problems from here on not shown; fix these first",
            )

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> yaml.Node | None:
        """The node at ``path`` (or the nearest node above it); with ``key``, the key itself."""
        return locate(self.root, path, key=key, cache=self._keys)


def position(node: yaml.Node | yaml.Event | None) -> tuple[int, int]:
    """1-based line and column of a node; (0, 0) for none, meaning the whole file."""
    if node is None or node.start_mark is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


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


def read_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read, decode and walk one YAML file; every problem lands in ``diagnostics``.

    Only a regular file is opened (a FIFO or a device could block or never end), and never more
    than the size limit is read, even if the file grows after it was measured.
    """
    shown = display if display is not None else str(path)
    loaded = LoadedFile(shown, "")
    limit = max_file_bytes()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            loaded.error(None, "unreadable", "is a directory, not a YAML file")
            return loaded
        if not stat.S_ISREG(info.st_mode):
            loaded.error(None, "unreadable", "is not a regular file")
            return loaded
        if info.st_size > limit:
            loaded.error(None, "file-too-large", _too_large(info.st_size, limit))
            return loaded
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        loaded.error(None, "unreadable", "no such file")
        return loaded
    except OSError as exc:
        loaded.error(None, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return loaded
    if len(raw) > limit:
        loaded.error(None, "file-too-large", _too_large(len(raw), limit))
        return loaded
    return parse_bytes(raw, shown)


def parse_bytes(raw: bytes, display: str) -> LoadedFile:
    """Decode UTF-8 (a BOM is allowed), then parse and walk."""
    loaded = LoadedFile(display, "")
    limit = max_file_bytes()
    if len(raw) > limit:
        loaded.error(None, "file-too-large", _too_large(len(raw), limit))
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
        loaded.diagnostics.append(
            Diagnostic(
                display,
                line,
                column,
                "encoding",
                f"byte 0x{raw[offset]:02x} is not valid UTF-8; {hint}",
            )
        )
        return loaded
    return parse_text(text, display)


def parse_text(text: str, display: str) -> LoadedFile:
    """Parse YAML text into nodes and walk them into plain data, collecting every problem."""
    # Old Mac line ends are line breaks to YAML and to editors alike: count them as one.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = LoadedFile(display, text)
    bad = _BAD_CHARACTERS.search(text)
    if bad:
        what = _BAD_CHARACTER_NAMES[bad.group()]
        hint = "" if bad.group() == "\x00" else "; YAML and editors count lines differently"
        _error_at_offset(
            loaded, text, bad.start(), "control-character", f"the file contains {what}{hint}"
        )
        return loaded
    try:
        root = yaml.compose(text, Loader=_CatalogueLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        context = exc.context or ""
        unclosed = "flow sequence" in context or "flow mapping" in context
        unclosed = unclosed or _at_end(problem, exc.problem_mark, text)
        before = exc.context_mark and (
            exc.problem_mark is None or exc.context_mark.index < exc.problem_mark.index
        )
        if exc.context_mark and exc.context and unclosed and before:
            # An unclosed quote or bracket: point where it opens, not where the parser gave up.
            mark = exc.context_mark
            words = exc.context.split()  # "while scanning a quoted scalar"
            what = " ".join(words[3:] if words[2:3] in (["a"], ["an"]) else words[2:])
            what = what.replace("scalar", "text")
            where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
            problem = f"this {what} is never closed ({problem}{where})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if "maximum nesting depth" in problem:
            code, message = "too-deep", f"nesting deeper than {LIBYAML_MAX_DEPTH} levels"
        else:
            code, message = "yaml-syntax", _syntax_message(problem, text, mark)
        loaded.diagnostics.append(Diagnostic(display, line, column, code, message))
        return loaded
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; located by offset only
        _error_at_offset(
            loaded,
            text,
            exc.position,
            "control-character",
            f"the file contains the control character U+{exc.character:04X}"
            if isinstance(exc.character, int)
            else "the file contains a character YAML does not allow",
        )
        return loaded
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports a few without a mark
        loaded.error(None, "yaml-syntax", str(exc).strip() or "invalid YAML")
        return loaded
    except RecursionError:  # only the pure-Python composer recurses, once per nesting level
        line, column = _too_deep_at(text)
        loaded.diagnostics.append(
            Diagnostic(display, line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        )
        return loaded
    if root is None:
        loaded.error(None, "empty-file", "the file holds no YAML document")
        return loaded
    loaded.root = root
    walker = _Walker(loaded)
    data = walker.walk(root)
    loaded.finish_count()
    # A walk stopped by a limit leaves holes that would be reported as errors of their own; a
    # walk past the report cap would only add schema errors nobody reads (and cost their build).
    loaded.data = None if walker.stopped or loaded.unreported else data
    return loaded


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
        for event in yaml.parse(text, Loader=_Loader):
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


def _error_at_offset(loaded: LoadedFile, text: str, offset: int, code: str, message: str) -> None:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    loaded.diagnostics.append(Diagnostic(loaded.path, line, column, code, message))


class _Walker:
    """Builds plain Python data from a node graph, reporting what YAML would quietly change."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.seen: set[int] = set()
        self.aliases = 0
        self.alias_nodes = 0
        self.alias_text = 0
        self.alias_depth = 0
        self.stopped = False

    def walk(self, node: yaml.Node) -> Any:
        return self._node(node, [], 0)

    def _stop(self, node: yaml.Node, code: str, message: str, path: list[str | int]) -> None:
        self.loaded.error(node, code, message, path)
        self.stopped = True

    def _stop_at_alias(self, message: str, path: list[str | int]) -> None:
        """Stop at the alias being expanded, found by its number among the aliases written.

        Composing shares one node among an anchor and its aliases, so the node knows only where
        the anchor is; the parser's events know where each alias is written, in walk order.
        """
        line, column = 0, 0
        seen = 0
        try:
            for event in yaml.parse(self.loaded.text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    seen += 1
                    if seen == self.aliases:
                        line, column = position(event)
                        break
        except yaml.YAMLError:  # pragma: no cover - the text composed, so it parses
            pass
        self.loaded.diagnostics.append(
            Diagnostic(self.loaded.path, line, column, "alias-limit", message, path=tuple(path))
        )
        self.stopped = True

    def _enter(self, node: yaml.Node, path: list[str | int]) -> bool | None:
        """Count what walking ``node`` costs: None past a limit (the walk stops), else whether
        ``node`` is an alias written in the file.

        Composing shares a node among its aliases, so a node met a second time is an alias. Each
        alias written in the file counts once; every node and character an alias repeats counts
        toward the budgets, however deeply aliases nest, so a "billion laughs" stops within a few
        thousand steps.
        """
        if self.stopped:
            return None
        alias = id(node) in self.seen and not self.alias_depth
        if alias:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                message = f"more than {MAX_ALIASES} aliases; write the data out"
                self._stop_at_alias(message, path)
                return None
        self.seen.add(id(node))
        if alias or self.alias_depth:
            self.alias_nodes += 1
            if isinstance(node, yaml.ScalarNode):
                self.alias_text += len(node.value)
            if self.alias_nodes > MAX_ALIAS_NODES:
                message = (
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes; write the data out"
                )
                self._stop_at_alias(message, path)
                return None
            if self.alias_text > MAX_ALIAS_TEXT:
                message = (
                    f"aliases repeat more than {MAX_ALIAS_TEXT:,} characters of text; "
                    "write the data out"
                )
                self._stop_at_alias(message, path)
                return None
        return alias

    def _node(self, node: yaml.Node, path: list[str | int], depth: int) -> Any:
        if self.stopped:
            return None
        if depth > MAX_DEPTH:
            self._stop(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", path)
            return None
        alias = self._enter(node, path)
        if alias is None:
            return None
        self.alias_depth += alias
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path, depth)
            assert isinstance(node, yaml.ScalarNode)
            return self._scalar(node, path)
        finally:
            self.alias_depth -= alias

    def _mapping(self, node: yaml.MappingNode, path: list[str | int], depth: int) -> Any:
        if node.tag not in _COLLECTION_TAGS:
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in first_seen:
                first_line, _ = position(first_seen[key])
                self.loaded.error(
                    key_node,
                    "duplicate-key",
                    f"duplicate key {_clip(key)} (first at line {first_line}); YAML keeps only one "
                    "of them, so remove or rename the other",
                    [*path, key],
                )
                continue
            first_seen[key] = key_node
            result[key] = self._node(value_node, [*path, key], depth + 1)
        return result

    def _key(self, node: yaml.Node, path: list[str | int]) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.loaded.error(
                node, "key-not-text", "a key must be plain text, not a list or mapping", path
            )
            return None
        if self._enter(node, path) is None:  # a key can be an alias too
            return None
        if node.tag == "tag:yaml.org,2002:merge":
            self.loaded.error(
                node, "merge-key", "merge keys ('<<') are not supported; write the keys out", path
            )
            return None
        value = self._scalar(node, path)
        if node.tag != _STR or not isinstance(value, str):
            if value is not None or node.tag == "tag:yaml.org,2002:null":
                self.loaded.error(
                    node,
                    "key-not-text",
                    f"the key {_clip(node.value)} is read as {kind_of(value)}; quote it",
                    path,
                )
            return None
        return value

    def _sequence(self, node: yaml.SequenceNode, path: list[str | int], depth: int) -> Any:
        if node.tag not in _COLLECTION_TAGS:
            return self._bad_tag(node, path)
        return [self._node(item, [*path, i], depth + 1) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.ScalarNode, path: list[str | int]) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == _STR:
            surrogate = _SURROGATE.search(node.value)
            if surrogate:  # only the pure-Python parser lets "\ud800" through; no file can hold it
                message = f"{_clip(surrogate.group())} is half of a UTF-16 pair, not a character"
                self.loaded.error(node, "encoding", message, path)
                return None
            return node.value
        if tag == "tag:yaml.org,2002:bool":
            value = _PLAIN_BOOLEANS.get(node.value.lower())
            if value is None:
                self.loaded.error(
                    node,
                    "ambiguous-boolean",
                    f"YAML 1.1 reads {_clip(node.value)} as a boolean; write true or false, "
                    f"or quote it ({_clip(node.value)}) if you mean text",
                    path,
                )
            return value
        if tag == "tag:yaml.org,2002:int" and not node.style:  # plain: None or ""
            digits = node.value.lstrip("+-")
            if ":" in digits:
                return self._surprise(node, path, "a sexagesimal (base 60) number")
            if len(digits) > 1 and digits.startswith("0") and digits[1:2].isdigit():
                return self._surprise(node, path, "an octal number")
        if tag == "tag:yaml.org,2002:null" and node.value not in _NULLS:
            return self._bad_scalar(node, path)  # PyYAML would drop the text without a word
        try:
            return _constructor.construct_object(node)
        # PyYAML's scalar constructors fail in many ways on an explicit tag over odd text:
        # ValueError (2024-02-30), KeyError (!!bool maybe), IndexError (!!int ''),
        # AttributeError (!!timestamp junk), OverflowError and friends.
        except (
            yaml.YAMLError,
            ValueError,
            KeyError,
            IndexError,
            AttributeError,
            TypeError,
            OverflowError,
        ):
            return self._bad_scalar(node, path)

    def _bad_scalar(self, node: yaml.ScalarNode, path: list[str | int]) -> None:
        what = {
            "tag:yaml.org,2002:timestamp": "date",
            "tag:yaml.org,2002:int": "whole number",
            "tag:yaml.org,2002:float": "number",
            "tag:yaml.org,2002:null": "null",
        }.get(node.tag, "value")
        message = f"{_clip(node.value)} is not a valid {what}; quote it if it is text"
        self.loaded.error(node, "bad-scalar", message, path)

    def _surprise(self, node: yaml.ScalarNode, path: list[str | int], reading: str) -> None:
        self.loaded.error(
            node,
            "ambiguous-number",
            f"YAML 1.1 reads {_clip(node.value)} as {reading}; quote it ({_clip(node.value)}) "
            "if you mean text, or write the number plainly",
            path,
        )

    def _bad_tag(self, node: yaml.Node, path: list[str | int]) -> None:
        self.loaded.error(
            node,
            "tag-not-allowed",
            f"the tag {_clip(node.tag.replace('tag:yaml.org,2002:', '!!'))} is not allowed; "
            "catalogue files hold plain text, numbers, booleans, dates, lists and mappings",
            path,
        )


def _clip(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, shortened: a diagnostic echoes data, it does not copy it."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def _mapping_keys(
    node: yaml.MappingNode, index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    keys = index.get(id(node))
    if keys is None:
        keys = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                keys.setdefault(key_node.value, (key_node, value_node))
        index[id(node)] = keys
    return keys


def locate(
    root: yaml.Node | None,
    path: Sequence[str | int],
    *,
    key: bool = False,
    cache: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] | None = None,
) -> yaml.Node | None:
    """Follow ``path`` down the node graph as far as it goes.

    Path parts that match nothing (pydantic's union tags such as ``test``) are skipped, so an
    error inside a rule still lands on the rule's own line. With ``key``, the last part names a
    mapping key and its key node is returned (an unknown field is reported where it is written).
    """
    node = root
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            found = _mapping_keys(node, {} if cache is None else cache).get(str(part))
            if found is not None:
                node = found[0] if key and last else found[1]
        elif isinstance(node, yaml.SequenceNode):
            # A text part here is a union tag (the 'all' of an 'all' rule): skipped too.
            if isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
        else:
            break
    return node


def validate_model(loaded: LoadedFile, model: type[ModelT]) -> ModelT | None:
    """Validate walked data against a model, turning each pydantic error into a diagnostic."""
    if loaded.data is None:
        if loaded.root is not None and not loaded.diagnostics:  # `---`, `~` or `null` alone
            root = loaded.root if loaded.root.value else None  # `---` alone: the whole file
            loaded.error(root, "empty-file", "the file holds an empty document")
        return None
    if not isinstance(loaded.data, dict):
        loaded.error(
            loaded.root,
            "wrong-type",
            f"the file must hold a mapping of fields, not {kind_of(loaded.data)}",
        )
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        # A value the walk already reported (and replaced by None) would be reported again
        # as "wrong type"; one error per place is what an editor needs.
        walked = {(d.line, d.column) for d in loaded.diagnostics}
        # A value the walk refused is None to the model, and a model check over its mapping
        # (a test's "exactly one operator") would fail because of it: a consequence, not a
        # second mistake.
        walked_parents = {d.path[:-1] for d in loaded.diagnostics if d.path}
        reported: set[tuple[int, int, tuple[str | int, ...]]] = set()
        all_errors = exc.errors(include_url=False)
        # A misspelled field (`levle:`) is one mistake, not also a missing `levels`.
        standing_in = stand_ins(model, all_errors)
        explained = set(standing_in.values())
        errors = [e for i, e in enumerate(all_errors) if i not in explained]
        stands = [i in standing_in for i, e in enumerate(all_errors) if i not in explained]
        for count, error in enumerate(errors):
            if count == MAX_REPORTED:
                message = f"{len(errors) - count:,} more schema errors not shown; fix these first"
                loaded.diagnostics.append(Diagnostic(loaded.path, 0, 0, "too-many-errors", message))
                break
            loc = tuple(error["loc"])
            code, message, at_key = describe_validation_error(
                model, error, stands_for_missing=stands[count]
            )
            line, column = position(loaded.locate(loc, key=at_key))
            path = data_path(model, loc)
            # One error per place and path: the members of a union each fail at the same
            # value, but a missing field and an unknown one may share the mapping's start.
            if (line, column) in walked or (line, column, path) in reported:
                continue
            if error["type"] == "value_error" and path in walked_parents:
                continue
            reported.add((line, column, path))
            diagnostic = Diagnostic(loaded.path, line, column, code, message, path=path)
            loaded.diagnostics.append(diagnostic)
        return None


_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it: the pure-Python one took minutes on a large catalogue."""


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Block style, and no line folding: output text reads back exactly as it went in."""


def dump_yaml(data: Any, escape: str = "") -> str:
    """YAML text for plain data (the writer the render layer uses; only this module has yaml).

    ``escape`` is a regex character class: a string holding any of those characters is written
    double-quoted with each of them as an escape (``"\\u202E"``), never as the raw character.
    PyYAML escapes controls itself but writes bidi controls and the like as they are.
    """
    unsafe = re.compile(f"[{escape}]") if escape else None

    class Dumper(_Dumper):
        pass

    def represent_str(dumper: Any, value: str) -> yaml.ScalarNode:
        style = '"' if unsafe is not None and unsafe.search(value) else None
        node: yaml.ScalarNode = dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
        return node

    Dumper.add_representer(str, represent_str)
    text = yaml.dump(
        data,
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    # Every string holding such a character is double-quoted, where a \u escape means it.
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04X}", text) if unsafe else text
