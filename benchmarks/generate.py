"""Generate a valid dsr-options catalogue of any size, written as YAML the way a person writes it.

N roles and N/10 redlines (at least one; ``--redlines`` gives another count), each with text as
long as the shipped catalogue's, several pieces of evidence, a value for every declared attribute,
and varied levels, dimensions, leads, reception and rules. The output depends only on the size
and the seed::

    python benchmarks/generate.py --roles 10000 --out /tmp/dsr-10k
    python -c "from benchmarks.generate import write_catalogue; write_catalogue('/tmp/x', 100)"

The YAML is block style with folded (``>-``) paragraphs and double-quoted quotes, like
``data/roles.yaml``; it is emitted by hand because PyYAML's emitter is far slower than the code
being measured, and a person's layout is what the loader must be fast on.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE_ID = "note-synthetic"
SECTIONS = (
    "Introduction",
    "The Draft Policy",
    "Getting the Politics Right",
    "The UN's Role: Priorities, Coherence, and Coordination",
    "Organizing for Effectiveness",
    "Conclusion",
)

# (id, type, values): every type the schema offers, the shipped attributes and one `choice`.
ATTRIBUTES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "delivered_by",
        "choices",
        ("un-secretariat", "un-mission", "member-state-experts", "bilateral-partners"),
    ),
    ("standing_un_capacity", "boolean", ()),
    ("authority_over_bilaterals", "boolean", ()),
    ("training", "choices", ("advisory-mentoring", "institutional", "offensive-operations")),
    (
        "triggers",
        "choices",
        (
            "national-request",
            "security-council-mandate",
            "general-assembly-mandate",
            "un-initiative",
        ),
    ),
    ("funding", "choice", ("assessed-budget", "voluntary-contributions", "host-government")),
    ("in_country", "boolean", ()),
    ("within_ssr_framework", "boolean", ()),
    ("context_specific", "boolean", ()),
    ("human_rights_safeguards", "boolean", ()),
    ("technical_delivery_by_un", "boolean", ()),
    ("coordinates_partners", "boolean", ()),
    ("national_ownership", "boolean", ()),
)
LEVELS = ("strategic", "operational", "tactical")
DIMENSIONS = ("political", "technical")
STANCES = ("supports", "opposes", "qualifies", "neutral")
RECEPTIONS = ("support", "mixed", "skeptical")
VOICES = ("one", "several", "many", "general", "unrecorded")
STRICTNESS = ("veto", "concern", "condition")

_PROSE = (
    "the UN defense sector reform national authorities bilateral partners donors Member "
    "States mission mandate Security Council General Assembly request priorities coherence "
    "coordination capacity expertise advice training mentoring oversight governance "
    "institutions budget ownership legitimacy accountability civilian control armed forces "
    "ministry parliament strategy review process support framework approach political "
    "technical context legacy interests power dynamics reform programme project assessment "
    "planning delivery standing pool experts secondment headquarters field office unit policy "
    "principle condition concern participants agreed noted stressed questioned whether should "
    "would could must within across between among through under after before during while "
    "because although however broader holistic security sector rule of law human rights "
    "international standards norms"
)
WORDS = _PROSE.split()


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Words to between ``low`` and ``high`` characters, capitalised, ending in a full stop."""
    target = rng.randint(low, high)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(sentence(rng, 40, 140))
    return " ".join(parts)


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (what a person writes for a verbatim quote)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Writer:
    """Lines of YAML, with the folded-paragraph and evidence habits of the shipped files."""

    lines: list[str]

    def add(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def folded(self, indent: int, key: str, text: str, *, dash: bool = False) -> None:
        """``key: text`` when short, else ``key: >-`` and the text wrapped at 100 columns."""
        lead = "- " if dash else ""
        one = f"{' ' * indent}{lead}{key}: {text}"
        if len(one) <= 100 and ": " not in text and not text.startswith(("-", '"', "'")):
            self.lines.append(one)
            return
        self.lines.append(f"{' ' * indent}{lead}{key}: >-")
        inner = " " * (indent + (2 if dash else 0) + 2)
        self.lines.extend(
            textwrap.wrap(text, width=100, initial_indent=inner, subsequent_indent=inner)
        )

    def evidence(self, indent: int, rng: random.Random, count: int) -> None:
        if count == 0:
            return
        self.add(indent, "evidence:")
        for _ in range(count):
            quote = sentence(rng, 30, 160)[:-1].lower()
            self.add(indent + 2, f"- quote: {quoted(quote)}")
            self.add(indent + 4, f"source: {SOURCE_ID}")
            self.add(indent + 4, f"section: {quoted(rng.choice(SECTIONS))}")
            self.add(indent + 4, f"stance: {rng.choice(STANCES)}")


def office_ids(roles: int) -> list[str]:
    return [f"office-{i}" for i in range(1, 9 + roles // 500)]


def holder_ids(roles: int) -> list[str]:
    return [f"holder-{i}" for i in range(1, 9 + roles // 1000)]


def _header(w: Writer, what: str) -> None:
    w.add(0, f"# A generated dsr-options catalogue ({what}) for benchmarks; not real data.")
    w.add(0, "schema_version: 1")
    w.add(0, "")
    w.add(0, "sources:")
    w.add(2, f"- id: {SOURCE_ID}")
    w.add(4, 'title: "A Synthetic Meeting Note on UN Support for Defense Sector Reform"')
    w.add(4, "date: 2010-12-02")
    w.add(4, "organisers:")
    w.add(6, "- A Permanent Mission to the UN")
    w.add(6, "- Center on International Cooperation (CIC)")
    w.add(4, "sections:")
    for section in SECTIONS:
        w.add(6, f"- {quoted(section)}")
    w.add(0, "")


def _attribute_value(rng: random.Random, kind: str, values: tuple[str, ...]) -> list[str] | str:
    if kind == "boolean":
        return rng.choice(("true", "false"))
    if kind == "choice":
        return rng.choice(values)
    return sorted(rng.sample(values, rng.randint(0, min(3, len(values)))), key=values.index)


def roles_yaml(roles: int, seed: int = 0) -> str:
    """The text of ``roles.yaml`` with ``roles`` roles."""
    rng = random.Random(f"roles-{seed}")
    w = Writer([])
    _header(w, f"{roles} roles")
    w.add(0, "attributes:")
    for name, kind, values in ATTRIBUTES:
        w.add(2, f"- id: {name}")
        w.add(4, f"type: {kind}")
        w.folded(4, "description", paragraph(rng, 60, 200))
        if values:
            w.add(4, "values:")
            for value in values:
                w.add(6, f"- id: {value}")
                w.add(8, f"description: {quoted(sentence(rng, 30, 90))}")
    w.add(0, "")
    offices = office_ids(roles)
    w.add(0, "offices:")
    for index, office in enumerate(offices):
        w.add(2, f"- id: {office}")
        w.add(4, f"name: Office number {index + 1} of the Secretariat")
        if index >= 3:
            w.add(4, f"part_of: {offices[rng.randrange(3)]}")
        w.folded(4, "description", paragraph(rng, 80, 240))
        w.evidence(4, rng, rng.randint(1, 2))
    w.add(0, "")
    w.add(0, "roles:")
    for number in range(1, roles + 1):
        _role(w, rng, number, offices)
    return "\n".join(w.lines) + "\n"


def _role(w: Writer, rng: random.Random, number: int, offices: list[str]) -> None:
    w.add(2, f"- id: role-{number}")
    w.add(4, f"number: {number}")
    w.add(4, f"title: {sentence(rng, 30, 80)[:-1]}")
    w.folded(4, "summary", paragraph(rng, 200, 420))
    w.add(4, "levels:")
    for level in sorted(rng.sample(LEVELS, rng.randint(1, 3)), key=LEVELS.index):
        w.add(6, f"- {level}")
    w.add(4, "dimensions:")
    for dimension in sorted(rng.sample(DIMENSIONS, rng.randint(1, 2)), key=DIMENSIONS.index):
        w.add(6, f"- {dimension}")
    w.add(4, "attributes:")
    for name, kind, values in ATTRIBUTES:
        w.add(6, f"{name}:")
        value = _attribute_value(rng, kind, values)
        if isinstance(value, list):
            if value:
                w.add(8, "value:")
                for item in value:
                    w.add(10, f"- {item}")
            else:
                w.add(8, "value: []")
        else:
            w.add(8, f"value: {value}")
        from_note = rng.random() < 0.15
        w.add(8, f"basis: {'note' if from_note else 'analysis'}")
        if from_note or rng.random() < 0.1:
            w.folded(8, "note", sentence(rng, 50, 180))
        if from_note:
            w.evidence(8, rng, 1)
    w.add(4, "leads:")
    for office in rng.sample(offices, rng.randint(1, 2)):
        w.add(6, f"- office: {office}")
        w.folded(8, "rationale", paragraph(rng, 80, 220))
        from_note = rng.random() < 0.5
        w.add(8, f"basis: {'note' if from_note else 'analysis'}")
        w.evidence(8, rng, int(from_note))
    w.add(4, "reception:")
    w.add(6, f"stance: {rng.choice(RECEPTIONS)}")
    w.add(6, f"voices: {rng.choice(VOICES)}")
    w.folded(6, "summary", paragraph(rng, 120, 300))
    w.evidence(6, rng, 1)
    for section in ("concerns", "open_questions"):
        count = rng.randint(0, 1)
        if not count:
            continue
        w.add(4, f"{section}:")
        for _ in range(count):
            w.folded(6, "text", paragraph(rng, 100, 260), dash=True)
            w.add(8, "basis: note")
            w.evidence(8, rng, 1)
    w.evidence(4, rng, rng.randint(2, 3))


def _test(rng: random.Random) -> list[str]:
    """One attribute test, as YAML lines (indent 0), with the operators its type allows."""
    name, kind, values = rng.choice(ATTRIBUTES)
    lines = [f"attribute: {name}"]
    if kind == "boolean":
        lines.append(f"equals: {rng.choice(('true', 'false'))}")
    elif kind == "choice":
        if rng.random() < 0.5:
            lines.append(f"equals: {rng.choice(values)}")
        else:
            lines += ["in:", *(f"  - {v}" for v in rng.sample(values, 2))]
    else:
        operator = rng.choice(("contains", "contains_any", "subset_of"))
        if operator == "contains":
            lines.append(f"contains: {rng.choice(values)}")
        else:
            lines += [f"{operator}:", *(f"  - {v}" for v in rng.sample(values, 2))]
    return lines


def _rule(rng: random.Random, depth: int = 0) -> list[str]:
    shape = rng.random() if depth == 0 else 0.0
    if shape < 0.55:
        return _test(rng)
    if shape < 0.7:
        inner = _rule(rng, depth + 1)
        return ["not:", *(f"  {line}" for line in inner)]
    kind = "all" if shape < 0.88 else "any"
    lines = [f"{kind}:"]
    for _ in range(rng.randint(2, 3)):
        child = _rule(rng, depth + 1)
        lines.append(f"  - {child[0]}")
        lines += [f"    {line}" for line in child[1:]]
    return lines


def redlines_yaml(roles: int, seed: int = 0, redlines: int | None = None) -> str:
    """The text of ``redlines.yaml`` for ``roles`` roles: ``redlines`` redlines, by default
    ``roles // 10`` (at least 1)."""
    rng = random.Random(f"redlines-{seed}")
    w = Writer([])
    count = redline_count(roles) if redlines is None else redlines
    _header(w, f"{count} redlines")
    holders = holder_ids(roles)
    w.add(0, "holders:")
    for index, holder in enumerate(holders):
        w.add(2, f"- id: {holder}")
        w.add(4, f"name: Holder number {index + 1}")
        w.folded(4, "description", paragraph(rng, 60, 200))
    w.add(0, "")
    w.add(0, "redlines:")
    for number in range(1, count + 1):
        w.add(2, f"- id: redline-{number}")
        w.add(4, f"title: {sentence(rng, 30, 80)[:-1]}")
        w.folded(4, "statement", paragraph(rng, 150, 350))
        w.add(4, f"origin: {rng.choice(('draft-policy', 'participants'))}")
        w.add(4, "holders:")
        for holder in rng.sample(holders, rng.randint(1, 3)):
            w.add(6, f"- {holder}")
        w.add(4, f"strictness: {rng.choice(STRICTNESS)}")
        w.add(4, f"strictness_basis: {rng.choice(('note', 'analysis'))}")
        w.add(4, "rule:")
        w.lines += [f"      {line}" for line in _rule(rng)]
        if rng.random() < 0.3:
            w.add(4, "applies_to:")
            w.lines += [f"      {line}" for line in _test(rng)]
        if rng.random() < 0.6:
            w.folded(4, "repair", sentence(rng, 60, 180))
        w.evidence(4, rng, rng.randint(1, 3))
        w.add(0, "")
    return "\n".join(w.lines) + "\n"


def redline_count(roles: int) -> int:
    return max(1, roles // 10)


def write_catalogue(
    folder: Path | str, roles: int, seed: int = 0, redlines: int | None = None
) -> Path:
    """Write ``roles.yaml`` and ``redlines.yaml`` into ``folder`` (created) and return it;
    ``redlines`` redlines, by default ``roles // 10`` (at least 1)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "roles.yaml").write_text(roles_yaml(roles, seed), encoding="utf-8")
    (out / "redlines.yaml").write_text(redlines_yaml(roles, seed, redlines), encoding="utf-8")
    return out


def _sizes(folder: Path) -> Iterator[str]:
    for name in ("roles.yaml", "redlines.yaml"):
        size = (folder / name).stat().st_size
        yield f"{name} {size / 1_048_576:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, required=True, help="how many roles (N)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same files")
    parser.add_argument("--redlines", type=int, help="how many redlines (default N/10, at least 1)")
    args = parser.parse_args(argv)
    if args.roles < 1 or (args.redlines is not None and args.redlines < 1):
        parser.error("--roles and --redlines must be at least 1")
    folder = write_catalogue(args.out, args.roles, args.seed, args.redlines)
    count = redline_count(args.roles) if args.redlines is None else args.redlines
    print(f"{folder}: {args.roles} roles, {count} redlines; ", end="")
    print(", ".join(_sizes(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
