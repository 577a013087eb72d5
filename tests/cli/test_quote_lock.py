"""The quote lock: ``validate --source FILE --lock`` records the verified quotes, and
``validate`` without the source text fails at a quote changed since, warns on one never verified.

Each test builds its catalogue and its source text; the shipped lock is tested in
tests/catalogue/test_quote_lock_shipped.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run
from tests.factory import dump, evidence, roles_document, write_catalogue

SOURCE_TEXT = """A test note

Findings

for it, and more. received well. a short quote. against it. a redline quote.
The UN is well placed to help.

Conclusion

The end.
"""


def where(text: str, at: str, occurrence: int = 1) -> tuple[int, int]:
    index = -1
    for _ in range(occurrence):
        index = text.index(at, index + 1)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue and its source text (note.txt, kept outside the catalogue's folder)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return write_catalogue(tmp_path / "catalogue")


def lock(run: Run, quotes: int = 11) -> Any:
    result = run("dsr-options validate catalogue --source note.txt --lock")
    assert result.exit_code == 0, result
    assert result.stderr == (
        f"dsr-options: wrote catalogue/quotes.lock: {quotes} quotes verified against source "
        "'note'\n"
    )
    return json.loads((Path("catalogue") / "quotes.lock").read_text(encoding="utf-8"))


def edit(folder: Path, file: str, old: str, new: str, occurrence: int = 1) -> str:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(old, at + 1)
    edited = text[:at] + new + text[at + len(old) :]
    path.write_text(edited, encoding="utf-8")
    return edited


def test_the_lock_holds_a_fingerprint_of_each_quote_by_its_place(run: Run, folder: Path) -> None:
    data = lock(run)
    assert data["version"] == 1
    assert list(data["sources"]) == ["note"]
    assert len(data["sources"]["note"]) == 64
    roles = data["quotes"]["roles.yaml"]
    entry = roles["roles/role-1/evidence/0"]
    assert entry["source"] == "note"
    assert entry["section"] == "Findings"
    assert len(entry["quote"]) == 16
    assert "roles/role-2/attributes/standing_un_capacity/evidence/0" in roles
    assert list(data["quotes"]["redlines.yaml"]) == ["redlines/redline-1/evidence/0"]
    # The quotes themselves and the source text stay out of the lock.
    text = (folder / "quotes.lock").read_text(encoding="utf-8")
    assert "for it" not in text
    assert "well placed" not in text
    result = run("dsr-options validate catalogue --strict")
    assert (result.exit_code, result.stdout) == (0, "checked 2 files: 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    ("old", "new", "occurrence", "caret", "message"),
    [
        (
            "quote: for it\n",
            "quote: for it, altered\n",
            1,
            "for it, altered",
            "error [quote-changed] the quote is not the text verified here against source "
            "'note'; check it against the source text with "
            "`dsr-options validate --source FILE --lock`",
        ),
        (
            "section: Findings",
            "section: Conclusion",
            1,
            "section: Conclusion",
            "error [quote-changed] the quote was verified under section 'Findings', not this "
            "one; check it against the source text with `dsr-options validate --source FILE "
            "--lock`",
        ),
        (
            "source: note",
            "source: other",
            3,
            "source: other",
            "error [quote-changed] the quote was verified against source 'note', not this one; "
            "check it against the source text with `dsr-options validate --source FILE --lock`",
        ),
    ],
    ids=["text", "section", "source"],
)
def test_a_quote_changed_since_it_was_verified_fails_at_the_quote(
    run: Run, folder: Path, old: str, new: str, occurrence: int, caret: str, message: str
) -> None:
    lock(run)
    if "other" in new:  # a second source, declared, so the catalogue stays valid
        roles = roles_document()
        roles["sources"].append({**roles["sources"][0], "id": "other", "title": "Another"})
        (folder / "roles.yaml").write_text(dump(roles), encoding="utf-8")
    edited = edit(folder, "roles.yaml", old, new, occurrence)
    line, column = where(edited, caret)
    column += caret.find(": ") + 2 if ": " in caret else 0  # the value, not its key
    result = run("dsr-options validate catalogue")
    assert result.exit_code == 1, result
    assert result.stdout.splitlines()[0] == f"catalogue/roles.yaml:{line}:{column}: {message}"
    assert result.stdout.endswith("checked 2 files: 1 error, 0 warnings\n")


def test_one_of_two_equal_quotes_altered_fails(run: Run, folder: Path) -> None:
    """Role 1 and role 2 both quote "for it": altering one leaves a verified copy elsewhere,
    but fewer of it than were verified, so the altered one replaced a verified quote."""
    lock(run)
    edited = edit(folder, "roles.yaml", "quote: for it\n", "quote: for it, altered\n", 2)
    line, column = where(edited, "for it, altered")
    result = run("dsr-options validate catalogue -f json")
    assert result.exit_code == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["code"], error["line"], error["column"]) == ("quote-changed", line, column)


def test_a_new_quote_is_a_warning_and_a_moved_one_still_verified(run: Run, folder: Path) -> None:
    lock(run)
    roles = roles_document()
    first = roles["roles"][0]
    # A new quote put first (so every other quote of the list moves down one place)...
    first["evidence"].insert(0, evidence("The UN is well placed to help."))
    # ... and another role's two quotes swapped.
    second = roles["roles"][1]
    second["evidence"].reverse()
    text = dump(roles)
    (folder / "roles.yaml").write_text(text, encoding="utf-8")
    line, column = where(text, "The UN is well placed")
    result = run("dsr-options validate catalogue")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        f"catalogue/roles.yaml:{line}:{column}: warning [quote-unverified] this quote has not "
        "been verified against source 'note': check it with `dsr-options validate --source "
        "FILE --lock`",
        "    " + text.splitlines()[line - 1],
        "    " + " " * (column - 1) + "^",
        "checked 2 files: 0 errors, 1 warning (warnings fail the run only with --strict)",
    ]
    assert run("dsr-options validate catalogue --strict").exit_code == 1
    # Verified against the text and locked again, it is quiet.
    data = lock(run, quotes=12)
    assert "roles/role-1/evidence/0" in data["quotes"]["roles.yaml"]
    assert run("dsr-options validate catalogue --strict").exit_code == 0


def test_with_the_source_text_the_text_decides(run: Run, folder: Path) -> None:
    lock(run)
    edit(folder, "roles.yaml", "quote: for it\n", "quote: for it, altered\n")
    result = run("dsr-options validate catalogue --source note.txt -f json")
    codes = [e["code"] for e in json.loads(result.stdout)["errors"]]
    assert codes == ["quote-not-in-source"]


def test_a_quote_that_fails_is_never_locked(run: Run, folder: Path) -> None:
    edit(folder, "roles.yaml", "quote: for it\n", "quote: not in the note\n")
    result = run("dsr-options validate catalogue --source note.txt --lock")
    assert result.exit_code == 1
    assert result.stderr == (
        "dsr-options: warning: the quote lock was not written: fix the problems above first\n"
    )
    assert not (folder / "quotes.lock").exists()


def test_lock_needs_the_source_text(run: Run, folder: Path) -> None:
    result = run("dsr-options validate catalogue --lock")
    assert result.exit_code == 2
    assert result.stderr == (
        "dsr-options: error: --lock records the quotes that --source verified: give the "
        "source text with --source FILE\n"
    )


def test_a_lock_that_is_not_one_is_an_error_at_the_lock(run: Run, folder: Path) -> None:
    (folder / "quotes.lock").write_text('{"version": 7}\n', encoding="utf-8")
    result = run("dsr-options validate catalogue")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "catalogue/quotes.lock:1:1: error [lock-invalid] the quote lock cannot be read: it is "
        "not a version-1 quote lock; write it again with `dsr-options validate --source FILE "
        "--lock`"
    )


def test_a_redline_file_changed_alone_is_checked_against_its_folders_lock(
    run: Run, folder: Path
) -> None:
    """pre-commit passes only the changed file: the lock beside it still applies."""
    lock(run)
    edited = edit(
        folder, "redlines.yaml", "quote: a redline quote", "quote: a redline quote, altered"
    )
    line, column = where(edited, "a redline quote, altered")
    result = run("dsr-options validate catalogue/redlines.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"catalogue/redlines.yaml:{line}:{column}: error [quote-changed]"
    )


def test_a_catalogue_without_a_lock_checks_no_quote(run: Run, folder: Path) -> None:
    edit(folder, "roles.yaml", "quote: for it\n", "quote: for it, altered\n")
    result = run("dsr-options validate catalogue --strict")
    assert (result.exit_code, result.stdout) == (0, "checked 2 files: 0 errors, 0 warnings\n")
