"""The engine's author checks (pyodide_quiz/checks/, also `python -m pyodide_quiz check`): each quiz, vignette,
transcript and exercise of the book, proven by the graders. Shown with "(engine)" after their titles."""
from __future__ import annotations

from pyodide_quiz.checks import CHECKS as ENGINE_CHECKS


class EngineCheck:
    STAGE = "content"

    def __init__(self, check):
        self.check = check
        self.TITLE = f"{check.TITLE} (engine)"
        self.__file__ = check.__file__  # a crash is reported against the engine's module

    def run(self, ctx) -> list:
        return self.check.run(ctx.project)


CHECKS = [EngineCheck(check) for check in ENGINE_CHECKS]
