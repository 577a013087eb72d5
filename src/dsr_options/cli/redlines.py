"""Commands about redlines: ``redlines``, ``check`` and ``agree``."""

from __future__ import annotations

from typing import Annotated

import typer

from dsr_options.cli import options
from dsr_options.cli.options import (
    DataOption,
    FormatOption,
    NoColorOption,
    OnlyOption,
    RedlinesOption,
    WithDefaultOption,
)
from dsr_options.cli.output import emit
from dsr_options.render import OutputFormat, render


def list_redlines(
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """List the redlines, principles and conditions that bound any UN role.

    Examples:

    \b
      dsr-options redlines
      dsr-options redlines -f csv > redlines.csv
    """
    from dsr_options.render.views.redlines import RedlineList

    catalogue = options.load(data)
    origin = options.provenance(catalogue, data)
    emit(render(RedlineList(catalogue.redlines, catalogue), fmt, origin), no_color)


def check_redlines(
    files: Annotated[
        list[str] | None, typer.Argument(hidden=True, show_default=False, metavar="")
    ] = None,
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Show every result, also those that cross nothing."),
    ] = False,
    logic: Annotated[
        bool,
        typer.Option("--logic", help="Explain results as logic (rules and values), not prose."),
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Check every role against every redline: the matrix, each role's verdict, the holders.

    A role is out when it crosses a veto or a condition, flagged when it crosses a concern,
    conditional when a condition applies to it, clear otherwise, and undetermined when a
    missing attribute leaves more than one of these open. Unknown is never clear.

    Examples:

    \b
      dsr-options check
      dsr-options check --only no-standing,limited -f markdown
      dsr-options check --redlines mine.yaml --with-default -f json
    """
    from dsr_options.analyses.agreement import agreement
    from dsr_options.analyses.evaluate import analyse
    from dsr_options.render.views.check import CheckView

    if files:
        from dsr_options.errors import UsageError

        given = " ".join(f"--redlines {name}" for name in files)
        raise UsageError(
            f"check takes no arguments; to check against a redline file of your own: "
            f"dsr-options check {given}"
        )

    catalogue = options.load(data, redlines, with_default, only)
    options.check_reading_bounds(catalogue, fmt)
    origin = options.provenance(catalogue, data, redlines, with_default, only)
    view = CheckView(analyse(catalogue), agreement(catalogue), show_all, logic)
    emit(render(view, fmt, origin), no_color)


def agree(
    redlines: RedlinesOption = None,
    with_default: WithDefaultOption = False,
    only: OnlyOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Where there is agreement: for each role, the evidence for and against it, and who objects.

    Holders object to a role when it crosses a redline they hold ("may object" when the
    result is unknown).

    Examples:

    \b
      dsr-options agree
      dsr-options agree -f markdown > agreement.md
    """
    from dsr_options.analyses.agreement import agreement
    from dsr_options.render.views.agree import AgreeView

    catalogue = options.load(data, redlines, with_default, only)
    options.check_reading_bounds(catalogue, fmt)
    origin = options.provenance(catalogue, data, redlines, with_default, only)
    emit(render(AgreeView(agreement(catalogue)), fmt, origin), no_color)
