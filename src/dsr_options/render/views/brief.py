"""``brief``: a document a delegate circulates, in Markdown, HTML or Word."""

from __future__ import annotations

from dataclasses import dataclass

from dsr_options.render.brief.content import Brief


@dataclass(frozen=True)
class BriefView:
    """The brief, built once (``render.brief.content``), written in each ``BriefFormat``."""

    brief: Brief

    def markdown(self) -> str:
        from dsr_options.render.brief.markdown import brief_markdown

        return brief_markdown(self.brief)

    def html(self) -> str:
        from dsr_options.render.brief.html import brief_html

        return brief_html(self.brief)

    def docx(self) -> bytes:
        from dsr_options.render.brief.docx import brief_docx

        return brief_docx(self.brief)
