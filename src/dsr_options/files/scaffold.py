"""A starting redline file for one delegation: commented, valid, one example of each form."""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from dsr_options.errors import UsageError
from dsr_options.files.write import write_file
from dsr_options.model.catalogue import Redline, RedlinesFile

__all__ = ["Notes", "holder_id", "scaffold_redlines", "scaffold_text", "write_new"]


def holder_id(name: str) -> str:
    """``Freedonia's delegation`` as ``freedonia-s-delegation``: a kebab-case holder id."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise UsageError(f"{name!r} has no letters or digits to make an id from", about="name")
    return slug[:80].strip("-")


def _one_line(name: str) -> str:
    """``name`` as it is, or a :class:`UsageError` for a character a one-line name cannot hold
    (a line break, a control or format character: the file written would not load as is)."""
    for character in name:
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp"):
            raise UsageError(
                f"{name!r} holds the character U+{ord(character):04X}: a delegation's name is "
                "one line of text",
                about="name",
            )
    return name


Notes = Mapping[str, tuple[str, Mapping[str, Sequence[str]]]]
"""Per example redline id: its read-back in words, and the roles by expected outcome."""


def scaffold_text(name: str, notes: Notes | None = None) -> str:
    """The file's text for the delegation ``name``: it loads as is, with the shipped roles.

    ``notes`` (per example: its read-back and what to expect) go under each example as a
    comment and an ``expect:``; without them the file has neither.
    """
    lines = []
    for line in _template(name).splitlines():
        marker = line.strip()
        if not marker.startswith("#@"):
            lines.append(line)
        elif notes is not None and marker[2:] in notes:
            lines.extend(_notes(*notes[marker[2:]]))
    return "\n".join(lines) + "\n"


def _notes(reads: str, expect: Mapping[str, Sequence[str]]) -> list[str]:
    said = textwrap.wrap(f"Reads: {reads}", width=92)
    lines = ["    # " + line for line in said]
    lines.append("    expect:")
    lines += [f"      {key}: [{', '.join(ids)}]" for key, ids in expect.items() if ids]
    return lines


def scaffold_redlines(name: str) -> list[Redline]:
    """The examples of the starting file, as redlines (none for a name that is not one line)."""
    try:
        data = yaml.safe_load(_template(name))
        return RedlinesFile.model_validate(data, strict=False).redlines
    except (UsageError, yaml.YAMLError, ValidationError):
        return []


def _template(name: str) -> str:
    hid = holder_id(_one_line(name))
    shown = name.strip().replace('"', "'")
    quoted = json.dumps(shown, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return f"""# {shown}'s redlines: a starting file written by `dsr-options new-redlines`.
# Edit the examples into your own, delete the ones you do not need, then:
#
#   dsr-options validate {hid}.yaml          (any mistake at file:line:col)
#   dsr-options attributes                    (what a rule can test, and each role's value)
#   dsr-options check --redlines {hid}.yaml
#   dsr-options negotiate --redlines {hid}.yaml --redlines other-delegation.yaml
#
# For completion in an editor: dsr-options schema redlines > redlines.schema.json, then put
#   # yaml-language-server: $schema=redlines.schema.json
# on the first line. The ids in this file are this delegation's own: another file may use
# the same ones (combined, they are told apart as NAME:ID).
schema_version: 1

holders:
  - id: {hid}
    name: {quoted}
    description: The delegation that wrote this file.
    # To say that you hold a redline written elsewhere too (the shipped catalogue's, say), list
    # its id; the two holders then share its row:
    # holds: [no-standing-un-capacity]

redlines:
  # strictness: veto rules a role out; condition must keep holding (crossing it rules the role
  # out too); concern flags the role without ruling it out.
  # Give exactly one of
  #   rule:     when a role CROSSES (what must not be true), or
  #   requires: what MUST HOLD (a role crosses when it does not hold).
  # A rule is a mapping: {{attribute: NAME, OPERATOR: VALUE}}, or all: [...], any: [...],
  # or not: RULE.
  # Operators: equals (true/false or one value), in (one of a list: for a 'choice' attribute),
  # contains, contains_any, subset_of (for a 'choices' list attribute).
  # Write what you expect first, like a test: expect: lists the roles you expect to cross the
  # redline and to clear it; dsr-options validate checks it against the catalogue.

  # A veto written as a rule (what crosses): equals on a boolean attribute.
  - id: no-new-standing-capacity
    title: No standing UN DSR capacity
    statement: >-
      We will not fund a standing DSR capacity in the Secretariat.
    origin: member-state
    holders: [{hid}]
    strictness: veto
    rule:
      attribute: standing_un_capacity
      equals: true
    repair: Broker experts that Member States provide instead of hiring them.
    #@no-new-standing-capacity

  # A condition written as a requirement (what must hold): a role crosses when it does not.
  # 'triggers' lists everything that could start a role, and roles list several: contains_any
  # says "one of these could start it"; subset_of would say "nothing else could start it".
  - id: request-or-council-mandate
    title: Started by the host government or the Security Council
    statement: >-
      The UN takes up DSR work only where the host government's request or a Security Council
      mandate could set it in motion.
    origin: member-state
    holders: [{hid}]
    strictness: condition
    requires:
      attribute: triggers
      contains_any: [national-request, security-council-mandate]
    # The other form, "nothing but a request or a Council mandate could start it", crosses
    # every role that a General Assembly mandate could start too:
    #   requires: {{attribute: triggers, subset_of: [national-request, security-council-mandate]}}
    #@request-or-council-mandate

  # A concern, only for in-country roles (applies_to), with any/all/not.
  - id: uncoordinated-un-delivery
    title: No uncoordinated UN technical work in a country
    statement: >-
      In a country, we are wary of the UN itself delivering technical work outside any
      coordination, and of any training for offensive operations.
    origin: member-state
    holders: [{hid}]
    strictness: concern
    applies_to:
      attribute: in_country
      equals: true
    rule:
      any:
        - attribute: training
          contains: offensive-operations
        - all:
            - attribute: technical_delivery_by_un
              equals: true
            - not:
                attribute: coordinates_partners
                equals: true
    #@uncoordinated-un-delivery
"""


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file only with ``force``."""
    write_file(path, text.encode("utf-8"), force=force)
