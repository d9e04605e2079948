"""An exercise folder rendered for a page: its task, a code editor, and one JSON payload for the runtime.

The title is the `title` option, else a `# Title` first line of task.md (which is then not shown as a heading),
else the slug in words ("Srs total"). It names the exercise on the progress page and for screen readers.

Without JavaScript (and in a printed build) the page shows the task, the starter code and, in a closed
<details>, the model solution. The runtime (static/pq/exercise.js) reveals the editor, the buttons and the
output areas, which start hidden because they do nothing without it.
"""
from __future__ import annotations

from pathlib import Path

from ..html import El, Payload, code, code_block, element, para, strong
from ..model.exercise import Exercise, load_exercise
from .context import Page, Rendered, Source, html_id
from .links import edit_link

# The one item an exercise has in the progress store and catalogue: the student's code and its verdict.
ITEM = "code"
# The files whose appearance fixes a broken exercise folder: watch them (and the folder) when loading fails.
EXPECTED_FILES = ("task.md", "starter.py", "solution.py")


def render_exercise(folder: Path | str, display: str, options: dict, page: Page) -> Rendered:
    """The `{exercise}` widget for an exercise folder. Options: `title`, `class`. Raises ContentError."""
    exercise = load_exercise(Path(folder), display)
    title = exercise.title(options.get("title"))
    prefix = page.unique_prefix(html_id("pq-exercise", exercise.slug))
    data = {
        "kind": "exercise",
        "slug": exercise.slug,
        "title": title,
        "item": ITEM,
        "starter": exercise.starter,
        "solution": exercise.solution,
        "tests": exercise.tests,
        "files": exercise.files,
        "timeout": page.settings.timeout,
        "hash": exercise.hash,
    }
    title_id = f"{prefix}-title"
    heading = element("p", strong(page.text("exercise.title", title=title)), classes=["pq-exercise-title"], id=title_id)
    task = element("div", *page.md(exercise.task, Source(f"{display}/task.md", 1)), classes=["pq-task"])
    root = element("section", heading, task, starter(exercise, page), workspace(exercise, prefix, title_id, page),
                   solution(exercise, page), *edit_link(page.settings, "exercise", display, folder=True), Payload(data),
                   classes=["pq-exercise", *options.get("class", [])], data_exercise=exercise.slug,
                   aria_labelledby=title_id)
    root.ids.append(prefix)
    record = {"kind": "exercise", "name": exercise.slug, "title": title, "items": [ITEM], "anchor": prefix}
    return Rendered([root], record, files=list(exercise.source_files()))


def starter(exercise: Exercise, page: Page) -> El:
    """The starter code and the data files: what a reader without JavaScript (or on paper) starts from."""
    parts = [para(*page.pieces("exercise.starter", label=strong(page.text("exercise.starter_label")))),
             code_block(exercise.starter, "python")]
    for name, text in exercise.files.items():
        parts.append(para(*page.pieces("exercise.data_file", label=strong(page.text("exercise.data_file_label")),
                                       name=code(name))))
        parts.append(code_block(text, "text"))
    return element("div", *parts, classes=["pq-starter"])


def workspace(exercise: Exercise, prefix: str, title_id: str, page: Page) -> El:
    """Editor, buttons and result areas; hidden until the runtime starts (they need JavaScript)."""
    code_id, help_id = f"{prefix}-code", f"{prefix}-help"
    label = element("label", page.text("exercise.your_code"), for_=code_id, classes=["pq-input-label"])
    help_text = element("p", page.text("exercise.editor_help"), classes=["pq-editor-help"], id=help_id)
    lines = exercise.starter.count("\n") + 1
    area = element("textarea", exercise.starter, id=code_id, classes=["pq-code", "pq-editor-input"],
                   spellcheck="false", autocapitalize="off", autocomplete="off", autocorrect="off", wrap="off",
                   rows=str(max(6, min(28, lines + 1))), aria_describedby=help_id)
    field = element("div", label, help_text, area, classes=["pq-editor-field"])

    def button(key: str, name: str, *extra: str, hidden: bool = False) -> El:
        return element("button", page.text(key), type="button", classes=["pq-button", name, *extra],
                       aria_describedby=title_id, hidden="hidden" if hidden else None)

    controls = element("div", button("exercise.run", "pq-run", "pq-primary"),
                       button("exercise.run_tests", "pq-run-tests"), button("exercise.reset", "pq-reset"),
                       button("exercise.show_solution", "pq-show-solution", hidden=True),
                       classes=["pq-controls"])
    confirm = element(
        "div",
        element("p", page.text("exercise.confirm")),
        element("div", button("exercise.confirm_yes", "pq-confirm-yes"), button("exercise.confirm_no", "pq-confirm-no"),
                classes=["pq-controls"]),
        classes=["pq-confirm"], hidden="hidden", role="group", aria_label=page.text("exercise.confirm_label"))
    state = element("p", classes=["pq-python-state"])
    output = element("div", classes=["pq-output-panel"], role="status", aria_live="polite")
    results = element("div", classes=["pq-test-results"])
    chart = element("div", classes=["pq-chart"])
    return element("div", field, controls, confirm, state, output, results, chart, classes=["pq-workspace"],
                   interactive=True, hidden="hidden")


def solution(exercise: Exercise, page: Page) -> El:
    summary = element("summary", page.text("exercise.model_solution"))
    return element("details", summary, code_block(exercise.solution, "python"), classes=["pq-answer", "pq-solution"])
