"""The {quiz} directive's HTML: the tiny book with every example of quizzes/README.md builds with -W -n and no
warning; each quiz's fragment matches its regression file and is the same in two builds in different folders
(ids come from content, never from chance or paths); the markup is accessible without JavaScript.

Update the regression files after an intended change with
`.venv/bin/python -m pytest tests/build/test_quiz_html.py --force-regen`.
"""
from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from pyodide_quiz.model import load_quiz
from tests.tinybook import README_QUIZ, add_readme_quiz, build, copy_tiny, readme_question_blocks, warnings

QUIZ_PAGES = {"sample": "book/intro.html", "readme-examples": "book/page2.html"}
ASSET_VERSION = re.compile(r"\?v=[0-9a-f]+")


def quiz_fragment(html_file, name: str) -> str:
    """The div.pq-quiz of quiz `name` as HTML text, with Sphinx's ?v= asset hashes stripped."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    roots = soup.select(f"div.pq-quiz[data-quiz='{name}']")
    assert len(roots) == 1, f"{len(roots)} quizzes named {name} in {html_file}"
    return ASSET_VERSION.sub("", str(roots[0])) + "\n"


@pytest.fixture(scope="module")
def first(tiny_book):
    book, done = tiny_book
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return book


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    """The same book built again in another folder."""
    book = copy_tiny(tmp_path_factory.mktemp("elsewhere") / "another-name")
    add_readme_quiz(book)
    done = build(book)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return book


def soup_of(book, page: str) -> BeautifulSoup:
    return BeautifulSoup((book / "_build" / "html" / page).read_text(encoding="utf-8"), "html.parser")


def test_every_readme_example_is_in_the_test_book(first):
    """The README's ```yaml examples are the input: every question they define is in the built quiz."""
    documented = [q["id"] for block in readme_question_blocks() for q in yaml.safe_load(block)]
    assert len(documented) >= 6 and len(set(documented)) == len(documented)
    quiz = load_quiz(first / README_QUIZ, README_QUIZ)
    assert [q.id for q in quiz.questions] == documented
    assert {q.type for q in quiz.questions} == {"single", "multiple", "numeric", "text", "order", "python"}
    built = soup_of(first, QUIZ_PAGES["readme-examples"])
    assert [s["data-question-id"] for s in built.select("div.pq-quiz section.pq-question")] == documented


def test_build_has_no_warnings(tiny_book):
    book, done = tiny_book
    assert warnings(done) == []
    assert done.returncode == 0


@pytest.mark.parametrize("name", sorted(QUIZ_PAGES))
def test_fragment_matches_regression_file(first, name, file_regression):
    fragment = quiz_fragment(first / "_build" / "html" / QUIZ_PAGES[name], name)
    file_regression.check(fragment, basename=f"quiz-{name}", extension=".html")


@pytest.mark.parametrize("name", sorted(QUIZ_PAGES))
def test_two_builds_give_the_same_fragment(first, second, name):
    page = QUIZ_PAGES[name]
    assert quiz_fragment(first / "_build" / "html" / page, name) == quiz_fragment(
        second / "_build" / "html" / page, name)


@pytest.mark.parametrize("name", sorted(QUIZ_PAGES))
def test_structure(first, name):
    soup = soup_of(first, QUIZ_PAGES[name])
    root = soup.select_one(f"div.pq-quiz[data-quiz='{name}']")
    quiz = load_quiz(first / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")
    sections = root.select("section.pq-question")

    # One section per question, in order, each naming its question and type.
    assert [(s["data-question-id"], s["data-type"]) for s in sections] == [(q.id, q.type) for q in quiz.questions]

    # Ids are unique on the whole page (two widgets never share one).
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})

    score = root.select_one(".pq-score")
    assert score["aria-live"] == "polite"

    for section, question in zip(sections, quiz.questions):
        where = f"question {question.id}"
        # Choice questions group their options in a fieldset whose legend comes first.
        fieldset = section.select_one("fieldset.pq-group")
        if question.type in ("single", "multiple"):
            assert fieldset is not None, where
            assert fieldset.find(True).name == "legend", where
            kind = "radio" if question.type == "single" else "checkbox"
            boxes = fieldset.select("input")
            assert [b["type"] for b in boxes] == [kind] * len(question.data["options"]), where
            assert len({b["name"] for b in boxes}) == 1, where
        else:
            assert fieldset is None, where
            group = section.select_one(".pq-group[role=group]")
            assert group is not None, where
            for labelled_by in group["aria-labelledby"].split():
                assert soup.find(id=labelled_by) is not None, f"{where}: aria-labelledby {labelled_by}"

        # Every form control has a label that points at it.
        for control in section.select("input, textarea, select"):
            labels = soup.select(f"label[for='{control['id']}']")
            assert len(labels) == 1 and labels[0].get_text(strip=True), f"{where}: {control}"

        # Order items are focusable for the keyboard and their buttons are named.
        if question.type == "order":
            items = section.select("li.pq-order-item")
            assert sorted(int(li["data-index"]) for li in items) == list(range(len(question.data["items"])))
            assert [int(li["data-index"]) for li in items] != list(range(len(items))), f"{where}: shown in order"
            assert all(li.get("tabindex") == "0" for li in items)
            assert all(b.get("aria-label") for b in section.select("button.pq-move"))

        # Results are announced.
        status = section.select_one(".pq-status")
        assert status["role"] == "status" and status["aria-live"] == "polite", where

        # Without JavaScript the answer and the explanation are one click away; the buttons start hidden.
        details = section.select_one("details.pq-answer")
        assert details is not None and details.select_one("summary"), where
        assert details.select_one(".pq-explanation").get_text(strip=True), where
        assert section.select_one(".pq-controls").has_attr("hidden"), where

        # Hints are in the page, hidden until asked for, with a button that counts them.
        hints = section.select(".pq-hint-text")
        assert len(hints) == len(question.data.get("hints", [])), where
        assert all(h.has_attr("hidden") for h in hints)
        if hints:
            assert section.select_one("button.pq-hint").get_text() == f"Hint (0 of {len(hints)})"


@pytest.mark.parametrize("name", sorted(QUIZ_PAGES))
def test_payload_matches_the_model(first, name):
    soup = soup_of(first, QUIZ_PAGES[name])
    root = soup.select_one(f"div.pq-quiz[data-quiz='{name}']")
    scripts = root.find_all("script", recursive=False)
    assert [s.get("type") for s in scripts] == ["application/json"]
    data = json.loads(scripts[0].string)
    quiz = load_quiz(first / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")
    assert data["quiz"] == name and data["kind"] == "quiz" and data["title"] == quiz.title
    assert data["questions"] == [{"id": q.id, "type": q.type, "hash": q.hash, "spec": q.grading_spec()}
                                 for q in quiz.questions]
    # The answer key of a choice question is not in the payload as text: only option indices.
    for question in data["questions"]:
        assert "options" not in question["spec"] or isinstance(question["spec"]["options"], int)


def test_markup_in_a_field_is_text(first):
    """Raw HTML pasted into a YAML field reaches the page as text, not as elements."""
    section = soup_of(first, QUIZ_PAGES["sample"]).select_one("section[data-question-id='html-in-prompt']")
    assert section.select("script, img, b") == []
    prompt = section.select_one(".pq-prompt").get_text()
    assert "<b>this</b>" in prompt and "<script>" in prompt and "onerror" in prompt
    assert "<script>" in section.select_one(".pq-explanation").get_text()
