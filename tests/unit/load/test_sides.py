"""The sides of a diff: folders, redline files and git revisions (read through git, never checked
out), every bad input with its message, and the diff of each commit of a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dsr_options.analyses.diff import FailOn, diff_sides, plain
from dsr_options.errors import CatalogueError, UsageError
from dsr_options.load.sides import (
    DifferentKindsError,
    IdenticalSidesError,
    MissingAtRevisionError,
    NoSuchSideError,
    NotACatalogueError,
    NotAGitRepositoryError,
    SideKind,
    SideLoadError,
    SideOrigin,
    UnknownRevisionError,
    UnreadableSideError,
    read_side,
    read_sides,
)
from tests.factory import (
    dump,
    evidence,
    redline,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def listed(diff: Any) -> list[tuple[Any, ...]]:
    return [
        (c.kind.value, c.key, plain(c.old), plain(c.new), str(c.old_at), str(c.new_at))
        for c in diff.changes
    ]


def answers(diff: Any) -> list[tuple[str, str, Any, Any, list[str]]]:
    return [
        (c.kind.value, c.role, c.old, c.new, [cause.key for cause in c.causes])
        for c in diff.consequences
    ]


# -- folders and files ----------------------------------------------------------------------------


def test_folder_sides_are_labelled_and_located(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "old")
    write_catalogue(tmp_path / "new", roles_document([role(1), role(2, standing=True)]))
    old, new = read_sides("old", "new", cwd=tmp_path)
    assert (old.kind, old.origin, old.label) == (SideKind.CATALOGUE, SideOrigin.FOLDER, "OLD")
    assert old.files == (
        "OLD:" + str(tmp_path / "old/roles.yaml"),
        "OLD:" + str(tmp_path / "old/redlines.yaml"),
    )
    diff = diff_sides(old, new)
    (change,) = diff.changes
    text = (tmp_path / "old/roles.yaml").read_text().split("\n")
    role_2 = text.index("- id: role-2")
    line = text.index("    standing_un_capacity:", role_2) + 2  # its value, 1-based
    assert text[line - 1] == "      value: false"
    assert str(change.old_at) == f"OLD:{tmp_path}/old/roles.yaml:{line}:14"
    assert str(change.new_at) == f"NEW:{tmp_path}/new/roles.yaml:{line}:14"
    assert diff.old is not None
    assert diff.old.spec == "old"


def test_paths_below_the_working_folder_are_shown_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(tmp_path / "old")
    monkeypatch.chdir(tmp_path)
    assert read_side("old", "OLD").files == ("OLD:old/roles.yaml", "OLD:old/redlines.yaml")


def test_redline_file_sides_are_evaluated_against_the_context_roles(tmp_path: Path) -> None:
    folder = write_catalogue(tmp_path / "catalogue")
    (tmp_path / "a.yaml").write_text(dump(redlines_document([redline(1, strictness="concern")])))
    (tmp_path / "b.yaml").write_text(dump(redlines_document([redline(1)])))
    old, new = read_sides("a.yaml", "b.yaml", cwd=tmp_path, context=folder)
    assert (old.kind, old.origin) == (SideKind.REDLINE_FILE, SideOrigin.FILE)
    diff = diff_sides(old, new)
    assert [(c.kind.value, c.key, str(c.old_at)) for c in diff.changes] == [
        ("redline-strictness", "redlines/redline-1/strictness", f"OLD:{tmp_path}/a.yaml:21:15")
    ]
    assert answers(diff) == [
        ("verdict", "role-1", "flagged", "out", ["redlines/redline-1/strictness"])
    ]


def test_bad_inputs_on_disk(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "catalogue")
    (tmp_path / "empty").mkdir()
    (tmp_path / "rl.yaml").write_text(dump(redlines_document()))
    cases: list[tuple[str, str, type[UsageError], str]] = [
        (
            "empty",
            "catalogue",
            NotACatalogueError,
            "OLD side 'empty': the folder has no roles.yaml; give a catalogue folder",
        ),
        (
            "catalogue",
            "catalogue",
            IdenticalSidesError,
            "the two sides are identical: both are 'catalogue'; nothing changed",
        ),
        (
            "catalogue",
            "rl.yaml",
            DifferentKindsError,
            "the sides are of different kinds: OLD 'catalogue' is a catalogue, NEW 'rl.yaml' is a "
            "redline file; compare two catalogues or two redline files",
        ),
    ]
    for old, new, error, message in cases:
        with pytest.raises(error) as caught:
            read_sides(old, new, cwd=tmp_path, context=tmp_path / "catalogue")
        assert str(caught.value) == message
        assert caught.value.exit_code == 2


def test_a_missing_path_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    if shutil.which("git") is None:
        with pytest.raises(UsageError, match="git is not installed"):
            read_side("nowhere", "NEW", cwd=tmp_path)
        return
    with pytest.raises(NotAGitRepositoryError) as caught:
        read_side("nowhere", "NEW", cwd=tmp_path)
    assert str(caught.value) == (
        f"NEW side 'nowhere': no such file or folder, and '{tmp_path}' is not in a git "
        "repository, so it cannot be a revision either"
    )
    assert caught.value.folder == tmp_path
    with pytest.raises(NoSuchSideError, match="give a folder, a redline file or a revision"):
        read_side("", "OLD", cwd=tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_unreadable_file_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(UnreadableSideError) as caught:
        read_side("pipe.yaml", "OLD", cwd=tmp_path)
    assert str(caught.value) == (
        f"OLD side 'pipe.yaml': {tmp_path}/pipe.yaml: is not a regular file"
    )


def test_a_side_that_does_not_load_gives_its_located_errors(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "good")
    broken = roles_document()
    broken["roles"][0]["levels"] = ["everywhere"]
    write_catalogue(tmp_path / "bad", broken)
    with pytest.raises(SideLoadError) as caught:
        read_sides("good", "bad", cwd=tmp_path)
    error = caught.value
    assert isinstance(error, CatalogueError)
    assert (error.label, error.spec, error.exit_code) == ("NEW", "bad", 1)
    (diagnostic,) = error.diagnostics
    assert diagnostic.file == f"NEW:{tmp_path}/bad/roles.yaml"
    lines = str(error).split("\n")
    assert lines[-1] == "NEW side 'bad' does not load: 1 error"
    assert lines[0].startswith(f"NEW:{tmp_path}/bad/roles.yaml:")
    assert "error [invalid-value]" in lines[0]


# -- git ------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(repo: Path, tag: str, roles: dict[str, Any], redlines: dict[str, Any]) -> None:
    write_catalogue(repo / "data", roles, redlines)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with a chain of commits, tagged v1 .. v6."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    roles = [role(1), role(2, standing=False)]
    lines = [redline(1, strictness="concern")]
    commit(repo, "v1", roles_document(roles), redlines_document(lines))
    roles[1] = role(2, standing=True)  # a value changed
    commit(repo, "v2", roles_document(roles), redlines_document(lines))
    roles[0]["evidence"][0] = evidence("for it, on the whole")  # a quote altered
    commit(repo, "v3", roles_document(roles), redlines_document(lines))
    lines = [redline(1, strictness="veto")]  # a redline tightened
    commit(repo, "v4", roles_document(roles), redlines_document(lines))
    roles.append(role(3, standing=False, title="A third role"))  # a role added
    commit(repo, "v5", roles_document(roles), redlines_document(lines))
    renamed = role(3, standing=False, title="A third role")
    renamed["id"] = "third-role"
    roles[2] = renamed  # a rename
    commit(repo, "v6", roles_document(roles), redlines_document(lines))
    return repo


def line_of(repo: Path, tag: str, file: str, text: str, after: str = "") -> int:
    lines = git(repo, "show", f"{tag}:data/{file}").split("\n")
    start = lines.index(after) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and line == text) + 1


@needs_git
def test_a_revision_is_read_through_git(repo: Path) -> None:
    side = read_side("v1", "OLD", cwd=repo)
    assert (side.kind, side.origin) == (SideKind.CATALOGUE, SideOrigin.GIT)
    assert side.revision == git(repo, "rev-parse", "v1")
    assert side.files == ("v1:data/roles.yaml", "v1:data/redlines.yaml")
    assert read_side("v1:data", "OLD", cwd=repo).files == side.files
    assert read_side("HEAD~5", "OLD", cwd=repo).revision == side.revision
    assert git(repo, "status", "--porcelain") == ""  # nothing checked out, nothing touched


@needs_git
def test_a_value_changed(repo: Path) -> None:
    diff = diff_sides(*read_sides("v1", "v2", cwd=repo))
    line = line_of(repo, "v1", "roles.yaml", "      value: false", "- id: role-2")
    assert listed(diff) == [
        (
            "value-changed",
            "roles/role-2/attributes/standing_un_capacity/value",
            False,
            True,
            f"v1:data/roles.yaml:{line}:14",
            f"v2:data/roles.yaml:{line}:14",
        ),
    ]
    assert answers(diff) == [
        (
            "verdict",
            "role-2",
            "clear",
            "flagged",
            ["roles/role-2/attributes/standing_un_capacity/value"],
        ),
        (
            "standing",
            "role-2",
            "supported",
            "contested",
            ["roles/role-2/attributes/standing_un_capacity/value"],
        ),
    ]
    assert diff.summary.fails_on(FailOn.VERDICT_CHANGE)


@needs_git
def test_a_quote_altered(repo: Path) -> None:
    diff = diff_sides(*read_sides("v2", "v3", cwd=repo))
    line = line_of(repo, "v2", "roles.yaml", "  - quote: for it")
    assert listed(diff) == [
        (
            "quote-changed",
            "roles/role-1/evidence/0/quote",
            "for it",
            "for it, on the whole",
            f"v2:data/roles.yaml:{line}:12",
            f"v3:data/roles.yaml:{line}:12",
        ),
    ]
    assert answers(diff) == []  # a quote describing the role moves no answer
    assert not diff.summary.answers_moved


@needs_git
def test_a_redline_tightened(repo: Path) -> None:
    diff = diff_sides(*read_sides("v3", "v4", cwd=repo))
    line = line_of(repo, "v3", "redlines.yaml", "  strictness: concern")
    assert listed(diff) == [
        (
            "redline-strictness",
            "redlines/redline-1/strictness",
            "concern",
            "veto",
            f"v3:data/redlines.yaml:{line}:15",
            f"v4:data/redlines.yaml:{line}:15",
        ),
    ]
    assert answers(diff) == [
        ("verdict", "role-1", "flagged", "out", ["redlines/redline-1/strictness"]),
        ("verdict", "role-2", "flagged", "out", ["redlines/redline-1/strictness"]),
    ]


@needs_git
def test_a_role_added(repo: Path) -> None:
    diff = diff_sides(*read_sides("v4", "v5", cwd=repo))
    line = line_of(repo, "v5", "roles.yaml", "- id: role-3")
    assert [(c.kind.value, c.key, str(c.old_at), str(c.new_at)) for c in diff.changes] == [
        ("role-added", "roles/role-3", "None", f"v5:data/roles.yaml:{line}:3"),
    ]
    assert plain(diff.changes[0].new)["title"] == "A third role"
    assert answers(diff) == [
        ("verdict", "role-3", None, "clear", ["roles/role-3"]),
        ("standing", "role-3", None, "supported", ["roles/role-3"]),
    ]


@needs_git
def test_a_rename(repo: Path) -> None:
    diff = diff_sides(*read_sides("v5", "v6", cwd=repo))
    line = line_of(repo, "v5", "roles.yaml", "- id: role-3")
    assert [(c.kind.value, c.subject, str(c.old_at), str(c.new_at)) for c in diff.changes] == [
        (
            "role-renamed",
            "role-3 -> third-role",
            f"v5:data/roles.yaml:{line}:3",
            f"v6:data/roles.yaml:{line}:3",
        ),
    ]
    assert diff.consequences == ()
    assert diff.summary.by_kind == {"role-renamed": 1}


@needs_git
def test_a_revision_against_the_working_folder_and_a_redline_file_at_a_revision(
    repo: Path,
) -> None:
    (repo / "data" / "roles.yaml").write_text(dump(roles_document([role(1)])))
    diff = diff_sides(*read_sides("HEAD", "data", cwd=repo))
    assert [(c.kind.value, c.key) for c in diff.changes] == [
        ("quote-changed", "roles/role-1/evidence/0/quote"),  # v3 altered it; role(1) has it back
        ("role-removed", "roles/role-2"),
        ("role-removed", "roles/third-role"),
    ]
    assert diff.new is not None
    assert diff.new.files[0] == f"NEW:{repo}/data/roles.yaml"
    old, new = read_sides(
        "v3:data/redlines.yaml", "v4:data/redlines.yaml", cwd=repo, context=repo / "data"
    )
    assert (old.kind, old.files[1]) == (SideKind.REDLINE_FILE, "v3:data/redlines.yaml")
    assert [c.key for c in diff_sides(old, new).changes] == ["redlines/redline-1/strictness"]


@needs_git
def test_bad_revisions(repo: Path) -> None:
    cases: list[tuple[str, type[UsageError], str]] = [
        (
            "v9",
            UnknownRevisionError,
            "OLD side 'v9': no such file or folder, and 'v9' is not a revision of the repository",
        ),
        (
            "--all",
            UnknownRevisionError,
            "OLD side '--all': no such file or folder, and '--all' is not a revision of the repository",
        ),
        (
            "v1:nowhere",
            MissingAtRevisionError,
            "OLD side 'v1:nowhere': 'nowhere' does not exist at revision 'v1'",
        ),
        (
            "v1:",
            MissingAtRevisionError,
            "OLD side 'v1:': the top folder at revision 'v1' has no roles.yaml; give a catalogue folder",
        ),
    ]
    for spec, error, message in cases:
        with pytest.raises(error) as caught:
            read_side(spec, "OLD", cwd=repo)
        assert str(caught.value) == message
        assert caught.value.exit_code == 2
    with pytest.raises(IdenticalSidesError) as one:
        read_sides("v5", "v5", cwd=repo)
    assert str(one.value) == ("the two sides are identical: both are 'v5'; nothing changed")
    with pytest.raises(IdenticalSidesError) as same:
        read_sides("v6", "HEAD", cwd=repo)
    assert str(same.value) == (
        "the two sides are identical: 'v6' and 'HEAD' hold the same files; nothing changed"
    )
    with pytest.raises(DifferentKindsError):
        read_sides("v1", "v1:data/redlines.yaml", cwd=repo, context=repo / "data")


@needs_git
def test_a_revision_that_does_not_load_is_labelled_with_the_revision(repo: Path) -> None:
    (repo / "data" / "roles.yaml").write_text("schema_version: 1\nsources: [\n")
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(SideLoadError) as caught:
        read_sides("v6", "HEAD", cwd=repo)
    lines = str(caught.value).split("\n")
    assert lines[0] == (
        "HEAD:data/roles.yaml:3:1: error [yaml-syntax] did not find expected node content"
    )
    assert lines[-1] == "NEW side 'HEAD' does not load: 1 error"


def test_odd_specs_and_contexts(tmp_path: Path) -> None:
    (tmp_path / "rl.yaml").write_text(dump(redlines_document()))
    with pytest.raises(NoSuchSideError) as nul:
        read_side("a\0b", "OLD", cwd=tmp_path)
    assert str(nul.value) == "OLD side 'a\\0b': a path cannot hold a NUL byte"
    with pytest.raises(NotACatalogueError) as context:
        read_side("rl.yaml", "OLD", cwd=tmp_path, context=tmp_path / "nowhere")
    assert str(context.value) == (
        "OLD side 'rl.yaml': a redline file is evaluated against a catalogue's roles, and "
        f"'{tmp_path / 'nowhere'}' has no roles.yaml"
    )
