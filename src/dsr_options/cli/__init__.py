"""The ``dsr-options`` command line: options, one core call, one renderer per command.

``app`` holds the group and the error mapping (``output.exit_for``); the commands live in
``roles`` (list, show, compare), ``redlines`` (redlines, check, agree), ``brief`` and ``catalogue``
(validate, schema), and are registered here, in the order ``--help`` lists them. Heavy modules
(pydantic, PyYAML, rich) are imported inside the commands, so that ``--version`` and ``--help``
cost little more than importing typer.
"""

from __future__ import annotations

from dsr_options.cli import brief, catalogue, diff, redlines, roles
from dsr_options.cli.app import app, main
from dsr_options.cli.options import Command

app.command("list", cls=Command, short_help="List the candidate roles, optionally filtered.")(
    roles.list_roles
)
app.command("show", cls=Command, short_help="Show everything about one role, evidence included.")(
    roles.show_role
)
app.command("redlines", cls=Command, short_help="List the redlines that bound any UN role.")(
    redlines.list_redlines
)
app.command(
    "attributes",
    cls=Command,
    short_help="List the attributes a rule can test, with each role's value.",
)(redlines.list_attributes)
app.command("check", cls=Command, short_help="Check every role against every redline.")(
    redlines.check_redlines
)
app.command(
    "agree", cls=Command, short_help="Evidence for and against each role, and who objects."
)(redlines.agree)
app.command(
    "negotiate",
    cls=Command,
    short_help="Each holder's verdicts, and the fewest changes all accept.",
)(redlines.negotiate)
app.command("brief", cls=Command, short_help="A brief to circulate: Markdown, HTML or Word.")(
    brief.brief
)
app.command("compare", cls=Command, short_help="Compare roles side by side, differences marked.")(
    roles.compare
)
app.command(
    "scenarios", cls=Command, short_help="Each role's verdict under each scenario, side by side."
)(redlines.scenarios)
app.command(
    "offices",
    cls=Command,
    short_help="The UN offices in their hierarchy, and what each could lead.",
)(roles.offices)
app.command("diff", cls=Command, short_help="What changed between two versions, and why.")(
    diff.diff
)
app.command(
    "sources",
    cls=Command,
    short_help="The meeting note: who met, on what terms, what it concluded.",
)(catalogue.sources)
app.command(
    "new-redlines", cls=Command, short_help="Write a starting redline file for a delegation."
)(catalogue.new_redlines)
app.command(
    "validate", cls=Command, short_help="Check catalogue files; each problem at file:line:col."
)(catalogue.validate)
app.command("schema", cls=Command, short_help="Print the JSON Schema of a catalogue file.")(
    catalogue.schema
)

__all__ = ["app", "main"]
