"""What each page's head asks for early: the runtime modules its widgets will import, and Python.

- A quiz page imports quiz.js and its choice-type modules in a small inline module script, which starts
  its quizzes before DOMContentLoaded: a dynamic import resolves only after the first rendering of the page,
  a static import before it. loader.js still asks too; quiz.js starts each quiz once.
- `<link rel="modulepreload">`: loader.js finds the widgets and imports their modules, which import theirs;
  without a hint, each level of that tree is a round trip that starts only after DOMContentLoaded. The build
  knows which widgets and question types a page has, so it names the whole tree up front and the browser
  fetches it while it parses the page (a page without widgets gets no link).
- On a page that runs Python (a python question or an exercise), a small inline script starts the Pyodide
  worker as soon as the head is parsed, so Pyodide loads alongside the page instead of after it (a student
  can run code about as soon as a bare Pyodide would be ready). python-client.js adopts that worker and the
  events it sent before the module arrived. Pages without Python never start one.
"""
from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache

from .. import strings
from ..types import question_types, type_of
from .assets import STATIC, staged_runtime_version
from .nodes import pq_json

RUNTIME = STATIC / "pq"
ENTRY_MODULES = {"quiz": "quiz.js", "exercise": "exercise.js", "vignette": "vignette.js",
                 "transcript": "transcript.js", "progress": "progress-page.js", "practice-log": "practice-log.js",
                 "review": "review.js"}
# Modules the build writes beside the runtime's own: the site's catalogue of texts, by area (assets.stage_strings).
# Every language has the same keys, so English names them.
GENERATED_MODULES = tuple(strings.runtime_modules(strings.DEFAULT))
# Static imports and re-exports with a relative path: `import x from "./a.js"`, `import "./b.js"`.
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^"'();]*?["'](\.{1,2}/[^"']+\.m?js)["']""", re.MULTILINE)


@lru_cache(maxsize=None)
def _imports(module: str) -> tuple[str, ...]:
    """Runtime-relative paths a module imports statically (only modules of the runtime itself)."""
    source = RUNTIME / module
    if not source.is_file():
        return ()
    found = []
    for target in STATIC_IMPORT.findall(source.read_text(encoding="utf-8")):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(module), target))
        if not path.startswith("../"):  # outside the runtime (Pyodide): not a module a page preloads
            found.append(path)
    return tuple(found)


def module_tree(entries: list[str]) -> list[str]:
    """The entries and everything they import, in a stable order (entries first)."""
    seen: list[str] = []
    queue = list(entries)
    while queue:
        module = queue.pop(0)
        if module in seen or not ((RUNTIME / module).is_file() or module in GENERATED_MODULES):
            continue
        seen.append(module)
        queue.extend(_imports(module))
    return seen


def page_modules(doctree) -> list[str]:
    entries: list[str] = []
    for node in doctree.findall(pq_json):
        data = node["data"] or {}
        kind = data.get("kind")
        if kind in ENTRY_MODULES:
            entries.append(ENTRY_MODULES[kind])
        if kind == "vignette" and data.get("practice"):
            entries.append("practice.js")  # imported by vignette.js only when a vignette has practices
        for question in data.get("questions", []) if kind == "quiz" else []:
            entries.append(f"types/{question.get('type')}.js")
            if question.get("type") in question_types() and type_of(question["type"]).uses_python:
                entries.append("python-client.js")
    return module_tree(entries)


# Question types are imported up front on every quiz page that has them unless the type says otherwise
# (python questions bring the code editor and the Python client: those stay behind a dynamic import, preloaded).
QUIZ_ENTRY = """<script type="module">
{imports}import {{ init, provideTypes }} from {quiz};
provideTypes({{ {types} }});
document.querySelectorAll(".pq-quiz").forEach((root) => init(root));
</script>
"""


def quiz_types(doctree) -> list[str]:
    """The up-front question types of the page's quizzes, in a stable order."""
    found = {question.get("type") for node in doctree.findall(pq_json) if (node["data"] or {}).get("kind") == "quiz"
             for question in node["data"].get("questions", [])}
    return [name for name, kind in question_types().items() if kind.up_front and name in found]


def add_preload_links(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or app.builder.format != "html":
        return
    modules = page_modules(doctree)
    if not modules:
        return
    pathto = context["pathto"]
    url = lambda module: json.dumps(pathto(f"_static/pq/{module}", 1))  # noqa: E731
    types = quiz_types(doctree)
    head = ""
    if types:
        head += QUIZ_ENTRY.format(
            imports="".join(f"import * as {t} from {url(f'types/{t}.js')};\n" for t in types),
            quiz=url("quiz.js"), types=", ".join(types))
    head += "".join(f'<link rel="modulepreload" href={url(module)} />\n' for module in modules)
    if "python-client.js" in modules:
        # The worker's URL names the runtime version, which the worker checks against the graders' manifest.
        worker = f'{pathto("_static/pq/python-worker.js", 1)}?v={staged_runtime_version(app)}'
        head += python_settings(app.config, worker) + EARLY_PYTHON.replace("WORKER_URL", json.dumps(worker))
    context["metatags"] = context.get("metatags", "") + head


def python_settings(config, worker: str) -> str:
    """What python-client.js reads on a page with Python: its worker's URL, and after how many seconds of
    waiting a start is called slow (the page says so) and, with no byte of Python arriving, given up (the page
    offers Retry). Data, not a script: a test may change it, and the page's script hashes stay the same."""
    settings = {"worker": worker, "slow_after": config.pyodide_quiz_slow_start,
                "give_up_after": config.pyodide_quiz_stalled_start}
    text = json.dumps(settings).replace("<", "\\u003c")
    return f'<script type="application/json" id="pq-python-settings">{text}</script>\n'


EARLY_PYTHON = """<script>
(function () {
  /* pyodide_quiz: this page runs Python, so its worker starts now; python-client.js adopts it. */
  try {
    var events = [], worker = new Worker(WORKER_URL, {type: "module"});
    var keep = function (event) {
      if (!events) return;
      if (event.type === "error") event.preventDefault();
      events.push(event);
    };
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    window.pqEarlyPython = {take: function () {
      var taken = events;
      events = null;
      window.pqEarlyPython = null;
      return taken && {worker: worker, events: taken};
    }};
  } catch (error) { /* python-client.js starts a worker itself */ }
})();
</script>
"""
