"""What links a wrong answer to teaching, built in a tiny Sphinx + MyST book: each objective's section (and the
build's warnings when there is none, or no such label), the quiz's "Review" links and end summary, the progress
page's frame (parts, objectives, vignette endings, each count naming the saved results it counts), the
vignette's meter explanations, and the download size the Python worker's progress bar counts against.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pyodide_quiz.sphinx.assets import PYODIDE_FILES
from pyodide_quiz.sphinx.vignette import METER_MEANING
from tests.conftest import ROOT, write_sample_conf

QUIZ = """\
title: Tiny quiz
questions:
  - id: parts
    type: single
    objective: name-parts
    prompt: Which?
    options:
      - {text: Goals, correct: true, feedback: Yes.}
      - {text: Rules, correct: false, feedback: No.}
    explanation: Goals.
  - id: history
    type: numeric
    objective: trace-history
    prompt: When did Bordin publish?
    answer: 1979
    tolerance: 0
    wrong:
      - {value: 1997, feedback: Two digits swapped.}
    explanation: "In 1979."
  - id: more-parts
    type: text
    objective: name-parts
    prompt: Name the third part.
    accept: [bond]
    explanation: The bond.
"""

STORY = """\
title: A tiny scenario
summary: Sam comes to a first session.
content_note: Nothing distressing.
client:
  name: Sam
  description: 40, a test client.
  note: Sam is an invented person.
METERS
start: opening
nodes:
  opening:
    narrative: Sam sits down.
    choices:
      - {response: Warmly., next: good-end, effects: {bond: 1}, feedback: Warm.}
      - {response: Coldly., next: poor-end, effects: {bond: -1}, feedback: Cold.}
  good-end: {ending: good, narrative: Sam stays., debrief: Warmth.}
  poor-end: {ending: poor, narrative: Sam leaves., debrief: Cold.}
"""

INDEX = """\
# Chapter one

```{objectives}
name-parts: Name the three parts.
    section: sec-parts
trace-history: Trace the history.
    SECTION
```

(sec-parts)=
## The three parts

Goals, tasks, bond.

(sec-history)=
## A short history

Bordin, 1979.

## Quiz

```{quiz} quizzes/tiny.yml
```

## Scenario

```{vignette} quizzes/vignettes/tiny.yml
```

```{toctree}
:caption: Part A
progress
```
"""

PROGRESS = """\
# Your progress

```{progress-summary}
```
"""


def make_book(tmp_path: Path, section: str = "section: sec-history", meters: str = "") -> Path:
    src = tmp_path / "src"
    (src / "quizzes" / "vignettes").mkdir(parents=True)
    (src / "quizzes" / "tiny.yml").write_text(QUIZ, encoding="utf-8")
    (src / "quizzes" / "vignettes" / "tiny.yml").write_text(STORY.replace("METERS\n", meters), encoding="utf-8")
    (src / "index.md").write_text(INDEX.replace("SECTION", section), encoding="utf-8")
    (src / "progress.md").write_text(PROGRESS, encoding="utf-8")
    write_sample_conf(src, exclude=("quizzes",))
    return src


def soup(src: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((src / "_build" / "html" / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def book(tmp_path_factory, sphinx_build):
    src = make_book(tmp_path_factory.mktemp("links"))
    _, warnings = sphinx_build(src)
    assert warnings == ""
    return src


def test_every_question_links_to_the_section_of_its_objective(book):
    quiz = soup(book, "index.html").select_one("div.pq-quiz")
    reviews = {section["data-question-id"]: section.select_one("details.pq-answer .pq-review")
               for section in quiz.select("section.pq-question")}
    assert {qid: (p.a["href"], p.get_text(" ", strip=True)) for qid, p in reviews.items()} == {
        "parts": ("#sec-parts", "Review: The three parts"),
        "history": ("#sec-history", "Review: A short history"),
        "more-parts": ("#sec-parts", "Review: The three parts"),
    }
    # The runtime writes the score and the sections to revisit here, under the last question.
    end = quiz.select_one(".pq-quiz-end")
    assert end.has_attr("hidden") and end.find_previous_sibling("section")["data-question-id"] == "more-parts"


def test_a_wrong_value_of_a_numeric_question_has_its_feedback_in_the_key(book):
    key = soup(book, "index.html").select_one("section[data-question-id='history'] details.pq-answer")
    feedback = key.select_one("[data-feedback-for='0']")
    assert feedback.get_text(strip=True) == "Two digits swapped."
    assert "If you answered 1997" in feedback.find_parent("li").get_text(" ", strip=True)


def test_an_objective_without_a_section_warns_with_its_line(tmp_path, sphinx_build):
    _, warnings = sphinx_build(make_book(tmp_path, section=""))
    assert re.search(r"index\.md:6: WARNING: objective 'trace-history' names no section that teaches it "
                     r"\(add an indented line under it", warnings), warnings


def test_a_section_label_that_does_not_exist_warns(tmp_path, sphinx_build):
    _, warnings = sphinx_build(make_book(tmp_path, section="section: sec-histroy"))
    assert "undefined label: 'sec-histroy'" in warnings, warnings


def test_the_progress_page_frame_names_what_each_count_counts(book):
    page = soup(book, "progress.html")
    view = page.select_one(".pq-progress-view")
    assert view.has_attr("hidden"), "without JavaScript the frame stays hidden"
    data = json.loads(page.select_one(".pq-progress > script.pq-data").string)
    questions = ["quiz:tiny/parts", "quiz:tiny/history", "quiz:tiny/more-parts"]
    assert [(item["kind"], item["refs"]) for item in data["items"]] == [("quiz", questions),
                                                                         ("vignette", ["vignette:tiny/path"])]
    counted = lambda row: row.select_one("span[data-refs]")["data-refs"].split()  # noqa: E731
    # By part: the page's part (its title: it is in no captioned part), everything on it.
    parts = view.select("ul.pq-progress-rows")[0].select(":scope > li")
    assert [(row.select_one(".pq-row-name").get_text(), counted(row)) for row in parts] == [
        ("Chapter one", questions + ["vignette:tiny/path"])]
    assert parts[0].select_one("progress.pq-bar")["max"] == "4"
    # By objective: each objective's own questions, and the section that teaches it.
    chapter = view.select_one("details.pq-progress-chapter")
    assert counted(chapter.summary) == questions
    rows = chapter.select("ul.pq-progress-rows > li")
    assert [(row.select_one(".pq-row-name").get_text(), counted(row), row.select_one(".pq-row-review a")["href"])
            for row in rows] == [("Name the three parts.", ["quiz:tiny/parts", "quiz:tiny/more-parts"],
                                  "index.html#sec-parts"),
                                 ("Trace the history.", ["quiz:tiny/history"], "index.html#sec-history")]
    # Vignette endings: one hidden line per ending, shown when its result is saved.
    endings = view.select("ul.pq-endings > li")
    assert [(li["data-ref"], li.get_text(), li.has_attr("hidden")) for li in endings] == [
        ("vignette:tiny/end-good-end", "✓ A good ending: Good end", True),
        ("vignette:tiny/end-poor-end", "✗ A poor ending: Poor end", True)]


def test_the_meters_are_explained_where_they_are(book):
    help_box = soup(book, "index.html").select_one(".pq-vignette-play details.pq-meters-help")
    assert help_box.has_attr("open") and help_box.find_previous_sibling(class_="pq-meters")
    meanings = [li.get_text() for li in help_box.select("li")]
    assert meanings == [f"{name.capitalize()}: {text.format(name='Sam')}" for name, text in METER_MEANING.items()]
    text = help_box.get_text(" ", strip=True)
    assert "All three start at 5 of 10, the middle of the scale" in text
    assert "read how the client responds first" in text


def test_a_vignette_says_why_its_meters_start_low(tmp_path, sphinx_build):
    meters = "meters:\n  start: {goal: 2, task: 5, bond: 3}\n  why: Sam was *sent* by his employer.\n"
    src = make_book(tmp_path, meters=meters)
    _, warnings = sphinx_build(src)
    assert warnings == ""
    help_box = soup(src, "index.html").select_one("details.pq-meters-help")
    assert "Sam was sent by his employer." in help_box.get_text(" ", strip=True)
    assert help_box.select_one("em").get_text() == "sent"
    assert "middle of the scale" not in help_box.get_text()


def test_the_worker_knows_how_many_bytes_a_first_start_downloads(book):
    manifest = json.loads((book / "_build" / "html" / "_static" / "pq-graders" / "manifest.json").read_text())
    pyodide = ROOT / "node_modules" / "pyodide"
    assert manifest["download_bytes"] == sum((pyodide / name).stat().st_size for name in PYODIDE_FILES
                                             if not name.endswith(".mjs"))
    assert manifest["download_bytes"] > 10_000_000
