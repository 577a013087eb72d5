"""The brief's first page: where agreement lies, the holder it is written for (``--for``), the
points to make, in plain words (no id, flag, rule or hash before the annex), and firmness in
the same words as ``check``; and the Word matrix as a real table (widths, header, caption).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from dsr_options.model.catalogue import AttributeDecl
from dsr_options.render.phrases import Phrases
from tests.conftest import Run
from tests.three_delegations import write_three

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _three(run: Run, tmp_path: Path, *extra: str) -> str:
    args = ["dsr-options", "brief", "--date", "2010-12-15", *write_three(tmp_path / "d")]
    result = run([*args, "--with-default", *extra])
    assert result.exit_code == 0, result
    return result.stdout


def _section(text: str, heading: str) -> list[str]:
    return text.split(f"## {heading}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()


DESIGN = (
    "- Some design of the UN's role is acceptable to all 9 holders: every such design has a "
    "standing UN DSR capacity: no; "
)
"""Over every design, not only the four roles (issue 26): its start (the region is long)."""


def test_where_agreement_lies_comes_first_ranked_in_words(run: Run, tmp_path: Path) -> None:
    text = _three(run, tmp_path)
    assert text.index("## Where agreement lies") < text.index("## Option 1")
    lines = _section(text, "Where agreement lies")
    assert lines[-1].startswith(DESIGN)
    assert lines[-1].endswith("\\[F4\\].")
    lines[-1] = DESIGN
    assert lines == [
        "- No option is acceptable to every holder today.",
        "- Closest: Strategic advice and identification of national DSR priorities, one change "
        "(what can start it: only a national request or a Security Council mandate), which moves "
        "Freedonia; concerns remain (“The UN is technically weaker in DSR than bilaterals”) "
        "\\[F1\\].",
        "- Then: Matchmaking between Member States that need DSR capacities and those that can "
        "provide them, one change (what can start it: only a national request or a Security "
        "Council mandate), which moves Freedonia \\[F2\\].",
        "- Then: Repository for DSR best practices, standards and guidance, one change (what can "
        "start it: a national request), which moves Freedonia \\[F3\\].",
        "- No change of up to 3 values makes Coordination of DSR engagement across bilateral and "
        "multilateral actors acceptable to every holder.",
        DESIGN,
    ]
    finding = next(line for line in text.splitlines() if line.startswith("- **F2**"))
    assert finding.endswith(
        "Reproduce with `--assume matchmaking.triggers=national-request,security-council-mandate`."
    )


def test_for_a_holder_its_own_redlines_and_who_else_blocks(run: Run, tmp_path: Path) -> None:
    text = _three(run, tmp_path, "--for", "freed")
    assert _section(text, "For Freedonia") == [
        "- Freedonia's own “Only on a national request or a Security Council mandate” rules out "
        "all 4 options \\[F5, F6, F7, F8\\].",
        "- Freedonia's own redlines rule out every option as it stands.",
        "- Beyond Freedonia's own redlines, Coordination of DSR engagement across bilateral and "
        "multilateral actors is blocked by Ruritania (“Coordination stays with the host "
        "nation”) \\[F9\\].",
    ]
    option3 = text.split("## Option 3: ", 1)[1].split("## Option 4", 1)[0]
    assert option3.rstrip().endswith(
        "- **Points to make:**\n"
        "  - Propose: what can start it: only a national request or a Security Council mandate; "
        "then every holder can accept it. \\[F2\\]\n"
        "  - Our own “Only on a national request or a Security Council mandate” is what rules it "
        "out. \\[F7\\]"
    )
    for label in ("F2", "F7", "F9"):
        assert re.search(rf"^- \*\*{label}\*\* ", text, re.MULTILINE), label


def test_an_unknown_holder_for_is_a_located_usage_error(run: Run, tmp_path: Path) -> None:
    result = run(["dsr-options", "brief", "--for", "nobody"])
    assert result.exit_code == 2
    assert result.stderr.startswith("dsr-options: error: --for: no holder has the id 'nobody'")


def test_the_body_has_no_ids_flags_rules_or_hashes(run: Run, tmp_path: Path) -> None:
    text = _three(run, tmp_path, "--for", "freedonia")
    body, annex = text.split("\n---\n\n## Annex\n", 1)
    assert not re.search(r"[0-9a-f]{12,}", body)
    assert "--" not in body.replace("|---", "")
    for word in (
        "standing_un_capacity",
        "triggers",
        "general-assembly-mandate",
        "strategic-advice",
    ):
        assert word not in body, word
    for broken in ("veto or conditions", "because .", "gives flagged", "=false"):
        assert broken not in body, broken
    given = write_three(tmp_path / "d")
    check = run(["dsr-options", "check", "-f", "json", *given, "--with-default"])
    assert check.exit_code == 0, check
    digest = json.loads(check.stdout)["provenance"]["catalogue_sha256"]
    assert re.fullmatch(r"[0-9a-f]{12}", digest)
    assert f"\n- Fingerprint (sha256 of every file loaded): {digest}\n" in annex
    assert "- Option 3, Matchmaking" in annex


def test_firmness_is_said_in_checks_words(run: Run, tmp_path: Path) -> None:
    text = _three(run, tmp_path)
    given = write_three(tmp_path / "d")
    check = run(["dsr-options", "check", "-f", "json", *given, "--with-default"])
    assert check.exit_code == 0, check
    for role in json.loads(check.stdout)["roles"]:
        label = role["firmness"]["label"]
        words = role["firmness"]["text"] if label == "firm" else label
        section = text.split(f"## Option {role['number']}: ", 1)[1].split("\n\n", 2)[1]
        assert f"Firmness: {words}" in section, (role["role"], section)
        assert role["label"].capitalize() in section


def test_the_word_matrix_is_a_real_table(run: Run, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "brief.docx"
    _three(run, tmp_path, "-f", "docx", "--out", str(out))
    document = docx.Document(io.BytesIO(out.read_bytes()))
    (table,) = document.tables
    properties = table._tbl.tblPr
    assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    assert properties.find(f"{W}tblCaption").get(f"{W}val") == "Roles × redlines"  # noqa: RUF001
    header = table.rows[0]._tr.trPr
    assert header.find(f"{W}tblHeader") is not None
    widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert len(widths) == 5
    assert widths[0] > 2 * widths[1]
    assert len(set(widths[1:])) == 1
    assert 9_900 <= sum(widths) <= 10_300  # 180 mm in twentieths of a point
    assert table.rows[0].cells[1].text.startswith("Strategic advice")
    assert (
        table.rows[-1].cells[0].text
        == "Coordination stays with the host nation (Ruritania, condition)"
    )
    headings = [p.style.name for p in document.paragraphs if p.text == "Annex"]
    assert headings == ["Heading 1"]


def test_phrases_come_from_the_vocabulary() -> None:
    standing = AttributeDecl.model_validate(
        {
            "id": "standing_un_capacity",
            "type": "boolean",
            "description": "d",
            "label": "a standing capacity",
        }
    )
    triggers = AttributeDecl.model_validate(
        {
            "id": "triggers",
            "type": "choices",
            "description": "d",
            "label": "what can start it",
            "values": [
                {"id": "national-request", "description": "d", "label": "a national request"},
                {"id": "un-initiative", "description": "d"},
            ],
        }
    )
    phrases = Phrases({"standing_un_capacity": standing, "triggers": triggers})
    assert phrases.state("standing_un_capacity", False) == "without a standing capacity"
    assert phrases.state("triggers", ("national-request", "un-initiative")) == (
        "what can start it: a national request and UN initiative"
    )
    assert phrases.becomes(
        "triggers", ("national-request", "un-initiative"), ("national-request",)
    ) == ("what can start it: only a national request")
    assert phrases.needs("triggers", (("no longer included", ("un-initiative",), "or"),)) == (
        "once what can start it no longer includes UN initiative"
    )
    assert phrases.needs("standing_un_capacity", (("were", (False,), "or"),)) == (
        "without a standing capacity"
    )
    assert Phrases().attribute("in_country") == "in country"
