"""The ``negotiate`` view: holder x role verdicts, who accepts what, the joint changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.design_space.words import Described
from dsr_options.analyses.forum import ForumAnswer
from dsr_options.analyses.negotiate import Conflict, Negotiation, RoleStanding
from dsr_options.analyses.repairs import value_text
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.glossary import search_summary, verdict_word
from dsr_options.render.phrases import Phrases, joined
from dsr_options.render.safe import markdown_cell
from dsr_options.render.views import forum as forum_view
from dsr_options.render.views.design_space import design_data, design_lines, design_rows, plain
from dsr_options.render.words import NO_PHRASES

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import FirmnessReport
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
    "kind",
    "text",
    "pivotal",
    "bridging",
)
"""A row is a holder's verdict on a role (kind ``role``), a fact of the design space (kinds
``design``, ``witness``, ``region``, ``blocking-set``, ``must-move``, ``searched``), or the
forum's answer for a role or for every design (kind ``forum``)."""


def cell_text(verdict: str, deciding: tuple[str, ...], phrases: Phrases = NO_PHRASES) -> str:
    """``out (“No standing UN DSR capacity”)``; ``meets every condition (“c”)``: a holder's
    verdict in words, and the redlines behind it, by title."""
    word = verdict_word(verdict)
    titles = ", ".join(phrases.redline_title(rid) for rid in deciding)
    return f"{word} ({titles})" if deciding else word


def _names(negotiation: Negotiation, holders: tuple[str, ...]) -> str:
    known = dict(negotiation.holders)
    return ", ".join(known.get(h, h) for h in holders) or "none"


def repair_text(
    standing: RoleStanding, negotiation: Negotiation, phrases: Phrases | None = None
) -> str:
    """The joint changes in words (the vocabulary's, given ``phrases``; else as the rules write
    them, for CSV), or why there are none."""
    if standing.blocked:
        return "none: conflicting redlines (see conflicts)"
    if standing.bounded:
        return "not known: the search was bounded (see below)"
    if standing.repair is None and standing.kept:
        return (
            f"none within {negotiation.bound} changes that keep what defines the role "
            f"({_kept(standing.kept, phrases)}; --vary note changes that too)"
        )
    if standing.repair is None:
        return f"none within {negotiation.bound} changes"
    if phrases is not None:
        return "; ".join(
            f"{phrases.becomes(c.attribute, c.before, c.value)} "
            f"(for {_names(negotiation, c.holders)})"
            for c in standing.repair.changes
        )
    return "; ".join(
        f"{c.attribute} {value_text(c.before) if c.before is not None else 'unknown'} → "
        f"{value_text(c.value)} (for {_names(negotiation, c.holders)})"
        for c in standing.repair.changes
    )


def _kept(kept: tuple[str, ...], phrases: Phrases | None) -> str:
    if phrases is None:
        return ", ".join(kept)
    return joined([phrases.attribute(name) for name in kept])


def conflict_text(negotiation: Negotiation, conflict: Conflict) -> str:
    """``no values clear both a (Delegation A) and b (Delegation B)``: holders by name."""
    parts = [
        f"{redline} ({_names(negotiation, holders)})"
        for redline, holders in zip(conflict.redlines, conflict.holders, strict=True)
    ]
    if len(parts) == 1:
        return f"no values clear {parts[0]}"
    return f"no values clear both {parts[0]} and {parts[1]}"


def closest_text(negotiation: Negotiation, phrases: Phrases = NO_PHRASES) -> str:
    """``Closest to acceptable to all: matchmaking (1 change; 1 of 3 holders to move).``"""
    ranked = [s for s in negotiation.ranked if s.repair is not None]
    if not ranked:
        return ""
    best = ranked[0]
    assert best.repair is not None
    changes = len(best.repair.changes)
    move = len(negotiation.holders) - len(best.acceptable_to)
    return (
        f"Closest to acceptable to all: {phrases.role(best.role.id)} ({changes} "
        f"{'change' if changes == 1 else 'changes'}; {move} of {len(negotiation.holders)} "
        f"{'holder' if len(negotiation.holders) == 1 else 'holders'} to move). Roles below, "
        "closest first."
    )


def bound_text(negotiation: Negotiation) -> str:
    count = len(negotiation.attributes)
    noun = "attribute" if count == 1 else "attributes"
    over = f"to the {count} {noun} the chosen vetoes and conditions test"
    text = search_summary(negotiation.bound, negotiation.searched, over)
    bounded = "".join(
        f" {b.text}." for b in (negotiation.bounded, negotiation.conflicts_bounded) if b is not None
    )
    return text[:1].upper() + text[1:] + "." + bounded


@dataclass(frozen=True)
class NegotiateView:
    """What ``dsr-options negotiate`` shows."""

    negotiation: Negotiation
    design: Described | None = None
    """The whole design space (every design of the vocabulary), when searched."""
    forum: ForumAnswer | None = None
    """The forum's rule over each role and every design, when asked for."""
    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""
    firmness: FirmnessReport | None = None
    """Each role's firmness, as ``check`` shows it."""

    def _titles(self) -> dict[str, str]:
        return {s.role.id: s.role.title for s in self.negotiation.roles}

    def data(self) -> Any:
        n = self.negotiation
        found: dict[str, Any] = {}
        if self.design is not None:
            found = {
                "answer": self.design.answer.sentence,
                "design_space": design_data(self.design),
            }
        if self.forum is not None:
            found["forum"] = forum_view.data(self.forum, self._titles())
        firmness: dict[str, Any] = {}
        if self.firmness is not None:
            from dsr_options.render.views.firmness import firmness_summary

            firmness = {"firmness": firmness_summary(self.firmness, self.phrases)}
        return {
            **found,
            **firmness,
            "holders": [{"id": h, "name": name} for h, name in n.holders],
            "acceptable_to_all": list(n.acceptable_to_all),
            "closest_first": [standing.role.id for standing in n.ranked],
            "roles": self._roles_data(),
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
                **({"bounded": n.bounded.data()} if n.bounded is not None else {}),
                **(
                    {"conflicts_bounded": n.conflicts_bounded.data()}
                    if n.conflicts_bounded is not None
                    else {}
                ),
            },
        }

    def _roles_data(self) -> list[dict[str, Any]]:
        from dsr_options.render.views.firmness import add_to_items

        roles = [self._role_data(s) for s in self.negotiation.roles]
        return list(add_to_items(roles, self.firmness, phrases=self.phrases))

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
                        "before": plain(c.before),
                        "value": plain(c.value),
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
            "kept_defining": list(standing.kept),
            "tried": standing.searched,
            "bounded": standing.bounded,
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
                        "kind": "role",
                    }
                )
        if self.design is not None:
            rows += design_rows(self.design)
        if self.forum is not None:
            rows += forum_view.rows(self.forum)
        from dsr_options.render.views.firmness import add_to_rows

        return add_to_rows(
            [{c: row.get(c, "") for c in ROW_COLUMNS} for row in rows],
            ROW_COLUMNS,
            self.firmness,
            phrases=self.phrases,
        )

    def markdown(self) -> str:
        n = self.negotiation
        columns = ["role", *[name for _, name in n.holders], "acceptable to"]
        matrix = [
            {
                "role": self.phrases.role(s.role.id),
                **{
                    name: cell_text(
                        n.cell(h, s.role.id).verdict.value,
                        n.cell(h, s.role.id).deciding,
                        self.phrases,
                    )
                    for h, name in n.holders
                },
                "acceptable to": f"{len(s.acceptable_to)}/{len(n.holders)}",
            }
            for s in n.roles
        ]
        parts = []
        if self.design is not None:
            parts += [markdown_cell(self.design.answer.sentence), ""]
        if self.forum is not None:
            parts += [markdown_cell(forum_view.sentence(self.forum, self._titles())), ""]
        parts += ["## Holders and roles", "", write_markdown_table(matrix, columns).rstrip("\n")]
        parts += ["", "## Acceptable to every holder", ""]
        parts.append(
            "; ".join(markdown_cell(self.phrases.role(r)) for r in n.acceptable_to_all)
            if n.acceptable_to_all
            else "None."
        )
        parts += ["", "## Smallest joint changes", ""]
        if closest_text(n, self.phrases):
            parts += [markdown_cell(closest_text(n, self.phrases)), ""]
        for line, assume in self.lines():
            tokens = " ".join(f"`{a}`" for a in assume)
            said = f"; to reproduce: {tokens}" if tokens else ""
            parts.append(f"- {markdown_cell(line)}{said}")
        if n.conflicts:
            parts += ["", "## Conflicts", ""]
            parts += [f"- {markdown_cell(conflict_text(n, c))}" for c in n.conflicts]
        if self.design is not None:
            parts += ["", "## Every design", ""]
            lines = design_lines(self.design, self.phrases)
            parts += [f"- {markdown_cell(line)}" for line in lines]
        if self.forum is not None:
            parts += ["", *forum_view.markdown(self.forum, self._titles())]
        parts += ["", markdown_cell(bound_text(n))]
        text = "\n".join(parts) + "\n"
        if self.firmness is None:
            return text
        from dsr_options.render.views.firmness import firmness_markdown

        return text + "\n" + firmness_markdown(self.firmness, self.phrases)

    def lines(self) -> list[tuple[str, tuple[str, ...]]]:
        """One line per role not acceptable to every holder: its changes or why none, and the
        ``--assume`` tokens that re-check it (kept apart, so that no layout cuts one)."""
        n = self.negotiation
        lines = []
        for s in n.ranked:
            line = f"{self.phrases.role(s.role.id)}: {repair_text(s, n, self.phrases)}"
            assume: tuple[str, ...] = ()
            if s.repair is not None:
                line += f"; then {verdict_word(s.repair.verdict)}"
                if s.repair.remaining:
                    left = joined([self.phrases.redline(r) for r in s.repair.remaining])
                    line += f", concerns left: {left}"
                assume = tuple(f"--assume {a}" for a in s.repair.assume)
            lines.append((line, assume))
        return lines

    def table(self) -> Renderable:
        from dsr_options.render.terminal.negotiate import negotiate_view
        from dsr_options.render.views.firmness import with_firmness_table

        n = self.negotiation
        matrix = []
        for s in n.roles:
            cells = []
            for h, name in n.holders:
                c = n.cell(h, s.role.id)
                text = cell_text(c.verdict.value, c.deciding, self.phrases)
                cells.append((name, c.verdict.value, text))
            title = self.phrases.role(s.role.id)
            matrix.append((title, cells, f"{len(s.acceptable_to)}/{len(n.holders)}"))
        view = negotiate_view(
            self.design.answer.sentence if self.design is not None else "",
            design_lines(self.design, self.phrases) if self.design is not None else [],
            [name for _, name in n.holders],
            matrix,
            "; ".join(self.phrases.role(r) for r in n.acceptable_to_all) or "none",
            self.lines(),
            [conflict_text(n, c) for c in n.conflicts],
            bound_text(n),
            closest=closest_text(n, self.phrases),
            forum=None
            if self.forum is None
            else (
                forum_view.sentence(self.forum, self._titles()),
                *forum_view.matrix(self.forum, self._titles()),
                forum_view.role_lines(self.forum, self._titles()),
            ),
        )
        return with_firmness_table(view, self.firmness, self.phrases)
