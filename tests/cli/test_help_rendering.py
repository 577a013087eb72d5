"""How help renders arguments: ``cli.options.Command`` writes them by their metavar alone through
click's public ``Command`` methods, where typer's own rendering adds braces, types and a hidden
argument's ``[]...``. These tests fail loudly when typer's own rendering changes, so that the
override is reviewed (and dropped once typer's is enough); see ``Command``'s docstring."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperCommand
from typer.testing import CliRunner

from dsr_options.cli.options import Command

OURS = (
    "Usage: root show [OPTIONS] ROLE\n\n"
    "Arguments:\n  ROLE  A role.  [required]\n\n"
    "Options:\n"
    "  -f, --format FORMAT  The format.  [default: table]\n"
    "  --help               Show this message and exit.\n"
)
TYPERS_OWN = {
    # typer 0.2x: braces for a required argument, its type, a hidden argument as []...
    "Usage: root show [OPTIONS] {ROLE} []...\n\n"
    "Arguments:\n  ROLE <str>  A role.  [required]\n\n"
    "Options:\n"
    "  -f, --format FORMAT  The format.  [default: table]\n"
    "  --help               Show this message and exit.\n",
    # typer 0.12 to 0.1x: click's own rendering, a hidden argument in the usage line
    "Usage: root show [OPTIONS] ROLE []...\n\n"
    "Arguments:\n  ROLE  A role.  [required]\n\n"
    "Options:\n"
    "  -f, --format FORMAT  The format.  [default: table]\n"
    "  --help               Show this message and exit.\n",
}


def show_help(cls: type[TyperCommand]) -> str:
    app = typer.Typer(rich_markup_mode=None, add_completion=False)

    @app.command(cls=cls)
    def show(
        role: Annotated[str, typer.Argument(metavar="ROLE", help="A role.")],
        extra: Annotated[
            list[str] | None, typer.Argument(hidden=True, metavar="", show_default=False)
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", "-f", metavar="FORMAT", help="The format.")
        ] = "table",
    ) -> None:
        """Show it."""

    @app.command(cls=cls)
    def other() -> None:
        """Another command, so that show is a subcommand."""

    result = CliRunner().invoke(app, ["show", "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output.replace("  Show it.\n\n", "")


def test_our_command_shows_arguments_by_their_metavar() -> None:
    assert show_help(Command) == OURS


def test_typers_own_rendering_is_one_we_know() -> None:
    own = show_help(TyperCommand)
    assert own in TYPERS_OWN, (
        "typer's own rendering of arguments changed: check whether cli.options.Command's "
        f"overrides are still needed (and still right):\n{own}"
    )
