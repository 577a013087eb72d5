"""How tables read: whole ids at every width, no padding when piped, words for values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from tests.envelope import body
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue

LONG_ID = "human-rights-and-international-law"
"""34 characters: longer than the old column caps (24 and 28), shorter than MAX_WORD (40)."""


@pytest.fixture
def long_ids(tmp_path: Path) -> Path:
    first = redline(1)
    first["id"] = LONG_ID
    second = redline(
        2, strictness="concern", rule={"attribute": "standing_un_capacity", "equals": False}
    )
    second["id"] = "no-authority-over-bilaterals"
    roles = [role(1, title="Strategic advice"), role(2, standing=False, title="Coordination")]
    return write_catalogue(
        tmp_path / "long-ids", roles_document(roles), redlines_document([first, second])
    )


REDLINES_AT_120 = """\
Id                                  Title      Strictness  Holders             Applies to  Crosses when
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
human-rights-and-international-law  Redline 1  veto        Some member states  every role  standing_un_capacity is true
no-authority-over-bilaterals        Redline 2  concern     Some member states  every role  standing_un_capacity is false
"""

REDLINES_AT_100 = """\
                                                                    Applies
Id                                  Title     Strictness  Holders   to        Crosses when
────────────────────────────────────────────────────────────────────────────────────────────────────
human-rights-and-international-law  Redline   veto        Some      every     standing_un_capacity
                                    1                     member    role      is true
                                                          states
no-authority-over-bilaterals        Redline   concern     Some      every     standing_un_capacity
                                    2                     member    role      is false
                                                          states
"""

REDLINES_STACKED = """\
human-rights-and-international-law  veto
Redline 1
held by: Some member states
applies to: every role
crosses when: standing_un_capacity is true

no-authority-over-bilaterals  concern
Redline 2
held by: Some member states
applies to: every role
crosses when: standing_un_capacity is false
"""


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (120, REDLINES_AT_120),
        (100, REDLINES_AT_100),
        (80, REDLINES_STACKED),  # the id column alone needs 34: stacked rather than cut
        (40, REDLINES_STACKED.replace(" is true", " is\ntrue").replace(" is false", " is\nfalse")),
    ],
)
def test_redlines_never_cut_an_id(run: Run, long_ids: Path, columns: int, expected: str) -> None:
    result = run(f"dsr-options redlines --data {long_ids}", columns=columns)
    assert result.exit_code == 0, result
    intro, _, listing = body(result.stdout).partition("\n\n")
    assert " ".join(intro.split()).startswith(
        "2 redlines: 2 views raised by participants; none is a Member State's"
    )
    table, read_back, _ = listing.partition("\n\nRead back\n")
    assert table + "\n" == expected
    assert read_back  # the rules read back in words follow the table (issue 24)


COMPARE_AT_100 = """\
3 of 15 aspects differ (marked ≠): standing_un_capacity, redline verdict, redlines crossed

  Aspect                (1) role-1                             (2) role-2
────────────────────────────────────────────────────────────────────────────────────────────────────
  title                 Strategic advice                       Coordination

≠ standing_un_capacity  yes [note]                             no [note]

≠ redline verdict       out                                    flagged

≠ redlines crossed      “Redline 1” (Some member states)       “Redline 2” (Some member states)
"""

COMPARE_AT_80 = """\
3 of 15 aspects differ (marked ≠): standing_un_capacity, redline verdict,
redlines crossed

  Aspect                (1) role-1                   (2) role-2
────────────────────────────────────────────────────────────────────────────────
  title                 Strategic advice             Coordination

≠ standing_un_capacity  yes [note]                   no [note]

≠ redline verdict       out                          flagged

≠ redlines crossed      “Redline 1” (Some member     “Redline 2” (Some member
                        states)                      states)
"""


@pytest.mark.parametrize(("columns", "expected"), [(100, COMPARE_AT_100), (80, COMPARE_AT_80)])
def test_compare_never_cuts_an_id(run: Run, long_ids: Path, columns: int, expected: str) -> None:
    result = run(f"dsr-options compare 1 2 --diff-only --data {long_ids}", columns=columns)
    assert result.exit_code == 0, result
    # The comparison, then one firmness line per role (its own section, not the table's).
    shown, _, firmness = body(result.stdout).partition("\n\nFirmness: ")
    assert shown + "\n" == expected
    assert "\nStrategic advice: " in firmness  # roles by title
    assert "\nCoordination: " in firmness


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("command", ["list", "show 1", "redlines", "compare 1 2", "check"])
def test_ids_stay_whole_at_every_width(
    run: Run, long_ids: Path, command: str, columns: int
) -> None:
    result = run(f"dsr-options {command} --data {long_ids}", columns=columns)
    assert result.exit_code == 0, result
    words = result.stdout.split()
    for line in result.stdout.splitlines():
        assert len(line) <= columns
    for fragment in ("human-rights-and", "no-authority-over"):
        cut = [w for w in words if fragment in w and LONG_ID not in w and "bilaterals" not in w]
        assert cut == [], (command, columns, result.stdout)


def test_piped_table_has_no_trailing_spaces(run: Run, long_ids: Path) -> None:
    for command in ("list", "show 1", "redlines", "compare 1 2", "check", "agree"):
        result = run(f"dsr-options {command} --data {long_ids}", columns=120)
        assert result.exit_code == 0, result
        padded = [line for line in result.stdout.splitlines() if line != line.rstrip()]
        assert padded == [], command
