"""What a renderer needs: the question, a stable html id prefix, and MyST parsing in the page."""
from __future__ import annotations

from dataclasses import dataclass

from ..sphinx.markup import parse, parse_inline


@dataclass
class RenderContext:
    directive: object
    question: object  # model.Question
    prefix: str  # unique on the page, derived from quiz and question ids

    @property
    def data(self) -> dict:
        return self.question.data

    def md(self, text: str):
        return parse(self.directive, text)

    def md_inline(self, text: str):
        return parse_inline(self.directive, text)
