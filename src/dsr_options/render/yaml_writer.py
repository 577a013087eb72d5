"""YAML output: the one render module that imports ``yaml`` (imported only for ``-f yaml``)."""

from __future__ import annotations

import re
from typing import Any

import yaml

_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it: the pure-Python one took minutes on a large catalogue."""


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Lone surrogates: what a file name of invalid UTF-8 bytes holds in Python."""
_MARK = "\ue000surrogate-{:04x}\ue001"
_MARKED = re.compile("\ue000surrogate-([0-9a-f]{4})\ue001")


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
        if _SURROGATE.search(value):  # libyaml cannot encode them: a marker, escaped below
            value = _SURROGATE.sub(lambda m: _MARK.format(ord(m.group())), value)
            style = '"'
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
    text = _MARKED.sub(lambda m: f"\\u{m.group(1).upper()}", text)
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04X}", text) if unsafe else text
