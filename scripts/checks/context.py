"""What every check can ask about the project: its root, the pages in the table of contents, the built site."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

# ```{quiz} quizzes/x.yml   or   :::{quiz} quizzes/x.yml   (MyST fences of 3+ backticks or colons)
DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<argument>.*?)\s*$")


@dataclass
class DirectiveUse:
    page: Path
    line: int
    argument: str
    content: list[str] = field(default_factory=list)
    content_line: int = 0


@dataclass
class Context:
    root: Path
    html: Path
    engine_root: Path  # the folder that holds the pyodide_quiz package (put on PYTHONPATH for the build)
    external: bool = False
    timeout: float | None = None  # seconds per Python run; None: pyproject.toml's [tool.pyodide_quiz], else 5
    notes: list = field(default_factory=list)  # short facts a check reports beside its status, e.g. counts

    @cached_property
    def project(self):
        """The book as the engine's checks see it (pyodide_quiz/checks/project.py); it notes into this context."""
        from pyodide_quiz.checks.project import load_project

        project = load_project(self.root, timeout=self.timeout)
        project.notes = self.notes
        return project

    def rel(self, path: Path) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    @cached_property
    def toc_pages(self) -> list[Path]:
        """Source files of every page in _toc.yml, in reading order."""
        toc = yaml.safe_load((self.root / "_toc.yml").read_text(encoding="utf-8")) or {}
        names: list[str] = []

        def walk(node):
            if isinstance(node, dict):
                for key in ("root", "file"):
                    if isinstance(node.get(key), str):
                        names.append(node[key])
                for value in node.values():
                    if isinstance(value, (list, dict)):
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(toc)
        pages = []
        for name in names:
            for suffix in ("", ".md", ".ipynb", ".rst"):
                candidate = self.root / f"{name}{suffix}"
                if candidate.is_file():
                    pages.append(candidate)
                    break
        return pages

    @cached_property
    def _uses(self) -> dict[str, list[DirectiveUse]]:
        found: dict[str, list[DirectiveUse]] = {}
        for page in self.toc_pages:
            lines = page.read_text(encoding="utf-8").splitlines()
            index = 0
            while index < len(lines):
                match = DIRECTIVE.match(lines[index])
                if not match:
                    index += 1
                    continue
                fence = match.group(1)
                use = DirectiveUse(page, index + 1, match.group("argument"), content_line=index + 2)
                index += 1
                while index < len(lines) and lines[index].strip() != fence:
                    use.content.append(lines[index])
                    index += 1
                found.setdefault(match.group("name"), []).append(use)
                index += 1
        return found

    def uses(self, directive: str) -> list[DirectiveUse]:
        """Every use of a directive on a page in the table of contents."""
        return self._uses.get(directive, [])
