"""The mkdocs-material example in Chromium: every sample answer gets the verdict the Python graders give (as in
the book), the python question and the exercise run, instant navigation leaves each widget working once with one
Python worker, the dark palette and search work, axe-core finds nothing, and no page logs an error, asks another
host for anything or breaks its Content-Security-Policy (not even the scripts instant navigation re-creates)."""
from __future__ import annotations

import json
import re

import pytest

from pyodide_quiz.graders import grade
from pyodide_quiz.model import load_quiz
from tests.browser.test_csp import watch
from tests.browser.test_quiz_parity import RESULT, click, enter
from tests.conftest import ROOT, Watched, run_axe

PAGES = ("", "evidence/", "measuring/", "vignette/", "glossary/")
WIDGET_PAGES = ("evidence/", "measuring/", "vignette/")
ALL_READY = """() => [...document.querySelectorAll('.pq-quiz, .pq-exercise, .pq-vignette')]
    .every((root) => root.classList.contains('pq-ready'))"""
PYTHON_RUN_MS = 120_000
# Before any script of a page runs: count the listeners added to each element, so a test can see a widget that
# was started twice (its buttons would then answer every click twice), and those window and document hold now, so
# it can see a swapped-out widget that still listens.
COUNT_LISTENERS = """(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const counts = new WeakMap();
  const held = {};
  const global = (target) => target === window || target === document;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this instanceof Element) {
      const kinds = counts.get(this) || {};
      kinds[type] = (kinds[type] || 0) + 1;
      counts.set(this, kinds);
    }
    if (global(this)) held[type] = (held[type] || 0) + 1;
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (global(this)) held[type] = (held[type] || 0) - 1;
    return remove.call(this, type, listener, options);
  };
  window.pqClickListeners = (selector) =>
    [...document.querySelectorAll(selector)].map((element) => (counts.get(element) || {}).click || 0);
  window.pqHeld = () => JSON.stringify(["storage", "pagehide", "visibilitychange"].map((type) => held[type] || 0));
})();"""
BUTTONS = ".pq-quiz .pq-check, .pq-quiz .pq-hint, .pq-exercise .pq-run-tests, .pq-exercise .pq-run"


@pytest.fixture(scope="module")
def tab(browser):
    """One page for the module (its own storage): answers, navigation and palette build on each other."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(COUNT_LISTENERS)
    violations = watch(context)
    page = context.new_page()
    page.violations = violations
    page.set_default_timeout(20_000)
    page.watched = Watched(page)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def assert_clean(page) -> None:
    """No error logged, nothing asked of another host (the example must need nothing from elsewhere), nothing
    the page's policy refused (the browser also logs each refusal as a console error)."""
    assert page.violations == [], page.violations
    assert page.watched.console_errors == [], page.watched.console_errors
    assert page.watched.outside_requests == [], page.watched.outside_requests


def open_page(page, site: str, path: str) -> None:
    page.goto(f"{site}/{path}")
    page.wait_for_function(ALL_READY)


def test_every_sample_answer_gets_the_verdict_python_gives(tab, mkdocs_site):
    disagreements, checked = [], 0
    for path in ("evidence/", "measuring/"):
        open_page(tab, mkdocs_site, path)
        for name in tab.evaluate("() => [...document.querySelectorAll('.pq-quiz')].map((q) => q.dataset.quiz)"):
            quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")
            payload = json.loads(tab.evaluate("(name) => document.querySelector("
                                              "`div.pq-quiz[data-quiz='${name}'] > template.pq-data`).content.textContent",
                                              name))
            for shown in payload["questions"]:
                question = quiz.question(shown["id"])
                section = f"div.pq-quiz[data-quiz='{name}'] section.pq-question[data-question-id='{question.id}']"
                for answer, _ in question.sample_answers():
                    expected = grade(question.type, question.grading_spec(), answer)["verdict"]
                    enter(tab, section, question.type, answer)
                    click(tab, f"{section} .pq-check")
                    if question.type == "python":
                        tab.wait_for_selector(f"{section}[data-verdict]", timeout=PYTHON_RUN_MS)
                    verdict, status = tab.evaluate(RESULT, section)
                    verdict = verdict or "invalid"
                    checked += 1
                    if verdict != expected:
                        disagreements.append(f"{name}/{question.id}: {answer!r}: page {verdict!r} ({status[:80]!r}), "
                                             f"Python {expected!r}")
                    if verdict != "invalid":
                        click(tab, f"{section} .pq-retry")
    assert checked >= 30 and not disagreements, "\n".join(disagreements)
    assert_clean(tab)


def nav_to(page, title: str) -> None:
    page.locator("nav.md-nav--primary a.md-nav__link", has_text=title).first.click()
    page.wait_for_function("(title) => document.querySelector('h1')?.textContent.includes(title)", arg=title)
    page.wait_for_function(ALL_READY)


def hint_once(page) -> str:
    """Press the first question's Hint button once; the button's text after it."""
    button = page.locator(".pq-question .pq-hint").first
    button.click()
    return button.inner_text()


def run_exercise(page, code: str) -> str:
    root = ".pq-exercise"
    page.locator(f"{root} textarea.pq-code").fill(code)
    page.locator(f"{root} .pq-run-tests").click()
    page.wait_for_function("(s) => !document.querySelector(s).hasAttribute('aria-busy')", arg=root,
                           timeout=PYTHON_RUN_MS)
    return page.locator(root).get_attribute("data-verdict")


def one_listener_per_button(page) -> None:
    counts = page.evaluate("(selector) => pqClickListeners(selector)", BUTTONS)
    assert counts and set(counts) == {1}, counts


def test_instant_navigation_keeps_each_widget_working_once(tab, mkdocs_site):
    folder = ROOT / "exercises" / "srs-total"
    open_page(tab, mkdocs_site, "")  # a page without Python
    tab.evaluate("() => localStorage.clear()")  # no answers kept from the test before
    before = len(tab.requested)
    open_page(tab, mkdocs_site, "measuring/")
    # A page loaded the ordinary way starts its widgets from loader.js and from mkdocs-material's document$:
    # each once all the same.
    one_listener_per_button(tab)
    tab.evaluate("() => { window.pqSamePage = true; }")  # gone if a click loaded a page the ordinary way
    assert run_exercise(tab, (folder / "starter.py").read_text()) == "incorrect"
    nav_to(tab, "The evidence")
    one_listener_per_button(tab)
    # Widgets swapped out let go of window and document: as many listeners on each visit of a page.
    held = {"evidence": tab.evaluate("() => pqHeld()")}
    assert hint_once(tab) == "Hint (1 of 1)"
    tab.go_back()
    tab.wait_for_function("() => document.querySelector('h1')?.textContent.includes('Measuring')")
    tab.wait_for_function(ALL_READY)
    one_listener_per_button(tab)
    held["measuring"] = tab.evaluate("() => pqHeld()")
    assert run_exercise(tab, (folder / "solution.py").read_text()) == "correct"
    assert tab.locator(".pq-exercise .pq-tests li.pq-fail").count() == 0
    tab.go_forward()
    tab.wait_for_function("() => document.querySelector('h1')?.textContent.includes('The evidence')")
    tab.wait_for_function(ALL_READY)
    # A hint shown on the first visit is not carried over, and one press shows one hint.
    assert hint_once(tab) == "Hint (1 of 1)"
    assert tab.locator(".pq-question").first.locator(".pq-hint-text:not([hidden])").count() == 1
    tab.wait_for_function("(expected) => pqHeld() === expected", arg=held["evidence"], timeout=5_000)
    nav_to(tab, "Measuring the alliance")
    tab.wait_for_function("(expected) => pqHeld() === expected", arg=held["measuring"], timeout=5_000)
    assert tab.evaluate("() => window.pqSamePage") is True, "a page was loaded without instant navigation"
    since = tab.requested[before:]
    # One Python worker and one Pyodide download for all the page swaps.
    assert sum(url.split("?")[0].endswith("/python-worker.js") for url in since) == 1, since
    assert sum(url.endswith("/pyodide.asm.wasm") for url in since) == 1, since
    assert_clean(tab)


def test_search_dark_palette_and_accessibility(tab, mkdocs_site):
    problems = {}
    # Every page in the light palette; in the dark one, the pages with widgets (the rest is the theme's own).
    for dark, pages in ((False, PAGES), (True, WIDGET_PAGES)):
        for path in pages:
            open_page(tab, mkdocs_site, path)
            if dark and path == pages[0]:
                tab.locator("label[title='Switch to the dark palette']").click()
            scheme = tab.evaluate("() => document.body.dataset.mdColorScheme")
            assert scheme == ("slate" if dark else "default"), (path, scheme)
            violations = run_axe(tab)
            if violations:
                problems[(path, dark)] = violations
    # The widgets follow the palette: a quiz's answer box is dark in the dark palette.
    open_page(tab, mkdocs_site, "evidence/")
    background = tab.evaluate("() => getComputedStyle(document.querySelector('.pq-input')).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
    assert sum(channels) < 200, background
    assert not problems, json.dumps({f"{p} dark={d}": v for (p, d), v in problems.items()}, indent=1)[:4000]
    # lunr, in a worker of the site's own: type once it has read the index ("Initializing search" until then).
    tab.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                          ".textContent.includes('Initializing')")
    # Typed, not filled: the theme reads the query on keyup.
    tab.locator("input.md-search__input").press_sequentially("rupture")
    tab.wait_for_selector(".md-search-result__item")
    assert tab.locator(".md-search-result__item").count() >= 1
    assert_clean(tab)


def test_a_visited_page_works_offline(browser, mkdocs_site):
    """The plugin's sw.js keeps what the site served: a page seen online opens, and its quiz works, offline."""
    context = browser.new_context(service_workers="allow")
    violations = watch(context)
    page = context.new_page()
    page.violations = violations
    page.watched = Watched(page)
    try:
        open_page(page, mkdocs_site, "evidence/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        open_page(page, mkdocs_site, "evidence/")  # now through the service worker, which keeps each file
        context.set_offline(True)
        open_page(page, mkdocs_site, "evidence/")
        section = ".pq-question[data-question-id='d-interpretation']"
        page.locator(f"{section} li.pq-option label").first.click()
        page.locator(f"{section} .pq-check").click()
        assert page.locator(section).get_attribute("data-verdict") in ("correct", "incorrect")
        assert_clean(page)
    finally:
        context.close()
