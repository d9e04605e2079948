"""Options are not shown in the file's order: every choice question of the built site shows its options in the
order derived from the quiz and question ids (Question.option_order), the answer key lists them the same way,
the right option's shown position is spread, and `shuffle: false` keeps the file's order."""
from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup

from pyodide_quiz.model import load_quiz
from tests.conftest import ROOT, directive_uses, ensure_built_site


def shown_questions():
    """(question, shown option indices, answer-key feedback indices) for every choice question in the site."""
    site = ensure_built_site()
    found = []
    for name, page in directive_uses("quiz", r"quizzes/(?P<name>[\w.-]+)\.yml"):
        quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        for question in quiz.questions:
            if question.type not in ("single", "multiple"):
                continue
            section = soup.select_one(f"div.pq-quiz[data-quiz='{name}'] section[data-question-id='{question.id}']")
            if section is None:
                continue  # a page may show only some questions
            shown = [int(li["data-index"]) for li in section.select("li.pq-option")]
            keyed = [int(div["data-feedback-for"]) for div in section.select(".pq-key-options .pq-option-feedback")]
            found.append((question, shown, keyed))
    return found


def test_every_choice_question_shows_the_derived_order_on_the_page_and_in_its_key():
    questions = shown_questions()
    assert len(questions) >= 50, len(questions)
    for question, shown, keyed in questions:
        assert shown == question.option_order() == keyed, f"{question.quiz}/{question.id}"
    moved = sum(shown != sorted(shown) for _, shown, _ in questions)
    assert moved >= len(questions) * 2 // 3, f"only {moved} of {len(questions)} questions are not in file order"


def test_the_right_option_is_not_where_the_author_put_it():
    singles = [(q, shown) for q, shown, _ in questions_of("single")]
    positions = Counter(shown.index(next(i for i, o in enumerate(q.data["options"]) if o["correct"]))
                        for q, shown in singles)
    assert len(positions) >= 3, positions
    assert max(positions.values()) <= len(singles) / 2, positions


def questions_of(kind: str):
    return [item for item in shown_questions() if item[0].type == kind]


def test_shuffle_false_keeps_the_files_order(tiny_book):
    book, done = tiny_book
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    soup = BeautifulSoup((book / "_build" / "html" / "book" / "page2.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.select_one("section[data-question-id='srs-band']")
    assert [int(li["data-index"]) for li in section.select("li.pq-option")] == [0, 1, 2]
