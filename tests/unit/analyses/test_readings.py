"""Firmness over declared readings and uncertain positions, against our own exhaustive search."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from dsr_options import load_catalogue
from dsr_options.analyses.assumptions import apply_assumptions, parse_assumptions
from dsr_options.analyses.evaluate import evaluate_role
from dsr_options.analyses.firmness import firmness
from dsr_options.model.catalogue import Catalogue
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

UN_INITIATIVE = {"attribute": "trigger", "equals": "un-initiative"}
BROKERED = {"attribute": "delivered_by", "contains": "member-state-experts"}


def _role(index: int, **readings: list[Any]) -> dict[str, Any]:
    """A role (analysis values for trigger and delivered_by) with these declared readings."""
    built = role(index, standing=False)
    for name, values in readings.items():
        built["attributes"][name]["alternatives"] = [
            {"value": value, "note": f"another reading of {name}"} for value in values
        ]
    return built


def _catalogue(tmp_path: Path, roles: list[dict[str, Any]], redlines: list[dict[str, Any]]) -> Path:
    return write_catalogue(tmp_path, roles_document(roles), redlines_document(redlines))


def _doubts(catalogue: Catalogue, role_id: str) -> list[tuple[str, list[str]]]:
    """Our own list of what is in doubt, as --assume texts: ROLE.ATTR=VALUE, redline:ID=..."""
    found: list[tuple[str, list[str]]] = []
    for name, value in catalogue.role(role_id).attributes.items():
        texts = []
        for reading in value.alternatives:
            shown = reading.value
            if isinstance(shown, bool):
                shown = "true" if shown else "false"
            elif isinstance(shown, tuple):
                shown = ",".join(shown)
            texts.append(f"{role_id}.{name}={shown}")
        if texts:
            found.append((name, texts))
    for held in catalogue.redlines:
        if held.confidence is not None and held.confidence.level.value != "stated":
            stands = ["dropped"] + (["concern"] if held.strictness.value != "concern" else [])
            found.append((f"redline:{held.id}", [f"redline:{held.id}={s}" for s in stands]))
    return found


def _brute_force(catalogue: Catalogue, role_id: str) -> tuple[str, set[frozenset[str]]]:
    """The verdict, and every minimal set of --assume texts that alters it, found by trying
    every combination through --assume itself."""
    base = evaluate_role(catalogue, catalogue.role(role_id)).verdict.value
    doubts = _doubts(catalogue, role_id)
    altering: dict[frozenset[str], str] = {}
    for choice in itertools.product(*([None, *texts] for _, texts in doubts)):
        chosen = frozenset(t for t in choice if t is not None)
        if not chosen:
            continue
        assumed = apply_assumptions(catalogue, parse_assumptions(sorted(chosen), catalogue))
        verdict = evaluate_role(assumed, assumed.role(role_id)).verdict.value
        if verdict != base:
            altering[chosen] = verdict
    minimal = {s for s in altering if not any(o < s for o in altering)}
    return base, minimal


def _reported(catalogue: Catalogue, role_id: str) -> tuple[str, set[frozenset[str]]]:
    found = firmness(catalogue).of(role_id)
    assert found is not None
    sets = {
        frozenset(
            c.assume if c.assume.startswith("redline:") else f"{role_id}.{c.assume}"
            for c in s.changes
        )
        for s in found.minimal
    }
    return found.verdict.value, sets


def test_a_verdict_that_hangs_on_one_open_reading(tmp_path: Path) -> None:
    folder = _catalogue(
        tmp_path,
        [_role(1, trigger=["un-initiative"]), _role(2)],
        [redline(1, strictness="concern", rule=UN_INITIATIVE)],
    )
    catalogue = load_catalogue(folder)
    assert _reported(catalogue, "role-1") == _brute_force(catalogue, "role-1")
    found = firmness(catalogue).of("role-1")
    assert found is not None
    assert found.label == "hangs on one reading"
    assert found.text == (
        "hangs on one reading: trigger=un-initiative gives flagged (worse for the role)"
    )
    assert found.varied == ("trigger",)
    plain = firmness(catalogue).of("role-2")
    assert plain is not None
    assert plain.label == "firm"
    assert plain.text == "firm: no declared reading or uncertain position to vary"


def test_two_readings_that_matter_only_together_are_one_unit(tmp_path: Path) -> None:
    folder = _catalogue(
        tmp_path,
        [_role(1, trigger=["un-initiative"], delivered_by=[["member-state-experts"]])],
        [redline(1, strictness="concern", rule={"all": [UN_INITIATIVE, BROKERED]})],
    )
    catalogue = load_catalogue(folder)
    reported = _reported(catalogue, "role-1")
    assert reported == _brute_force(catalogue, "role-1")
    assert reported[1] == {
        frozenset({"role-1.trigger=un-initiative", "role-1.delivered_by=member-state-experts"})
    }
    found = firmness(catalogue).of("role-1")
    assert found is not None
    assert found.label == "hangs on two readings together"
    assert found.smallest == 2
    # Neither value is listed alone: each alone leaves the verdict as it is.
    assert all(len(s.changes) == 2 for s in found.minimal)


def test_a_verdict_that_hangs_on_an_inferred_position(tmp_path: Path) -> None:
    held = redline(1, strictness="veto")  # standing_un_capacity true (a note value) crosses it
    held["confidence"] = {"level": "inferred", "note": "From a speech; not said to us."}
    folder = _catalogue(tmp_path, [role(1), role(2, standing=False)], [held])
    catalogue = load_catalogue(folder)
    assert _reported(catalogue, "role-1") == _brute_force(catalogue, "role-1")
    found = firmness(catalogue).of("role-1")
    assert found is not None
    assert found.verdict.value == "out"
    assert [(s.text, s.direction) for s in found.minimal] == [
        ("redline:redline-1=dropped gives clear (better for the role)", "better"),
        ("redline:redline-1=concern gives flagged (better for the role)", "better"),
    ]


def test_a_stated_position_and_no_readings_is_firm(tmp_path: Path) -> None:
    held = redline(1, strictness="veto")
    held["confidence"] = {"level": "stated", "note": "Said in the room."}
    folder = _catalogue(tmp_path, [role(1), role(2, standing=False)], [held])
    catalogue = load_catalogue(folder)
    assert _reported(catalogue, "role-1") == ("out", set())
    assert _brute_force(catalogue, "role-1") == ("out", set())


@pytest.mark.parametrize("role_id", ["strategic-advice", "coordination", "matchmaking"])
def test_the_shipped_firmness_is_the_exhaustive_one(role_id: str) -> None:
    catalogue = load_catalogue()
    assert _reported(catalogue, role_id) == _brute_force(catalogue, role_id)


def test_every_reported_change_set_gives_its_verdict_with_assume(tmp_path: Path, run: Run) -> None:
    held = redline(2, strictness="veto", rule=BROKERED)
    held["confidence"] = {"level": "reported", "note": "Reported by a colleague."}
    folder = _catalogue(
        tmp_path,
        [_role(1, trigger=["un-initiative"], delivered_by=[["member-state-experts"]]), _role(2)],
        [redline(1, strictness="concern", rule=UN_INITIATIVE), held],
    )
    result = run(f"dsr-options check --data {folder} -f json")
    roles = payload(result.stdout)["roles"]
    checked = 0
    for item in roles:
        for change_set in item["firmness"]["changes"]:
            options = " ".join(
                f"--assume {item['role']}.{c['assume']}" for c in change_set["changes"]
            )
            again = payload(run(f"dsr-options check --data {folder} {options} -f json").stdout)
            verdict = next(r for r in again["roles"] if r["role"] == item["role"])["verdict"]
            assert verdict == change_set["verdict"], options
            assert change_set["direction"] in ("better", "worse")
            checked += 1
    assert checked == 2
    firm = roles[0]["firmness"]
    assert firm["vary"] == "readings"
    assert firm["varied"] == ["delivered_by", "trigger", "redline:redline-2"]
    assert firm["combinations"] == 2 * 2 * 3
