"""One truth for grading: the page grades every sample answer exactly as the Python graders do.

For every quiz page of the built site, for every question, each sample answer from the model
(`Question.sample_answers()`) is entered through the real interface (option labels clicked, text typed,
order items moved with Alt+Arrow keys, code typed into the code box), checked, and the verdict the page shows
is compared with `pyodide_quiz.graders.grade` in Python (for `python` questions: the solution and the starter,
run by Pyodide in the page and by CPython here). The feedback must agree too: when Python picks the feedback of
a common wrong answer (a numeric question's `wrong` value, a text question's `feedback` entry), the page shows
that feedback; when Python finds a slip of an accepted text answer, the page asks to check the spelling, and
only then; and under every answer that is not right, the page links to the section that teaches the question's
objective whenever the answer key names one. One page load per page; all disagreements are listed at the end.
"""
from __future__ import annotations

import json

import pytest

from pyodide_quiz.graders import grade
from pyodide_quiz.model import load_quiz
from tests.conftest import ROOT, directive_uses


def quiz_pages() -> dict[str, list[str]]:
    """Built page (relative URL) -> the names of the quizzes on it, from the book's sources."""
    pages: dict[str, list[str]] = {}
    for name, page in directive_uses("quiz", r"quizzes/(?P<name>[\w.-]+)\.yml"):
        pages.setdefault(page, []).append(name)
    return pages


PAGES = quiz_pages()


def test_the_site_has_quiz_pages():
    assert len(PAGES) >= 2, PAGES


# One round trip per step keeps 500-odd answers fast: the page scrolls the element into view and says where
# its centre is, and whether a click there would reach it (what a person's click needs); then the mouse
# clicks there.
CENTRE = """(selector) => {
    const element = document.querySelector(selector);
    if (!element) return {error: `no element ${selector}`};
    element.scrollIntoView({block: "center", behavior: "instant"});
    const box = element.getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (element.hidden || !box.width || !hit || !(hit === element || element.contains(hit))) {
        return {error: `${selector} cannot be clicked (hit: ${hit && hit.outerHTML.slice(0, 80)})`};
    }
    return {x, y};
}"""
RESULT = """(selector) => {
    const section = document.querySelector(selector);
    return [section.dataset.verdict || null, section.querySelector(".pq-status").innerText.trim()];
}"""
# The key's text for a wrong answer's feedback (index), and its "Review: ..." line; whitespace made single.
KEY_TEXT = """([selector, index]) => {
    const text = (node) => node ? node.textContent.replace(/\\s+/g, " ").trim() : null;
    const section = document.querySelector(selector);
    return [text(section.querySelector(`details.pq-answer [data-feedback-for="${index}"]`)),
            text(section.querySelector("details.pq-answer .pq-review")),
            text(section.querySelector(".pq-status"))];
}"""
SPELLING = "Check the spelling"


def feedback_disagreements(page, section: str, question, answer, result: dict) -> list[str]:
    """Where the page's feedback for `answer` differs from what the Python result implies."""
    found = []
    where = f"{question.quiz}/{question.id} ({question.type}): answer {answer!r}"
    feedback, review, status = page.evaluate(KEY_TEXT, [section, result.get("feedback", -1)])
    if result.get("feedback", -1) >= 0 and question.type in ("numeric", "text") and feedback not in status:
        found.append(f"{where}: Python picks feedback {result['feedback']}, which the page does not show")
    if (SPELLING in status) != bool(result.get("near")):
        found.append(f"{where}: Python says near={result.get('near')}, the page {'does' if SPELLING in status else 'does not'} "
                     "ask to check the spelling")
    if result["verdict"] != "correct" and review and review not in status:
        found.append(f"{where}: a wrong answer without the key's {review!r}")
    return found
ORDER = """(selector) => [...document.querySelectorAll(`${selector} .pq-order-item`)]
    .map((li) => Number(li.dataset.index))"""


def click(page, selector: str) -> None:
    where = page.evaluate(CENTRE, selector)
    assert "error" not in where, where["error"]
    page.mouse.click(where["x"], where["y"])


def enter(page, section: str, question_type: str, answer) -> None:
    """Give `answer` (in the graders' form) through the question's interface."""
    if question_type == "single":
        click(page, f"{section} li.pq-option[data-index='{answer}'] label")
    elif question_type == "multiple":
        for index in answer:
            click(page, f"{section} li.pq-option[data-index='{index}'] label")
    elif question_type in ("numeric", "text"):
        click(page, f"{section} input.pq-input")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(answer)
    elif question_type == "python":
        page.fill(f"{section} textarea.pq-code", answer)
        # Python answers asynchronously: forget the last verdict, so that the next one can only be this run's.
        page.evaluate("(s) => { delete document.querySelector(s).dataset.verdict; }", section)
    elif question_type == "order":
        for position, wanted in enumerate(answer):
            current = page.evaluate(ORDER, section)
            page.focus(f"{section} .pq-order-item[data-index='{wanted}']")
            for _ in range(current.index(wanted) - position):
                page.keyboard.press("Alt+ArrowUp")
    else:
        raise AssertionError(f"no way to enter a {question_type} answer")


@pytest.mark.parametrize("url", sorted(PAGES))
def test_page_grades_like_python(page, site, url):
    page.goto(f"{site}/{url}")
    page.wait_for_function("() => document.querySelectorAll('.pq-quiz').length === "
                           "document.querySelectorAll('.pq-quiz.pq-ready').length")
    disagreements, checked = [], 0
    for name in PAGES[url]:
        quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")
        payload = json.loads(page.evaluate("(name) => document.querySelector("
                                           "`div.pq-quiz[data-quiz='${name}'] > script.pq-data`).textContent", name))
        for shown in payload["questions"]:
            question = quiz.question(shown["id"])
            assert question is not None, f"{url}: the page shows {name}/{shown['id']}, which the file lacks"
            if shown["spec"] != question.grading_spec() or shown["hash"] != question.hash:
                disagreements.append(f"{name}/{question.id}: the page's payload is stale (rebuild the site)")
                continue
            section = f"div.pq-quiz[data-quiz='{name}'] section.pq-question[data-question-id='{question.id}']"
            for answer, _ in question.sample_answers():
                result = grade(question.type, question.grading_spec(), answer)
                expected = result["verdict"]
                enter(page, section, question.type, answer)
                click(page, f"{section} .pq-check")
                if question.type == "python":
                    page.wait_for_selector(f"{section}[data-verdict]", timeout=120_000)
                verdict, status = page.evaluate(RESULT, section)
                verdict = verdict or "invalid"  # no verdict: the page asked for an answer instead
                checked += 1
                if verdict != expected:
                    disagreements.append(f"{name}/{question.id} ({question.type}): answer {answer!r}: "
                                         f"page says {verdict!r} ({status[:80]!r}), Python says {expected!r}")
                if verdict == expected and verdict not in ("invalid", "correct") and question.type != "python":
                    disagreements += feedback_disagreements(page, section, question, answer, result)
                if verdict == "invalid":
                    if not status:
                        disagreements.append(f"{name}/{question.id}: answer {answer!r}: no message for an invalid "
                                             "answer")
                else:
                    click(page, f"{section} .pq-retry")
                    if page.evaluate(RESULT, section)[0] is not None:
                        disagreements.append(f"{name}/{question.id}: Try again did not clear the verdict")
    assert checked, f"{url}: no answer was checked"
    assert not disagreements, f"{len(disagreements)} of {checked} answers on {url}:\n" + "\n".join(disagreements)
    assert page.watched.console_errors == []
