"""Where each item of a file is written, kept without the file's node graph (``Places``).

A diff locates each change it lists (``OLD:data/roles.yaml:12:7``), but a handful of items
hold changes, while the node graph of a whole catalogue is most of the memory that loading it
takes. ``Places`` keeps the file's text and each item's span, and composes an item's nodes
again, from its text alone, only when a place inside it is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from dsr_options.files.located import LoadedFile, locate, position
from dsr_options.files.walk import SafeLoader

__all__ = ["Places"]

_ANCHOR_NAME = re.compile(r"[-\w]")
"""What follows the ``&`` of every anchor (as ``files.walk`` finds them)."""


def _has_anchor(text: str) -> bool:
    """Whether ``text`` may hold an anchor: an ``&`` and a name character (one in a quote
    counts too: the file is then taken as not self-contained, a cost and not an error)."""
    at = text.find("&")
    while at != -1:
        if _ANCHOR_NAME.match(text, at + 1):
            return True
        at = text.find("&", at + 1)
    return False


class _Places(SafeLoader):
    """libyaml, composing for places only: a node's tag is never read, so none is resolved."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return ""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class Places:
    """Where each item of one file is written, kept without the file's node graph.

    The file's text and, for each item of its lists, where the item's node starts and ends. An
    item's own nodes are composed again, from its text alone, when a place inside it is asked
    for (a diff locates its changes, a handful of items): holding the node graph of a whole
    catalogue (most of the memory loading takes) for that is not needed. A text the item cannot
    be composed from alone (an alias of an anchor outside it) is composed whole, once.
    """

    def __init__(self, file: LoadedFile) -> None:
        self.path = file.path
        self.text = file.text
        self._root = file.root
        self._spans: dict[tuple[str, int], tuple[int, int, int, int]] = {}
        self._items: dict[tuple[str, int], yaml.Node | None] = {}
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        self._whole: yaml.Node | None = None
        self._self_contained: bool | None = None

    def add(self, collection: str, index: int) -> None:
        """Keep where item ``index`` of ``collection`` is written (while the graph is held)."""
        items = locate(self._root, (collection,))
        if not isinstance(items, yaml.SequenceNode) or items is self._root:
            return
        if not 0 <= index < len(items.value):
            return
        start, end = items.value[index].start_mark, items.value[index].end_mark
        self._spans[collection, index] = (start.index, start.line, start.column, end.index)

    def item_text(self, collection: str, index: int) -> tuple[int, str] | None:
        """The column an item starts at and its text, when that text alone makes what the item
        holds; else None.

        It does when the file has no anchor (``&name``: without one no alias reaches into
        another item) and no directive (``%TAG`` could name tags otherwise): then two items
        written alike, from the same column, hold the same, in any two files.
        """
        if self._self_contained is None:
            directive = self.text.startswith("%") or "\n%" in self.text
            self._self_contained = not (directive or _has_anchor(self.text))
        span = self._spans.get((collection, index))
        if span is None or not self._self_contained:
            return None
        return span[2], self.text[span[0] : span[3]]

    def let_go(self) -> None:
        """Drop the node graph: every item's place is kept."""
        self._root = None

    def position(self, collection: str, index: int, path: Sequence[str | int]) -> tuple[int, int]:
        """1-based line and column of ``path`` inside the item (as ``LoadedFile.locate``)."""
        span = self._spans.get((collection, index))
        if span is None:
            return position(locate(self._graph(), (collection, index, *path), cache=self._keys))
        item = self._item(collection, index, span)
        if item is None:
            return position(locate(self._graph(), (collection, index, *path), cache=self._keys))
        line, column = position(locate(item, path, cache=self._keys))
        return line + span[1], column

    def _item(
        self, collection: str, index: int, span: tuple[int, int, int, int]
    ) -> yaml.Node | None:
        key = (collection, index)
        if key not in self._items:
            start, _, column, end = span
            # The item's first line padded to its column: every node keeps its column, and its
            # line is counted from the item's first.
            try:
                item = yaml.compose(" " * column + self.text[start:end], Loader=_Places)
            except yaml.YAMLError:
                item = None
            self._items[key] = item
        return self._items[key]

    def _graph(self) -> yaml.Node | None:
        if self._root is not None:
            return self._root
        if self._whole is None:
            self._whole = yaml.compose(self.text, Loader=_Places)
        return self._whole
