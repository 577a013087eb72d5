"""Declared judgements: alternatives on analysis values, confidence on redlines, and their errors."""

from __future__ import annotations

from pathlib import Path

from dsr_options import load_catalogue
from dsr_options.model.vocabulary import Confidence
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue
from tests.unit.validate.test_references import line_of, located


def test_alternatives_and_confidence_load(tmp_path: Path) -> None:
    first = role(1)
    first["attributes"]["trigger"]["alternatives"] = [
        {"value": "un-initiative", "note": "The note's words allow it."}
    ]
    first["attributes"]["delivered_by"]["alternatives"] = [
        {"value": ["member-state-experts"], "note": "Brokered."}
    ]
    held = redline(1)
    held["confidence"] = {"level": "inferred", "note": "From their statement of May."}
    folder = write_catalogue(tmp_path, roles_document([first, role(2)]), redlines_document([held]))
    assert located(folder) == []
    catalogue = load_catalogue(folder)
    value = catalogue.role("role-1").attributes["delivered_by"]
    assert [(a.value, a.note) for a in value.alternatives] == [
        (("member-state-experts",), "Brokered.")
    ]
    assert catalogue.role("role-2").attributes["trigger"].alternatives == []
    confidence = catalogue.redlines[0].confidence
    assert confidence is not None
    assert confidence.level is Confidence.INFERRED


def test_bad_alternatives_and_confidence_are_located(tmp_path: Path) -> None:
    first = role(1)
    second = role(2, standing=False, delivered_by=("un-secretariat", "member-state-experts"))
    first["attributes"]["trigger"]["alternatives"] = [
        {"value": "un-initiative", "note": "fine"},
        {"value": "nonsense", "note": "outside the vocabulary"},
    ]
    first["attributes"]["standing_un_capacity"]["alternatives"] = [
        {"value": False, "note": "on a note value"}
    ]
    second["attributes"]["trigger"]["alternatives"] = [
        {"value": "national-request", "note": "the value itself"}
    ]
    second["attributes"]["delivered_by"]["alternatives"] = [
        {"value": ["member-state-experts", "un-secretariat"], "note": "a list in another order"}
    ]
    held = redline(1)
    held["confidence"] = {"level": "guessed", "note": "x"}
    folder = write_catalogue(tmp_path, roles_document([first, second]), redlines_document([held]))
    # A value's own problems sit at its first line; a value outside the vocabulary at itself.
    standing = line_of(folder, "roles.yaml", "standing_un_capacity:") + 1
    nonsense = line_of(folder, "roles.yaml", "value: nonsense")
    delivered = line_of(folder, "roles.yaml", "delivered_by:", 2) + 1
    trigger = line_of(folder, "roles.yaml", "trigger:", 2) + 1
    level = line_of(folder, "redlines.yaml", "level: guessed")
    assert located(folder) == [
        f"redlines.yaml:{level}:12 invalid-value 'guessed' is not one of stated, reported, "
        "inferred",
        f"roles.yaml:{standing}:7 invalid-value a value with basis 'note' takes no "
        "'alternatives': the note says it; other readings are for values of basis 'analysis' "
        "(firmness varies note values only with --vary all)",
        f"roles.yaml:{nonsense}:16 unknown-value 'nonsense' is not a value of 'trigger' "
        "(national-request, un-initiative)",
        f"roles.yaml:{delivered}:7 invalid-value alternative 1 is the value itself: give "
        "another reading",
        f"roles.yaml:{trigger}:7 invalid-value alternative 1 is the value itself: give another "
        "reading",
    ]


def test_a_source_described_differently_in_two_files_is_a_warning(tmp_path: Path) -> None:
    redlines = redlines_document()
    redlines["sources"][0]["title"] = "A drifted title"
    folder = write_catalogue(tmp_path, roles_document(), redlines)
    line = line_of(folder, "redlines.yaml", "id: note")
    assert located(folder) == [
        f"redlines.yaml:{line}:7 source-differs the source 'note' is described differently in "
        "another file: keep one copy, or make the copies identical"
    ]
