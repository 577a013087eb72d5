"""Comparisons: ``compare`` in every output format, and the words each aspect's values read as."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dsr_options.analyses.compare import Comparison
from dsr_options.render import Rows
from dsr_options.render.formats import write_markdown_table
from dsr_options.render.phrases import Phrases
from dsr_options.render.safe import markdown_cell
from dsr_options.render.words import DIFFERS_MARK, NO_PHRASES, comparison_summary, value_texts

if TYPE_CHECKING:
    from dsr_options.analyses.firmness import FirmnessReport
    from dsr_options.render import Renderable


@dataclass(frozen=True)
class CompareView:
    """Roles side by side, one row per aspect."""

    result: Comparison
    firmness: FirmnessReport | None = None
    phrases: Phrases = NO_PHRASES
    """The catalogue's words for attributes, values, redlines and roles (``Phrases.of``)."""

    def data(self) -> Any:
        result = self.result
        data = result.data()
        if self.firmness is not None:
            from dsr_options.render.views.firmness import firmness_data

            data["firmness"] = {
                f.role: firmness_data(f, self.phrases)
                for f in self.firmness.roles
                if f.role in result.role_ids
            }
        return data

    def rows(self) -> Rows:
        result = self.result
        columns = ["aspect", "label", "differs", *result.role_ids]
        rows = [
            {
                **value_texts(aspect),
                "aspect": aspect.name,
                "label": aspect.label,
                "differs": "true" if aspect.differs else "false",
            }
            for aspect in result.aspects
        ]
        if self.firmness is not None:
            texts = {f.role: f.text for f in self.firmness.roles}
            labels = {texts.get(r, "") for r in result.role_ids}
            rows.append(
                {
                    **{r: texts.get(r, "") for r in result.role_ids},
                    "aspect": "firmness",
                    "label": "Firmness",
                    "differs": "true" if len(labels) > 1 else "false",
                }
            )
        return rows, columns

    def markdown(self) -> str:
        result = self.result
        headings = {role.id: f"({role.number}) {role.title} ({role.id})" for role in result.roles}
        marks = not all(aspect.differs for aspect in result.aspects)
        columns = ["aspect", *([DIFFERS_MARK] if marks else []), *headings.values()]
        rows = [
            {
                "aspect": aspect.label,
                DIFFERS_MARK: DIFFERS_MARK if aspect.differs else "",
                **{
                    headings[role_id]: text
                    for role_id, text in value_texts(aspect, ", ", self.phrases).items()
                },
            }
            for aspect in result.aspects
        ]
        summary = markdown_cell(comparison_summary(result.summary))
        text = summary + "\n\n" + write_markdown_table(rows, columns)
        if self.firmness is None:
            return text
        from dsr_options.render.views.firmness import firmness_markdown

        return text + "\n" + firmness_markdown(self._mine(), self.phrases)

    def _mine(self) -> FirmnessReport:
        from dataclasses import replace

        assert self.firmness is not None
        ids = set(self.result.role_ids)
        return replace(self.firmness, roles=tuple(f for f in self.firmness.roles if f.role in ids))

    def table(self) -> Renderable:
        result = self.result
        from dsr_options.render.terminal.compare import comparison_table
        from dsr_options.render.views.firmness import with_firmness_table

        table = comparison_table(result, self.phrases)
        mine = self._mine() if self.firmness is not None else None
        return with_firmness_table(table, mine, self.phrases)
