"""The catalogue we ship: it loads clean, it is faithful to the note, it is complete."""

from __future__ import annotations

import re

import pytest
import yaml

from dsr_options import load_catalogue
from dsr_options.analyses.evaluate import Outcome, evaluate_role
from dsr_options.files.find import packaged_data_dir
from dsr_options.load.catalogue import load
from dsr_options.model.catalogue import AttributeValue, Catalogue, Evidence
from dsr_options.model.vocabulary import Basis
from tests.factory import ROOT

NOTE = ROOT.parent / "shared" / "sources" / "dsr-meeting-note-2010-12-02.txt"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def all_evidence(catalogue: Catalogue) -> list[Evidence]:
    found: list[Evidence] = []
    for role in catalogue.roles:
        found += role.evidence + role.reception.evidence
        for value in role.attributes.values():
            found += value.evidence
        for lead in role.leads:
            found += lead.evidence
        for item in (*role.concerns, *role.open_questions):
            found += item.evidence
    for redline in catalogue.redlines:
        found += redline.evidence
    for office in catalogue.offices:
        found += office.evidence
    for source in catalogue.sources:
        for item in source.notes:
            found += item.evidence
    return found


def test_loads_without_errors_or_warnings() -> None:
    loaded = load()
    assert [d.format() for d in loaded.diagnostics] == []


def test_the_packaged_copy_is_the_one_in_data() -> None:
    repo_data = ROOT / "data"
    packaged = packaged_data_dir()
    for name in ("roles.yaml", "redlines.yaml"):
        assert (packaged / name).read_text(encoding="utf-8") == (repo_data / name).read_text(
            encoding="utf-8"
        )


def test_the_four_roles_of_the_note(catalogue: Catalogue) -> None:
    assert [(r.number, r.id) for r in catalogue.roles] == [
        (1, "strategic-advice"),
        (2, "coordination"),
        (3, "matchmaking"),
        (4, "best-practice-repository"),
    ]
    for role in catalogue.roles:
        assert len(role.evidence) >= 2
        assert {a.id for a in catalogue.attributes} == set(role.attributes)
        assert role.leads, role.id


def test_every_origin_and_strictness_is_represented(catalogue: Catalogue) -> None:
    assert {r.origin.value for r in catalogue.redlines} == {"draft-policy", "participants", "note"}
    assert {r.strictness.value for r in catalogue.redlines} == {"veto", "concern", "condition"}


def test_judgement_is_marked_and_note_claims_carry_evidence(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        for name, value in role.attributes.items():
            if value.basis is Basis.ANALYSIS:
                assert value.note, f"{role.id}.{name}: analysis needs a reason"
            else:
                assert value.evidence, f"{role.id}.{name}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not NOTE.is_file(), reason="the source note lives in ../shared")
def test_every_quote_is_verbatim_under_its_section(catalogue: Catalogue) -> None:
    note = NOTE.read_text(encoding="utf-8")
    (source,) = catalogue.sources
    # Split the note at its section headings, in the order the source block lists them.
    positions = [note.index(f"\n{heading}\n") for heading in source.sections]
    bodies = {
        heading: _normalise(note[start:end])
        for heading, start, end in zip(
            source.sections, positions, [*positions[1:], len(note)], strict=True
        )
    }
    for evidence in all_evidence(catalogue):
        assert _normalise(evidence.quote) in bodies[evidence.section], evidence


def test_both_files_describe_the_note_alike() -> None:
    """Whichever file's source block the catalogue keeps, the meeting-level notes are in it."""
    roles, redlines = (
        yaml.safe_load((packaged_data_dir() / name).read_text(encoding="utf-8"))["sources"]
        for name in ("roles.yaml", "redlines.yaml")
    )
    assert roles == redlines
    assert roles[0]["notes"]


def test_the_meeting_record_and_next_steps_are_data(catalogue: Catalogue) -> None:
    (source,) = catalogue.sources
    notes = " ".join(item.text for item in source.notes)
    for fact in (
        "working-level",
        "Military Advisers and Political Counselors",
        "Chatham House Rule",
        "not national positions",
        '"and/or"',
        "social contract",
        "continued, or even increased, UN role",
        "two possible approaches",
        "no Member State redline",
        "Next steps:",
        "C34",
    ):
        assert fact in notes, fact
    for role in catalogue.roles:
        for question in role.open_questions:
            assert "next step" not in question.text.lower(), role.id
            assert "early 2011" not in question.text, role.id


def test_no_redline_claims_to_be_a_member_states(catalogue: Catalogue) -> None:
    for redline in catalogue.redlines:
        assert redline.origin.value != "member-state", redline.id
        assert "not a Member State redline" in redline.statement, redline.id


def test_through_the_un_is_told_apart_from_by_the_un(catalogue: Catalogue) -> None:
    """Seconded experts are support by the UN and cross no-standing-un-capacity; brokered do not."""
    matchmaking = catalogue.role("matchmaking")

    def outcome(delivered_by: list[str]) -> Outcome:
        value = AttributeValue.model_validate(
            {"value": delivered_by, "basis": Basis.ANALYSIS, "note": "test"}
        )
        role = matchmaking.model_copy(
            update={"attributes": {**matchmaking.attributes, "delivered_by": value}}
        )
        verdict = evaluate_role(catalogue, role)
        return next(r for r in verdict.results if r.redline.id == "no-standing-un-capacity").outcome

    assert outcome(["un-secretariat", "member-state-experts-brokered"]) is Outcome.CLEAR
    assert outcome(["un-secretariat", "member-state-experts-seconded"]) is Outcome.CROSSES


def test_no_intensifier_the_note_does_not_use(catalogue: Catalogue) -> None:
    texts = [role.reception.summary for role in catalogue.roles]
    texts += [
        item.text for role in catalogue.roles for item in (*role.concerns, *role.open_questions)
    ]
    texts += [value.note or "" for role in catalogue.roles for value in role.attributes.values()]
    texts += [r.statement for r in catalogue.redlines] + [
        r.repair or "" for r in catalogue.redlines
    ]
    for text in texts:
        for word in ("warmest", "outright", "Nobody"):
            assert word not in text, text


def test_repairs_speak_of_attributes_not_of_another_role(catalogue: Catalogue) -> None:
    names = {role.id for role in catalogue.roles} | {"matchmaking", "repository", "platform"}
    for redline in catalogue.redlines:
        assert redline.repair, redline.id
        assert not any(name in redline.repair.lower() for name in names), redline.id
