"""negotiate's forum through the command line: a Security Council of 15 whose pivotal members we
know (redline files written here), the forum in JSON, the design space in CSV, and bad forum
input refused where it is (files) or by the option's name (options)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from tests.cli.test_design_space import blocked, delegation
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import dump

PERMANENT = ("p-one", "p-two", "p-three", "p-four", "p-five")
ELECTED = tuple(f"e-{n}" for n in ("one", "two", "three", "four", "five", "six", "seven"))
UNDECIDED = ("u-one", "u-two", "u-three")
STANDING = "rule: {attribute: standing_un_capacity, equals: true}"
IN_COUNTRY = "rule: {attribute: in_country, equals: true}"
HARMLESS = "rule: {attribute: authority_over_bilaterals, equals: true}"


def council(tmp_path: Path) -> str:
    """p-one vetoes in-country work (it crosses three of the four shipped roles); e-one to
    e-four veto a standing capacity (no shipped role has one); everyone else vetoes authority
    over bilateral programmes (none has it either). u-one to u-three wrote nothing."""
    files = []
    for member in PERMANENT + ELECTED:
        body = IN_COUNTRY if member == "p-one" else HARMLESS
        if member in ELECTED[:4]:
            body = STANDING
        files.append(delegation(tmp_path / f"{member}.yaml", member, (f"{member}-x", "X", body)))
    forum = tmp_path / "council.yaml"
    forum.write_text(
        dump(
            {
                "schema_version": 1,
                "forum": {
                    "id": "council",
                    "name": "Security Council",
                    "rule": "security-council",
                    "members": [*PERMANENT, *ELECTED, *UNDECIDED],
                    "permanent": list(PERMANENT),
                },
                "holders": [{"id": u, "name": u.title()} for u in UNDECIDED],
                "blocs": [
                    {"id": "western", "name": "Western Group", "members": ["p-one", "e-one"]},
                    {"id": "g77", "name": "Group of 77", "members": ["e-two", "u-one"]},
                ],
            }
        ),
        encoding="utf-8",
    )
    return " ".join(f"--redlines {p}" for p in files) + f" --forum-file {forum}"


def test_the_council_knows_who_is_pivotal(run: Run, tmp_path: Path) -> None:
    given = council(tmp_path)
    result = run(f"dsr-options negotiate {given} -f json")
    assert result.exit_code == 0, result
    forum: dict[str, Any] = payload(result.stdout)["forum"]
    assert (forum["rule"], forum["needed"], len(forum["members"])) == ("security-council", 9, 15)
    roles = {r["role"]: r for r in forum["roles"]}
    # In-country roles: p-one's veto blocks them; p-one alone is pivotal.
    advice = roles["strategic-advice"]
    assert (advice["status"], advice["vetoes"], advice["pivotal"]) == (
        "fails",
        ["p-one"],
        ["p-one"],
    )
    # The repository works at headquarters: all 12 decided accept, 9 needed: it passes,
    # and only a permanent member's change (a veto) alone would change that.
    repository = roles["best-practice-repository"]
    assert (repository["status"], len(repository["accepting"]), repository["pivotal"]) == (
        "passes",
        12,
        list(PERMANENT),
    )
    assert repository["undecided"] == list(UNDECIDED)
    assert forum["passing"] == ["best-practice-repository"]
    # Both blocs have a member who accepts the repository; the Western Group's only member
    # who accepts in-country work is e-one.
    assert forum["bridging"] == list(roles)
    assert roles["coordination"]["blocs"][0] == {
        "bloc": "western",
        "accepting": ["e-one"],
        "decided": ["p-one", "e-one"],
        "accepts": None,
        "bridged": True,
    }
    assert forum["design_space"]["status"] == "passes"
    assert forum["answer"] == (
        "Security Council decides by 9 of 15 accepting and no permanent member objecting: "
        "Repository for DSR best practices, standards and guidance passes; some design passes."
    )


ADVICE = "Strategic advice and identification of national DSR priorities"


def forum_row(stdout: str, title: str) -> list[str]:
    """A role's row of the bloc x role table (wide enough not to wrap), cell by cell."""
    lines = stdout.splitlines()
    start = lines.index("The forum")
    row = next(line for line in lines[start:] if line.startswith(title))
    return re.split(r"\s{2,}", row.strip())


def test_the_council_at_the_terminal_says_who_vetoes(run: Run, tmp_path: Path) -> None:
    result = run(f"dsr-options negotiate {council(tmp_path)}", columns=250)
    assert result.exit_code == 0, result
    assert forum_row(result.stdout, ADVICE) == [
        ADVICE,
        "fails: vetoed by P-One",
        "1 of 2 accept",
        "1 of 1 accept",
        "yes",
    ]
    line = f"{ADVICE}: fails; 11 of 15 accept, 9 needed; blocked by P-One (a permanent member"
    assert line in result.stdout, result


def test_majority_with_undecided_members_over_the_same_files(run: Run, tmp_path: Path) -> None:
    result = run(f"dsr-options negotiate {council(tmp_path)} --forum majority -f json")
    forum = payload(result.stdout)["forum"]
    assert (forum["rule"], forum["needed"]) == ("majority", 8)
    # 11 of the 12 decided accept advice and matchmaking: 8 needed, so they pass. Coordination
    # has authority over bilateral programmes: only e-one to e-four accept it, and with the 3
    # undecided that makes 7 of 15, short of 8 whatever they do.
    assert [r["status"] for r in forum["roles"]] == ["passes", "fails", "passes", "passes"]
    assert forum["roles"][1]["short"] == 4


def test_the_design_space_is_in_csv(run: Run, tmp_path: Path) -> None:
    files = " ".join(f"--redlines {p}" for p in blocked(tmp_path))
    result = run(f"dsr-options negotiate {files} -f csv")
    assert result.exit_code == 0, result
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    kinds = [r["kind"] for r in rows if r["kind"] != "role"]
    assert kinds == ["design", "blocking-set", "must-move", "must-move", "must-move", "searched"]
    design = next(r for r in rows if r["kind"] == "design")
    assert design["acceptable"] == "no"
    assert design["text"].startswith("No design of the UN's role clears Freedonia")
    blocking = next(r for r in rows if r["kind"] == "blocking-set")
    assert (blocking["deciding"], blocking["holder"]) == (
        "in-country, requested, mandated",
        "freedonia, sylvania, ruritania",
    )


def test_a_bad_rule_is_a_usage_error_with_did_you_mean(run: Run, tmp_path: Path) -> None:
    files = " ".join(f"--redlines {p}" for p in blocked(tmp_path))
    result = run(f"dsr-options negotiate {files} --forum two-third")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: --forum: 'two-third' is not one of consensus, security-council, "
        "majority, two-thirds; did you mean 'two-thirds'?\n"
    )
    council_alone = run(f"dsr-options negotiate {files} --forum security-council")
    assert council_alone.exit_code == 2, council_alone
    assert council_alone.stderr == (
        "dsr-options: error: --forum: the security-council rule needs a forum file naming the "
        "Council's members and its permanent members\n"
    )
    missing = run(f"dsr-options negotiate {files} --forum-file {tmp_path / 'none.yaml'}")
    assert missing.exit_code == 2, missing
    assert missing.stderr == (
        f"dsr-options: error: --forum-file: no forum file at {tmp_path / 'none.yaml'}\n"
    )


def test_a_broken_forum_file_is_refused_where_it_is(run: Run, tmp_path: Path) -> None:
    files = " ".join(f"--redlines {p}" for p in blocked(tmp_path))
    forum = tmp_path / "forum.yaml"
    forum.write_text(
        "schema_version: 1\n"
        "forum:\n"
        "  id: c34\n"
        "  name: C34\n"
        "  rule: two-thirds\n"
        "  members: [freedonia, sylvannia]\n"
        "blocs:\n"
        "  - {id: nam, name: NAM, members: [ruritania, atlantis]}\n",
        encoding="utf-8",
    )
    result = run(f"dsr-options negotiate {files} --forum-file {forum}")
    assert result.exit_code == 1, result
    located = [line for line in result.stderr.splitlines() if ": error [" in line]
    assert located == [
        f"{forum}:6:24: error [unknown-reference] no holder has the id 'sylvannia' "
        "(did you mean 'sylvania'?)",
        f"{forum}:8:47: error [unknown-reference] no holder has the id 'atlantis'",
    ]
    assert result.stderr.endswith(
        f"dsr-options: error: {forum} is invalid; run `dsr-options validate {forum}`\n"
    )


def test_the_briefs_bottom_line_says_no_design_clears_them_together(
    run: Run, tmp_path: Path
) -> None:
    files = [f"--redlines={p}" for p in blocked(tmp_path)]
    result = run(["dsr-options", "brief", "--date", "2010-12-15", *files])
    assert result.exit_code == 0, result
    section = result.stdout.split("## Where agreement lies\n\n", 1)[1].split("\n\n", 1)[0]
    last = section.splitlines()[-1]
    assert last.startswith(
        "- No design of the UN's role clears Freedonia, Sylvania and Ruritania's vetoes and "
        "conditions together; one of them must move \\[F"
    )
    label = last.rsplit("\\[", 1)[1].split("\\]", 1)[0]
    annex = next(line for line in result.stdout.splitlines() if line.startswith(f"- **{label}**"))
    assert annex.endswith(
        "Ids: blocking in-country, requested, mandated (freedonia, sylvania, ruritania)."
    )


BLOC_FILE = """schema_version: 1
holders:
  - id: ruritania
    name: Republic of Ruritania
    short: Ruritania
    member_of: [nam]
  - id: latveria
    name: Latveria
    member_of: [{bloc}]
blocs:
  - id: nam
    name: Non-Aligned Movement
    short: NAM
    members: [{member}]
redlines:
  - id: nam-at-home
    title: The bloc wants no work inside a country
    statement: No in-country work.
    origin: member-state
    holders: [nam]
    strictness: veto
    rule: {{attribute: in_country, equals: true}}
  - id: ruritania-no-coordination
    title: No coordination of partners
    statement: No coordination.
    origin: member-state
    holders: [ruritania]
    strictness: veto
    rule: {{attribute: coordinates_partners, equals: true}}
  - id: latveria-no-standing
    title: No standing capacity
    statement: No standing capacity.
    origin: member-state
    holders: [latveria]
    strictness: veto
    rule: {{attribute: standing_un_capacity, equals: true}}
"""


def test_a_blocs_own_position_decides_whether_a_role_bridges(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "blocs.yaml"
    path.write_text(BLOC_FILE.format(bloc="nam", member="latveria"), encoding="utf-8")
    result = run(f"dsr-options negotiate --redlines {path} -f json")
    assert result.exit_code == 0, result
    data = payload(result.stdout)
    # The bloc is no member: the forum is its two holders, by consensus.
    assert [h["id"] for h in data["holders"]] == ["ruritania", "latveria"]
    forum = data["forum"]
    assert forum["blocs"] == [
        {
            "id": "nam",
            "name": "NAM",
            "members": ["latveria", "ruritania"],
            "position_declared": True,
        }
    ]
    # Both members accept three roles; the bloc as a whole accepts only the repository, the
    # one role that does not work inside a country.
    assert forum["passing"] == ["strategic-advice", "matchmaking", "best-practice-repository"]
    assert forum["bridging"] == ["best-practice-repository"]
    advice = forum["roles"][0]["blocs"][0]
    assert (advice["accepting"], advice["accepts"], advice["bridged"]) == (
        ["latveria", "ruritania"],
        False,
        False,
    )
    table = run(f"dsr-options negotiate --redlines {path}", columns=250)
    assert forum_row(table.stdout, ADVICE) == [
        ADVICE,
        "passes",
        "2 of 2 accept; the bloc objects",
        "no",
    ]


def test_blocs_naming_what_is_not_declared_are_located_errors(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "blocs.yaml"
    path.write_text(BLOC_FILE.format(bloc="naam", member="latvria"), encoding="utf-8")
    result = run(f"dsr-options validate {path}")
    assert result.exit_code == 1, result
    located = [line for line in result.stdout.splitlines() if ": error [" in line]
    assert located == [
        f"{path}:9:17: error [unknown-reference] no bloc has the id 'naam' (did you mean 'nam'?)",
        f"{path}:14:15: error [unknown-reference] no holder has the id 'latvria' "
        "(did you mean 'latveria'?)",
    ]
    loaded = run(f"dsr-options negotiate --redlines {path}")
    assert loaded.exit_code == 1, loaded
    assert "error [unknown-reference] no bloc has the id 'naam'" in loaded.stderr
