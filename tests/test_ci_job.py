"""The GitHub Actions job of docs/ci.md ("catalogue diff"), run as written on pull requests.

A scratch repository (a bare ``origin`` with ``main``, and a clone such as ``actions/checkout``
with ``fetch-depth: 0`` makes) gets three pull requests: one that changes no data, one that
changes a value no redline tests, one that moves a verdict. For each, the job's own steps run
here: every ``run:`` step by ``bash -eo pipefail`` (as GitHub runs them), with the ``${{ }}``
expressions and ``if:`` conditions the job uses evaluated for a same-repository pull request,
``$GITHUB_OUTPUT`` and ``$GITHUB_STEP_SUMMARY`` as files, and ``gh`` a stand-in that keeps the
comment. The steps that set up the machine (``uses:`` actions, ``pip install``) are skipped: the
tool under test is already installed. An expression or step this runner does not know fails the
test, so a change of the documented job is run, not ignored.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.factory import ROOT, dump, redline, redlines_document, role, roles_document

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None,
    reason="git and bash are needed to run the job's steps",
)

JOB_NAME = "catalogue diff"


def documented_job() -> dict[str, Any]:
    """The YAML block of docs/ci.md whose workflow is named ``catalogue diff``."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL):
        workflow = yaml.safe_load(block)
        if isinstance(workflow, dict) and workflow.get("name") == JOB_NAME:
            (job,) = workflow["jobs"].values()
            assert isinstance(job, dict)
            return job
    raise AssertionError(f"docs/ci.md has no workflow named {JOB_NAME!r}")


# -- the expressions the job uses -----------------------------------------------------------------

_TOKEN = re.compile(r"\s*(==|!=|&&|\|\||\(|\)|'[^']*'|[A-Za-z_][\w.-]*)")


@dataclass
class Context:
    """What ``${{ }}`` reads: the event of a same-repository pull request, and step outputs."""

    base_ref: str = "main"
    number: str = "7"
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, name: str) -> str:
        known = {
            "github.base_ref": self.base_ref,
            "github.token": "a-token",
            "github.repository": "owner/catalogue",
            "github.event_name": "pull_request",
            "github.event.pull_request.number": self.number,
            "github.event.pull_request.head.repo.full_name": "owner/catalogue",
        }
        if name in known:
            return known[name]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if step:
            return self.outputs.get(step[1], {}).get(step[2], "")
        raise AssertionError(f"the runner does not know the expression {name!r}")

    def value(self, expression: str) -> str | bool:
        """The value of an expression: ``a == b``, ``a != 'x'``, ``&&``, ``||``, parentheses."""
        tokens = _TOKEN.findall(expression)
        assert "".join(tokens).replace(" ", "") == expression.replace(" ", ""), expression
        result, rest = self._or(tokens)
        assert not rest, f"cannot read {expression!r}"
        return result

    def _or(self, tokens: list[str]) -> tuple[str | bool, list[str]]:
        left, tokens = self._and(tokens)
        while tokens[:1] == ["||"]:
            right, tokens = self._and(tokens[1:])
            left = truthy(left) or truthy(right)
        return left, tokens

    def _and(self, tokens: list[str]) -> tuple[str | bool, list[str]]:
        left, tokens = self._compare(tokens)
        while tokens[:1] == ["&&"]:
            right, tokens = self._compare(tokens[1:])
            left = truthy(left) and truthy(right)
        return left, tokens

    def _compare(self, tokens: list[str]) -> tuple[str | bool, list[str]]:
        left, tokens = self._atom(tokens)
        if tokens[:1] in (["=="], ["!="]):
            right, rest = self._atom(tokens[1:])
            equal = str(left) == str(right)
            return (equal if tokens[0] == "==" else not equal), rest
        return left, tokens

    def _atom(self, tokens: list[str]) -> tuple[str | bool, list[str]]:
        head, rest = tokens[0], tokens[1:]
        if head == "(":
            value, rest = self._or(rest)
            assert rest[:1] == [")"]
            return value, rest[1:]
        if head.startswith("'"):
            return head[1:-1], rest
        return self.lookup(head), rest

    def substitute(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(self.value(m[1].strip())), text)


def truthy(value: str | bool) -> bool:
    return bool(value) if isinstance(value, bool) else value not in ("", "0", "false")


# -- running the job ------------------------------------------------------------------------------


@dataclass
class JobRun:
    passed: bool
    comments: list[str]
    summary: str
    skipped: list[str]


def run_job(job: dict[str, Any], workspace: Path, tools: Path) -> JobRun:
    context = Context()
    gh_log = tools / "gh.log"
    gh_log.unlink(missing_ok=True)
    summary = workspace.parent / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "NO_COLOR": "1",
        "COLUMNS": "80",
    }
    env.pop("DSR_OPTIONS_DATA", None)
    failed = False
    skipped: list[str] = []
    for index, step in enumerate(job["steps"]):
        condition = step.get("if")
        if condition is not None:
            if not truthy(context.value(str(condition))):
                continue
        elif failed:  # a step without if: runs only while the job succeeds (success())
            continue
        if "uses" in step:
            assert step["uses"].split("@")[0] in ("actions/checkout", "actions/setup-python")
            skipped.append(step["uses"])
            continue
        script = step["run"]
        if script.startswith("pip install"):
            skipped.append(script)
            continue
        output = workspace.parent / f"output-{index}"
        output.write_text("", encoding="utf-8")
        step_env = {**env, "GITHUB_OUTPUT": str(output)}
        step_env.update({k: context.substitute(str(v)) for k, v in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", context.substitute(script)],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        if "id" in step:
            lines = output.read_text(encoding="utf-8").splitlines()
            context.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if line)
        failed = failed or done.returncode != 0
    comments = gh_log.read_text(encoding="utf-8").split("\0")[:-1] if gh_log.exists() else []
    return JobRun(not failed, comments, summary.read_text(encoding="utf-8"), skipped)


GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        [*GIT, *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dsr-options`` (this interpreter's) and a ``gh`` that keeps each comment's body."""
    folder = tmp_path_factory.mktemp("tools")
    tool = folder / "dsr-options"
    tool.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m dsr_options "$@"\n', encoding="utf-8")
    gh = folder / "gh"
    gh.write_text(
        "#!/bin/sh\n"
        '# gh pr comment NUMBER --body-file FILE\n[ "$1 $2" = "pr comment" ] || exit 64\n'
        '[ "$4" = "--body-file" ] || exit 64\n[ -n "$GH_TOKEN" ] || exit 65\n'
        f'{{ cat "$5"; printf "\\0"; }} >> "{folder}/gh.log"\n',
        encoding="utf-8",
    )
    for script in (tool, gh):
        script.chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bare repository whose ``main`` holds a catalogue, and three pull-request branches."""
    top = tmp_path_factory.mktemp("origin")
    work = top / "work"
    work.mkdir()
    git(work, "init", "-q")
    roles = roles_document([role(1), role(2, standing=False)])
    redlines = redlines_document([redline(1, strictness="veto")])
    (work / "data").mkdir()
    (work / "README.md").write_text("A catalogue.\n", encoding="utf-8")

    def commit(message: str) -> None:
        (work / "data" / "roles.yaml").write_text(dump(roles), encoding="utf-8")
        (work / "data" / "redlines.yaml").write_text(dump(redlines), encoding="utf-8")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", message)

    commit("the catalogue")
    git(work, "checkout", "-q", "-b", "no-data")
    (work / "README.md").write_text("A catalogue, explained.\n", encoding="utf-8")
    commit("words only")
    git(work, "checkout", "-q", "main")
    git(work, "checkout", "-q", "-b", "a-value")
    roles["roles"][0]["attributes"]["trigger"]["value"] = "un-initiative"  # no redline tests it
    commit("role-1 starts on the UN's initiative")
    git(work, "checkout", "-q", "main")
    git(work, "checkout", "-q", "-b", "a-verdict")
    roles["roles"][0]["attributes"]["trigger"]["value"] = "national-request"
    roles["roles"][1]["attributes"]["standing_un_capacity"]["value"] = True  # crosses the veto
    commit("role-2 needs a standing capacity")
    bare = top / "origin.git"
    git(top, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def checkout(origin: Path, branch: str, into: Path) -> Path:
    """What ``actions/checkout`` with ``fetch-depth: 0`` leaves: every branch as origin/*."""
    workspace = into / "workspace"
    git(into, "clone", "-q", str(origin), str(workspace))
    git(workspace, "checkout", "-q", branch)
    return workspace


def test_the_job_is_the_one_documented() -> None:
    steps = documented_job()["steps"]
    assert [s.get("uses", "run").split("@")[0] for s in steps] == [
        "actions/checkout",
        "actions/setup-python",
        "run",
        "run",
        "run",
        "run",
    ]
    assert steps[0]["with"]["fetch-depth"] == 0


def test_a_pull_request_that_changes_no_data_passes_with_one_line(
    origin: Path, tools: Path, tmp_path: Path
) -> None:
    result = run_job(documented_job(), checkout(origin, "no-data", tmp_path), tools)
    line = "Nothing changed: OLD 'rev:origin/main:data' and NEW './data' hold the same files.\n"
    assert result.passed
    assert result.comments == [line]
    assert result.summary == line


def test_a_pull_request_that_changes_a_value_passes_with_the_change(
    origin: Path, tools: Path, tmp_path: Path
) -> None:
    result = run_job(documented_job(), checkout(origin, "a-value", tmp_path), tools)
    assert result.passed
    (comment,) = result.comments
    assert comment.startswith("## What changed: OLD rev:origin/main:data (catalogue, git ")
    assert "\n1 change (1 can move an answer, 0 did); 0 verdicts and 0 standings moved; 1 " in (
        comment
    )
    assert "| value-changed | roles/role-1 | attributes.trigger.value | national-request |" in (
        comment
    )
    assert "### Answers that moved" not in comment
    assert result.summary == comment


def test_a_pull_request_that_moves_a_verdict_fails_and_says_why(
    origin: Path, tools: Path, tmp_path: Path
) -> None:
    result = run_job(documented_job(), checkout(origin, "a-verdict", tmp_path), tools)
    assert not result.passed
    (comment,) = result.comments
    assert "1 verdict and 1 standing moved" in comment
    assert (
        "- role-2: verdict clear → out, because roles/role-2 "
        "attributes.standing_un_capacity.value: false → true"
    ) in comment
    assert result.skipped == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        'pip install "dsr-options @ git+https://github.com/OWNER/dsr-options"',
    ]
