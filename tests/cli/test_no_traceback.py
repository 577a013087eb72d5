"""No traceback anywhere: file names of invalid UTF-8 in every format, standard output on a full
disk or a closed pipe, a folder that cannot be searched, and what-if reaching variants and
packages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from dsr_options.cli.options import load
from tests.conftest import Run
from tests.factory import dump, redline, redlines_document, role, roles_document, write_catalogue

ODD = os.fsdecode(b"cat\xff\xfe")
"""A folder name of bytes that are not UTF-8 (Python holds them as lone surrogates)."""
needs_posix_names = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the file system takes only valid names"
)


def dsr(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """The command line in a real process, as a user runs it (real stdout, real exit)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "dsr_options", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        timeout=120,
    )


@needs_posix_names
@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "csv", "markdown"])
def test_a_catalogue_folder_of_invalid_utf8_in_every_format(tmp_path: Path, fmt: str) -> None:
    data = write_catalogue(tmp_path / ODD)
    done = dsr("check", "--data", str(data), "-f", fmt)
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode("utf-8")  # valid UTF-8 whatever the name's bytes
    if fmt == "json":
        assert json.loads(text)["provenance"]["catalogue"].endswith("cat\udcff\udcfe")
    if fmt == "yaml":
        assert yaml.safe_load(text)["provenance"]["catalogue"].endswith("cat\udcff\udcfe")


@needs_posix_names
@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_validate_names_a_file_of_invalid_utf8_in_every_format(tmp_path: Path, fmt: str) -> None:
    data = write_catalogue(tmp_path / ODD)
    (data / "redlines.yaml").write_text(dump(redlines_document([redline(1)])) + "junk: 1\n")
    done = dsr("validate", str(data), "-f", fmt)
    assert done.returncode == 1, done
    assert b"Traceback" not in done.stderr
    text = done.stdout.decode("utf-8")
    if fmt == "sarif":
        uris = [
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for run in json.loads(text)["runs"]
            for result in run["results"]
            for loc in result["locations"]
        ]
        assert uris
        assert all("cat%FF%FE/redlines.yaml" in uri for uri in uris)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["list"], ["check", "-f", "json"], ["brief"], ["--help"], ["--version"]]
)
def test_a_full_disk_on_stdout_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = dsr(*args, stdout=full)
    assert (done.returncode, done.stderr) == (
        1,
        b"dsr-options: error: cannot write the output: No space left on device\n",
    )


def test_a_reader_that_leaves_is_silent() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "dsr_options", "check", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    assert process.wait(timeout=120) == 0
    with process.stderr:
        assert process.stderr.read() == b""


def test_a_scenario_in_a_folder_that_cannot_be_searched(
    run: Run, catalogue_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    scenario = closed / "what-if.yaml"
    real = os.stat

    def blocked(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if str(path).startswith(str(closed) + os.sep):  # as without x on the folder, even as root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", blocked)
    monkeypatch.setattr(os, "access", lambda path, mode, **_: str(path) != str(closed))
    for reference in (str(scenario), f"{scenario}:first"):
        result = run(
            ["dsr-options", "check", "--data", str(catalogue_dir), "--scenario", reference]
        )
        assert result.exit_code == 2, result
        assert result.stderr == (  # FILE:NAME cannot be told from a file that may be there
            f"dsr-options: error: --scenario: '{reference}' cannot be reached: permission denied "
            f"to search the folder '{closed}'\n"
        )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root searches any folder")
def test_a_scenario_in_a_folder_without_x_for_real(
    run: Run, catalogue_dir: Path, tmp_path: Path
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "s.yaml").write_text("schema_version: 1\n")
    closed.chmod(0o600)
    try:
        result = run(f"dsr-options check --data {catalogue_dir} --scenario {closed / 's.yaml'}")
    finally:
        closed.chmod(0o700)
    assert result.exit_code == 2, result
    assert "permission denied to search the folder" in result.stderr


def test_assume_on_a_member_reaches_its_package_and_variant(tmp_path: Path) -> None:
    document = roles_document([role(1, standing=False), role(2, standing=False)])
    for decl in document["attributes"]:
        if decl["id"] == "standing_un_capacity":
            decl["combine"] = "any"
    document["variants"] = [
        {
            "id": "one-b",
            "title": "Role 1, other trigger",
            "base": "role-1",
            "changes": {"trigger": "national-request"},
        }
    ]
    document["packages"] = [{"id": "both", "title": "Both", "members": ["role-1", "role-2"]}]
    data = write_catalogue(tmp_path / "c", document, redlines_document([redline(1)]))

    def standing(*assume: str) -> dict[str, Any]:
        catalogue = load(data, assume=list(assume))
        return {r.id: r.attributes["standing_un_capacity"].value for r in catalogue.roles}

    assert standing() == {"role-1": False, "role-2": False, "one-b": False, "both": False}
    assert standing("role-1.standing_un_capacity=true") == {
        "role-1": True,
        "role-2": False,
        "one-b": True,  # the variant is its base, changed
        "both": True,  # any member with a standing capacity
    }
    assert standing("both.standing_un_capacity=true") == {
        "role-1": False,
        "role-2": False,
        "one-b": False,
        "both": True,  # assumed for the package itself
    }
