"""``diff``: what changed between two versions of a catalogue, and which answers moved."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from dsr_options.cli import complete, output
from dsr_options.cli.options import DataOption, FormatOption, NoColorOption, choice
from dsr_options.cli.output import emit
from dsr_options.render import OutputFormat, render


class FailOnOption(str, Enum):
    """What a CI job may fail on (the values of ``dsr_options.analyses.diff.FailOn``)."""

    CHANGE = "change"
    VERDICT_CHANGE = "verdict-change"
    STANDING_CHANGE = "standing-change"
    FIRMNESS_CHANGE = "firmness-change"
    ANSWER_CHANGE = "answer-change"


def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="A catalogue folder, a redline file, or a git revision (rev:main, rev:HEAD~1, "
            "rev:origin/main:data, rev:REV:path/to/redlines.yaml; without rev: a path on disk "
            "is read from disk, and one that is also a revision is refused).",
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="The same, for the newer side."),
    ],
    fail_on: Annotated[
        FailOnOption | None,
        typer.Option(
            "--fail-on",
            parser=choice(FailOnOption),
            autocompletion=complete.values_of(FailOnOption),
            metavar="WHAT",
            help="Exit 1 when this changed: change, verdict-change, standing-change, "
            "firmness-change or answer-change (a verdict or a standing); otherwise exit 0.",
            show_default=False,
        ),
    ] = None,
    max_subset: Annotated[
        int,
        typer.Option(
            "--bound",
            "--max-subset",
            min=1,
            max=6,
            metavar="N",
            help="The largest set of changes tried as the cause of a moved answer (1 to 6).",
        ),
    ] = 3,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """What changed between two versions, and which answers moved because of which changes.

    Each side is a catalogue folder, a redline file (checked against the roles of --data, or
    the catalogue in use), or a git revision of the repository in the working folder, read
    through git itself (nothing is checked out); rev: in front always means a revision, ./
    always a path. Variants and packages are options of their own, as in every command. For
    every verdict or standing that moved, the smallest set of the listed changes that reproduces
    it is found by exhaustive search, within --bound and a budget of evaluations a run
    ($DSR_OPTIONS_MAX_EVALUATIONS); a search the budget stops says "bounded:" with what is unknown.

    Examples:

    \b
      dsr-options diff main data
      dsr-options diff HEAD~1 HEAD -f markdown >> "$GITHUB_STEP_SUMMARY"
      dsr-options diff rev:origin/main:data data --fail-on verdict-change
      dsr-options diff round1-redlines.yaml round2-redlines.yaml
    """
    from dsr_options.analyses.diff import Bounds, FailOn, diff_sides
    from dsr_options.load.sides import read_pair
    from dsr_options.render.views.diff import DiffView

    # Sides holding the same files are an answer (nothing changed, exit 0), not a usage error.
    old_side, new_side = read_pair(old, new, context=data)
    from dsr_options.cli.progress import busy

    with busy(f"diff: checking the causes of each moved answer, up to {max_subset} changes"):
        result = diff_sides(old_side, new_side, bounds=Bounds(max_subset=max_subset))
    emit(render(DiffView(result), fmt), no_color)
    if fmt is OutputFormat.CSV:  # the other formats say it; CSV's rows are the changes
        for bounded in result.bounded:
            output.warn(bounded.text)
    if fail_on is not None and result.summary.fails_on(FailOn(fail_on.value)):
        raise typer.Exit(output.EXIT_DATA)
