"""Attributes and their values in plain words: the ``label:`` the vocabulary declares beside
each description (data/roles.yaml), else the id's own words.

One place, so that the brief, ``check``'s sentences and ``negotiate`` name an attribute alike:
a boolean reads ``with a standing UN DSR capacity`` or ``without ...``; a list of choices reads
``what can start it: a national request or a Security Council mandate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dsr_options.model.catalogue import AttributeDecl, Catalogue, Holder, Redline


def id_words(name: str) -> str:
    """An id as words: ``standing_un_capacity`` -> ``standing UN capacity``."""
    words = name.replace("-", "_").split("_")
    return " ".join("UN" if w == "un" else w for w in words)


def joined(items: Sequence[str], joiner: str = "and") -> str:
    """``a``; ``a and b``; ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def short_name(holder: Holder) -> str:
    """A holder as a sentence names it: its ``short:`` name where it has one, else its name
    without the parenthesis (``Participants, unnamed and uncounted``)."""
    if holder.short:
        return holder.short
    return holder.name.split(" (")[0].strip() or holder.name


@dataclass(frozen=True)
class Phrases:
    """The catalogue's words for people: attributes and values by their ``label:``, redlines by
    title and holder, roles by title (empty: every id as words)."""

    attributes: dict[str, AttributeDecl] = field(default_factory=dict)
    redlines: dict[str, Redline] = field(default_factory=dict)
    holders: dict[str, str] = field(default_factory=dict)
    """Each holder's name in a sentence (``short_name``), by id."""
    roles: dict[str, str] = field(default_factory=dict)
    """Each role's title, by id."""

    @classmethod
    def of(cls, catalogue: Catalogue) -> Phrases:
        return cls(
            {decl.id: decl for decl in catalogue.attributes},
            {redline.id: redline for redline in catalogue.redlines},
            {holder.id: short_name(holder) for holder in catalogue.holders},
            {role.id: role.title for role in catalogue.roles},
        )

    def role(self, role_id: str) -> str:
        """A role by its title."""
        return self.roles.get(role_id) or id_words(role_id)

    def holder_names(self, ids: Iterable[str]) -> list[str]:
        """Holders by name, each once, in order."""
        return list(dict.fromkeys(self.holders.get(hid) or id_words(hid) for hid in ids))

    def redline_title(self, redline_id: str) -> str:
        """``“No standing UN DSR capacity”``: a redline by its title, in quotes."""
        redline = self.redlines.get(redline_id)
        return f"“{redline.title if redline is not None else id_words(redline_id)}”"

    def redline(self, redline_id: str) -> str:
        """``“No standing UN DSR capacity” (Freedonia)``: by title and who holds it."""
        redline = self.redlines.get(redline_id)
        if redline is None:
            return self.redline_title(redline_id)
        names = [
            name.replace(" (", ", ").replace(")", "") for name in self.holder_names(redline.holders)
        ]
        return f"{self.redline_title(redline_id)} ({joined(names)})"

    def change(self, attribute: str, value: Any) -> str:
        """A reading or a position changed (firmness): ``without a standing UN DSR capacity``;
        for ``redline:ID``, ``“Title” (holder) dropped`` or ``... read as a concern``."""
        head, colon, rest = attribute.partition(":")
        if colon and head == "redline":
            done = "dropped" if value == "dropped" else "read as a concern"
            return f"{self.redline(rest)} {done}"
        return self.state(attribute, value)

    def varied(self, attribute: str) -> str:
        """What firmness varies, named: an attribute's label, or a position's redline."""
        head, colon, rest = attribute.partition(":")
        if colon and head == "redline":
            return f"the position {self.redline(rest)}"
        return self.attribute(attribute)

    def held(self, attribute: str, value: Any) -> str:
        """What we read now, for a value or a position firmness varies: ``with a standing UN
        DSR capacity``; ``“Title” (holder) held``."""
        head, colon, rest = attribute.partition(":")
        if colon and head == "redline":
            return f"{self.redline(rest)} held"
        return self.state(attribute, value)

    def attribute(self, name: str) -> str:
        """``a standing UN DSR capacity``: the attribute's label, else its id's words."""
        decl = self.attributes.get(name)
        return decl.label if decl is not None and decl.label else id_words(name)

    def value(self, name: str, value: Any) -> str:
        """One value of ``name`` in words: ``a national request``."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        decl = self.attributes.get(name)
        for declared in decl.values if decl is not None else ():
            if declared.id == value:
                return declared.label or id_words(declared.id)
        return id_words(str(value))

    def shown(self, name: str, value: Any) -> str:
        """A role's value as a listing shows it: ``yes``; ``a national request and a Security
        Council mandate``; ``none``; ``unknown``."""
        if value is None:
            return "unknown"
        if isinstance(value, (list, tuple)):
            return self.values(name, value) if value else "none"
        return self.value(name, value)

    def values(self, name: str, values: Iterable[Any], joiner: str = "and") -> str:
        return joined([self.value(name, v) for v in values], joiner)

    def state(self, name: str, value: Any) -> str:
        """What a role's value says: ``with a standing UN DSR capacity``; ``what can start it:
        a national request and a Security Council mandate``; ``no value for ...``."""
        label = self.attribute(name)
        if value is None:
            return f"no value for {label}"
        if isinstance(value, bool):
            return f"{'with' if value else 'without'} {label}"
        if isinstance(value, (list, tuple)):
            return f"{label}: {self.values(name, value) if value else 'none'}"
        return f"{label}: {self.value(name, value)}"

    def becomes(self, name: str, before: Any, after: Any) -> str:
        """A change of value, from ``before`` to ``after``: ``without a standing UN DSR
        capacity``; ``what can start it: only a national request or a Security Council
        mandate``; ``training of defense personnel: also mentoring``."""
        label = self.attribute(name)
        if isinstance(after, bool) or after is None:
            return self.state(name, after)
        if isinstance(after, (list, tuple)):
            if not after:
                return f"{label}: none"
            was = set(before) if isinstance(before, (list, tuple)) else set()
            now = list(after)
            if was and set(now) < was:
                return f"{label}: only {self.values(name, now, 'or')}"
            if was and set(now) > was:
                return f"{label}: also {self.values(name, [v for v in now if v not in was])}"
            return f"{label}: {self.values(name, now)}"
        return f"{label}: {self.value(name, after)}"

    def needs(self, name: str, parts: Sequence[tuple[str, tuple[Any, ...], str]]) -> str:
        """A repair's change (``analyses.repairs.Change.parts``) after "it clears": ``without a
        standing UN DSR capacity``; ``once what can start it no longer includes a General
        Assembly mandate``."""
        label = self.attribute(name)
        said = []
        for verb, values, joiner in parts:
            if verb == "were" and len(values) == 1 and isinstance(values[0], bool):
                said.append(self.state(name, values[0]))
            else:
                present = _PRESENT.get(verb, verb)
                said.append(f"once {label} {present} {self.values(name, values, joiner)}")
        return " and ".join(said)


_PRESENT = {
    "were": "is",
    "no longer included": "no longer includes",
    "did not include": "does not include",
    "also included": "also includes",
    "included": "includes",
}
