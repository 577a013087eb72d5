"""Data text cannot take over a terminal, a spreadsheet or a brief; properties for any input."""

from __future__ import annotations

import csv
import io
import json
import re
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from dsr_options.files.located import validate_model
from dsr_options.files.read import parse_bytes, parse_text
from dsr_options.load.catalogue import load_files
from dsr_options.model.catalogue import RedlinesFile, RolesFile
from dsr_options.render import OutputFormat
from dsr_options.render.formats import write_json, write_yaml
from dsr_options.render.safe import csv_cell, markdown_cell, visible, visible_inline
from dsr_options.render.views.redlines import RedlineList
from dsr_options.render.views.roles import RoleDetail, RoleList
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import dump, evidence, redline, redlines_document, role, roles_document

EVIL = (
    "[bold red]x[/] [/] [link=https://evil.example]y[/link] :warning: "
    "\x1b[2J\x1b]0;title\x07\x1b]8;;https://evil.example\x1b\\z\x1b]8;;\x1b\\ \x9b31m \x08\r\x00"
    "\u202e"
)
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def evil_catalogue(folder: Path) -> Path:
    bad = role(1, title="=HYPERLINK(1) " + EVIL)
    bad["summary"] = EVIL
    bad["concerns"][0]["text"] = "@SUM " + EVIL
    bad["attributes"]["trigger"]["note"] = EVIL
    bad["leads"][0]["rationale"] = "| pipe <script>x</script> " + EVIL
    bad["reception"]["summary"] = EVIL
    bad["evidence"][0]["quote"] = EVIL
    roles = roles_document([bad, role(2)])
    roles["offices"][2]["name"] = EVIL
    red = redline(1)
    red["title"] = "-2+3 " + EVIL
    red["statement"] = EVIL
    redlines = redlines_document([red])
    redlines["holders"][0]["name"] = "+cmd " + EVIL
    folder.mkdir(parents=True)
    (folder / "roles.yaml").write_text(dump(roles))
    (folder / "redlines.yaml").write_text(dump(redlines))
    return folder


def test_visible_writes_controls_out() -> None:
    assert visible("a\x1b[2Jb\x9b\r\x07\x08\u202e\u2028\ud800\tc\n") == (
        "a\\x1b[2Jb\\x9b\\x0d\\x07\\x08\\u202e\\u2028\\ud800\tc\n"
    )
    assert visible_inline("a\nb\tc") == "a\\nb\\tc"


def test_csv_and_markdown_cells() -> None:
    for start in ("=", "+", "-", "@", "\t", "  =1"):
        assert csv_cell(start + "1+1").startswith("'")
    assert csv_cell("plain") == "plain"
    assert csv_cell("\r=1") == "\\x0d=1"  # a CR is written out, so no formula follows it
    assert markdown_cell("a|b <i>x</i> & [l](http://e) ![i](http://t) `c` *e* _u_\nz") == (
        "a\\|b &lt;i&gt;x&lt;/i&gt; &amp; \\[l\\](http://e) !\\[i\\](http://t) \\`c\\` "
        "\\*e\\* \\_u\\_<br>z"
    )


def test_every_command_and_format_keeps_data_text_inert(run: Run, tmp_path: Path) -> None:
    folder = evil_catalogue(tmp_path / "c")
    for command in ("list", "show role-1", "redlines"):
        for fmt in OutputFormat:
            result = run(f"dsr-options {command} --data {folder} -f {fmt.value}")
            assert result.exit_code == 0, result
            assert not RAW_CONTROL.search(result.stdout), (command, fmt, result.stdout)
            if fmt is OutputFormat.TABLE:
                assert "⚠" not in result.stdout
                assert ":warning:" in result.stdout.replace("\n", "")
                assert "[bold" in result.stdout
                assert "\\x1b" in result.stdout
            if fmt is OutputFormat.CSV:
                for row in csv.reader(io.StringIO(result.stdout)):
                    for cell in row:
                        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell
            if fmt is OutputFormat.JSON:
                text = json.dumps(payload(result.stdout), ensure_ascii=False)
                assert EVIL[:40] in text  # the data itself survives, escaped only in transit
            if fmt is OutputFormat.YAML:
                assert json.dumps(EVIL)[1:-1] in json.dumps(yaml.safe_load(result.stdout))
            if fmt is OutputFormat.MARKDOWN:
                assert "<script>" not in result.stdout


def test_tables_on_a_colour_terminal_emit_only_styles(tmp_path: Path) -> None:
    folder = evil_catalogue(tmp_path / "c")
    loaded = load_files(folder / "roles.yaml", [folder / "redlines.yaml"])
    catalogue = loaded.catalogue
    assert catalogue is not None
    for renderable in (
        RoleList(catalogue.roles).table(),
        RoleDetail(catalogue.roles[0], catalogue).table(),
        RedlineList(catalogue.redlines, catalogue).table(),
    ):
        for width in (120, 40):
            out = io.StringIO()
            console = Console(file=out, width=width, force_terminal=True, color_system="truecolor")
            console.print(renderable)
            text = SGR.sub("", out.getvalue())
            assert not RAW_CONTROL.search(text), repr(text)
            assert "\\x1b[2J" in text


def test_errors_that_echo_data_stay_on_their_line(run: Run, tmp_path: Path) -> None:
    roles = roles_document([role(1)])
    roles["sources"][0]["sections"] = ["Findings", "Conclusion\x1b[2J"]
    roles["roles"][0]["evidence"][0]["section"] = "Conclusio"  # did you mean ... (warning)
    roles["roles"][0]["title\nroles.yaml:1:1: error [ok] forged"] = "x"
    roles["roles"][0]["\x1b]0;pwned\x07"] = "y"
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "roles.yaml").write_text(dump(roles))
    (folder / "redlines.yaml").write_text(dump(redlines_document([])))
    result = run(f"dsr-options list --data {folder}")
    assert result.exit_code == 1, result
    assert not RAW_CONTROL.search(result.stderr), result
    assert not any(line.startswith("roles.yaml:1:1") for line in result.stderr.splitlines())
    assert "'title\\nroles.yaml:1:1: error [ok] forged' is not a field of a role" in result.stderr
    assert "'\\x1b]0;pwned\\x07' is not a field of a role" in result.stderr


# -- properties ---------------------------------------------------------------------------------

YAMLISH = st.text(alphabet=string.printable + "\x00\x1b\x85\u2028\ufeffé€:-[]{}&*!|>'\"%@`#")
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = ("schema_version", "sources", "attributes", "offices", "roles", "holders", "redlines")


@SETTINGS
@given(text=YAMLISH)
def test_any_text_gives_diagnostics_not_exceptions(text: str) -> None:
    for model in (RolesFile, RedlinesFile):
        loaded = parse_text(text, "x.yaml")
        validate_model(loaded, model)
        for diagnostic in loaded.diagnostics:
            assert min(diagnostic.line, diagnostic.column) >= 0
            assert diagnostic.code


@SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes_give_diagnostics_not_exceptions(data: bytes) -> None:
    loaded = parse_bytes(data, "x.yaml")
    model = validate_model(loaded, RolesFile)
    if model is None:  # no model: at least one problem says why, never an exception
        assert loaded.diagnostics
        assert all(d.code and d.message for d in loaded.diagnostics)


@SETTINGS
@given(key=st.sampled_from(KEYS), value=DATA, index=st.integers(0, 3))
def test_yaml_shaped_data_through_the_pipeline_and_the_cli(
    key: str, value: object, index: int, run: Run, tmp_path_factory: object
) -> None:
    """A valid catalogue with one field replaced by arbitrary data: errors, never a crash."""
    roles = roles_document()
    redlines = redlines_document()
    target = roles if key in roles else redlines
    if isinstance(target.get(key), list) and target[key] and index % 2:
        target[key][0] = value
    else:
        target[key] = value
    folder = tmp_path_factory.mktemp("c")  # type: ignore[attr-defined]
    (folder / "roles.yaml").write_text(dump(roles))
    (folder / "redlines.yaml").write_text(dump(redlines))
    loaded = load_files(folder / "roles.yaml", [folder / "redlines.yaml"])
    command = ("list", "show role-1", "redlines")[index % 3]
    result = run(f"dsr-options {command} --data {folder} -f json")
    if loaded.catalogue is None:  # the CLI says what the library found, located, and exits 1
        assert result.exit_code == 1, result
        assert result.stdout == ""
        assert "dsr-options: error: the catalogue in" in result.stderr
        assert loaded.errors[0].format().split(": ", 1)[0] in result.stderr
    else:  # valid after all: the command prints JSON (or names the missing role)
        assert result.exit_code in (0, 1), result
        if result.exit_code == 0:
            json.loads(result.stdout)


TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs"], blacklist_characters="\x00\x85\u2028\u2029\r"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")


@SETTINGS
@given(title=TEXT, summary=TEXT, quote=TEXT, count=st.integers(1, 4))
def test_valid_catalogues_round_trip(title: str, summary: str, quote: str, count: int) -> None:
    roles = [role(i, title=title) for i in range(1, count + 1)]
    for item in roles:
        item["summary"] = summary
        item["evidence"][0] = evidence(quote)
    document = roles_document(roles)
    loaded = parse_text(dump(document), "roles.yaml")
    model = validate_model(loaded, RolesFile)
    assert model is not None, loaded.diagnostics
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    again = validate_model(parse_text(write_yaml(data), "again.yaml"), RolesFile)
    assert again == model
    assert RolesFile.model_validate(json.loads(write_json(data))) == model
