"""Option mistakes a newcomer makes, answered by what they meant rather than by spelling.

``check --role x`` is not a near-miss of ``--holder``: it means "one role", which is
``show ROLE``. ``HINTS`` maps the names people reach for to what the tool calls that idea;
click's "did you mean" (by spelling) is the fallback.
"""

from __future__ import annotations

from typing import Any

ROLE_HINT = (
    "a role is named as an argument: `dsr-options show ROLE` for one role, "
    "`compare ROLE ROLE` for several"
)

DEPRECATED = {
    "--firmness-bound": "--bound",
    "--max-subset": "--bound",
}
"""Old option names kept working, unshown, for one release (CHANGELOG): the name they became."""

HINTS: dict[str, tuple[str, ...] | str] = {
    "--role": ROLE_HINT,
    "--roles": ROLE_HINT,
    "--firmness": ("--bound",),
    "--firmness-depth": ("--bound",),
    "--max-changes": ("--bound",),
    "--changes": ("--bound",),
    "--depth": ("--bound",),
    "--limit": ("--bound",),
    "--max": ("--bound",),
    "--redline": ("--only", "--redlines"),
    "--select": ("--only",),
    "--filter": ("--only", "--level", "--dimension"),
    "--delegation": ("--holder", "--redlines"),
    "--delegations": ("--holder", "--redlines"),
    "--holders": ("--holder",),
    "--file": ("--redlines", "--data"),
    "--catalogue": ("--data",),
    "--catalog": ("--data",),
    "--what-if": ("--assume", "--scenario"),
    "--if": ("--assume",),
    "--scenarios": ("--scenario",),
    "--output": ("--out", "--format"),
    "-o": ("--out", "--format"),
    "--json": "write `-f json`",
    "--yaml": "write `-f yaml`",
    "--csv": "write `-f csv`",
    "--markdown": "write `-f markdown`",
    "--md": "write `-f markdown`",
    "--html": "write `-f html`",
    "--verbose": ("--all",),
    "--colour": ("--no-color",),
    "--color": ("--no-color",),
}
"""What a name people reach for means here: option names to suggest (those the command has),
or a sentence."""


def take_date(args: list[str]) -> tuple[list[str], str | None]:
    """``check --date D``: the app's ``--date`` given after the command, taken out of its
    arguments (the last one given wins). Nothing after ``--`` is touched."""
    kept: list[str] = []
    date = None
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            kept += [arg, *rest]
            break
        if arg == "--date":
            date = next(rest, "")
        elif arg.startswith("--date="):
            date = arg.split("=", 1)[1]
        else:
            kept.append(arg)
    return kept, date


def unknown_option(command: Any, ctx: Any, exc: Any) -> None:
    """Reword click's error for an option the command does not have (in place): what the user
    most likely meant, by meaning (``HINTS``), else click's suggestions by spelling, with the
    old names of options (``DEPRECATED``) given as their new ones."""
    name = str(exc.option_name).split("=", 1)[0]
    hint = HINTS.get(name)
    have = {opt for param in command.params for opt in getattr(param, "opts", ())}
    if isinstance(hint, str):
        exc.message, exc.possibilities = f"No such option: {name}; {hint}.", None
        return
    meant = [opt for opt in hint or () if opt in have]
    if meant:
        exc.message = f"No such option: {name}; did you mean {' or '.join(meant)}?"
        exc.possibilities = None
        return
    if exc.possibilities:
        exc.possibilities = sorted({DEPRECATED.get(p, p) for p in exc.possibilities})
