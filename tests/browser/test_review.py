"""Spaced review, confidence and calibration, with the browser's clock fixed and moved on by days: a question
answered wrong today is due tomorrow, one answered right goes to the 3-day box, an edited question starts again,
"sure but wrong" comes first, confidence is stored and calibration drawn; storage blocked gives a note, no error."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from tests.conftest import SITE

CHAPTER = "book/01-what-is-the-alliance.html"
QUIZ = "01-what-is-the-alliance"
REVIEW = "book/review.html"
DATA = "_static/pq-review/questions.json"


def day(date: str) -> datetime:
    """Noon UTC that day: the same calendar day in the browser from UTC-11 to UTC+11."""
    return datetime.fromisoformat(f"{date}T12:00:00").replace(tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank() -> dict:
    return json.loads((SITE / DATA).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def questions(bank) -> dict[tuple[str, str], dict]:
    """(quiz, question id) -> the question as the review page gets it."""
    return {(quiz["quiz"], q["id"]): q for quiz in bank["quizzes"] for q in quiz["questions"]}


def answer(section, spec: dict, right: bool, sure: str | None = None) -> None:
    """Answer a single-choice question section right or wrong (saying how sure, when asked) and check it."""
    correct = spec["spec"]["correct"]
    choice = correct if right else (correct + 1) % spec["spec"]["options"]
    section.locator(f'.pq-options input[value="{choice}"]').check()
    if sure:
        section.locator(f'.pq-confidence input[value="{sure}"]').check()
    section.locator(".pq-check").click()
    section.locator("xpath=self::*[@data-verdict]").wait_for()


def saved(page, kind: str, quiz: str, question_id: str) -> dict:
    return page.evaluate("""([key, id]) => JSON.parse(localStorage.getItem('pyodide-quiz:progress'))
        .entries[key].items[id]""", [f"{kind}:{quiz}", question_id])


def shown(page, item) -> tuple[str, str]:
    """(quiz, question id) of a question on the review page."""
    return item.get_attribute("data-quiz"), item.locator("section.pq-question").get_attribute("data-question-id")


def test_schedule_confidence_and_calibration_over_three_days(page, site, bank, questions, axe):
    ch1 = next(q for q in bank["quizzes"] if q["quiz"] == QUIZ)
    ch2 = bank["quizzes"][2]
    first, second = [q for q in ch1["questions"] if q["type"] == "single"][:2]
    other = next(q for q in ch2["questions"] if q["type"] == "single")
    page.clock.set_fixed_time(day("2026-03-02"))

    # Day 1, in two chapters: one question wrong, two right. Chapter quizzes do not ask how sure (the site's default).
    page.goto(f"{site}/{CHAPTER}")
    assert page.locator(".pq-quiz .pq-confidence").count() == 0
    answer(page.locator(f'.pq-quiz section[data-question-id="{first["id"]}"]'), first, right=False)
    answer(page.locator(f'.pq-quiz section[data-question-id="{second["id"]}"]'), second, right=True)
    assert page.locator(".pq-quiz-end a", has_text="Review page").get_attribute("href") == "review.html"
    wrong, right = saved(page, "review", QUIZ, first["id"]), saved(page, "review", QUIZ, second["id"])
    assert (wrong["box"], wrong["due"]) == (1, "2026-03-03")  # wrong today: due tomorrow
    assert (right["box"], right["due"]) == (2, "2026-03-05")  # right: the 3-day box
    page.goto(f"{site}/{ch2['page']}")
    answer(page.locator(f'.pq-quiz section[data-question-id="{other["id"]}"]'), other, right=True)

    # Day 1, on the review page: the tried chapters' other questions are new, so due; the answered ones are not.
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site}/{REVIEW}")
    page.locator(".pq-review-due").wait_for()
    text = page.locator(".pq-review-view").inner_text()
    due_today = len(ch1["questions"]) - 2 + len(ch2["questions"]) - 1
    assert f"{due_today} questions are due today, from 2 chapters." in text
    assert "Next due: 1 question tomorrow." in text
    assert f"{site}/{DATA}" in requested

    # Day 2: the wrong one is due again and comes first, then the chapters take turns.
    page.clock.set_fixed_time(day("2026-03-03"))
    page.reload()
    page.get_by_role("button", name="Start a short round (10 questions)").click()
    items = page.locator(".pq-review-item")
    assert items.count() == 10
    assert shown(page, items.nth(0)) == (QUIZ, first["id"])
    assert [shown(page, items.nth(i))[0] for i in range(4)] == [QUIZ, ch2["quiz"], QUIZ, ch2["quiz"]]
    assert items.nth(0).locator(".pq-number").inner_text() == "Question 1 of 10"
    # "How sure are you?" is asked, and Check waits for it; answered right (sure): the 3-day box.
    section = items.nth(0).locator("section.pq-question")
    section.locator(f'.pq-options input[value="{first["spec"]["correct"]}"]').check()
    section.locator(".pq-check").click()
    assert "Choose how sure you are first" in section.locator(".pq-status").inner_text()
    section.locator('.pq-confidence input[value="sure"]').check()
    section.locator(".pq-check").click()
    section.locator("xpath=self::*[@data-verdict='correct']").wait_for()
    record = saved(page, "review", QUIZ, first["id"])
    assert (record["box"], record["due"], record["confidence"]) == (2, "2026-03-06", "sure")
    assert record["history"][-1][1:] == ["correct", "sure"]
    assert saved(page, "quiz", QUIZ, first["id"])["verdict"] == "incorrect"  # the chapter's own result stays
    # Two more: one wrong while sure, one guessed right.
    singles = page.locator('.pq-review-item:has(section[data-type="single"])')
    third, fourth = (shown(page, singles.nth(i)) for i in (1, 2))
    answer(singles.nth(1).locator("section"), questions[third], right=False, sure="sure")
    answer(singles.nth(2).locator("section"), questions[fourth], right=True, sure="guessing")
    assert "3 of 10 answered, 2 right." in page.locator(".pq-review-progress").inner_text()
    assert not [v for v in axe(page) if v["impact"] in ("serious", "critical")]

    # Day 3: "sure but wrong" first. An edited question (its saved hash differs) is due again, from box 1.
    page.evaluate("""([key, id]) => {
        const data = JSON.parse(localStorage.getItem('pyodide-quiz:progress'));
        data.entries[key].items[id].hash = 'edited';
        localStorage.setItem('pyodide-quiz:progress', JSON.stringify(data));
    }""", [f"review:{QUIZ}", second["id"]])
    page.clock.set_fixed_time(day("2026-03-04"))
    page.reload()
    page.get_by_role("button", name="Review all").click()
    order = [shown(page, items.nth(i)) for i in range(items.count())]
    assert order[0] == third
    assert (QUIZ, second["id"]) in order and (QUIZ, first["id"]) not in order
    answer(items.nth(order.index((QUIZ, second["id"]))).locator("section"), second, right=True, sure="fairly-sure")
    record = saved(page, "review", QUIZ, second["id"])
    assert (record["box"], record["due"]) == (2, "2026-03-07")  # restarted in box 1, then up one: not box 3

    # Calibration on the progress page: a chart and a table of the rated answers.
    page.goto(f"{site}/book/progress.html")
    table = page.locator(".pq-calibration-table")
    table.wait_for()
    rows = {row.locator("th").inner_text(): [c.inner_text() for c in row.locator("td").all()]
            for row in table.locator("tbody tr").all()}
    assert rows == {"Guessing": ["1", "1", "100 %"], "Fairly sure": ["1", "1", "100 %"], "Sure": ["2", "1", "50 %"]}
    assert page.locator(".pq-calibration-row").count() == 3
    assert "50 % right (1 of 2)" in page.locator(".pq-calibration-chart").inner_text()
    assert page.locator(".pq-progress a", has_text="review page").get_attribute("href") == "review.html"
    # The schedule travels with the results: export, then import into a fresh store.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my results (JSON file)").click()
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert exported["entries"][f"review:{QUIZ}"]["items"][second["id"]]["box"] == 2
    page.evaluate("localStorage.clear()")
    page.set_input_files(".pq-progress input[type=file]", download.value.path())
    page.wait_for_function("() => document.querySelector('.pq-progress [role=status]').innerText.includes('Imported')")
    assert saved(page, "review", QUIZ, first["id"])["due"] == "2026-03-06"
    # Results only: the schedule's records are not counted as results (1 wrong + 2 right in the chapters).
    assert page.inner_text(".pq-progress [role=status]").startswith("Imported 3 results")
    assert not page.watched.console_errors, page.watched.failed_requests


def test_storage_blocked_gives_a_clear_note_and_no_error(page, site):
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});""")
    page.goto(f"{site}/{REVIEW}")
    note = page.locator(".pq-review-note")
    note.wait_for()
    assert "storage is blocked" in note.inner_text()
    assert page.locator(".pq-review-loading").count() == 0
    assert not page.watched.console_errors


def test_only_the_review_page_loads_the_questions_and_the_offline_copy_has_them(page, site, bank):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site}/{CHAPTER}")
    page.locator(".pq-quiz.pq-ready").first.wait_for()
    assert requested and not page.watched.failed_requests
    assert not any(DATA in url for url in requested)
    worker = (SITE / "sw.js").read_text(encoding="utf-8")
    assert f'"url": "{DATA}"' in worker and '"url": "book/review.html"' in worker
    # Every quiz but Python questions; each question's HTML is its chapter's section.
    assert all(q["type"] != "python" and q["html"].startswith("<section") for quiz in bank["quizzes"]
               for q in quiz["questions"])
