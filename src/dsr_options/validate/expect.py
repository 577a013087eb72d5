"""A redline's ``expect:`` checked against the roles of the catalogue in use, like a test.

Each role the writer names under ``crosses``, ``clears`` or ``unknown`` is evaluated against the
redline (its scope, then its rule, in Kleene logic: a value the role does not give is unknown);
a role whose outcome differs is an error at its place in the list, saying what the redline
does with the role and the role's values it rests on. A role that is not in the catalogue is
an error with the closest ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dsr_options.diagnostics import Code
from dsr_options.files.located import LoadedFile
from dsr_options.ids import suggest
from dsr_options.model.catalogue import Redline, Role
from dsr_options.model.rules import Outcome, redline_truths, tests_of
from dsr_options.model.rules import outcome_of as rule_outcome

_EXPECTED = {"crosses": "cross", "clears": "clear", "unknown": "be unknown against"}
_OUTCOME_WORDS = {"crosses": "crosses", "clears": "clears", "unknown": "is unknown against"}


_EXPECTED_KEY = {
    Outcome.CROSSES: "crosses",
    Outcome.CLEAR: "clears",
    Outcome.NOT_APPLICABLE: "clears",
    Outcome.UNKNOWN: "unknown",
}


def outcome_of(redline: Redline, values: Mapping[str, Any]) -> tuple[str, bool | None]:
    """``crosses``, ``clears`` (clear or out of scope) or ``unknown`` for plain values, by the
    rule engine (``model.rules``), and whether the redline applies."""
    applies, holds = redline_truths(redline, values)
    return _EXPECTED_KEY[rule_outcome(applies, holds)], applies


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(str(v) for v in value) + "}" if value else "{} (none)"
    return str(value)


def _facts(role: Role, names: Sequence[str]) -> str:
    facts = []
    for name in names:
        held = role.attributes.get(name)
        if held is None:
            facts.append(f"the role gives no value for {name}")
        else:
            facts.append(f"{name} is {_value_text(held.value)} [{held.basis.value}]")
    return ", ".join(facts)


def _why(redline: Redline, role: Role, outcome: str, applies: bool | None) -> str:
    scope = [t.attribute for t in tests_of(redline.applies_to)]
    rule = [t.attribute for t in tests_of(redline.crossing)]
    if applies is False:
        return f"it does not apply to the role: {_facts(role, list(dict.fromkeys(scope)))}"
    names = list(dict.fromkeys(rule if applies else scope + rule))
    requirement = redline.requires is not None
    if outcome == "crosses":
        said = "its requirement does not hold" if requirement else "its rule holds"
    elif outcome == "clears":
        said = "its requirement holds" if requirement else "its rule does not hold"
    else:
        said = "the catalogue cannot decide it"
    return f"{said}: {_facts(role, names)}"


def expected(roles: Sequence[Role], redline: Redline) -> dict[str, list[str]]:
    """What ``expect:`` would say for ``roles`` as they stand: role ids by outcome."""
    found: dict[str, list[str]] = {"crosses": [], "clears": [], "unknown": []}
    for role in roles:
        values = {name: held.value for name, held in role.attributes.items()}
        found[outcome_of(redline, values)[0]].append(role.id)
    return found


def check_expectations(
    file: LoadedFile,
    redlines: Sequence[tuple[int, Redline]],
    roles: Sequence[Role],
) -> None:
    """Add an error for every role whose outcome is not the one its redline's ``expect:`` says."""
    by_id = {role.id: role for role in roles}
    for index, redline in redlines:
        if redline.expect is None:
            continue
        for key, position, role_id in redline.expect.expected():
            path = ("redlines", index, "expect", key, position)
            role = by_id.get(role_id)
            if role is None:
                file.report(
                    Code.UNKNOWN_ROLE,
                    f"'{role_id}' is not a role of the catalogue in use" + suggest(role_id, by_id),
                    path=path,
                )
                continue
            values = {name: held.value for name, held in role.attributes.items()}
            actual, applies = outcome_of(redline, values)
            if actual == key:
                continue
            file.report(
                Code.EXPECTATION_FAILED,
                f"expected {role_id} to {_EXPECTED[key]} '{redline.id}', but it "
                f"{_OUTCOME_WORDS[actual]} it, because {_why(redline, role, actual, applies)}",
                path=path,
            )
