"""What a renderer needs: the question, a stable html id prefix, and MyST parsing in the page."""
from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ..sphinx.markup import parse, parse_inline
from ..sphinx.nodes import element


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

    def wrong_answers(self, entries) -> list:
        """The key's list of common wrong answers, "If you answered `x`" and its feedback, each marked with its
        index (`data-feedback-for`), which the runtime copies into the status when a student gives that answer.
        `entries` holds (the answer as shown, its feedback in MyST)."""
        rows = []
        for index, (answer, feedback) in enumerate(entries):
            head = nodes.paragraph("", "", nodes.strong("", "If you answered "), nodes.literal("", answer))
            rows.append(element("li", head, element("div", *self.md(feedback), classes=["pq-option-feedback"],
                                                     data_feedback_for=str(index))))
        return [element("ul", *rows, classes=["pq-key-options"])] if rows else []
