"""The `{quiz}` directive: Sphinx plumbing around the engine's render_quiz (render/quiz.py)."""
from __future__ import annotations

from docutils.parsers.rst import directives

from ..render.quiz import render_quiz
from .content import FileDirective, page_of


class QuizDirective(FileDirective):
    """```{quiz} quizzes/name.yml``` with optional `:questions: id1, id2` and `:confidence: true|false`."""

    option_spec = {"questions": directives.unchanged, "class": directives.class_option,
                   "confidence": lambda value: directives.choice(value, ("true", "false")) == "true"}
    kind = "quiz"

    def render(self, path, display):
        return render_quiz(path, display, self.options, page_of(self))
