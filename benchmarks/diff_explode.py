"""``diff`` on inputs built to explode its two searches, next to loading the same two sides.

- ``reworded``: roles with many quotes each, every quote reworded on NEW. Telling a reworded
  quote from one removed and one added compares every pair of texts (difflib's ratio costs the
  product of their lengths): 20 roles x 60 x 60 pairs of 250 characters is minutes unbounded.
- ``causes``: every role's verdict and standing moved by five changed values together, next to
  forty redlines whose strictness changed (relevant to every role, moving none): no set of up to
  three changes reproduces an answer, so each search tries every subset up to its per-answer
  bound, and there are hundreds of answers.

Both run at the defaults (``$DSR_OPTIONS_MAX_EVALUATIONS`` evaluations a search a run)
and say "bounded: ..." where the budget stopped them. The floor is loading both sides
(``read_sides``: parse, validate, cross-check), measured in the same run; the table gives the
diff's time, its ratio to the floor and what was bounded::

    python -m benchmarks.diff_explode               # the sizes above, 3 rounds
    python -m benchmarks.diff_explode --quick       # small inputs, one round: the script works

In-process CPU time (no subprocess, ``time.process_time``): what is measured is the library,
not start-up, and not the other processes of a busy machine.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.explode import write_catalogue
from dsr_options.analyses.diff import diff_sides
from dsr_options.load.sides import read_sides

SOURCE_ID = "note"
SECTION = "Findings"


def _evidence(quote: str) -> dict[str, Any]:
    return {"quote": quote, "source": SOURCE_ID, "section": SECTION, "stance": "supports"}


def _attributes(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"b{i}", "type": "boolean", "description": f"Boolean {i}."} for i in range(count)
    ]


def _role(index: int, values: dict[str, bool], quotes: list[str]) -> dict[str, Any]:
    return {
        "id": f"role-{index}",
        "number": index,
        "title": f"Role number {index}",
        "summary": f"What role {index} does.",
        "levels": ["strategic"],
        "dimensions": ["political"],
        "attributes": {name: {"value": v, "basis": "analysis"} for name, v in values.items()},
        "leads": [{"office": "unit", "rationale": "It holds the portfolio.", "basis": "analysis"}],
        "reception": {
            "stance": "support",
            "voices": "several",
            "summary": "How it was received.",
            "evidence": [_evidence("a short quote")],
        },
        "evidence": [_evidence(quote) for quote in quotes]
        or [_evidence("a short quote"), _evidence("another quote")],
    }


def _redline(index: int, rule: dict[str, Any], strictness: str = "veto") -> dict[str, Any]:
    return {
        "id": f"redline-{index}",
        "title": f"Redline {index}",
        "statement": f"What redline {index} forbids.",
        "origin": "participants",
        "holders": ["members"],
        "strictness": strictness,
        "rule": rule,
        "evidence": [_evidence("a redline quote")],
    }


def _quote(role: int, quote: int, side: str, length: int) -> str:
    """A quote of about ``length`` characters; NEW's rewords one word in four."""
    words: list[str] = []
    w = 0
    while len(" ".join(words)) < length:
        reworded = side == "new" and w % 4 == 0
        words.append(f"{'alt' if reworded else 'word'}{role}q{quote}w{w}")
        w += 1
    return " ".join(words)[:length].strip()


def reworded(scratch: Path, roles: int = 20, quotes: int = 60, length: int = 250) -> Path:
    for side in ("old", "new"):
        made = [
            _role(r, {"b0": False}, [_quote(r, q, side, length) for q in range(quotes)])
            for r in range(1, roles + 1)
        ]
        write_catalogue(
            scratch / side, made, [_redline(0, {"attribute": "b0", "equals": True})], _attributes(1)
        )
    return scratch


def causes(scratch: Path, roles: int = 200, together: int = 5, redlines: int = 40) -> Path:
    names = [f"b{i}" for i in range(together + redlines)]
    for side in ("old", "new"):
        values = {name: side == "new" and i < together for i, name in enumerate(names)}
        lines = [_redline(0, {"all": [{"attribute": n, "equals": True} for n in names[:together]]})]
        lines += [
            _redline(i, {"attribute": names[together + i - 1], "equals": True}, strictness)
            for i in range(1, redlines + 1)
            for strictness in ["concern" if side == "old" else "veto"]
        ]
        made = [_role(r, values, []) for r in range(1, roles + 1)]
        write_catalogue(scratch / side, made, lines, _attributes(len(names)))
    return scratch


INPUTS: dict[str, tuple[Callable[..., Path], dict[str, int]]] = {
    "reworded": (reworded, {"roles": 3, "quotes": 20}),
    "causes": (causes, {"roles": 20, "redlines": 10}),
}


def measure(folder: Path, rounds: int) -> tuple[float, float, list[str]]:
    loads: list[float] = []
    diffs: list[float] = []
    said: list[str] = []
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        old, new = read_sides(str(folder / "old"), str(folder / "new"))
        middle = time.process_time()
        result = diff_sides(old, new)
        end = time.process_time()
        loads.append(middle - start)
        diffs.append(end - middle)
        said = [bounded.text for bounded in result.bounded]
    return statistics.median(loads), statistics.median(diffs), said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small inputs, one round")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    print(f"{'input':<10} {'load (floor)':>13} {'diff':>8} {'diff / floor':>13}   (CPU seconds)")
    for name, (build, small) in INPUTS.items():
        with tempfile.TemporaryDirectory(prefix=f"dsr-diff-{name}-") as scratch:
            folder = build(Path(scratch), **(small if args.quick else {}))
            load, compare, said = measure(folder, rounds)
        print(f"{name:<10} {load:>11.2f} s {compare:>6.2f} s {compare / load:>12.1f}x")
        for line in said:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
