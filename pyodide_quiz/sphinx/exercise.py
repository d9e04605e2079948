"""The `{exercise}` directive: Sphinx plumbing around the engine's render_exercise (render/exercise.py).

```{exercise} exercises/srs-total
:title: SRS total and concern flag
```
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model import ContentError
from ..render.exercise import EXPECTED_FILES, ITEM, render_exercise  # noqa: F401  (ITEM: the progress store's)
from .content import content_path, page_of, place, unavailable


class ExerciseDirective(SphinxDirective):
    """```{exercise} exercises/<slug>``` with optional `:title:` and `:class:`."""

    required_arguments = 1
    has_content = False
    option_spec = {"title": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        path, display = content_path(self, self.arguments[0].rstrip("/"))
        try:
            rendered = render_exercise(path, display, self.options, page_of(self))
        except ContentError as error:
            # The folder itself too: its mtime changes when a missing file is added. (Not on success: running
            # the exercise's tests writes __pycache__ there, which would re-read the page on every build.)
            self.env.note_dependency(str(path))
            for name in EXPECTED_FILES:
                self.env.note_dependency(str(path / name))  # so that adding the file rebuilds the page
            return unavailable(self, "exercise", display, error.problems)
        for file in rendered.files:
            self.env.note_dependency(str(file))
        return place(self, rendered, "exercise")
