"""A starting redline file for one delegation: commented, valid, one example of each form."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from dsr_options.errors import UsageError
from dsr_options.files.write import write_file

__all__ = ["holder_id", "scaffold_text", "write_new"]


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


def scaffold_text(name: str) -> str:
    """The file's text for the delegation ``name``: it loads as is, with the shipped roles."""
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

  # A condition written as a requirement (what must hold), in scope only for in-country roles:
  # a role crosses when anything but the host government's request could start it.
  - id: host-government-request
    title: In a country, only at the host government's request
    statement: >-
      In a given country the UN engages in the defense sector only when the host government asks.
    origin: member-state
    holders: [{hid}]
    strictness: condition
    applies_to:
      attribute: in_country
      equals: true
    requires:
      attribute: triggers
      subset_of: [national-request]

  # A concern with all/any/not and the list operators contains and contains_any.
  - id: no-un-led-operational-training
    title: No UN-led operational training
    statement: >-
      We are wary of the UN itself delivering training beyond defense governance.
    origin: member-state
    holders: [{hid}]
    strictness: concern
    rule:
      all:
        - attribute: technical_delivery_by_un
          equals: true
        - any:
            - attribute: training
              contains: offensive-operations
            - attribute: training
              contains_any: [advisory-mentoring]
        - not:
            attribute: coordinates_partners
            equals: true
"""


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; an existing file only with ``force``."""
    write_file(path, text.encode("utf-8"), force=force)
