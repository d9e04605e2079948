"""The `{exercise}` directive: an exercise folder becomes its task, a code editor, and one JSON payload.

```{exercise} exercises/srs-total
:title: SRS total and concern flag
```

The title is the `:title:` option, else a `# Title` first line of task.md (which is then not shown as a
heading), else the slug in words ("Srs total"). It names the exercise on the progress page and for screen
readers.

Without JavaScript (and in a printed build) the page shows the task, the starter code and, in a closed
<details>, the model solution. The runtime (static/pq/exercise.js) reveals the editor, the buttons and the
output areas, which start hidden because they do nothing without it.
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model import ContentError
from ..model.exercise import load_exercise
from .content import content_path, html_id, unavailable, unique_prefix
from .markup import parse
from .nodes import element, payload
from .registry import record
from .source_links import edit_link

# The one item an exercise has in the progress store and catalogue: the student's code and its verdict.
ITEM = "code"


class ExerciseDirective(SphinxDirective):
    """```{exercise} exercises/<slug>``` with optional `:title:` and `:class:`."""

    required_arguments = 1
    has_content = False
    option_spec = {"title": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        path, display = content_path(self, self.arguments[0].rstrip("/"))
        try:
            exercise = load_exercise(path, display)
        except ContentError as error:
            # The folder itself too: its mtime changes when a missing file is added. (Not on success: running
            # the exercise's tests writes __pycache__ there, which would re-read the page on every build.)
            self.env.note_dependency(str(path))
            for name in ("task.md", "starter.py", "solution.py"):
                self.env.note_dependency(str(path / name))  # so that adding the file rebuilds the page
            return unavailable(self, "exercise", display, error.problems)
        for file in exercise.source_files():
            self.env.note_dependency(str(file))
        title = exercise.title(self.options.get("title"))
        prefix = unique_prefix(self.env, html_id("pq-exercise", exercise.slug))
        record(self.env, "exercise", exercise.slug, title, [ITEM], prefix)
        data = {
            "kind": "exercise",
            "slug": exercise.slug,
            "title": title,
            "item": ITEM,
            "starter": exercise.starter,
            "solution": exercise.solution,
            "tests": exercise.tests,
            "files": exercise.files,
            "timeout": self.config.pyodide_quiz_timeout,
            "hash": exercise.hash,
        }
        title_id = f"{prefix}-title"
        heading = element("p", nodes.strong("", f"Exercise: {title}"), classes=["pq-exercise-title"], id=title_id)
        task = element("div", *parse(self, exercise.task), classes=["pq-task"])
        root = element("section", heading, task, self.starter(exercise), self.workspace(exercise, prefix, title_id),
                       self.solution(exercise), *edit_link(self.config, "exercise", display, folder=True), payload(data),
                       classes=["pq-exercise", *self.options.get("class", [])], data_exercise=exercise.slug,
                       aria_labelledby=title_id)
        root["ids"].append(prefix)
        return [root]

    def starter(self, exercise):
        """The starter code and the data files: what a reader without JavaScript (or on paper) starts from."""
        label = nodes.paragraph("", "", nodes.strong("", "Starter code"), nodes.Text(" (copy it into a Python file):"))
        parts = [label, nodes.literal_block(exercise.starter, exercise.starter, language="python")]
        for name, text in exercise.files.items():
            parts.append(nodes.paragraph("", "", nodes.strong("", "Data file "), nodes.literal(name, name),
                                         nodes.Text(" (save it beside your code):")))
            parts.append(nodes.literal_block(text, text, language="text"))
        return element("div", *parts, classes=["pq-starter"])

    def workspace(self, exercise, prefix: str, title_id: str):
        """Editor, buttons and result areas; hidden until the runtime starts (they need JavaScript)."""
        code_id, help_id = f"{prefix}-code", f"{prefix}-help"
        label = element("label", nodes.Text("Your code"), for_=code_id, classes=["pq-input-label"])
        help_text = element("p", nodes.Text("Tab indents and Shift+Tab removes an indent. "
                                            "To leave the editor, press Esc, then Tab."),
                            classes=["pq-editor-help"], id=help_id)
        lines = exercise.starter.count("\n") + 1
        area = element("textarea", nodes.Text(exercise.starter), id=code_id, classes=["pq-code", "pq-editor-input"],
                       spellcheck="false", autocapitalize="off", autocomplete="off", autocorrect="off", wrap="off",
                       rows=str(max(6, min(28, lines + 1))), aria_describedby=help_id)
        field = element("div", label, help_text, area, classes=["pq-editor-field"])

        def button(text: str, name: str, *extra: str, hidden: bool = False):
            return element("button", nodes.Text(text), type="button", classes=["pq-button", name, *extra],
                           aria_describedby=title_id, hidden="hidden" if hidden else None)

        controls = element("div", button("Run", "pq-run", "pq-primary"), button("Run tests", "pq-run-tests"),
                           button("Reset", "pq-reset"), button("Show solution", "pq-show-solution", hidden=True),
                           classes=["pq-controls"])
        confirm = element(
            "div",
            element("p", nodes.Text("Show the model solution? Trying once more first usually teaches more. "
                                    "Your own code stays in the editor.")),
            element("div", button("Yes, show the solution", "pq-confirm-yes"), button("Not yet", "pq-confirm-no"),
                    classes=["pq-controls"]),
            classes=["pq-confirm"], hidden="hidden", role="group", aria_label="Show the solution?")
        state = element("p", classes=["pq-python-state"])
        output = element("div", classes=["pq-output-panel"], role="status", aria_live="polite")
        results = element("div", classes=["pq-test-results"])
        chart = element("div", classes=["pq-chart"])
        return element("div", field, controls, confirm, state, output, results, chart, classes=["pq-workspace"],
                       interactive=True, hidden="hidden")

    def solution(self, exercise):
        summary = element("summary", nodes.Text("Model solution"))
        code = nodes.literal_block(exercise.solution, exercise.solution, language="python")
        return element("details", summary, code, classes=["pq-answer", "pq-solution"])
