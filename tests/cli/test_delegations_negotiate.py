"""Issue 14: writing a delegation's file, combining several, and negotiating between them."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

from dsr_options import negotiate
from dsr_options.analyses.evaluate import Evaluator, Outcome, analyse
from dsr_options.analyses.negotiate import JointRepair, Negotiation
from dsr_options.files.scaffold import scaffold_text
from dsr_options.load.catalogue import load, load_catalogue
from dsr_options.model.catalogue import AttributeDecl, AttributeValue, Catalogue
from dsr_options.model.rules import could_cross, redline_tests, redline_truths
from dsr_options.model.vocabulary import AttributeType, Basis, Strictness
from dsr_options.render.explain import explanation
from tests.conftest import Run
from tests.envelope import payload
from tests.factory import ROOT

ROOT = ROOT
EXAMPLE = ROOT / "examples" / "delegation-redlines.yaml"
ROLES = ROOT / "data" / "roles.yaml"


def _copy_example(path: Path, name: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace("name: Our delegation", f"name: {name}")
    path.write_text(text, encoding="utf-8")
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "schema_version: 1\nholders:\n  - id: {holder}\n    name: {holder}\nredlines:\n"
REDLINE = """  - id: {id}
    title: {id}
    statement: {id}
    origin: member-state
    holders: [{holder}]
    strictness: {strictness}
{body}
"""


def _delegation(path: Path, holder: str, *redlines: tuple[str, str, str]) -> Path:
    text = HEADER.format(holder=holder) + "".join(
        REDLINE.format(id=rid, holder=holder, strictness=strictness, body=body)
        for rid, strictness, body in redlines
    )
    return _write(path, text)


# -- writing a file ---------------------------------------------------------------------------------


def test_the_scaffold_writes_a_valid_file_with_every_form(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "freedonia.yaml"
    result = run(f"dsr-options new-redlines Freedonia --out {out}")
    assert result.exit_code == 0, result
    written = out.read_text(encoding="utf-8")
    bare = [line for line in scaffold_text("Freedonia").splitlines() if line]
    assert [line for line in written.splitlines() if line in bare] == bare
    assert written.count("    expect:\n") == 3
    loaded = load(redlines=[out])
    assert loaded.errors == []
    catalogue = loaded.catalogue
    assert catalogue is not None
    assert {r.strictness for r in catalogue.redlines} == set(Strictness)
    text = out.read_text(encoding="utf-8")
    for form in ("rule:", "requires:", "applies_to:", "all:", "any:", "not:", "contains:"):
        assert form in text, form
    for operator in ("contains_any:", "subset_of:", "equals:"):
        assert operator in text, operator
    again = run(f"dsr-options new-redlines Freedonia --out {out}")
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert out.read_text(encoding="utf-8") == written


def test_a_condition_written_both_ways_gives_the_same_verdicts(tmp_path: Path) -> None:
    scope = "    applies_to: {attribute: in_country, equals: true}\n"
    as_rule = _delegation(
        tmp_path / "rule.yaml",
        "us",
        (
            "host-request",
            "condition",
            scope + "    rule: {not: {attribute: triggers, subset_of: [national-request]}}",
        ),
    )
    as_requires = _delegation(
        tmp_path / "requires.yaml",
        "us",
        (
            "host-request",
            "condition",
            scope + "    requires: {attribute: triggers, subset_of: [national-request]}",
        ),
    )
    first = analyse(load_catalogue(redlines=[as_rule]))
    second = analyse(load_catalogue(redlines=[as_requires]))
    assert [(v.role.id, v.verdict) for v in first.verdicts] == [
        (v.role.id, v.verdict) for v in second.verdicts
    ]
    assert [v.verdict.value for v in second.verdicts] == ["out", "out", "out", "clear"]
    text = explanation(second.verdicts[0].result("host-request"))[-1]
    assert text.startswith("crosses: the requirement 'triggers is only from {national-request}'")


def test_unknown_stays_unknown_under_requires(tmp_path: Path) -> None:
    path = _delegation(
        tmp_path / "r.yaml",
        "us",
        ("needs", "veto", "    requires: {attribute: in_country, equals: true}"),
    )
    catalogue = load_catalogue(redlines=[path])
    role = catalogue.roles[0]
    values = {k: v.value for k, v in role.attributes.items() if k != "in_country"}
    redline = catalogue.redlines[0]
    result = Evaluator(catalogue).evaluate(role, redline, values, {})
    assert result.outcome is Outcome.UNKNOWN


def test_rule_and_requires_together_or_neither_are_refused(tmp_path: Path) -> None:
    both = _delegation(
        tmp_path / "b.yaml",
        "us",
        (
            "x",
            "veto",
            "    rule: {attribute: in_country, equals: true}\n"
            "    requires: {attribute: in_country, equals: true}",
        ),
    )
    loaded = load(redlines=[both])
    assert [d.message for d in loaded.errors if "exactly one" in d.message]


def test_an_inverted_condition_is_warned_about(tmp_path: Path) -> None:
    path = _delegation(
        tmp_path / "w.yaml",
        "us",
        (
            "host-request-only",
            "condition",
            "    applies_to: {attribute: in_country, equals: true}\n"
            "    rule: {attribute: triggers, contains: national-request}",
        ),
        (
            "never",
            "veto",
            "    rule: {all: [{attribute: in_country, equals: true}, "
            "{attribute: in_country, equals: false}]}",
        ),
        (
            "always",
            "veto",
            "    rule: {any: [{attribute: in_country, equals: true}, "
            "{attribute: in_country, equals: false}]}",
        ),
    )
    codes = {d.code.value: d.message for d in load(redlines=[path]).diagnostics}
    assert "use requires:" in codes["condition-always-crossed"]
    assert "'never'" in codes["never-crossed"]
    assert "'always'" in codes["always-crossed"]


# -- combining --------------------------------------------------------------------------------------


def test_two_copies_of_the_example_combine(run: Run, tmp_path: Path) -> None:
    a = _copy_example(tmp_path / "delegation-a.yaml", "Delegation A")
    b = _copy_example(tmp_path / "delegation-b.yaml", "Delegation B")
    catalogue = load_catalogue(redlines=[a, b])
    ids = [r.id for r in catalogue.redlines]
    assert ids[:3] == [
        "delegation-a:no-un-standing-capacity",
        "delegation-a:no-un-direction-of-partners",
        "delegation-a:host-country-request",
    ]
    assert [h.id for h in catalogue.holders] == [
        "delegation-a:our-delegation",
        "delegation-b:our-delegation",
    ]
    assert catalogue.redlines[3].holders == ["delegation-b:our-delegation"]
    assert catalogue.redline_file("delegation-b:host-country-request") == str(b)
    labelled = run(f"dsr-options redlines --redlines a={a} --redlines b={b} -f json")
    assert labelled.exit_code == 0, labelled
    data = payload(labelled.stdout)
    assert [(r["id"], r["file"]) for r in data][::3] == [
        ("a:no-un-standing-capacity", str(a)),
        ("b:no-un-standing-capacity", str(b)),
    ]


def test_a_file_given_twice_is_read_once_and_told_so(run: Run) -> None:
    result = run(f"dsr-options check --redlines {EXAMPLE} --redlines {EXAMPLE} -f json")
    assert result.exit_code == 0, result
    assert "is given twice" in result.stderr
    assert "duplicate" not in result.stderr
    assert len(json.loads(result.stdout)["redlines"]) == 3
    assert len(load_catalogue(redlines=[EXAMPLE, EXAMPLE]).redlines) == 3


def test_two_delegations_share_a_shipped_redline_row(tmp_path: Path) -> None:
    text = (
        "schema_version: 1\nholders:\n  - id: {h}\n    name: {h}\n"
        "    holds: [no-standing-un-capacity]\nredlines: []\n"
    )
    a = _write(tmp_path / "a.yaml", text.format(h="alpha"))
    b = _write(tmp_path / "b.yaml", text.format(h="beta"))
    catalogue = load_catalogue(redlines=[a, b], with_default=True)
    shared = [r for r in catalogue.redlines if r.id == "no-standing-un-capacity"]
    assert len(shared) == 1
    assert shared[0].holders[-2:] == ["alpha", "beta"]


def test_the_library_defaults_match_the_command_line(run: Run) -> None:
    mine = load_catalogue(redlines=[EXAMPLE])
    assert [r.id for r in mine.redlines] == [
        "no-un-standing-capacity",
        "no-un-direction-of-partners",
        "host-country-request",
    ]
    cli = payload(run(f"dsr-options redlines --redlines {EXAMPLE} -f json").stdout)
    assert [r["id"] for r in cli] == [r.id for r in mine.redlines]
    assert len(load_catalogue().redlines) == len(load_catalogue(redlines=[]).redlines)


@pytest.mark.parametrize("command", ["show 1", "compare 1 2", "redlines", "attributes"])
def test_redlines_work_on_every_command(run: Run, command: str) -> None:
    result = run(f"dsr-options {command} --redlines {EXAMPLE} --with-default -f json")
    assert result.exit_code == 0, result
    assert "host-country-request" in result.stdout


# -- negotiating ------------------------------------------------------------------------------------


def _applied(catalogue: Catalogue, role_id: str, repair: JointRepair) -> Catalogue:
    """The catalogue with the repair's changes applied to the role (as --assume would)."""
    roles = []
    for role in catalogue.roles:
        if role.id == role_id:
            attributes = dict(role.attributes)
            for change in repair.changes:
                attributes[change.attribute] = AttributeValue.model_construct(
                    value=change.value, basis=Basis.ANALYSIS, note=None, evidence=[]
                )
            role = role.model_copy(update={"attributes": attributes})
        roles.append(role)
    return catalogue.model_copy(update={"roles": roles})


def _assert_repairs_clear_everything(catalogue: Catalogue, found: Negotiation) -> None:
    chosen = {h for h, _ in found.holders}
    hard = [
        r
        for r in catalogue.redlines
        if r.strictness is not Strictness.CONCERN and chosen & set(r.holders)
    ]
    repaired = 0
    for standing in found.roles:
        if standing.repair is None:
            continue
        changed = _applied(catalogue, standing.role.id, standing.repair)
        role = changed.role(standing.role.id)
        verdict = Evaluator(changed).evaluate_role(role)
        for redline in hard:
            assert verdict.result(redline.id).outcome in (
                Outcome.CLEAR,
                Outcome.NOT_APPLICABLE,
            ), (standing.role.id, redline.id)
        again = negotiate(changed, sorted(chosen))
        assert standing.role.id in again.acceptable_to_all
        repaired += 1
    assert repaired


def test_joint_repairs_clear_every_veto_and_condition(tmp_path: Path) -> None:
    a = _copy_example(tmp_path / "a.yaml", "A")
    b = _copy_example(tmp_path / "b.yaml", "B")
    catalogue = load_catalogue(redlines=[a, b], with_default=True)
    found = negotiate(catalogue)
    assert found.conflicts == ()
    # The global repository is outside the host-country requirement and needs no standing capacity.
    assert found.acceptable_to_all == ("best-practice-repository",)
    _assert_repairs_clear_everything(catalogue, found)
    matchmaking = next(s for s in found.roles if s.role.id == "matchmaking")
    assert matchmaking.repair is not None
    assert matchmaking.repair.assume == ("matchmaking.triggers=national-request",)
    assert set(matchmaking.repair.changes[0].holders) == {"a:our-delegation", "b:our-delegation"}


def test_the_smallest_change_set_comes_first(tmp_path: Path) -> None:
    path = _delegation(
        tmp_path / "x.yaml",
        "us",
        ("no-standing", "veto", "    rule: {attribute: standing_un_capacity, equals: true}"),
        ("no-delivery", "veto", "    rule: {attribute: technical_delivery_by_un, equals: true}"),
    )
    catalogue = load_catalogue(redlines=[path])
    found = negotiate(catalogue, bound=3)
    sizes = {s.role.id: len(s.repair.changes) for s in found.roles if s.repair is not None}
    for role in catalogue.roles:
        values = {k: v.value for k, v in role.attributes.items()}
        needed = sum(
            values.get(a) is True for a in ("standing_un_capacity", "technical_delivery_by_un")
        )
        if needed:
            assert sizes[role.id] == needed
    assert found.worst_case == 3  # C(2,1)*1 + C(2,2)*1


def test_irreconcilable_delegations_are_a_conflict(run: Run, tmp_path: Path) -> None:
    a = _delegation(
        tmp_path / "a.yaml",
        "alpha",
        ("in-country-only", "veto", "    requires: {attribute: in_country, equals: true}"),
    )
    b = _delegation(
        tmp_path / "b.yaml",
        "beta",
        ("no-in-country", "veto", "    rule: {attribute: in_country, equals: true}"),
    )
    found = negotiate(load_catalogue(redlines=[a, b]))
    assert [(c.redlines, c.holders) for c in found.conflicts] == [
        (("in-country-only", "no-in-country"), (("alpha",), ("beta",)))
    ]
    assert all(s.blocked for s in found.roles)
    result = run(f"dsr-options negotiate --redlines {a} --redlines {b} -f json")
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["conflicts"][0]["text"] == (
        "no values clear both in-country-only (alpha) and no-in-country (beta)"
    )


def test_holder_picks_some(run: Run, tmp_path: Path) -> None:
    a = _copy_example(tmp_path / "a.yaml", "A")
    b = _copy_example(tmp_path / "b.yaml", "B")
    result = run(f"dsr-options negotiate --redlines a={a} --redlines b={b} --holder b -f json")
    assert result.exit_code == 0, result
    assert [h["id"] for h in json.loads(result.stdout)["holders"]] == ["b:our-delegation"]
    for fmt in ("table", "yaml", "csv", "markdown"):
        shown = run(f"dsr-options negotiate --redlines a={a} --redlines b={b} -f {fmt}")
        assert shown.exit_code == 0, (fmt, shown)
        flat = " ".join(shown.stdout.split())
        wanted = "matchmaking.triggers=national-request"
        assert (wanted if fmt == "yaml" else f"--assume {wanted}") in flat, fmt


def test_attributes_lists_values_and_roles(run: Run) -> None:
    result = run("dsr-options attributes -f json")
    data = payload(result.stdout)
    triggers = next(a for a in data if a["id"] == "triggers")
    assert triggers["type"] == "choices"
    assert triggers["values"][0]["id"] == "national-request"
    assert triggers["roles"][0]["role"] == "strategic-advice"
    assert triggers["roles"][0]["basis"] == "analysis"
    mine = payload(run(f"dsr-options attributes --redlines {EXAMPLE} -f json").stdout)
    tested = {a["id"]: a["tested_by"] for a in mine}
    assert tested["triggers"] == ["host-country-request"]
    assert tested["training"] == []


def test_messages_for_a_beginner_show_the_way(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.yaml",
        HEADER.format(holder="us")
        + "  - id: x\n    title: x\n    statement: x\n    holders: [us]\n    strictness: veto\n"
        "    rule: standing_un_capacity is true\n",
    )
    messages = {d.code.value: d.message for d in load(redlines=[path]).diagnostics}
    assert messages["missing-field"] == (
        "a redline needs the field 'origin': one of draft-policy, participants, member-state, note"
    )
    assert "for example {attribute: standing_un_capacity, equals: true}" in messages["invalid-rule"]
    assert "operators: equals, in, contains, contains_any, subset_of" in messages["invalid-rule"]


def _random_test(rng: random.Random, decl: AttributeDecl) -> str:
    """One attribute test in YAML flow style, of an operator the attribute's type takes."""
    ids = [v.id for v in decl.values]
    if decl.type is AttributeType.BOOLEAN:
        return f"{{attribute: {decl.id}, equals: {rng.choice(['true', 'false'])}}}"
    if decl.type is AttributeType.CHOICE:
        if rng.random() < 0.5:
            return f"{{attribute: {decl.id}, equals: {rng.choice(ids)}}}"
        return f"{{attribute: {decl.id}, in: [{', '.join(rng.sample(ids, 2))}]}}"
    operator = rng.choice(["contains", "contains_any", "subset_of"])
    if operator == "contains":
        return f"{{attribute: {decl.id}, contains: {rng.choice(ids)}}}"
    picked = rng.sample(ids, rng.randint(1, max(1, len(ids) - 1)))
    return f"{{attribute: {decl.id}, {operator}: [{', '.join(picked)}]}}"


def _random_value(rng: random.Random, decl: AttributeDecl) -> Any:
    ids = [v.id for v in decl.values]
    if decl.type is AttributeType.BOOLEAN:
        return rng.random() < 0.5
    if decl.type is AttributeType.CHOICE:
        return rng.choice(ids)
    return sorted(rng.sample(ids, rng.randint(1, len(ids))))


def _fewest_changes(catalogue: Catalogue, role: Any, bound: int) -> int | None:
    """Brute force over every value of every attribute: the fewest changed attributes (not
    defining, no list emptied) after which the role crosses no chosen veto or condition."""
    hard = [r for r in catalogue.redlines if r.strictness is not Strictness.CONCERN]
    decls = {d.id: d for d in catalogue.attributes}
    values = {k: v.value for k, v in role.attributes.items()}
    free = sorted(
        {t.attribute for r in hard for t in redline_tests(r)}
        - {k for k, v in role.attributes.items() if v.defining}
    )

    def domain(decl: AttributeDecl) -> list[Any]:
        ids = [v.id for v in decl.values]
        if decl.type is AttributeType.BOOLEAN:
            return [True, False]
        if decl.type is AttributeType.CHOICE:
            return ids
        return [tuple(c) for n in range(1, len(ids) + 1) for c in itertools.combinations(ids, n)]

    for size in range(bound + 1):
        for combo in itertools.combinations(free, size):
            choices = [[v for v in domain(decls[a]) if v != values.get(a)] for a in combo]
            for picked in itertools.product(*choices):
                changed = {**values, **dict(zip(combo, picked, strict=True))}
                if all(not could_cross(*redline_truths(r, changed)) for r in hard):
                    return size
    return None


@pytest.mark.parametrize("seed", range(8))
def test_joint_repairs_are_the_fewest_changes_brute_force(tmp_path: Path, seed: int) -> None:
    """Generated roles and two delegations' generated redlines (some testing one attribute in
    both their scope and their rule): negotiate's repair for each role has exactly as many
    changes as a brute force over every value finds, clears everything, and is absent exactly
    when no change of up to the bound clears everything."""
    rng = random.Random(seed)
    base = load_catalogue()
    decls = list(base.attributes)
    files = []
    for holder in ("alpha", "beta"):
        redlines = []
        for n in range(rng.randint(2, 4)):
            decl = rng.choice(decls)
            body = f"    rule: {_random_test(rng, decl)}"
            if rng.random() < 0.4:  # the same attribute in scope and rule
                body = f"    applies_to: {_random_test(rng, decl)}\n{body}"
            strictness = rng.choice(["veto", "veto", "condition", "concern"])
            redlines.append((f"{holder}-{n}", strictness, body))
        files.append(_delegation(tmp_path / f"{holder}.yaml", holder, *redlines))
    catalogue = load_catalogue(redlines=files)
    template = catalogue.roles[0]
    roles = [
        template.model_copy(
            update={
                "id": f"generated-{n}",
                "attributes": {
                    d.id: AttributeValue(value=_random_value(rng, d), basis=Basis.ANALYSIS)
                    for d in decls
                },
            }
        )
        for n in range(12)
    ]
    catalogue = catalogue.model_copy(update={"roles": roles})
    bound = 2
    found = negotiate(catalogue, bound=bound)
    if found.conflicts:
        return  # every role is blocked: nothing to compare
    _assert_repairs_clear_everything(catalogue, found)
    for standing in found.roles:
        expected = _fewest_changes(catalogue, standing.role, bound)
        if standing.repair is None:
            got = 0 if len(standing.acceptable_to) == len(found.holders) else None
        else:
            got = len(standing.repair.changes)
        assert got == expected, (seed, standing.role.id)
