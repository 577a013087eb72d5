"""YAML text to plain data and models, keeping a line:col for every node and every problem.

The only module that imports ``yaml``. Text is composed into a node graph by libyaml (the C
parser, when PyYAML has it), then walked here into plain Python values. The walk is where YAML's
surprises become located diagnostics instead of silently different data: duplicate keys, YAML 1.1
booleans (``no``, ``on``), sexagesimal and octal numbers, impossible dates, tags that would build
objects, and aliases that multiply a small file into a huge document.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dsr_options.errors import Diagnostic
from dsr_options.pydantic_errors import data_path, describe_validation_error

try:  # libyaml is much faster, and it refuses flow nesting beyond 1,000 levels on its own.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = int(os.environ.get("DSR_OPTIONS_MAX_FILE_MB", "64")) * 1024 * 1024
"""Refuse larger files before parsing: a catalogue this size is a mistake or an attack."""
MAX_DEPTH = 64
"""The deepest nesting of mappings and lists a catalogue needs is about ten."""
MAX_ALIASES = 100
"""Aliases (``*name``) a file may use in all; a handful is plenty for a hand-kept catalogue."""
MAX_ALIAS_NODES = 10_000
"""Nodes that aliases may add to the document in all, however they nest."""

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
    text: str
    data: Any = None
    root: yaml.Node | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(
        self, node: yaml.Node | None, code: str, message: str, path: Sequence[Any] = ()
    ) -> None:
        line, column = position(node)
        self.diagnostics.append(
            Diagnostic(self.path, line, column, code, message, path=tuple(path))
        )

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> yaml.Node | None:
        """The node at ``path`` (or the nearest node above it); with ``key``, the key itself."""
        return locate(self.root, path, key=key)


def position(node: yaml.Node | None) -> tuple[int, int]:
    """1-based line and column of a node; (0, 0) for none, meaning the whole file."""
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read, decode and walk one YAML file; every problem lands in ``diagnostics``."""
    shown = display if display is not None else str(path)
    loaded = LoadedFile(shown, "")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            loaded.error(
                None,
                "file-too-large",
                f"the file is {size / 1_048_576:.1f} MiB; the limit is "
                f"{MAX_FILE_BYTES // 1_048_576} MiB (set DSR_OPTIONS_MAX_FILE_MB to raise it)",
            )
            return loaded
        raw = path.read_bytes()
    except IsADirectoryError:
        loaded.error(None, "unreadable", "is a directory, not a YAML file")
        return loaded
    except OSError as exc:
        loaded.error(None, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return loaded
    return parse_bytes(raw, shown)


def parse_bytes(raw: bytes, display: str) -> LoadedFile:
    """Decode UTF-8 (a BOM is allowed), then parse and walk."""
    loaded = LoadedFile(display, "")
    if len(raw) > MAX_FILE_BYTES:
        loaded.error(None, "file-too-large", f"the document is over {MAX_FILE_BYTES} bytes")
        return loaded
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[bom:offset].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        loaded.diagnostics.append(
            Diagnostic(
                display,
                line,
                column,
                "encoding",
                f"byte 0x{raw[offset]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        )
        return loaded
    return parse_text(text, display)


def parse_text(text: str, display: str) -> LoadedFile:
    """Parse YAML text into nodes and walk them into plain data, collecting every problem."""
    text = text.replace("\r\n", "\n")
    loaded = LoadedFile(display, text)
    nul = text.find("\x00")
    if nul >= 0:
        _error_at_offset(loaded, text, nul, "control-character", "the file contains a NUL byte")
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
        loaded.diagnostics.append(
            Diagnostic(display, line, column, "yaml-syntax", _syntax_message(problem, text, mark))
        )
        return loaded
    except yaml.YAMLError as exc:  # libyaml reports a few problems without a mark
        loaded.error(None, "yaml-syntax", str(exc).strip() or "invalid YAML")
        return loaded
    except RecursionError:  # pragma: no cover - only the pure-Python parser recurses
        loaded.error(None, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        return loaded
    if root is None:
        loaded.error(None, "empty-file", "the file holds no YAML document")
        return loaded
    loaded.root = root
    loaded.data = _Walker(loaded).walk(root)
    return loaded


def _at_end(problem: str, mark: Any, text: str) -> bool:
    if "end of stream" in problem or "<stream end>" in problem:
        return True
    return mark is not None and mark.index >= len(text.rstrip())


def _syntax_message(problem: str, text: str, mark: Any) -> str:
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    if at_tab or "\t" in problem:
        return f"{problem} (tabs cannot indent YAML; use spaces)"
    if problem.startswith("mapping values are not allowed"):
        return f"{problem} (check the indentation here and just above, or quote a value with ': ')"
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
        self.alias_depth = 0
        self.stopped = False

    def walk(self, node: yaml.Node) -> Any:
        return self._node(node, [], 0)

    def _node(self, node: yaml.Node, path: list[str | int], depth: int) -> Any:
        if self.stopped:
            return None
        if depth > MAX_DEPTH:
            self.loaded.error(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", path)
            self.stopped = True
            return None
        aliased = id(node) in self.seen
        if aliased and not isinstance(node, yaml.ScalarNode):
            return self._alias(node, path, depth)
        self.seen.add(id(node))
        if self.alias_depth:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                self.loaded.error(
                    node,
                    "alias-limit",
                    f"aliases expand to more than {MAX_ALIAS_NODES} nodes; write the data out",
                    path,
                )
                self.stopped = True
                return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path, depth)
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _alias(self, node: yaml.Node, path: list[str | int], depth: int) -> Any:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            self.loaded.error(
                node, "alias-limit", f"more than {MAX_ALIASES} aliases; write the data out", path
            )
            self.stopped = True
            return None
        self.alias_depth += 1
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            assert isinstance(node, yaml.SequenceNode)
            return self._sequence(node, path, depth)
        finally:
            self.alias_depth -= 1

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
                    f"duplicate key '{key}' (first at line {first_line}); YAML keeps only one "
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
                    f"the key {node.value!r} is read as a {_kind(value)}; quote it",
                    path,
                )
            return None
        return value

    def _sequence(self, node: yaml.SequenceNode, path: list[str | int], depth: int) -> Any:
        if node.tag not in _COLLECTION_TAGS:
            return self._bad_tag(node, path)
        return [
            self._node(item, [*path, index], depth + 1) for index, item in enumerate(node.value)
        ]

    def _scalar(self, node: yaml.ScalarNode, path: list[str | int]) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == _STR:
            return node.value
        if tag == "tag:yaml.org,2002:bool":
            value = _PLAIN_BOOLEANS.get(node.value.lower())
            if value is None:
                self.loaded.error(
                    node,
                    "ambiguous-boolean",
                    f"YAML 1.1 reads {node.value!r} as a boolean; write true or false, "
                    f"or quote it ('{node.value}') if you mean text",
                    path,
                )
            return value
        if tag == "tag:yaml.org,2002:int" and not node.style:  # plain: None or ""
            digits = node.value.lstrip("+-")
            if ":" in digits:
                return self._surprise(node, path, "a sexagesimal (base 60) number")
            if len(digits) > 1 and digits.startswith("0") and digits[1:2].isdigit():
                return self._surprise(node, path, "an octal number")
        try:
            return _constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError, IndexError, TypeError, OverflowError):
            what = {
                "tag:yaml.org,2002:timestamp": "date",
                "tag:yaml.org,2002:int": "whole number",
                "tag:yaml.org,2002:float": "number",
                "tag:yaml.org,2002:null": "null",
            }.get(tag, "value")
            self.loaded.error(
                node,
                "bad-scalar",
                f"{node.value!r} is not a valid {what}; quote it if it is text",
                path,
            )
            return None

    def _surprise(self, node: yaml.ScalarNode, path: list[str | int], reading: str) -> None:
        self.loaded.error(
            node,
            "ambiguous-number",
            f"YAML 1.1 reads {node.value!r} as {reading}; quote it ('{node.value}') "
            "if you mean text, or write the number plainly",
            path,
        )

    def _bad_tag(self, node: yaml.Node, path: list[str | int]) -> None:
        self.loaded.error(
            node,
            "tag-not-allowed",
            f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
            "catalogue files hold plain text, numbers, booleans, dates, lists and mappings",
            path,
        )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if value is None:
        return "null"
    return type(value).__name__


def locate(
    root: yaml.Node | None, path: Sequence[str | int], *, key: bool = False
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
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    node = key_node if key and last else value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
        else:
            break
    return node


def iter_mapping_keys(node: yaml.Node | None) -> Iterator[str]:
    """The text keys of a mapping node, for suggestions."""
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield key_node.value


def validate_model(loaded: LoadedFile, model: type[ModelT]) -> ModelT | None:
    """Validate walked data against a model, turning each pydantic error into a diagnostic."""
    if loaded.data is None:
        return None
    if not isinstance(loaded.data, dict):
        loaded.error(
            loaded.root,
            "wrong-type",
            f"the file must hold a mapping of fields, not {_describe(loaded.data)}",
        )
        return None
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        # A value the walk already reported (and replaced by None) would be reported again
        # as "wrong type"; one error per place is what an editor needs.
        walked = {(d.line, d.column) for d in loaded.diagnostics}
        reported: set[tuple[int, int, tuple[str | int, ...]]] = set()
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            code, message, at_key = describe_validation_error(model, error)
            line, column = position(loaded.locate(loc, key=at_key))
            path = data_path(model, loc)
            # One error per place and path: the members of a union each fail at the same
            # value, but a missing field and an unknown one may share the mapping's start.
            if (line, column) in walked or (line, column, path) in reported:
                continue
            reported.add((line, column, path))
            diagnostic = Diagnostic(loaded.path, line, column, code, message, path=path)
            loaded.diagnostics.append(diagnostic)
        return None


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return f"a {_kind(value)}"


def source_line(text: str, line: int) -> str:
    """The text of a 1-based line, for showing under a diagnostic."""
    if line < 1:
        return ""
    lines = text.splitlines()
    return lines[line - 1] if line <= len(lines) else ""


class _Dumper(yaml.SafeDumper):
    """Block style, and no line folding: output text reads back exactly as it went in."""


def dump_yaml(data: Any) -> str:
    """YAML text for plain data (the writer the render layer uses; only this module has yaml)."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
