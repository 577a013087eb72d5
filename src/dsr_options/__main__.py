"""The ``dsr-options`` entry point, also run by ``python -m dsr_options``."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        # The version needs nothing but the version: answer before typer is even imported.
        from dsr_options._version import __version__

        sys.stdout.write(f"dsr-options {__version__}\n")
        return
    from dsr_options.cli import main as run

    run()


if __name__ == "__main__":
    main()
