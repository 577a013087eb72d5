"""One request, one pipeline, one provenance: every command and the library build the same
catalogue from the same options, and say so with the same hash and date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dsr_options import Request, prepare
from dsr_options.analyses.pipeline import RedlineFile
from dsr_options.errors import UsageError
from tests.conftest import Run
from tests.factory import redline, redlines_document, role, roles_document, write_catalogue


def _with_variant() -> dict[str, Any]:
    document = roles_document([role(1), role(2, standing=False)])
    document["variants"] = [
        {
            "id": "role-1-seconded",
            "title": "Role 1 by seconded experts",
            "base": "role-1",
            "changes": {"standing_un_capacity": False},
        }
    ]
    return document


def test_brief_and_check_print_the_same_fingerprint_and_date(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c", roles_document(), redlines_document())
    check = run(f"dsr-options --date 2011-01-15 check --data {data} -f json")
    assert check.exit_code == 0, check
    provenance = json.loads(check.stdout)["provenance"]
    assert provenance["date"] == "2011-01-15"
    brief = run(f"dsr-options --date 2011-01-15 brief --data {data}")
    assert brief.exit_code == 0, brief
    assert brief.stdout.splitlines()[2].startswith("**2011-01-15** · ")
    fingerprint = f"- Fingerprint (sha256 of every file loaded): {provenance['catalogue_sha256']}\n"
    assert fingerprint in brief.stdout


def test_the_brief_date_wins_over_the_global_date(run: Run) -> None:
    brief = run("dsr-options --date 2011-01-15 brief --date 2012-02-03")
    assert brief.stdout.splitlines()[2].startswith("**2012-02-03** · ")


@pytest.mark.parametrize(
    "command",
    [
        "list",
        "redlines",
        "check",
        "agree",
        "negotiate",
        "attributes",
        "sources",
        "offices",
        "show strategic-advice",
        "compare strategic-advice coordination",
    ],
)
def test_the_global_date_and_source_date_epoch_reach_every_command(run: Run, command: str) -> None:
    dated = run(f"dsr-options --date 2011-01-15 {command} -f json")
    assert dated.exit_code == 0, dated
    assert json.loads(dated.stdout)["provenance"]["date"] == "2011-01-15"
    epoch = run(f"dsr-options {command} -f json", env={"SOURCE_DATE_EPOCH": "1292371200"})
    assert json.loads(epoch.stdout)["provenance"]["date"] == "2010-12-15"


def test_a_list_under_assumptions_keeps_its_key(run: Run) -> None:
    plain = json.loads(run("dsr-options list -f json").stdout)
    assumed = json.loads(
        run("dsr-options list -f json --assume '*.standing_un_capacity=false'").stdout
    )
    assert list(plain) == ["schema", "provenance", "roles"]
    assert list(assumed) == ["schema", "provenance", "what_if", "roles"]
    assert [r["id"] for r in assumed["roles"]] == [r["id"] for r in plain["roles"]]


def test_the_library_gets_the_catalogue_the_command_line_evaluates(
    run: Run, tmp_path: Path
) -> None:
    data = write_catalogue(tmp_path / "c", _with_variant(), redlines_document([redline(1)]))
    listed = json.loads(run(f"dsr-options list --data {data} -f json").stdout)
    catalogue, provenance = prepare(Request.of(data))
    assert [r.id for r in catalogue.roles] == [r["id"] for r in listed["roles"]]
    assert [r.id for r in catalogue.roles] == ["role-1", "role-2", "role-1-seconded"]
    assert provenance.catalogue_hash == listed["provenance"]["catalogue_sha256"]


def test_redline_files_are_parsed_once_with_their_labels(run: Run, tmp_path: Path) -> None:
    data = write_catalogue(tmp_path / "c", roles_document(), redlines_document())
    ours = tmp_path / "ours.yaml"
    ours.write_text((data / "redlines.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    request = Request.of(data, redlines=[f"we={ours}", str(ours)])
    assert request.redlines == (RedlineFile(ours, "we"),)
    result = run(f"dsr-options check --data {data} --redlines we={ours} --redlines {ours} -f json")
    assert result.exit_code == 0, result
    assert result.stderr == (
        f"dsr-options: warning: --redlines: '{ours}' is given twice: it is read once\n"
    )
    assert json.loads(result.stdout)["provenance"]["redlines"] == [f"we={ours}"]


def test_with_default_needs_redline_files() -> None:
    with pytest.raises(UsageError, match="--with-default adds the shipped redlines"):
        prepare(Request.of(with_default=True))
