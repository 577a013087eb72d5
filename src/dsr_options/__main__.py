"""``python -m dsr_options``: the same as the ``dsr-options`` command."""

from dsr_options.cli import main

main()
