"""The comparison renderers: exact table text at fixed widths, and what every width must keep."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from dsr_options.analyses.compare import Comparison, compare_roles
from dsr_options.load.catalogue import load
from dsr_options.render import OutputFormat, as_text
from dsr_options.render import render as render_view
from dsr_options.render.layout import MAX_WORD
from dsr_options.render.safe import visible
from dsr_options.render.terminal.compare import comparison_table
from dsr_options.render.views.compare import CompareView
from dsr_options.render.words import DIFFERS_MARK, comparison_summary, value_texts
from tests.factory import role, roles_document, write_catalogue


def render(renderable: RenderableType, width: int) -> str:
    console = Console(
        width=width,
        file=io.StringIO(),
        no_color=True,
        color_system=None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def build(tmp_path: Path, roles: list[dict[str, object]]) -> Comparison:
    loaded = load(write_catalogue(tmp_path / "catalogue", roles_document(roles)))
    assert loaded.catalogue is not None, [d.format() for d in loaded.diagnostics]
    return compare_roles(loaded.catalogue, loaded.catalogue.roles)


@pytest.fixture
def small(tmp_path: Path) -> Comparison:
    first = role(1, title="Strategic advice")
    second = role(
        2,
        levels=("strategic", "operational"),
        standing=False,
        stance="skeptical",
        title="Coordination of partners",
    )
    second["concerns"] = [
        {
            "text": "Partners explicitly stopped the UN from coordinating in one country.",
            "basis": "analysis",
        }
    ]
    return build(tmp_path, [first, second])


@pytest.fixture
def odd(tmp_path: Path) -> Comparison:
    """Long, unusual text: markup look-alikes, escapes, bidi controls, a very long word."""
    strange = role(1, title="[bold]Not markup[/bold] " + "and a long title " * 6)
    strange["concerns"] = [
        {"text": "esc \x1b[31m red \u202e bidi " + "x" * 70 + " end", "basis": "analysis"},
        {"text": "A long concern. " * 30, "basis": "analysis"},
    ]
    others = [
        role(2, levels=("tactical",)),
        role(3, stance="mixed"),
        role(4, dimensions=("technical",)),
    ]
    return build(tmp_path, [strange, *others])


SMALL_AT_80 = """\
4 of 12 aspects differ (marked ≠): levels, standing_un_capacity, reception,
concerns

  Aspect                (1) role-1                   (2) role-2
────────────────────────────────────────────────────────────────────────────────
  title                 Strategic advice             Coordination of partners

≠ levels                strategic                    strategic
                                                     operational

  dimensions            political                    political

  delivered_by          un-secretariat [analysis]    un-secretariat [analysis]

≠ standing_un_capacity  true [note]                  false [note]

  trigger               national-request [analysis]  national-request [analysis]

  lead candidates       ssr-unit                     ssr-unit

≠ reception             support (several voices)     skeptical (several voices)

≠ concerns              • A worry. [analysis]        • Partners explicitly
                                                     stopped the UN from
                                                     coordinating in one
                                                     country. [analysis]

  open questions        • An open question? [note]   • An open question? [note]

  evidence              4 quotes: 3 for, 1 against,  4 quotes: 3 for, 1 against,
                        0 qualifying, 0 neutral      0 qualifying, 0 neutral

  strongest for         “for it” (Findings)          “for it” (Findings)

  strongest against     “against it” (Findings)      “against it” (Findings)
"""

SMALL_AT_40_HEAD = """\
4 of 12 aspects differ (marked ≠):
levels, standing_un_capacity, reception,
concerns

role-1  (1) Strategic advice
role-2  (2) Coordination of partners

≠ levels
  role-1  strategic
  role-2  strategic, operational

  dimensions
  role-1  political
  role-2  political
"""

SMALL_AT_40_CONCERNS = """\
≠ concerns
  role-1  • A worry. [analysis]
  role-2  • Partners explicitly stopped
          the UN from coordinating in
          one country. [analysis]
"""


def test_table_at_80_columns(small: Comparison) -> None:
    assert render(comparison_table(small), 80) == SMALL_AT_80


def test_table_at_40_columns_is_stacked(small: Comparison) -> None:
    text = render(comparison_table(small), 40)
    assert text.startswith(SMALL_AT_40_HEAD)
    assert SMALL_AT_40_CONCERNS in text


def test_table_at_200_columns_uses_the_width(small: Comparison) -> None:
    text = render(comparison_table(small), 200)
    assert text.splitlines()[0] == (
        "4 of 12 aspects differ (marked ≠): levels, standing_un_capacity, reception, concerns"
    )
    assert max(len(line) for line in text.splitlines()) == 200
    concerns = next(line for line in text.splitlines() if line.startswith("≠ concerns"))
    assert concerns.endswith(
        "• Partners explicitly stopped the UN from coordinating in one country. [analysis]"
    )


def _words(text: str) -> set[str]:
    # A list is comma-separated in one layout and one item a line in the other.
    return {word.rstrip(",") for word in visible(text).split()}


def _data_words(comparison_: Comparison) -> set[str]:
    words = set()
    for aspect in comparison_.aspects:
        words |= _words(aspect.label)
        for text in value_texts(aspect).values():
            words |= _words(text)
    for role_ in comparison_.roles:
        words |= _words(role_.title)
    return words


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
@pytest.mark.parametrize("fixture", ["small", "odd"])
def test_every_width_keeps_rows_markers_and_whole_words(
    width: int, fixture: str, request: pytest.FixtureRequest
) -> None:
    comparison_: Comparison = request.getfixturevalue(fixture)
    text = render(comparison_table(comparison_), width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    for aspect in comparison_.aspects:
        label_line = f"{DIFFERS_MARK if aspect.differs else ' '} {aspect.label}"
        assert any(line.startswith(label_line) for line in lines), aspect.label
    assert sum(line.startswith(DIFFERS_MARK) for line in lines) == len(
        comparison_.summary.differing
    )
    tokens = _words(text)
    # Rich may fold a word longer than MAX_WORD (or than the terminal), never a shorter one.
    longest = min(MAX_WORD, width - 4)
    cut = [word for word in _data_words(comparison_) if len(word) <= longest and word not in tokens]
    assert cut == []


def test_odd_text_is_shown_not_interpreted(odd: Comparison) -> None:
    text = render(comparison_table(odd), 80)
    assert "[bold]Not" in text
    assert "\\x1b[31m" in text
    assert "\\u202e" in text
    assert "\x1b" not in text
    assert "\u202e" not in text


def test_diff_only_keeps_the_full_summary(small: Comparison) -> None:
    text = render(comparison_table(small.only_differing()), 80)
    assert text.startswith("4 of 12 aspects differ")
    assert "dimensions" not in text.split("\n\n", 1)[1]
    assert "≠ reception" in text


def test_nothing_differs(tmp_path: Path) -> None:
    alike = build(tmp_path, [role(1), role(2)])
    assert comparison_summary(alike.summary) == (
        "0 of 12 aspects differ: the roles are alike in every aspect compared."
    )
    assert render(comparison_table(alike.only_differing()), 80) == (
        "0 of 12 aspects differ: the roles are alike in every aspect compared.\n"
        "No aspect differs.\n"
    )


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders(small: Comparison, fmt: OutputFormat) -> None:
    rendered = render_view(CompareView(small), fmt)
    if fmt is OutputFormat.TABLE:
        assert not isinstance(rendered, str)
    else:
        text = as_text(rendered)
        assert text.endswith("\n")


def test_markdown(small: Comparison) -> None:
    text = CompareView(small.only_differing()).markdown()
    assert text.splitlines()[:5] == [
        "4 of 12 aspects differ (marked ≠): levels, standing_un_capacity, reception, concerns",
        "",
        "| aspect | (1) Strategic advice (role-1) | (2) Coordination of partners (role-2) |",
        "|---|---|---|",
        "| levels | strategic | strategic, operational |",
    ]
