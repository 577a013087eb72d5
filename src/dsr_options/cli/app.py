"""The Typer app: its group, the ``--version`` option, and the one place errors become exits.

Every command runs inside ``_Group.invoke``, which turns dsr-options' own errors into a message
on stderr and an exit code (``output.exit_for``), once for the whole app.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dsr_options._version import __version__
from dsr_options.cli import output


class _Group(TyperGroup):
    """The command group: every command's errors are mapped to exit codes here."""

    def invoke(self, ctx: Any) -> Any:
        from dsr_options.errors import DsrOptionsError

        output.start()
        try:
            return super().invoke(ctx)
        except DsrOptionsError as exc:
            raise output.exit_for(exc) from None
        except BrokenPipeError:  # `dsr-options list | head`: the reader left, which is fine
            sys.stderr.close()
            raise typer.Exit(output.EXIT_OK) from None
        except MemoryError:
            raise output.fail(output.MEMORY_MESSAGE, output.EXIT_DATA) from None


app = typer.Typer(
    name="dsr-options",
    cls=_Group,
    help=(
        "Lay out the roles the UN could play in defense sector reform (DSR), the redlines "
        "that bound them, and how the two meet.\n\n"
        "The catalogue is built from the experts' meeting of 2 December 2010; every claim "
        "from the note carries a verbatim quote. Its redlines are the draft policy's "
        "principles and participants' concerns; a delegation adds its own with --redlines."
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dsr-options {__version__}\n")
        raise typer.Exit(output.EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The date every report's provenance gives (default: $SOURCE_DATE_EPOCH, "
            "else today, UTC): for reproducible briefs.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Lay out UN roles in defense sector reform and the redlines that bound them."""
    from dsr_options.cli import options

    options.DATE[0] = date


def main() -> None:
    """Console-script entry point."""
    import gc

    # A short-lived process over an acyclic catalogue: the cyclic collector would only rescan
    # millions of live objects, several times libyaml's own parse time on a large catalogue.
    gc.disable()
    app(prog_name="dsr-options")
