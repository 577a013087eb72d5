"""The shipped catalogue's quote lock (data/quotes.lock): it vouches for every quote of data/,
it is the lock the meeting note gives (where the note is at hand), and the package ships it.

When a quote of data/ is edited, these fail and say how to refresh the lock (docs/editing.md).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from dsr_options.diagnostics import Code
from dsr_options.files.find import packaged_data_dir
from dsr_options.validate.lock import LOCK_FILE
from dsr_options.validate.run import validate_paths
from tests.factory import ROOT

NOTE = ROOT.parent / "shared" / "sources" / "dsr-meeting-note-2010-12-02.txt"
LOCK = ROOT / "data" / LOCK_FILE
REFRESH = (
    "the shipped quote lock data/quotes.lock is stale: with the meeting note at hand, run "
    "`dsr-options validate data --source ../shared/sources/dsr-meeting-note-2010-12-02.txt "
    "--lock` and commit data/quotes.lock (see docs/editing.md)"
)
LOCK_CODES = {Code.QUOTE_CHANGED, Code.QUOTE_UNVERIFIED, Code.LOCK_INVALID}


def test_the_shipped_lock_vouches_for_every_quote() -> None:
    assert LOCK.is_file(), REFRESH
    report = validate_paths([ROOT / "data"])
    problems = [d.format() for d in report.diagnostics if d.code in LOCK_CODES]
    assert not problems, "\n".join([REFRESH, *problems])


@pytest.mark.skipif(not NOTE.is_file(), reason="the source note lives in ../shared")
def test_the_shipped_lock_is_the_one_the_note_gives(tmp_path: Path) -> None:
    for name in ("roles.yaml", "redlines.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    report = validate_paths([tmp_path], sources=[(None, NOTE)], lock=True)
    assert not report.failed, [d.format() for d in report.diagnostics]
    ((folder, lock),) = report.locks
    assert folder == tmp_path
    assert lock.to_json() == LOCK.read_text(encoding="utf-8"), REFRESH


def test_the_package_ships_the_lock() -> None:
    """``validate`` of the packaged catalogue (no path) checks its quotes against the lock."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    force = pyproject.split("[tool.hatch.build.targets.wheel.force-include]", 1)[1].split("\n[")[0]
    assert '"data/quotes.lock" = "dsr_options/_data/quotes.lock"' in force.splitlines()
    packaged = packaged_data_dir() / LOCK_FILE
    assert packaged.read_text(encoding="utf-8") == LOCK.read_text(encoding="utf-8")
    report = validate_paths([])
    assert [d.format() for d in report.diagnostics] == []


def test_a_misquote_in_a_clone_fails_the_readmes_validate(tmp_path: Path) -> None:
    """What docs/editing.md shows: a paraphrased quote, no source text, `validate --strict`."""
    for name in ("roles.yaml", "redlines.yaml", LOCK_FILE):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    roles = tmp_path / "roles.yaml"
    quote = "the UN is comparatively well placed to act as the facilitator"
    text = roles.read_text(encoding="utf-8")
    assert quote in text
    roles.write_text(
        text.replace(quote, "the UN is well-placed to act as a facilitator", 1), encoding="utf-8"
    )
    report = validate_paths([tmp_path], strict=True)
    assert report.failed
    (error,) = report.errors
    shown = error.format().replace(str(tmp_path) + "/", "data/")
    documented = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    (example,) = [line for line in documented.splitlines() if "[quote-changed]" in line]
    assert re.sub(r":\d+:\d+:", ":L:C:", shown) == re.sub(r":\d+:\d+:", ":L:C:", example)
