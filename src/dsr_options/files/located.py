"""A file's located data: ``LoadedFile``, the one diagnostic sink with its cap, and line:col.

Every problem found while reading a catalogue file is reported through ``LoadedFile.error``,
which keeps at most ``MAX_REPORTED`` per file and counts the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from dsr_options.diagnostics import Code, Diagnostic
from dsr_options.files.schema_errors import data_path, describe_validation_error, kind_of, stand_ins

MAX_REPORTED = 1_000
"""Schema errors reported per file; past this many, the rest are counted, not described."""
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
    after_syntax_error: str = ""
    set_aside: dict[int, str] = field(default_factory=dict, repr=False)
    """Lines set aside to read past syntax errors, with the key each one wrote ("" for none)."""
    """Set once the file is read on past a syntax error: the words every later problem's
    message ends with (see ``files.read``); those problems are marked ``after_syntax_error``."""

    def report(
        self,
        code: Code,
        message: str,
        *,
        node: yaml.Node | yaml.Event | None = None,
        at: tuple[int, int] | None = None,
        path: Sequence[Any] = (),
        key: bool = False,
    ) -> None:
        """Report a problem: the one way a diagnostic is made.

        Its place is ``at`` (line, column), else ``node``'s, else the node at ``path`` (with
        ``key``, the key naming it), else the whole file. Its severity is the code's. Past
        ``MAX_REPORTED`` in this file a problem is only counted: the first one not kept becomes
        one ``too-many-errors`` diagnostic at its place, whose count ``finish_count`` fills in,
        so that a file of a million repeated keys costs a counter, not a million diagnostics.
        """
        if at is None:
            if node is None and path:
                node = self.locate(path, key=key)
            at = position(node)
        if self.unreported or len(self.diagnostics) >= MAX_REPORTED:
            if not self.unreported:
                self._summary = len(self.diagnostics)
                self.diagnostics.append(Diagnostic(self.path, *at, Code.TOO_MANY_ERRORS, ""))
            self.unreported += 1
            return
        if self.after_syntax_error:
            if self._set_aside_consequence(code, message, at, path):
                return
            message += self.after_syntax_error
        self.diagnostics.append(
            Diagnostic(
                self.path,
                *at,
                code,
                message,
                path=tuple(path),
                after_syntax_error=bool(self.after_syntax_error),
            )
        )

    def _set_aside_consequence(
        self, code: Code, message: str, at: tuple[int, int], path: Sequence[Any]
    ) -> bool:
        """Whether a problem is only the hole a set-aside line leaves: its key now missing, or
        the key above it now empty."""
        if code is Code.MISSING_FIELD and path:
            return str(path[-1]) in self.set_aside.values()
        if code is Code.WRONG_TYPE and message.endswith("not nothing (an empty value)"):
            return at[0] + 1 in self.set_aside
        return False

    def report_at_offset(self, offset: int, code: Code, message: str) -> None:
        """Report a problem at a character offset of the file's text."""
        text = self.text
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        self.report(code, message, at=(line, column))

    def finish_count(self) -> None:
        """Word the ``too-many-errors`` diagnostic with the number of problems left out."""
        if self.unreported:
            held = self.diagnostics[self._summary]
            self.diagnostics[self._summary] = Diagnostic(
                held.file,
                held.line,
                held.column,
                Code.TOO_MANY_ERRORS,
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
            loaded.report(Code.EMPTY_FILE, "the file holds an empty document", node=root)
        return None
    if not isinstance(loaded.data, dict):
        loaded.report(
            Code.WRONG_TYPE,
            f"the file must hold a mapping of fields, not {kind_of(loaded.data)}",
            node=loaded.root,
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
            loaded.report(code, message, at=(line, column), path=path)
        loaded.finish_count()
        return None
