"""The diff's screen (``analyses/diff/screen.py``): exact against brute force, and sparing.

Brute force evaluates every role in full on both sides and compares its verdict, standing and
firmness; the diff must report exactly those that moved, while evaluating in full only the
options whose answers moved (counted through ``Evaluator.evaluate_role``, not timed).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from benchmarks.generate import ATTRIBUTES, redlines_yaml, roles_yaml

from dsr_options.analyses import diff as diff_module
from dsr_options.analyses.agreement import role_agreement
from dsr_options.analyses.diff import ConsequenceKind, diff_catalogues
from dsr_options.analyses.diff.answers import FIRMNESS_BOUND
from dsr_options.analyses.diff.screen import Screen
from dsr_options.analyses.evaluate import Evaluator, RoleVerdict
from dsr_options.analyses.firmness import role_firmness
from dsr_options.files.read import parse_text
from dsr_options.load.catalogue import load_read_files
from dsr_options.model.catalogue import Catalogue, Role

BOOLEANS = [name for name, kind, _ in ATTRIBUTES if kind == "boolean"]


def load(roles: str, redlines: str) -> Catalogue:
    loaded = load_read_files(
        parse_text(roles, "roles.yaml"), [parse_text(redlines, "redlines.yaml")]
    )
    assert loaded.catalogue is not None, [d.format() for d in loaded.diagnostics]
    return loaded.catalogue


def boolean_values(lines: list[str]) -> Iterator[int]:
    """The index of every boolean attribute's ``value:`` line."""
    for index, line in enumerate(lines[:-1]):
        named = line.startswith("      ") and line.strip().rstrip(":") in BOOLEANS
        if named and lines[index + 1].strip() in ("value: true", "value: false"):
            yield index + 1


def flipped(text: str, share: float, seed: int, *, bases: bool = False) -> str:
    """``text`` with ``share`` of its boolean values flipped (and, with ``bases``, as many
    bases turned from analysis to note or back), chosen with ``seed``."""
    lines = text.split("\n")
    rng = random.Random(seed)
    # a value with other readings keeps its value (a reading is never the value itself)
    candidates = [i for i in boolean_values(lines) if lines[i + 2].strip() != "alternatives:"]
    for index in rng.sample(candidates, round(share * len(candidates))):
        value = lines[index].strip().split(": ")[1]
        lines[index] = f"        value: {'false' if value == 'true' else 'true'}"
    if bases:  # values from the note (with their evidence) made our analysis
        for index in rng.sample(candidates, round(4 * share * len(candidates))):
            if lines[index + 1].strip() == "basis: note":
                lines[index + 1] = "        basis: analysis"
    return "\n".join(lines)


def with_doubts(roles: str, redlines: str, seed: int) -> tuple[str, str]:
    """Declared readings on some analysis values, uncertain positions on some redlines."""
    rng = random.Random(seed)
    lines = roles.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if (
            line.strip() == "basis: analysis"
            and lines[index - 1].strip() in ("value: true", "value: false")
            and line.startswith("        basis")
            and rng.random() < 0.05
        ):
            other = "false" if lines[index - 1].strip() == "value: true" else "true"
            out += [
                "        alternatives:",
                f"          - value: {other}",
                "            note: Another reading of the note.",
            ]
    red_lines = redlines.split("\n")
    red_out: list[str] = []
    for line in red_lines:
        red_out.append(line)
        if line.startswith("    strictness_basis:") and rng.random() < 0.1:
            red_out += [
                "    confidence:",
                "      level: reported",
                "      note: A participant reported it.",
            ]
    return "\n".join(out), "\n".join(red_out)


def moved_by_brute_force(old: Catalogue, new: Catalogue) -> set[tuple[str, str]]:
    """Every (kind, role) whose verdict, standing or firmness differs, each role evaluated in
    full on both sides."""
    olds, news = Evaluator(old), Evaluator(new)
    found: set[tuple[str, str]] = set()
    for before, after in zip(old.roles, new.roles, strict=True):
        a, b = olds.evaluate_role(before), news.evaluate_role(after)
        if (a.verdict, a.possible) != (b.verdict, b.possible):
            found.add(("verdict", before.id))
        if role_agreement(old, before, olds).standing != role_agreement(new, after, news).standing:
            found.add(("standing", before.id))
        then = role_firmness(old, a, bound=FIRMNESS_BOUND, evaluator=olds)
        now = role_firmness(new, b, bound=FIRMNESS_BOUND, evaluator=news)
        if then.text != now.text:
            found.add(("firmness", before.id))
    return found


@pytest.mark.parametrize("seed", [2, 3, 5, 7])
def test_the_screen_reports_exactly_what_brute_force_finds(seed: int) -> None:
    roles, redlines = roles_yaml(80, seed=seed), redlines_yaml(80, seed=seed)
    roles, redlines = with_doubts(roles, redlines, seed)
    old = load(roles, redlines)
    new = load(flipped(roles, 0.05, seed, bases=True), redlines)
    diff = diff_catalogues(old, new)
    expected = moved_by_brute_force(old, new)
    kinds = {kind for kind, _ in expected}
    assert {"verdict", "standing", "firmness"} <= kinds  # the test means something
    assert {(c.kind.value, c.role) for c in diff.consequences} == expected


@pytest.mark.parametrize("seed", [2, 3])
def test_a_redline_change_is_screened_exactly_too(seed: int) -> None:
    roles, redlines = roles_yaml(80, seed=seed), redlines_yaml(80, seed=seed)
    roles, redlines = with_doubts(roles, redlines, seed)
    lines = redlines.split("\n")
    for number in (1, 2, 3):  # three redlines' strictness changed
        at = lines.index(f"  - id: redline-{number}")
        at = next(i for i in range(at, len(lines)) if lines[i].startswith("    strictness: "))
        concern = lines[at].endswith("concern")
        lines[at] = f"    strictness: {'veto' if concern else 'concern'}"
    old, new = load(roles, redlines), load(roles, "\n".join(lines))
    diff = diff_catalogues(old, new)
    expected = moved_by_brute_force(old, new)
    assert {kind for kind, _ in expected} == {"verdict", "firmness"}
    assert {(c.kind.value, c.role) for c in diff.consequences} == expected


def test_only_the_options_whose_answers_moved_are_evaluated_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """1 % of the values changed: the roles they belong to are screened, and only those whose
    answers moved are evaluated against every redline (before, every changed role was, on each
    side, and again for its firmness)."""
    roles, redlines = roles_yaml(300, seed=6), redlines_yaml(300, seed=6)
    old = load(roles, redlines)
    new = load(flipped(roles, 0.01, 6), redlines)
    expected = moved_by_brute_force(old, new)
    evaluated: list[str] = []
    full = Evaluator.evaluate_role

    def counting(self: Evaluator, role: Role) -> RoleVerdict:
        evaluated.append(role.id)
        return full(self, role)

    screens: list[Screen] = []

    class Kept(Screen):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            screens.append(self)

    monkeypatch.setattr(Evaluator, "evaluate_role", counting)
    monkeypatch.setattr(diff_module, "Screen", Kept)
    diff = diff_catalogues(old, new)
    changed = {c.item for c in diff.changes}
    (screen,) = screens
    # the screen read fewer results than evaluating the changed roles on one side would
    assert 0 < screen.read < len(changed) * len(old.redlines)
    assert screen.passed == len(set(evaluated))
    moved = {role for _, role in expected}
    assert len(changed) > 2 * len(moved) > 0  # most changed roles' answers did not move
    assert {(c.kind.value, c.role) for c in diff.consequences} == expected
    assert set(evaluated) <= moved
    verdicts = sum(c.kind is ConsequenceKind.VERDICT for c in diff.consequences)
    trials = sum(c.evaluations for c in diff.consequences)
    # each side once for its answers, once per trial of the search for a standing's causes,
    # and once more for the redlines behind a moved verdict
    assert len(evaluated) <= 2 * len(moved) + trials + 2 * verdicts
