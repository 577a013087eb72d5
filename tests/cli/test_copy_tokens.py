"""Tokens meant to be copied are never wrapped inside (issue 25): at any width, each `--assume`
token the terminal prints to reproduce a firmness finding stands whole on a line of its own, under
"To reproduce:", and pasted back it gives the verdict the finding names."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import Run

TOKEN_LINE = re.compile(r"^ +(--assume \S+)$")


def tokens_of(stdout: str) -> list[list[str]]:
    """Each "To reproduce:" block's tokens, in order; fails on a token not on a line of its own."""
    blocks: list[list[str]] = []
    for line in stdout.splitlines():
        if line.strip() == "To reproduce:":
            blocks.append([])
        elif "--assume" in line:
            match = TOKEN_LINE.match(line)
            assert match, f"a copy token shares or breaks its line: {line!r}"
            assert blocks, f"a copy token outside a 'To reproduce:' block: {line!r}"
            blocks[-1].append(match.group(1))
    return blocks


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_each_token_stands_whole_on_its_own_line(run: Run, columns: int) -> None:
    result = run("dsr-options check", columns=columns)
    assert result.exit_code == 0, result.stdout
    blocks = tokens_of(result.stdout)
    assert len(blocks) >= 3  # the shipped catalogue has findings to reproduce
    assert ["--assume strategic-advice.technical_delivery_by_un=false"] in blocks
    assert [
        "--assume coordination.authority_over_bilaterals=false",
        "--assume coordination.national_ownership=true",
        "--assume redline:coordination-opposed-in-country=dropped",
    ] in blocks


def test_a_block_pasted_back_gives_the_verdict_it_names(run: Run) -> None:
    blocks = tokens_of(run("dsr-options check", columns=40).stdout)
    coordination = next(b for b in blocks if any("coordination." in t for t in b))
    result = run(f"dsr-options check -f json {' '.join(coordination)}")
    assert result.exit_code == 0, result.stdout
    verdicts = {v["role"]: v["verdict"] for v in json.loads(result.stdout)["roles"]}
    assert verdicts["coordination"] == "conditional"  # JSON's id for "meets every condition"
