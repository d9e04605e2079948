"""The {exercise} directive in a tiny Sphinx + MyST book: zero warnings, the task as MyST, a payload with
everything the browser needs, a page that reads without JavaScript, and clean errors naming the file."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pyodide_quiz.model.exercise import load_exercise
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]

FILES = {
    "task.md": "Add **two** numbers; the data are in `numbers.csv`.\n\n- Return an `int`.\n",
    "starter.py": "def add(a, b):\n    ...\n",
    "solution.py": "def add(a, b):\n    return a + b  # <b>not HTML</b>\n",
    "test_add_two.py": "from student import add\n\n\ndef test_add():\n    assert add(1, 2) == 3, 'add(1, 2) is 3'\n",
    "numbers.csv": "a,b\n1,2\n",
}

PAGE = """\
# Sample

## Practise

```{{exercise}} {argument}
{options}```

After the exercise.
"""


def make_book(tmp_path: Path, files: dict | None = None, argument: str = "exercises/add-two", options: str = "",
              page: str | None = None) -> Path:
    src = tmp_path / "src"
    folder = src / "exercises" / "add-two"
    folder.mkdir(parents=True)
    for name, text in (FILES if files is None else files).items():
        (folder / name).write_text(text, encoding="utf-8")
    write_sample_conf(src, exclude=("exercises",))
    (src / "index.md").write_text(page or PAGE.format(argument=argument, options=options), encoding="utf-8")
    return src




def page_html(src: Path) -> str:
    return (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def payload(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" class="pq-data">(.*?)</script>', html).group(1))


def test_builds_without_warnings_and_renders_every_part(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    app, warnings = sphinx_build(src)
    assert warnings == ""
    html = page_html(src)
    assert '<section aria-labelledby="pq-exercise-add-two-title" class="pq-exercise" data-exercise="add-two" ' \
           'id="pq-exercise-add-two">' in html
    assert '<strong>Exercise: Add two</strong>' in html
    assert "Add <strong>two</strong> numbers" in html  # the task is MyST
    assert re.search(r'<div class="pq-workspace" hidden="hidden">', html)  # needs JavaScript
    assert re.search(r'<label class="pq-input-label" for="pq-exercise-add-two-code">Your code</label>', html)
    textarea = r'<textarea [^>]*aria-describedby="pq-exercise-add-two-help"[^>]*id="pq-exercise-add-two-code"'
    assert re.search(textarea, html)
    for button in ("Run", "Run tests", "Reset"):
        assert re.search(rf'<button [^>]*type="button">{button}</button>', html), button
    assert re.search(r'<button [^>]*hidden="hidden" type="button">Show solution</button>', html)
    assert 'class="pq-output-panel" role="status"' in html and 'aria-live="polite"' in html
    assert '<details class="pq-answer pq-solution"><summary>Model solution</summary>' in html
    # Code is escaped, never pasted as HTML.
    assert "<b>not HTML</b>" not in html.split('class="pq-data">')[0]
    entries = app.env.domaindata["pyodide_quiz"]["uses"]["index"]
    assert entries == [{"kind": "exercise", "name": "add-two", "title": "Add two", "items": ["code"],
                        "anchor": "pq-exercise-add-two"}]


def test_the_payload_holds_what_the_browser_needs(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    sphinx_build(src)
    exercise = load_exercise(src / "exercises" / "add-two")
    assert payload(page_html(src)) == {
        "kind": "exercise", "slug": "add-two", "title": "Add two", "item": "code",
        "starter": FILES["starter.py"], "solution": FILES["solution.py"], "tests": FILES["test_add_two.py"],
        "files": {"numbers.csv": FILES["numbers.csv"]}, "timeout": 5, "hash": exercise.hash}
    assert "</b>" not in page_html(src).split('class="pq-data">')[1].split("</script>")[0]


def test_the_title_comes_from_the_option_then_the_task_heading(tmp_path, sphinx_build):
    src = make_book(tmp_path / "a", options=":title: Adding *up*\n")
    assert sphinx_build(src)[1] == ""
    assert "<strong>Exercise: Adding *up*</strong>" in page_html(src)
    files = dict(FILES, **{"task.md": "# Two numbers\n\n" + FILES["task.md"]})
    src = make_book(tmp_path / "b", files=files)
    assert sphinx_build(src)[1] == ""
    html = page_html(src)
    assert "<strong>Exercise: Two numbers</strong>" in html
    assert "<h1>Two numbers" not in html and "Two numbers</h" not in html  # the heading is not shown twice


def test_the_same_exercise_twice_gets_distinct_ids(tmp_path, sphinx_build):
    page = PAGE.format(argument="exercises/add-two", options="") + "\n```{exercise} exercises/add-two/\n```\n"
    src = make_book(tmp_path, page=page)
    assert sphinx_build(src)[1] == ""
    ids = re.findall(r'\bid="([^"]+)"', page_html(src))
    assert len(ids) == len(set(ids))
    assert "pq-exercise-add-two-2-code" in ids


def test_a_plain_text_build_reads_as_a_task_with_starter_and_solution(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    assert sphinx_build(src, "text")[1] == ""
    text = (src / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    for words in ("**Exercise: Add two**", "Add **two** numbers", "**Starter code**", "def add(a, b):",
                  "Model solution", "return a + b"):
        assert words in text, words
    for control in ("Run tests", "Your code", "Show solution"):
        assert control not in text


def test_a_missing_folder_warns_at_the_directive_and_the_build_goes_on(tmp_path, sphinx_build):
    src = make_book(tmp_path, argument="exercises/add-too")
    _, warnings = sphinx_build(src)
    expected = ("index.md:5: WARNING: exercises/add-too:1: there is no such exercise folder "
                "(the argument is the folder's path from the book's root: exercises/<slug>)")
    assert expected in warnings, warnings
    assert "This exercise could not be shown: exercises/add-too has errors." in page_html(src)
    assert "After the exercise." in page_html(src)


def test_missing_files_are_each_named(tmp_path, sphinx_build):
    files = {k: v for k, v in FILES.items() if k not in ("starter.py", "test_add_two.py")}
    src = make_book(tmp_path, files=files)
    _, warnings = sphinx_build(src)
    assert "exercises/add-two/starter.py:1: the file is missing" in warnings
    assert "exercises/add-two/test_add_two.py:1: the file is missing" in warnings
