"""Hostile and malformed input: resource bounds, the pure-Python parser, files that are not files.

Every case ends in a located diagnostic (or a correct result) and the right exit code.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
import yaml

from dsr_options.errors import UsageError
from dsr_options.files import read as read_module
from dsr_options.files import walk as walk_module
from dsr_options.files.located import MAX_REPORTED, LoadedFile, validate_model
from dsr_options.files.read import max_file_bytes, parse_bytes, parse_text, read_file
from dsr_options.files.walk import MAX_ALIAS_TEXT, MAX_ALIASES, MAX_DEPTH
from dsr_options.load.catalogue import load_files
from dsr_options.model.catalogue import RedlinesFile, RolesFile
from dsr_options.render import OutputFormat, as_text, render
from dsr_options.render.views.redlines import RedlineList
from dsr_options.render.views.roles import RoleDetail, RoleList
from tests.conftest import Run
from tests.factory import (
    TESTS,
    dump,
    redlines_document,
    role,
    roles_document,
    write_catalogue,
)

CORPUS = TESTS / "corpus"


def codes(loaded: LoadedFile) -> list[str]:
    return [f"{d.code} {d.line}:{d.column}" for d in loaded.diagnostics]


# -- resource bounds ------


def billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_stops_at_the_alias_node_budget() -> None:
    loaded = parse_text(billion_laughs(), "bomb.yaml")
    assert codes(loaded) == ["alias-limit 5:10"]
    assert loaded.data is None  # no half-built document goes on to validation
    assert "more than 10,000 nodes" in loaded.diagnostics[0].message


def test_scalar_aliases_count_too() -> None:
    text = "a: &x y\n" + "".join(f"k{i}: *x\n" for i in range(MAX_ALIASES + 1))
    loaded = parse_text(text, "x.yaml")
    assert codes(loaded) == [f"alias-limit {MAX_ALIASES + 2}:7"]
    assert loaded.diagnostics[0].message == "more than 100 aliases; write the data out"


def test_aliased_keys_count_too() -> None:
    assert parse_text("a: &k key\nb: {*k : 1}\n", "x").data == {"a": "key", "b": {"key": 1}}
    text = "a: &k key\n" + "".join(f"b{i}: {{*k : 1}}\n" for i in range(MAX_ALIASES + 1))
    assert codes(parse_text(text, "x.yaml")) == [f"alias-limit {MAX_ALIASES + 2}:8"]


def test_alias_text_budget() -> None:
    long = "x" * 4000
    text = f"a: &x {long}\n" + "".join(f"k{i}: *x\n" for i in range(26))
    loaded = parse_text(text, "x.yaml")
    assert [d.code for d in loaded.diagnostics] == ["alias-limit"]
    assert "100,000 characters" in loaded.diagnostics[0].message


def test_an_anchor_reused_within_the_budget_is_fine() -> None:
    text = "a: &x {b: [1, 2, {c: d}]}\ne: *x\nf: *x\n"
    loaded = parse_text(text, "x.yaml")
    assert loaded.diagnostics == []
    assert loaded.data["e"] == loaded.data["f"] == {"b": [1, 2, {"c": "d"}]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000, "too-deep 1:1003"),
        ("a: " + "{a: " * 100_000 + "}" * 100_000, "too-deep 1:4000"),
        ("a:\n" + "- " * 100_000 + "x\n", "too-deep 2:1999"),
        ("".join(" " * i + "a:\n" for i in range(1100)), "too-deep 1000:1001"),
        ("a: " + "[" * 70 + "]" * 70, "too-deep 1:68"),
    ],
    ids=["flow-lists-100k", "flow-mappings-100k", "block-lists-100k", "block-maps-1100", "walk-70"],
)
def test_deep_nesting_is_located(text: str, expected: str) -> None:
    assert codes(parse_text(text, "deep.yaml")) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000, "too-deep 1:68"),
        ("a: " + "{a: " * 100_000 + "}" * 100_000, "too-deep 1:260"),
        ("a:\n" + "- " * 100_000 + "x\n", "too-deep 2:129"),
        ("a: " + "[" * 70 + "]" * 70, "too-deep 1:68"),
        (billion_laughs(), "alias-limit"),
        ("a: !!timestamp junk\n", "bad-scalar 1:4"),
        ("a: b\x1bc\n", "control-character 1:5"),
        ('a: "\\ud800"\n', "encoding 1:4"),
    ],
    ids=[
        "flow-lists",
        "flow-mappings",
        "block-lists",
        "walk",
        "bomb",
        "timestamp",
        "esc",
        "surrogate",
    ],
)
def test_the_pure_python_parser_is_bounded_too(
    text: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml, composing recurses once per level: RecursionError becomes a location."""
    monkeypatch.setattr(read_module, "SafeLoader", yaml.SafeLoader)
    monkeypatch.setattr(read_module, "_CatalogueLoader", yaml.SafeLoader)
    monkeypatch.setattr(walk_module, "SafeLoader", yaml.SafeLoader)
    found = codes(parse_text(text, "deep.yaml"))
    assert found[0].startswith(expected), found


def test_the_corpus_reads_the_same_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus file still ends in diagnostics under the pure-Python parser."""
    monkeypatch.setattr(read_module, "SafeLoader", yaml.SafeLoader)
    monkeypatch.setattr(read_module, "_CatalogueLoader", yaml.SafeLoader)
    monkeypatch.setattr(walk_module, "SafeLoader", yaml.SafeLoader)
    for path in sorted(CORPUS.glob("*.yaml")):
        loaded = read_file(path)
        if path.name.startswith("roles-"):
            validate_model(loaded, RolesFile)
        else:
            validate_model(loaded, RedlinesFile)
        # Everything is still caught; libyaml's depth limit is replaced by the walk's.
        assert all(d.code for d in loaded.diagnostics), path.name


def test_a_100_mb_file_is_refused_by_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roles.yaml"
    with path.open("wb") as stream:  # sparse: no disk use
        stream.truncate(100 * 1024 * 1024)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    loaded = read_file(path, "roles.yaml")
    assert [d.format() for d in loaded.diagnostics] == [
        "roles.yaml: error [file-too-large] the file is 100.0 MiB; the limit is 64 MiB "
        "(set DSR_OPTIONS_MAX_FILE_MB to raise it)"
    ]


def test_the_size_limit_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", "0.001")
    assert codes(read_file(path)) == ["file-too-large 0:0"]
    assert codes(parse_bytes(path.read_bytes(), "x")) == ["file-too-large 0:0"]
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", "1")
    assert codes(read_file(path)) == []


@pytest.mark.parametrize("value", ["lots", "0", "-3", "nan", "inf"])
def test_a_bad_size_limit_is_a_usage_error(
    value: str, run: Run, catalogue_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", value)
    with pytest.raises(UsageError):
        max_file_bytes()
    result = run(f"dsr-options list --data {catalogue_dir}")
    assert result.exit_code == 2, result
    assert result.stderr.startswith(
        f"dsr-options: error: DSR_OPTIONS_MAX_FILE_MB='{value}': give the largest file size"
    ), result


def test_a_file_that_grows_after_stat_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text("a: " + "x" * 3000 + "\n")
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: bool) -> os.stat_result:
        info = real_stat(self, **kwargs)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(Path, "stat", small_stat)
    monkeypatch.setenv("DSR_OPTIONS_MAX_FILE_MB", "0.001")
    assert codes(read_file(path)) == ["file-too-large 0:0"]


# -- files that are not readable YAML files ------


def test_a_directory_a_missing_path_and_a_fifo(tmp_path: Path) -> None:
    assert [d.message for d in read_file(tmp_path).diagnostics] == [
        "is a directory, not a YAML file"
    ]
    assert [d.message for d in read_file(tmp_path / "nope.yaml").diagnostics] == ["no such file"]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.yaml"
        os.mkfifo(fifo)
        assert [d.message for d in read_file(fifo).diagnostics] == ["is not a regular file"]


def test_cli_on_a_missing_folder_and_a_folder_without_roles(run: Run, tmp_path: Path) -> None:
    result = run(f"dsr-options list --data {tmp_path / 'nope'}")
    assert result.exit_code == 2, result
    assert "does not exist" in result.stderr
    result = run(f"dsr-options list --data {tmp_path}")
    assert result.exit_code == 2, result
    assert "has no roles.yaml" in result.stderr
    (tmp_path / "roles.yaml").mkdir()  # there is one, and it cannot be read: a data problem
    result = run(f"dsr-options list --data {tmp_path}")
    assert result.exit_code == 1, result
    assert "roles.yaml: error [unreadable] is a directory, not a YAML file" in result.stderr


def test_cli_on_an_unreadable_file(
    run: Run, catalogue_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 where that stops the reader; where it does not (root, as in CI), the same
    PermissionError is raised on opening."""
    roles = catalogue_dir / "roles.yaml"
    roles.chmod(0)
    try:
        readable = os.access(roles, os.R_OK)
        if readable:
            real_open = Path.open

            def denied(self: Path, *args: object, **kwargs: object) -> object:
                if self.name == "roles.yaml":
                    raise PermissionError(13, "Permission denied")
                return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

            monkeypatch.setattr(Path, "open", denied)
        result = run(f"dsr-options list --data {catalogue_dir}")
    finally:
        roles.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert result.exit_code == 1, result
    assert "roles.yaml: error [unreadable] cannot read the file: Permission denied" in (
        result.stderr
    ), result


# -- encodings and line ends that work ------


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode(),
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: text.replace("\n", "\r").encode(),
    ],
    ids=["bom", "crlf", "cr"],
)
def test_bom_and_line_ends_work(run: Run, tmp_path: Path, transform: object) -> None:
    folder = write_catalogue(tmp_path / "c")
    for name in ("roles.yaml", "redlines.yaml"):
        path = folder / name
        path.write_bytes(transform(path.read_text()))  # type: ignore[operator]
    result = run(f"dsr-options list --data {folder} -f json")
    assert result.exit_code == 0, result
    assert "role-1" in result.stdout


def test_tabs_inside_text_are_fine() -> None:
    loaded = parse_text('a: "one\ttwo"\nb: |\n  x\ty\n', "x")
    assert loaded.diagnostics == []
    assert loaded.data == {"a": "one\ttwo", "b": "x\ty\n"}


def test_many_schema_errors_are_capped(tmp_path: Path) -> None:
    text = "".join(f"k{i}: 1\n" for i in range(5000))
    loaded = parse_text(text, "x.yaml")
    validate_model(loaded, RolesFile)
    assert len(loaded.diagnostics) <= MAX_REPORTED + 1
    assert loaded.diagnostics[-1].code == "too-many-errors"
    assert loaded.diagnostics[-1].message.endswith(
        "more problems from here on not shown; fix these first"
    )


# -- bounded work after loading ------


def maximal_alias_catalogue(folder: Path) -> tuple[Path, int]:
    """A valid catalogue whose aliases spend most of the alias text budget."""
    text = "A concern written once and repeated by aliases. " * 4
    roles = [role(i) for i in range(1, 12)]
    document = dump(roles_document(roles))
    concerns = "".join(f"  - text: {text}{n}\n    basis: analysis\n" for n in range(20))
    first = True
    out = []
    for line in document.split("\n"):
        if line == "  concerns:":
            out.append("  concerns: &concerns" if first else "  concerns: *concerns")
            out.append("__ANCHOR__" if first else "__SKIP__")
            first = False
            continue
        out.append(line)
    document = "\n".join(out)
    document = document.replace(
        "__ANCHOR__\n  - text: A worry.\n    basis: analysis", concerns.rstrip("\n")
    )
    document = document.replace("__SKIP__\n  - text: A worry.\n    basis: analysis\n", "")
    folder.mkdir(parents=True)
    (folder / "roles.yaml").write_text(document)
    (folder / "redlines.yaml").write_text(dump(redlines_document()))
    return folder, len(document)


def test_a_maximal_alias_document_renders_in_every_format_within_bounds(tmp_path: Path) -> None:
    folder, size = maximal_alias_catalogue(tmp_path / "c")
    loaded = load_files(folder / "roles.yaml", [folder / "redlines.yaml"])
    assert loaded.errors == [], loaded.errors
    catalogue = loaded.catalogue
    assert catalogue is not None
    assert all(len(r.concerns) == 20 for r in catalogue.roles)
    # The aliases repeat about 10 x 4,200 characters: most of the 100,000-character budget.
    budget = size + MAX_ALIAS_TEXT
    from rich.console import Console

    for fmt in OutputFormat:
        for rendered in (
            render(RoleList(catalogue.roles), fmt),
            render(RoleDetail(catalogue.roles[-1], catalogue), fmt),
            render(RedlineList(catalogue.redlines, catalogue), fmt),
        ):
            if fmt is not OutputFormat.TABLE:
                text = as_text(rendered)
            else:
                console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
                console.print(rendered)
                text = console.export_text()
                console.file.close()
            # Output grows with what the file and its aliases hold, within a small factor.
            assert len(text) < 4 * budget, (fmt, len(text))


def test_one_alias_past_the_text_budget_is_refused(tmp_path: Path) -> None:
    folder, _ = maximal_alias_catalogue(tmp_path / "c")
    roles = folder / "roles.yaml"
    text = roles.read_text()
    extra = (
        dump(roles_document([role(12)]))
        .split("roles:\n")[1]
        .replace(
            "  concerns:\n  - text: A worry.\n    basis: analysis\n", "  concerns: *concerns\n"
        )
        .replace("role-12", "role-12")
    )
    roles.write_text(text + extra)
    # Ten aliases fit; the budget is reached before the roles run out.
    more = text + "".join(
        extra.replace("role-12", f"role-{n}").replace("number: 12", f"number: {n}")
        for n in range(12, 40)
    )
    roles.write_text(more)
    loaded = load_files(roles, [folder / "redlines.yaml"])
    assert [d.code for d in loaded.errors] == ["alias-limit"]


def test_the_walk_of_a_deep_document_leaves_recursion_to_spare() -> None:
    assert sys.getrecursionlimit() > MAX_DEPTH * 10
