"""The ``dsr-options`` entry point, also run by ``python -m dsr_options``."""

from __future__ import annotations

import errno
import os
import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        # The version needs nothing but the version: answer before typer is even imported.
        from dsr_options._version import __version__

        try:
            sys.stdout.write(f"dsr-options {__version__}\n")
            sys.stdout.flush()
        except OSError as exc:  # a full disk is one line; a reader that left, nothing
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            if exc.errno != errno.EPIPE:
                sys.stderr.write(f"dsr-options: error: cannot write the output: {exc.strerror}\n")
                sys.exit(1)
        return
    from dsr_options.cli import main as run

    run()


if __name__ == "__main__":
    main()
