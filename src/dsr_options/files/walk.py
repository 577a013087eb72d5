"""The walk from a YAML node graph to plain data, where YAML's surprises become diagnostics.

Duplicate keys, YAML 1.1 booleans (``no``, ``on``), sexagesimal and octal numbers, impossible
dates, tags that would build objects, and aliases that multiply a small file into a huge
document: each is reported at its line:col instead of silently becoming different data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile, position
from dsr_options.files.schema_errors import kind_of

__all__ = [
    "MAX_ALIASES",
    "MAX_ALIAS_NODES",
    "MAX_ALIAS_TEXT",
    "MAX_DEPTH",
    "STR_TAG",
    "SafeLoader",
    "Walker",
]

try:  # libyaml is much faster, and it refuses flow nesting beyond 1,000 levels on its own.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as SafeLoader  # type: ignore[assignment]


MAX_DEPTH = 64
"""The deepest nesting of mappings and lists a catalogue needs is about ten."""
MAX_ALIASES = 100
"""Aliases (``*name``) a file may use in all; a handful is plenty for a hand-kept catalogue."""
MAX_ALIAS_NODES = 10_000
"""Nodes that aliases may add to the document in all, however they nest."""
MAX_ALIAS_TEXT = 100_000
"""Characters of text that aliases may add to the document in all: what an output can grow by."""
STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    STR_TAG,
}


_Scalar = yaml.ScalarNode
_BOOL_TAG = "tag:yaml.org,2002:bool"
_LOOK = object()
"""What :func:`_as_is` returns for a node the walk must look at closely."""
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_BOOLEANS = {"true": True, "false": False}


_SURROGATE = re.compile("[\ud800-\udfff]")
_ANCHOR = re.compile(r"&[-\w]")
"""What every anchor starts with (``&`` and a name character, in libyaml and in PyYAML's own
scanner); a text without it composes no node twice, so its walk need not look for aliases."""
_NULLS = {"", "~", "null", "Null", "NULL"}


_constructor = yaml.constructor.SafeConstructor()


class Walker:
    """Builds plain Python data from a node graph, reporting what YAML would quietly change."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.seen: set[int] = set()
        self.aliases = 0
        self.alias_nodes = 0
        self.alias_text = 0
        self.alias_depth = 0
        self.stopped = False
        # Without an anchor no node is shared (no alias to count); a scalar can hold a surrogate
        # only if the text does or a ``\u``/``\U`` escape wrote one. Without either, the
        # common scalars (strings, true, false) are taken as they are, with no check to fail.
        text = loaded.text
        self.shared = _ANCHOR.search(text) is not None
        escapes = "\\" in text and ("\\u" in text or "\\U" in text)  # one memory scan if none
        surrogates = escapes or _has_surrogate(text)
        self.fast = not self.shared and not surrogates

    def walk(self, node: yaml.Node) -> Any:
        return self._node(node, [], 0)

    def _stop(self, node: yaml.Node, code: Code, message: str, path: list[str | int]) -> None:
        self.loaded.report(code, message, node=node, path=path)
        self.stopped = True

    def _stop_at_alias(self, message: str, path: list[str | int]) -> None:
        """Stop at the alias being expanded, found by its number among the aliases written.

        Composing shares one node among an anchor and its aliases, so the node knows only where
        the anchor is; the parser's events know where each alias is written, in walk order.
        """
        line, column = 0, 0
        seen = 0
        try:
            for event in yaml.parse(self.loaded.text, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    seen += 1
                    if seen == self.aliases:
                        line, column = position(event)
                        break
        except yaml.YAMLError:  # pragma: no cover - the text composed, so it parses
            pass
        self.loaded.report(Code.ALIAS_LIMIT, message, at=(line, column), path=path)
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
            self._stop(node, Code.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels", path)
            return None
        if not self.shared:
            return self._dispatch(node, path, depth)
        alias = self._enter(node, path)
        if alias is None:
            return None
        self.alias_depth += alias
        try:
            return self._dispatch(node, path, depth)
        finally:
            self.alias_depth -= alias

    def _dispatch(self, node: yaml.Node, path: list[str | int], depth: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path, depth)
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: list[str | int], depth: int) -> Any:
        if node.tag not in _COLLECTION_TAGS:
            return self._bad_tag(node, path)
        fast = self.fast and depth < MAX_DEPTH  # a child is at depth + 1
        result: dict[str, Any] = {}
        firsts: dict[str, yaml.Node] | None = None  # made at the first duplicate, if any
        for key_node, value_node in node.value:
            if (
                fast
                and key_node.__class__ is _Scalar
                and key_node.tag == STR_TAG
                and not self.stopped
            ):
                key = key_node.value
            else:
                key = self._key(key_node, path)
                if key is None:
                    continue
            if key in result:
                firsts = _first_key_nodes(node) if firsts is None else firsts
                first_line, _ = position(firsts[key])
                self.loaded.report(
                    Code.DUPLICATE_KEY,
                    f"duplicate key {_clip(key)} (first at line {first_line}); YAML keeps only one "
                    "of them, so remove or rename the other",
                    node=key_node,
                    path=[*path, key],
                )
                continue
            if fast and value_node.__class__ is _Scalar and value_node.tag == STR_TAG:
                result[key] = value_node.value  # most values: text, taken as it is
                continue
            value = _as_is(value_node) if fast else _LOOK
            if value is _LOOK:
                value = self._node(value_node, [*path, key], depth + 1)
            result[key] = value
        return result

    def _key(self, node: yaml.Node, path: list[str | int]) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.loaded.report(
                Code.KEY_NOT_TEXT,
                "a key must be plain text, not a list or mapping",
                node=node,
                path=path,
            )
            return None
        if self._enter(node, path) is None:  # a key can be an alias too
            return None
        if node.tag == "tag:yaml.org,2002:merge":
            self.loaded.report(
                Code.MERGE_KEY,
                "merge keys ('<<') are not supported; write the keys out",
                node=node,
                path=path,
            )
            return None
        value = self._scalar(node, path)
        if node.tag != STR_TAG or not isinstance(value, str):
            if value is not None or node.tag == "tag:yaml.org,2002:null":
                self.loaded.report(
                    Code.KEY_NOT_TEXT,
                    f"the key {_clip(node.value)} is read as {kind_of(value)}; quote it",
                    node=node,
                    path=path,
                )
            return None
        return value

    def _sequence(self, node: yaml.SequenceNode, path: list[str | int], depth: int) -> Any:
        if node.tag not in _COLLECTION_TAGS:
            return self._bad_tag(node, path)
        fast = self.fast and depth < MAX_DEPTH  # an item is at depth + 1
        result = []
        for i, item in enumerate(node.value):
            value = _as_is(item) if fast else _LOOK
            if value is _LOOK:
                value = self._node(item, [*path, i], depth + 1)
            result.append(value)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: list[str | int]) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == STR_TAG:
            surrogate = _SURROGATE.search(node.value)
            if surrogate:  # only the pure-Python parser lets "\ud800" through; no file can hold it
                message = f"{_clip(surrogate.group())} is half of a UTF-16 pair, not a character"
                self.loaded.report(Code.ENCODING, message, node=node, path=path)
                return None
            return node.value
        if tag == "tag:yaml.org,2002:bool":
            value = _PLAIN_BOOLEANS.get(node.value.lower())
            if value is None:
                self.loaded.report(
                    Code.AMBIGUOUS_BOOLEAN,
                    f"YAML 1.1 reads {_clip(node.value)} as a boolean; write true or false, "
                    f"or quote it ({_clip(node.value)}) if you mean text",
                    node=node,
                    path=path,
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
        self.loaded.report(Code.BAD_SCALAR, message, node=node, path=path)

    def _surprise(self, node: yaml.ScalarNode, path: list[str | int], reading: str) -> None:
        self.loaded.report(
            Code.AMBIGUOUS_NUMBER,
            f"YAML 1.1 reads {_clip(node.value)} as {reading}; quote it ({_clip(node.value)}) "
            "if you mean text, or write the number plainly",
            node=node,
            path=path,
        )

    def _bad_tag(self, node: yaml.Node, path: list[str | int]) -> None:
        self.loaded.report(
            Code.TAG_NOT_ALLOWED,
            f"the tag {_clip(node.tag.replace('tag:yaml.org,2002:', '!!'))} is not allowed; "
            "catalogue files hold plain text, numbers, booleans, dates, lists and mappings",
            node=node,
            path=path,
        )


def _first_key_nodes(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    """Each text key of a mapping and the node of its first occurrence (only text keys are
    kept in the walked mapping): one pass, however many keys are repeated."""
    firsts: dict[str, yaml.Node] = {}
    for key, _ in node.value:
        if key.__class__ is _Scalar and key.tag == STR_TAG:
            firsts.setdefault(key.value, key)
    return firsts


def _as_is(node: yaml.Node) -> Any:
    """A string or a plain ``true``/``false`` as it is, else ``_LOOK``: the walk looks closer.

    Only for a file where no node is shared and no scalar can hold a surrogate (``fast``), and
    within the depth limit: then neither can be the subject of a diagnostic.
    """
    if node.__class__ is not _Scalar:
        return _LOOK
    tag = node.tag
    if tag == STR_TAG:
        return node.value
    if tag == _BOOL_TAG:
        return _PLAIN_BOOLEANS.get(node.value.lower(), _LOOK)
    return _LOOK


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` itself holds a surrogate (only a str built in Python can: decoding UTF-8
    refuses them); encoding finds out at a fraction of a regular expression's cost."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clip(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, shortened: a diagnostic echoes data, it does not copy it."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"
