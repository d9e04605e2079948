"""What a careless or unlucky student can do to a page, and the page survives: a print loop with a million
lines, code that allocates memory without end, a browser whose localStorage is disabled or full, and a reload
while the tests are running.
"""
from __future__ import annotations

import contextlib
import time

from tests.browser.test_exercises import SLUGS, open_page, press, root_of, set_code

QUIZ_PAGE = "book/intro.html"
SAVE_NOTE = "does not let this site save"

# Scripts that run before the page's own: localStorage that cannot be used at all, or that is full.
STORAGE_DISABLED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The user denied access to storage.", "SecurityError"); },
});
"""
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def responsive(page, limit_s: float = 2.0) -> bool:
    """The main thread answers a trivial evaluation quickly."""
    started = time.monotonic()
    assert page.evaluate("1 + 1") == 2
    return time.monotonic() - started < limit_s


def test_a_million_printed_lines_are_truncated_and_the_page_stays_responsive(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    set_code(page, slug, "for i in range(10**6):\n    print('line', i)\n")
    press(page, slug, ".pq-run")
    panel = page.locator(f"{root} .pq-output-panel").inner_text()
    assert "output truncated" in panel, panel[-500:]
    shown = page.locator(f"{root} .pq-output-panel pre.pq-output").inner_text()
    assert len(shown) < 25_000, f"{len(shown)} characters of output put in the page"
    assert responsive(page)
    assert [e for e in page.watched.console_errors if "Failed to load resource" not in e] == []


def test_endless_allocation_gives_a_clear_message_and_python_comes_back(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    code = "x = []\nwhile True:\n    x.append(' ' * 10**7)\n"
    set_code(page, slug, code)
    press(page, slug, ".pq-run")
    message = page.locator(f"{root} .pq-output-panel").inner_text()
    assert any(word in message for word in ("MemoryError", "out of memory", "ran too long", "stopped")), message
    assert responsive(page)
    assert page.locator(f"{root} textarea.pq-code").input_value() == code
    # Python is usable again afterwards.
    set_code(page, slug, "print(6 * 7)\n")
    press(page, slug, ".pq-run")
    assert page.locator(f"{root} .pq-output-panel pre.pq-output").inner_text().strip() == "42"


def answer_first_quiz_question(page) -> str:
    page.wait_for_selector(".pq-quiz.pq-ready", timeout=30_000)
    question = page.locator(".pq-question:has(input[type=radio])").first
    question.locator("input[type=radio]").first.check()
    question.locator(".pq-check").click()
    status = question.locator(".pq-status")
    status.locator(".pq-verdict").wait_for(timeout=10_000)
    return status.inner_text()


@contextlib.contextmanager
def quiz_page_with(browser, site, storage_script: str):
    """The quiz page in a context whose localStorage `storage_script` breaks; yields (page, uncaught errors)."""
    context = browser.new_context()
    try:
        context.add_init_script(storage_script)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site}/{QUIZ_PAGE}")
        yield page, errors
    finally:
        context.close()


def test_quizzes_grade_when_local_storage_is_disabled(browser, site):
    with quiz_page_with(browser, site, STORAGE_DISABLED) as (page, errors):
        # Storage stays unusable for the course's own records (the theme's keys only are kept in memory).
        assert page.evaluate("""() => { try { localStorage.setItem('pyodide-quiz:probe', '1'); return false; }
                                        catch { return true; } }""")
        status = answer_first_quiz_question(page)
        assert SAVE_NOTE in status, status
        # The theme still starts: its colour-mode button works (the choice lasts for the page only).
        before = page.evaluate("document.documentElement.dataset.theme")
        page.locator(".theme-switch-button:visible").first.click()
        assert page.evaluate("document.documentElement.dataset.theme") != before
        assert errors == []


def test_quizzes_grade_when_local_storage_is_full(browser, site):
    with quiz_page_with(browser, site, STORAGE_FULL) as (page, errors):
        status = answer_first_quiz_question(page)
        assert SAVE_NOTE in status, status
        assert errors == []


def test_a_reload_during_a_run_keeps_the_code(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    typed = "# typed before the reload\nprint('kept')\n"
    set_code(page, slug, typed)
    page.locator(f"{root} .pq-run-tests").click()
    page.reload(wait_until="load")
    page.wait_for_selector(f"{root}.pq-ready", timeout=60_000)
    assert page.locator(f"{root} textarea.pq-code").input_value() == typed
    assert responsive(page)
    # And the tests can run after it.
    press(page, slug, ".pq-run-tests")
    assert page.locator(root).get_attribute("data-verdict") in ("correct", "incorrect")
    assert [e for e in page.watched.console_errors if "Failed to load resource" not in e] == []
