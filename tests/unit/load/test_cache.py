"""The command line's cache of validated catalogues: used when it may be, never when stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dsr_options.load import cache
from dsr_options.load.catalogue import load_catalogue
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import role, roles_document, write_catalogue


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def titles(run: Run, folder: Path) -> list[str]:
    result = run(f"dsr-options list --data {folder} -f json")
    assert result.exit_code == 0, result
    return [r["title"] for r in payload(result.stdout)]


def test_a_second_run_reads_the_cache_and_parses_nothing(
    run: Run, catalogue_dir: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = titles(run, catalogue_dir)
    assert len(entries(private_cache)) == 1

    def no_parsing(*_: object) -> None:
        raise AssertionError("the catalogue was parsed again")

    monkeypatch.setattr("dsr_options.load.catalogue.load_located", no_parsing)
    assert titles(run, catalogue_dir) == first


def test_an_edited_file_is_a_new_key(run: Run, catalogue_dir: Path, private_cache: Path) -> None:
    assert titles(run, catalogue_dir)[0] == "Role number 1"
    roles = catalogue_dir / "roles.yaml"
    roles.write_text(roles.read_text().replace("Role number 1", "Renamed role"))
    assert titles(run, catalogue_dir)[0] == "Renamed role"
    assert len(entries(private_cache)) == 2


def test_another_redline_file_is_a_new_key(
    run: Run, catalogue_dir: Path, private_cache: Path, tmp_path: Path
) -> None:
    run(f"dsr-options check --data {catalogue_dir} -f json")
    own = tmp_path / "own.yaml"
    own.write_text((catalogue_dir / "redlines.yaml").read_text().replace("Redline 1", "Mine"))
    result = run(f"dsr-options redlines --data {catalogue_dir} -f json")
    assert payload(result.stdout)[0]["title"] == "Redline 1"
    result = run(f"dsr-options check --data {catalogue_dir} --redlines {own} -f json")
    assert result.exit_code == 0, result
    assert len(entries(private_cache)) == 2


def test_a_corrupt_entry_is_ignored_and_replaced(
    run: Run, catalogue_dir: Path, private_cache: Path
) -> None:
    expected = titles(run, catalogue_dir)
    (entry,) = entries(private_cache)
    entry.write_bytes(b"not a pickle")
    assert titles(run, catalogue_dir) == expected
    assert entry.read_bytes() != b"not a pickle"


def test_an_entry_that_is_not_a_catalogue_is_ignored(
    run: Run, catalogue_dir: Path, private_cache: Path
) -> None:
    expected = titles(run, catalogue_dir)
    (entry,) = entries(private_cache)
    entry.write_bytes(b"\x80\x05K\x2a.")  # a pickled 42
    assert titles(run, catalogue_dir) == expected


def test_an_invalid_catalogue_is_never_cached(
    run: Run, catalogue_dir: Path, private_cache: Path
) -> None:
    roles = catalogue_dir / "roles.yaml"
    roles.write_text(roles.read_text().replace("levels:", "levle:", 1))
    for _ in range(2):
        result = run(f"dsr-options list --data {catalogue_dir}")
        assert result.exit_code == 1, result
        assert "[unknown-field] 'levle'" in result.stderr
    assert entries(private_cache) == []


@pytest.mark.parametrize("value", ["off", "0", "OFF"])
def test_the_cache_can_be_turned_off(
    run: Run, catalogue_dir: Path, private_cache: Path, value: str
) -> None:
    result = run(f"dsr-options list --data {catalogue_dir}", env={cache.CACHE_ENV: value})
    assert result.exit_code == 0, result
    assert entries(private_cache) == []


def test_an_unusable_cache_folder_does_not_fail_the_command(
    run: Run, catalogue_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    result = run(f"dsr-options list --data {catalogue_dir}", env={cache.CACHE_ENV: str(blocker)})
    assert result.exit_code == 0, result
    assert result.stderr == ""


def test_old_entries_are_pruned(tmp_path: Path, catalogue_dir: Path) -> None:
    catalogue = load_catalogue(catalogue_dir)
    for index in range(cache.KEEP + 5):
        cache.write(tmp_path, f"{index:064x}", catalogue)
    assert len(entries(tmp_path)) == cache.KEEP
    assert list(tmp_path.glob("*.part")) == []


def test_validate_never_uses_or_fills_the_cache(
    run: Run, catalogue_dir: Path, private_cache: Path
) -> None:
    assert run(f"dsr-options validate {catalogue_dir}").exit_code == 0
    assert entries(private_cache) == []


def test_the_key_covers_content_not_just_names(tmp_path: Path) -> None:
    first = write_catalogue(tmp_path / "a", roles_document([role(1)]))
    key = cache.fingerprint([first / "roles.yaml"])
    assert key == cache.fingerprint([first / "roles.yaml"])
    (first / "roles.yaml").write_text((first / "roles.yaml").read_text() + "\n")
    assert cache.fingerprint([first / "roles.yaml"]) != key
    assert cache.fingerprint([tmp_path / "missing.yaml"]) is None


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "dsr-options"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "dsr-options"


@pytest.mark.skipif(os.name != "posix", reason="POSIX ownership and modes")
@pytest.mark.parametrize("which", ["folder", "entry"])
def test_a_cache_others_could_write_to_is_ignored(
    catalogue_dir: Path, private_cache: Path, which: str
) -> None:
    files = [catalogue_dir / "roles.yaml", catalogue_dir / "redlines.yaml"]
    key = cache.fingerprint(files)
    assert key is not None
    cache.write(private_cache, key, load_catalogue(catalogue_dir))
    assert cache.read(private_cache, key) is not None
    target = private_cache if which == "folder" else private_cache / f"{key}.pickle"
    target.chmod(target.stat().st_mode | 0o020)
    assert cache.read(private_cache, key) is None


def test_a_cache_entry_of_another_user_is_ignored(
    catalogue_dir: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [catalogue_dir / "roles.yaml", catalogue_dir / "redlines.yaml"]
    key = cache.fingerprint(files)
    assert key is not None
    cache.write(private_cache, key, load_catalogue(catalogue_dir))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(private_cache).st_uid + 1)
    assert cache.read(private_cache, key) is None
