"""The ``negotiate`` view: holder x role verdicts, who accepts what, the joint changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.negotiate import Conflict, Negotiation, RoleStanding
from dsr_options.analyses.repairs import value_text
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import search_summary, verdict_word
from dsr_options.render.safe import markdown_cell

if TYPE_CHECKING:
    from dsr_options.render import Renderable

ROW_COLUMNS = (
    "role",
    "holder",
    "verdict",
    "deciding",
    "acceptable",
    "acceptable_to",
    "changes",
    "assume",
    "verdict_after",
    "remaining",
)


def cell_text(verdict: str, deciding: tuple[str, ...]) -> str:
    """``out (no-un-standing-capacity)``; ``meets every condition (c)``: a holder's verdict
    in words, and the redlines behind it."""
    word = verdict_word(verdict)
    return f"{word} ({', '.join(deciding)})" if deciding else word


def _names(negotiation: Negotiation, holders: tuple[str, ...]) -> str:
    known = dict(negotiation.holders)
    return ", ".join(known.get(h, h) for h in holders) or "none"


def repair_text(standing: RoleStanding, negotiation: Negotiation) -> str:
    """The joint changes in words, or why there are none."""
    if standing.blocked:
        return "none: conflicting redlines (see conflicts)"
    if standing.repair is None:
        return f"none within {negotiation.bound} changes"
    return "; ".join(
        f"{c.attribute} {value_text(c.before) if c.before is not None else 'unknown'} → "
        f"{value_text(c.value)} (for {_names(negotiation, c.holders)})"
        for c in standing.repair.changes
    )


def conflict_text(negotiation: Negotiation, conflict: Conflict) -> str:
    """``no values clear both a (Delegation A) and b (Delegation B)``: holders by name."""
    parts = [
        f"{redline} ({_names(negotiation, holders)})"
        for redline, holders in zip(conflict.redlines, conflict.holders, strict=True)
    ]
    if len(parts) == 1:
        return f"no values clear {parts[0]}"
    return f"no values clear both {parts[0]} and {parts[1]}"


def bound_text(negotiation: Negotiation) -> str:
    count = len(negotiation.attributes)
    noun = "attribute" if count == 1 else "attributes"
    over = f"to the {count} {noun} the chosen vetoes and conditions test"
    text = search_summary(negotiation.bound, negotiation.searched, over)
    return text[:1].upper() + text[1:] + "."


@dataclass(frozen=True)
class NegotiateView:
    """What ``dsr-options negotiate`` shows."""

    negotiation: Negotiation

    def data(self) -> Any:
        n = self.negotiation
        return {
            "holders": [{"id": h, "name": name} for h, name in n.holders],
            "acceptable_to_all": list(n.acceptable_to_all),
            "roles": [self._role_data(s) for s in n.roles],
            "conflicts": [
                {
                    "redlines": list(c.redlines),
                    "holders": [list(h) for h in c.holders],
                    "text": c.text,
                }
                for c in n.conflicts
            ],
            "search": {
                "bound": n.bound,
                "attributes": list(n.attributes),
                "classes": n.classes,
                "worst_case_per_role": n.worst_case,
                "tried": n.searched,
            },
        }

    def _role_data(self, standing: RoleStanding) -> dict[str, Any]:
        n = self.negotiation
        repair = standing.repair
        return {
            "role": standing.role.id,
            "title": standing.role.title,
            "verdicts": [
                {
                    "holder": h,
                    "verdict": n.cell(h, standing.role.id).verdict.value,
                    "deciding": list(n.cell(h, standing.role.id).deciding),
                    "acceptable": n.cell(h, standing.role.id).acceptable,
                }
                for h, _ in n.holders
            ],
            "acceptable_to": list(standing.acceptable_to),
            "acceptable_count": len(standing.acceptable_to),
            "blocked_by_conflict": standing.blocked,
            "joint_repair": None
            if repair is None
            else {
                "changes": [
                    {
                        "attribute": c.attribute,
                        "before": _plain(c.before),
                        "value": _plain(c.value),
                        "holders": list(c.holders),
                        "assume": c.assume,
                    }
                    for c in repair.changes
                ],
                "assume": list(repair.assume),
                "verdict_after": repair.verdict.value,
                "remaining_concerns": list(repair.remaining),
                "alternatives": repair.alternatives,
            },
            "tried": standing.searched,
        }

    def rows(self) -> Rows:
        n = self.negotiation
        rows = []
        for standing in n.roles:
            repair = standing.repair
            for h, _ in n.holders:
                c = n.cell(h, standing.role.id)
                rows.append(
                    {
                        "role": standing.role.id,
                        "holder": h,
                        "verdict": c.verdict.value,
                        "deciding": ", ".join(c.deciding),
                        "acceptable": "yes" if c.acceptable else "no",
                        "acceptable_to": f"{len(standing.acceptable_to)}/{len(n.holders)}",
                        "changes": ""
                        if len(standing.acceptable_to) == len(n.holders)
                        else repair_text(standing, n),
                        "assume": " ".join(f"--assume {a}" for a in repair.assume)
                        if repair
                        else "",
                        "verdict_after": repair.verdict.value if repair else "",
                        "remaining": ", ".join(repair.remaining) if repair else "",
                    }
                )
        return rows, ROW_COLUMNS

    def markdown(self) -> str:
        n = self.negotiation
        columns = ["role", *[name for _, name in n.holders], "acceptable to"]
        matrix = [
            {
                "role": s.role.id,
                **{
                    name: cell_text(
                        n.cell(h, s.role.id).verdict.value, n.cell(h, s.role.id).deciding
                    )
                    for h, name in n.holders
                },
                "acceptable to": f"{len(s.acceptable_to)}/{len(n.holders)}",
            }
            for s in n.roles
        ]
        parts = ["## Holders and roles", "", write_markdown_table(matrix, columns).rstrip("\n")]
        parts += ["", "## Acceptable to every holder", ""]
        parts.append(
            ", ".join(f"`{r}`" for r in n.acceptable_to_all) if n.acceptable_to_all else "None."
        )
        parts += ["", "## Smallest joint changes", ""]
        for line, assume in self.lines():
            tokens = " ".join(f"`{a}`" for a in assume)
            parts.append(f"- {markdown_cell(line)}" + (f"; {tokens}" if tokens else ""))
        if n.conflicts:
            parts += ["", "## Conflicts", ""]
            parts += [f"- {markdown_cell(conflict_text(n, c))}" for c in n.conflicts]
        parts += ["", markdown_cell(bound_text(n))]
        return "\n".join(parts) + "\n"

    def lines(self) -> list[tuple[str, tuple[str, ...]]]:
        """One line per role not acceptable to every holder: its changes or why none, and the
        ``--assume`` tokens that re-check it (kept apart, so that no layout cuts one)."""
        n = self.negotiation
        lines = []
        for s in n.roles:
            if len(s.acceptable_to) == len(n.holders):
                continue
            line = f"{s.role.id}: {repair_text(s, n)}"
            assume: tuple[str, ...] = ()
            if s.repair is not None:
                line += f"; then {verdict_word(s.repair.verdict)}"
                if s.repair.remaining:
                    line += f", concerns left: {', '.join(s.repair.remaining)}"
                assume = tuple(f"--assume {a}" for a in s.repair.assume)
            lines.append((line, assume))
        return lines

    def table(self) -> Renderable:
        from dsr_options.render.terminal.negotiate import negotiate_view

        n = self.negotiation
        matrix = []
        for s in n.roles:
            cells = []
            for h, name in n.holders:
                c = n.cell(h, s.role.id)
                cells.append((name, c.verdict.value, cell_text(c.verdict.value, c.deciding)))
            matrix.append((s.role.id, cells, f"{len(s.acceptable_to)}/{len(n.holders)}"))
        return negotiate_view(
            [name for _, name in n.holders],
            matrix,
            ", ".join(n.acceptable_to_all) or "none",
            self.lines(),
            [conflict_text(n, c) for c in n.conflicts],
            bound_text(n),
        )


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
