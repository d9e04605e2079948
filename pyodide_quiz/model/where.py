"""A pointer into a content file that knows how to phrase a problem about what it points at."""
from __future__ import annotations

from dataclasses import dataclass

from .source import Located, Problem


@dataclass(frozen=True)
class Where:
    located: Located
    path: tuple
    subject: str

    def at(self, *steps) -> "Where":
        return Where(self.located, self.path + steps, self.subject)

    @property
    def line(self) -> int:
        return self.located.line(self.path)

    def problem(self, message: str, hint: str = "") -> Problem:
        return Problem(self.located.file, self.line, message, hint, self.subject)
