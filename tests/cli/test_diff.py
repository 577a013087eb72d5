"""``dsr-options diff``: a chain of commits in a scratch repository, read through git."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.factory import dump, redline, redlines_document, role, roles_document

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def commit(repo: Path, roles: dict[str, Any], redlines: dict[str, Any], message: str) -> None:
    (repo / "data").mkdir(exist_ok=True)
    (repo / "data" / "roles.yaml").write_text(dump(roles), encoding="utf-8")
    (repo / "data" / "redlines.yaml").write_text(dump(redlines), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five commits: a value changed, a quote altered, a redline tightened, a role added, a
    rename (HEAD~4 is the first)."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    roles = roles_document([role(1), role(2, standing=False)])
    redlines = redlines_document([redline(1, strictness="concern")])
    commit(folder, roles, redlines, "start")
    roles["roles"][1]["attributes"]["standing_un_capacity"]["value"] = True
    commit(folder, roles, redlines, "role-2 needs a standing capacity")
    roles["roles"][0]["evidence"][0]["quote"] = "for it, altered"
    commit(folder, roles, redlines, "a quote altered")
    redlines["redlines"][0]["strictness"] = "veto"
    commit(folder, roles, redlines, "redline-1 tightened")
    roles["roles"].append(role(3, standing=False))
    commit(folder, roles, redlines, "role-3 added")
    roles["roles"][2]["id"] = "role-three"
    commit(folder, roles, redlines, "role-3 renamed")
    monkeypatch.chdir(folder)
    return folder


def diff_json(run: Run, old: str, new: str, *more: str) -> dict[str, Any]:
    result = run(["dsr-options", "diff", old, new, "-f", "json", *more])
    assert result.exit_code == 0, result
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_value_changed_moves_a_verdict_and_names_its_cause(run: Run, repo: Path) -> None:
    data = diff_json(run, "HEAD~5", "HEAD~4")
    (change,) = data["changes"]
    assert change["key"] == "roles/role-2/attributes/standing_un_capacity/value"
    assert (change["old"], change["new"]) == (False, True)
    assert change["new_at"].startswith("HEAD~4:data/roles.yaml:")
    (verdict,) = [c for c in data["consequences"] if c["kind"] == "verdict"]
    assert (verdict["role"], verdict["old"], verdict["new"]) == ("role-2", "clear", "flagged")
    assert verdict["causes"] == [change["key"]]
    assert data["summary"]["verdict_changes"] == 1


def test_a_quote_altered_moves_no_verdict(run: Run, repo: Path) -> None:
    data = diff_json(run, "HEAD~4", "HEAD~3")
    assert [c["kind"] for c in data["changes"]] == ["quote-changed"]
    assert data["changes"][0]["new"] == "for it, altered"
    assert [c for c in data["consequences"] if c["kind"] == "verdict"] == []


def test_a_redline_tightened(run: Run, repo: Path) -> None:
    data = diff_json(run, "HEAD~3", "HEAD~2")
    (change,) = data["changes"]
    assert (change["kind"], change["old"], change["new"]) == (
        "redline-strictness",
        "concern",
        "veto",
    )
    moved = {
        (c["role"], c["old"], c["new"]) for c in data["consequences"] if c["kind"] == "verdict"
    }
    assert moved == {("role-1", "flagged", "out"), ("role-2", "flagged", "out")}


def test_a_role_added_and_a_rename(run: Run, repo: Path) -> None:
    added = diff_json(run, "HEAD~2", "HEAD~1")
    assert [(c["kind"], c["item"]) for c in added["changes"]] == [("role-added", "role-3")]
    renamed = diff_json(run, "HEAD~1", "HEAD")
    assert [(c["kind"], c["item"], c["new_item"]) for c in renamed["changes"]] == [
        ("role-renamed", "role-3", "role-three")
    ]


def test_fail_on_verdict_change_is_the_exit_status(run: Run, repo: Path) -> None:
    assert run("dsr-options diff HEAD~5 HEAD~4 --fail-on verdict-change").exit_code == 1
    assert run("dsr-options diff HEAD~4 HEAD~3 --fail-on verdict-change").exit_code == 0
    assert run("dsr-options diff HEAD~4 HEAD~3 --fail-on change").exit_code == 1


def test_markdown_for_a_pull_request_comment(run: Run, repo: Path) -> None:
    result = run("dsr-options diff HEAD~5 HEAD~4 -f markdown")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[:3] == [
        f"## What changed: OLD HEAD~5 (catalogue, git {rev(repo, 'HEAD~5')}) → "
        f"NEW HEAD~4 (catalogue, git {rev(repo, 'HEAD~4')})",
        "",
        "1 change (1 can move an answer, 1 did); 1 verdict and 1 standing moved; 1 "
        "rationale to check",
    ]
    assert (
        "- role-2: verdict clear → flagged, because roles/role-2 "
        "attributes.standing_un_capacity.value: false → true"
    ) in result.stdout


def rev(repo: Path, name: str) -> str:
    out = subprocess.run(["git", "rev-parse", name], cwd=repo, capture_output=True, text=True)
    return out.stdout.strip()[:12]


def test_a_folder_against_a_revision(run: Run, repo: Path) -> None:
    data = diff_json(run, "HEAD~1", "data")
    assert data["new"]["origin"] == "folder"
    assert [c["kind"] for c in data["changes"]] == ["role-renamed"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "HEAD",
            "HEAD:data/redlines.yaml",
            "the sides are of different kinds: OLD 'HEAD' is a catalogue, NEW "
            "'HEAD:data/redlines.yaml' is a redline file; compare two catalogues or two "
            "redline files",
        ),
        (
            "nosuchrev",
            "HEAD",
            "OLD side 'nosuchrev': no such file or folder, and 'nosuchrev' is not a revision "
            "of the repository",
        ),
    ],
)
def test_bad_sides_are_usage_errors(run: Run, repo: Path, old: str, new: str, message: str) -> None:
    result = run(["dsr-options", "diff", old, new])
    assert result.exit_code == 2, result
    assert result.stderr == f"dsr-options: error: {message}\n"


@pytest.mark.parametrize(
    ("old", "new", "table", "markdown"),
    [
        (
            "HEAD",
            "HEAD",
            "Nothing changed: OLD and NEW are both 'HEAD'.",
            "Nothing changed: OLD and NEW are both 'HEAD'.",
        ),
        (
            "HEAD",
            "data",
            "Nothing changed: OLD 'HEAD' and NEW 'data' hold the same files.",
            "Nothing changed: OLD 'HEAD' and NEW 'data' hold the same files.",
        ),
    ],
)
def test_identical_sides_are_an_answer_in_one_line(
    run: Run, repo: Path, old: str, new: str, table: str, markdown: str
) -> None:
    """Nothing changed is what a pull request that leaves the data alone gets: exit 0, even
    with --fail-on change, one line for people and one for a pull-request comment."""
    result = run(["dsr-options", "diff", old, new, "--fail-on", "change"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, table + "\n", ""), result
    result = run(["dsr-options", "diff", old, new, "-f", "markdown"])
    assert (result.exit_code, result.stdout) == (0, markdown + "\n"), result
    data = diff_json(run, old, new)
    assert data["identical"] is True
    assert (data["changes"], data["consequences"]) == ([], [])
    assert data["summary"]["changes"] == 0
    assert data["summary"]["answers_moved"] is False
    result = run(["dsr-options", "diff", old, new, "-f", "csv"])
    assert result.stdout == (
        "kind,subject,where,old,new,old_at,new_at,can_move_answers,moved_answers\n"
    )


def test_a_change_of_comments_only_changes_nothing(run: Run, repo: Path) -> None:
    roles = repo / "data" / "roles.yaml"
    roles.write_text("# a comment a reviewer added\n" + roles.read_text(), encoding="utf-8")
    result = run("dsr-options diff HEAD data --fail-on change")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Nothing changed in the data: OLD 'HEAD' and NEW 'data' differ only in comments or "
        "layout.\n"
    )
    assert diff_json(run, "HEAD", "data")["identical"] is False


def test_a_side_that_does_not_load_names_its_side(run: Run, repo: Path) -> None:
    (repo / "data" / "roles.yaml").write_text("roles: [\n", encoding="utf-8")
    result = run("dsr-options diff HEAD data")
    assert result.exit_code == 1, result
    assert "NEW:data/roles.yaml:2:1: error [yaml-syntax]" in result.stderr
    assert result.stderr.rstrip().endswith("does not load: 1 error")


def test_a_firmness_that_moves_is_a_consequence_with_its_cause(run: Run, repo: Path) -> None:
    """A redline that comes to test role-1's trigger (an open reading) too: role-1's verdict now
    hangs on that one reading; the diff says so, names the changes, and --fail-on exits 1."""
    roles = roles_document([role(1), role(2, standing=True)])
    redlines = redlines_document([redline(1, strictness="veto")])
    redlines["redlines"][0]["rule"] = {
        "all": [
            {"attribute": "standing_un_capacity", "equals": True},
            {"attribute": "trigger", "equals": "national-request"},
        ]
    }
    roles["roles"].append(role(3, standing=False))
    roles["roles"][2]["id"] = "role-three"
    # The trigger is an open reading: firmness varies it by default.
    roles["roles"][0]["attributes"]["trigger"]["alternatives"] = [
        {"value": "un-initiative", "note": "Another reading."}
    ]
    commit(repo, roles, redlines, "redline-1 also tests the trigger, an open reading")
    data = diff_json(run, "HEAD~1", "HEAD")
    moved = [c for c in data["consequences"] if c["kind"] == "firmness"]
    assert [(c["role"], c["new"], c["causes"]) for c in moved if c["role"] == "role-1"] == [
        (
            "role-1",
            "hangs on one reading: trigger=un-initiative gives clear (better for the role)",
            ["roles/role-1/attributes/trigger/alternatives", "redlines/redline-1/rule"],
        )
    ]
    assert data["summary"]["firmness_changes"] == len(moved)
    failing = run("dsr-options diff HEAD~1 HEAD --fail-on firmness-change")
    assert failing.exit_code == 1, failing


def test_a_folder_named_like_the_base_revision_cannot_pass_for_it(run: Run, repo: Path) -> None:
    shutil.copytree(repo / "data", repo / "HEAD~1:data")  # what a hostile pull request adds
    result = run(["dsr-options", "diff", "HEAD~1:data", "data"])
    assert result.exit_code == 2, result
    assert result.stderr == (
        "dsr-options: error: OLD side 'HEAD~1:data': is both a path on disk and a revision of "
        "the repository ('HEAD~1'): write './HEAD~1:data' for the path or 'rev:HEAD~1:data' "
        "for the revision\n"
    )
    data = diff_json(run, "rev:HEAD~1:data", "./data")
    assert (data["old"]["origin"], data["new"]["origin"]) == ("git", "folder")
    assert [c["kind"] for c in data["changes"]] == ["role-renamed"]
