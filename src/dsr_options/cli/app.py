"""The Typer app: its group, the ``--version`` option, and the one place errors become exits.

Every command runs inside ``_Group.invoke``, which turns dsr-options' own errors into a message
on stderr and an exit code (``output.exit_for``), once for the whole app.
"""

from __future__ import annotations

import contextlib
import io
import os
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
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            # A character no encoder writes (a file name of invalid UTF-8) shows as \udcff.
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        try:
            return super().invoke(ctx)
        except DsrOptionsError as exc:
            raise output.exit_for(exc) from None
        except output.OutputFailed as failed:  # `| head` (quiet), or a full disk (one line)
            raise output.output_failed(failed) from None
        except BrokenPipeError:  # the reader left while something else was written
            raise output.output_failed(output.OutputFailed(BrokenPipeError())) from None
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
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        output.emit(f"dsr-options {__version__}\n")
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
    try:
        app(prog_name="dsr-options")
    except SystemExit as done:
        _leave_now(done)
        raise
    except OSError as exc:  # --help or --version written to a full disk or a closed pipe
        sys.exit(output.output_failed(output.OutputFailed(exc)).exit_code)
    except Exception:
        if os.environ.get(COMPLETE_VAR):  # a shell asking for candidates (cli/complete.py)
            sys.exit(1)  # gets none, never a traceback (a malformed COMP_WORDS, ...)
        raise


def _leave_now(done: SystemExit) -> None:
    """End the process once a command is done, without freeing its objects one by one.

    At interpreter exit Python frees every object still alive; after a command over a large
    catalogue that is millions of them, and took 1.9 s of a 13.8 s ``negotiate`` at 10,000
    roles, for nothing. Exit handlers run first and both streams are flushed (output was
    written and flushed by then); anything unexpected falls back to the normal way out.
    """
    import atexit

    code = done.code
    if code is not None and not isinstance(code, int):
        return  # a message to print: Python's own exit prints it
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        return
    os._exit(code or 0)


COMPLETE_VAR = "_DSR_OPTIONS_COMPLETE"
"""The variable typer's completion scripts set when the shell asks for candidates."""
