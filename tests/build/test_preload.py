"""Each page names, as <link rel="modulepreload">, exactly the runtime modules its widgets will import: the
entry module of each widget kind, the type module of each question type, and everything those import."""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from pyodide_quiz.sphinx.assets import runtime_version
from pyodide_quiz.sphinx.preload import GENERATED_MODULES, RUNTIME, module_tree

STATIC_IMPORT = re.compile(r"""^import\b[^"';]*["'](\./[^"']+)["']""", re.MULTILINE)


def preloaded(html_file) -> list[str]:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return [link["href"].split("_static/pq/", 1)[1] for link in soup.select('link[rel="modulepreload"]')]


def payloads(html_file) -> list[dict]:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(script.string) for script in soup.select("script.pq-data")]


def test_quiz_pages_preload_their_modules_and_other_pages_none(tiny_book):
    book, done = tiny_book
    assert done.returncode == 0, done.stderr[-2000:]
    site = book / "_build" / "html"
    for page in ("book/intro.html", "book/page2.html"):
        modules = preloaded(site / page)
        types = {q["type"] for data in payloads(site / page) if data["kind"] == "quiz" for q in data["questions"]}
        assert types and {f"types/{t}.js" for t in types} | {"quiz.js", "payload.js", "store.js"} <= set(modules)
        assert len(modules) == len(set(modules)), modules
        for module in modules:
            assert (site / "_static" / "pq" / module).is_file(), module
        # Nothing the page does not use: no exercise, vignette or progress modules on a quiz-only page.
        assert not {"exercise.js", "vignette.js", "progress-page.js"} & set(modules)
    assert preloaded(site / "genindex.html") == []


def test_the_tree_follows_static_imports():
    tree = module_tree(["types/python.js"])
    assert tree[0] == "types/python.js"
    assert {"python-client.js", "code-area.js"} <= set(tree)
    # The catalogue's modules the build writes: its language (i18n.js imports it) and the areas the tree shows.
    assert {"strings/language.js", "strings/python.js", "strings/tests.js"} <= set(tree)
    assert "strings/transcript.js" not in tree
    for module in tree:  # every static import of a module in the tree is in the tree
        if module in GENERATED_MODULES:
            continue
        for target in STATIC_IMPORT.findall((RUNTIME / module).read_text(encoding="utf-8")):
            resolved = (RUNTIME / module).parent.joinpath(target).resolve().relative_to(RUNTIME).as_posix()
            assert resolved in tree, (module, target)


def test_only_pages_that_run_python_start_it_early(tiny_book):
    book, _ = tiny_book
    site = book / "_build" / "html"
    seen = set()
    # The worker's URL names the runtime version of the graders' manifest (the worker compares the two).
    runtime = json.loads((site / "_static" / "pq-graders" / "manifest.json").read_text(encoding="utf-8"))["runtime"]
    assert runtime == runtime_version([site / "_static"])  # the files the site serves, not only those staged
    for html_file in sorted(site.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        runs_python = any(q["type"] == "python" for data in payloads(html_file) if data["kind"] == "quiz"
                          for q in data["questions"]) or any(d["kind"] == "exercise" for d in payloads(html_file))
        assert ("window.pqEarlyPython" in text) == runs_python, html_file
        if runs_python:
            assert text.count("new Worker(") == 1
            worker = next(f"{up}_static/pq/python-worker.js?v={runtime}" for up in ("../", "")
                          if f'"{up}_static/pq/python-worker.js?v={runtime}"' in text)
            settings = BeautifulSoup(text, "html.parser").select_one("script#pq-python-settings[type='application/json']")
            assert json.loads(settings.string)["worker"] == worker
        seen.add(runs_python)
    assert seen == {True, False}
