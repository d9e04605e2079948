"""Every exercise of the built site in Chromium, with Python really running in the Pyodide worker.

Each solution turns every test green and each starter fails at least one; the code typed survives a reload and
a solved exercise counts on the progress page; `while True: pass` is stopped within the time limit while the
page stays responsive; the rupture exercise draws its chart (SVG with title, description and a data table);
the solution appears only after a failed run and a confirmation; Reset can be undone; the keyboard can leave
the editor; axe-core finds no WCAG 2.2 A/AA violation; a phone needs no sideways scrolling; without
JavaScript the task, the starter and a closed solution remain.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from tests.conftest import ROOT, pages_using

RUN_LIMIT_MS = 90_000  # the first run also waits for Pyodide, which is slow on a busy machine


def exercise_pages() -> dict[str, str]:
    """slug -> the built page that shows it (from the chapters' sources)."""
    return pages_using("exercise", r"exercises/(?P<name>[\w-]+)/?")


PAGES = exercise_pages()
SLUGS = sorted(PAGES)
CHART_SLUG = "rupture-detection"


def folder_file(slug: str, name: str) -> str:
    return (ROOT / "exercises" / slug / name).read_text(encoding="utf-8")


def count_tests(slug: str) -> int:
    return len(re.findall(r"^def test_\w+\(", folder_file(slug, f"test_{slug.replace('-', '_')}.py"), re.MULTILINE))




def root_of(slug: str) -> str:
    return f'.pq-exercise[data-exercise="{slug}"]'


def open_page(page, site: str, slug: str) -> None:
    page.goto(f"{site}/{PAGES[slug]}")
    page.wait_for_function("() => document.querySelectorAll('.pq-exercise').length > 0 && "
                           "document.querySelectorAll('.pq-exercise').length === "
                           "document.querySelectorAll('.pq-exercise.pq-ready').length", timeout=60_000)


def set_code(page, slug: str, code: str) -> None:
    page.locator(f"{root_of(slug)} textarea.pq-code").fill(code)


def press(page, slug: str, button: str) -> None:
    """Click Run or Run tests and wait until the run is over (the exercise is no longer aria-busy)."""
    root = root_of(slug)
    page.locator(f"{root} {button}").click()
    page.wait_for_function("(s) => !document.querySelector(s).hasAttribute('aria-busy')", arg=root,
                           timeout=RUN_LIMIT_MS)


def shown_results(page, slug: str) -> dict:
    root = root_of(slug)
    return {
        "verdict": page.locator(root).get_attribute("data-verdict"),
        "passed": page.locator(f"{root} .pq-tests li.pq-pass").count(),
        "failed": page.locator(f"{root} .pq-tests li.pq-fail").count(),
        "summary": page.locator(f"{root} .pq-output-panel .pq-verdict").first.inner_text(),
    }




def saved(page, slug: str):
    return page.evaluate("""(slug) => {
        const data = JSON.parse(localStorage.getItem('pyodide-quiz:progress') || '{}');
        return data.entries?.['exercise:' + slug]?.items?.code ?? null;
    }""", slug)


def our_errors(page) -> list[str]:
    return [e for e in page.watched.console_errors if "uncaught" in e or "pq/" in e or "exercise" in e.lower()]


def test_the_course_shows_every_exercise_folder():
    folders = sorted(p.name for p in (ROOT / "exercises").iterdir() if p.is_dir() and p.name != "__pycache__")
    assert SLUGS and SLUGS == folders


def test_starters_fail_and_solutions_pass(site, page):
    for page_url in sorted(set(PAGES.values())):
        slugs = [slug for slug in SLUGS if PAGES[slug] == page_url]
        open_page(page, site, slugs[0])
        for slug in slugs:
            root = root_of(slug)
            assert page.locator(f"{root} .pq-show-solution").is_hidden()
            press(page, slug, ".pq-run-tests")
            shown = shown_results(page, slug)
            assert shown["verdict"] == "incorrect", (slug, shown)
            assert shown["failed"] >= 1 and shown["summary"].startswith("✗"), (slug, shown)
            assert page.locator(f"{root} .pq-show-solution").is_visible()
            set_code(page, slug, folder_file(slug, "solution.py"))
            press(page, slug, ".pq-run-tests")
            shown = shown_results(page, slug)
            expected = count_tests(slug)
            assert shown == {"verdict": "correct", "passed": expected, "failed": 0,
                             "summary": f"✓ All {expected} tests passed. Well done!"}, slug
            assert saved(page, slug)["verdict"] == "correct"
            # The Run button runs the whole file: the solution runs to the end.
            press(page, slug, ".pq-run")
            assert page.locator(f"{root} .pq-output-panel .pq-verdict").inner_text() == "✓ Your code ran to the end."
    assert our_errors(page) == [] and page.watched.outside_requests == []


def test_typed_code_survives_a_reload_and_a_solved_exercise_counts_on_the_progress_page(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    area = page.locator(f"{root} textarea.pq-code")
    area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nprint('kept after reload')")
    typed = area.input_value()
    assert typed.endswith("print('kept after reload')")
    page.reload()  # at once: the last keystrokes are still waiting for the debounced save
    open_page(page, site, slug)
    assert page.locator(f"{root} textarea.pq-code").input_value() == typed
    assert saved(page, slug)["verdict"] == "draft"
    # The highlighted copy shows the same text as the box.
    copy = page.locator(f"{root} .pq-editor-highlight").inner_text()
    assert copy.rstrip("\n") == typed.rstrip("\n")

    set_code(page, slug, folder_file(slug, "solution.py"))
    press(page, slug, ".pq-run-tests")
    assert saved(page, slug)["verdict"] == "correct"
    page.goto(f"{site}/book/progress.html")
    row = page.locator(f'.pq-progress tr[data-kind="exercise"][data-name="{slug}"]')
    row.wait_for(timeout=15_000)
    assert "all tests pass" in row.inner_text()
    # Back on the page, the code and the verdict are restored.
    open_page(page, site, slug)
    assert page.locator(root).get_attribute("data-verdict") == "correct"
    assert page.locator(f"{root} textarea.pq-code").input_value() == folder_file(slug, "solution.py")


def test_an_endless_loop_is_stopped_and_the_page_stays_responsive(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    timeout = json.loads(page.locator(f"{root} > script.pq-data").text_content())["timeout"]
    press(page, slug, ".pq-run")  # Python is loaded and warm
    set_code(page, slug, "while True:\n    pass\n")
    started = time.monotonic()
    page.locator(f"{root} .pq-run").click()
    page.wait_for_timeout(500)
    assert page.locator(root).get_attribute("aria-busy") is not None, "the loop should still be running"
    # While Python loops in its worker, the page answers: a quiz option can be chosen.
    option = page.locator(".pq-quiz .pq-option input").first
    if option.count():
        option.check()
        assert option.is_checked()
    assert page.evaluate("1 + 1") == 2
    page.wait_for_function("(s) => !document.querySelector(s).hasAttribute('aria-busy')", arg=root,
                           timeout=(timeout + 10) * 1000)
    elapsed = time.monotonic() - started
    assert elapsed < timeout + 5, f"stopped after {elapsed:.1f} s (limit {timeout} s)"
    message = page.locator(f"{root} .pq-output-panel").inner_text()
    assert "Your code ran too long" in message
    assert page.locator(f"{root} textarea.pq-code").input_value() == "while True:\n    pass\n"
    # Python starts afresh for the next run.
    set_code(page, slug, "print(6 * 7)\n")
    press(page, slug, ".pq-run")
    assert page.locator(f"{root} .pq-output-panel pre.pq-output").inner_text().strip() == "42"


def test_the_chart_is_drawn_with_a_text_alternative(site, page):
    root = root_of(CHART_SLUG)
    open_page(page, site, CHART_SLUG)
    set_code(page, CHART_SLUG, folder_file(CHART_SLUG, "solution.py"))
    press(page, CHART_SLUG, ".pq-run")
    svg = page.locator(f"{root} .pq-chart svg.pq-chart-svg")
    assert svg.get_attribute("role") == "img"
    title = svg.locator("title").text_content()
    assert title == "Alliance over 16 sessions (invented client)" or title.strip()
    labelled_by = svg.get_attribute("aria-labelledby").split()
    assert len(labelled_by) == 2 and all(page.locator(f"#{i}").count() == 1 for i in labelled_by)
    assert "Line chart with" in svg.locator("desc").text_content()
    assert svg.locator("polyline").count() >= 1
    # The rupture sessions are marked with dashed lines and text labels.
    assert svg.locator(".pq-chart-marks line").count() == 3
    assert svg.locator(".pq-chart-marks text").count() == 3
    # The same numbers as a table, in a details element.
    details = page.locator(f"{root} details.pq-chart-data")
    assert details.locator("summary").inner_text() == "Chart data as a table"
    details.locator("summary").click()
    assert details.locator("tbody tr").count() == 16
    assert details.locator("tbody tr").first.locator("th").inner_text() == "1"


def test_a_chart_of_the_wrong_shape_gets_a_clear_message(site, page):
    root = root_of(CHART_SLUG)
    open_page(page, site, CHART_SLUG)
    set_code(page, CHART_SLUG, "def chart():\n    return [1, 2, 3]\n")
    press(page, CHART_SLUG, ".pq-run")
    message = page.locator(f"{root} .pq-chart .pq-chart-error").inner_text()
    assert message == "The chart could not be drawn: chart() should return a dict, but it returned a list of 3."
    set_code(page, CHART_SLUG, "def chart():\n    return {'series': [{'label': 'a', 'points': [[1, 'x']]}]}\n")
    press(page, CHART_SLUG, ".pq-run")
    message = page.locator(f"{root} .pq-chart .pq-chart-error").inner_text()
    assert "series[0][\"points\"][0] should be a pair of numbers" in message


def test_the_solution_needs_a_failed_run_and_a_confirmation(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    solution = page.locator(f"{root} details.pq-solution")
    assert solution.is_hidden() and page.locator(f"{root} .pq-show-solution").is_hidden()
    press(page, slug, ".pq-run-tests")
    page.locator(f"{root} .pq-show-solution").click()
    confirm = page.locator(f"{root} .pq-confirm")
    assert confirm.is_visible() and solution.is_hidden()
    page.locator(f"{root} .pq-confirm-no").click()
    assert confirm.is_hidden() and solution.is_hidden()
    assert page.evaluate("(s) => document.activeElement.matches(s + ' .pq-show-solution')", root)
    page.locator(f"{root} .pq-show-solution").click()
    page.locator(f"{root} .pq-confirm-yes").click()
    assert solution.is_visible() and solution.get_attribute("open") is not None
    assert page.locator(f"{root} .pq-show-solution").is_hidden()
    # The student's code is untouched.
    assert page.locator(f"{root} textarea.pq-code").input_value() == folder_file(slug, "starter.py")


def test_reset_brings_back_the_starter_and_can_be_undone(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    set_code(page, slug, "x = 1\n")
    page.locator(f"{root} .pq-reset").click()
    area = page.locator(f"{root} textarea.pq-code")
    assert area.input_value() == folder_file(slug, "starter.py")
    assert saved(page, slug) is None
    page.locator(f"{root} .pq-output-panel button", has_text="Undo reset").click()
    assert area.input_value() == "x = 1\n"
    assert saved(page, slug)["answer"] == "x = 1\n"


def test_the_keyboard_indents_and_can_leave_the_editor(site, page):
    slug = SLUGS[0]
    root = root_of(slug)
    open_page(page, site, slug)
    area = page.locator(f"{root} textarea.pq-code")
    set_code(page, slug, "def f():")
    area.focus()
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # keeps the block's indentation
    page.keyboard.type("return 1")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert area.input_value() == "def f():\n    return 1\n    "
    assert page.evaluate("(s) => document.activeElement.matches(s + ' textarea')", root)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("(s) => document.activeElement.matches(s + ' .pq-run')", root), "Esc, Tab should leave"
    # The editor is named and described for screen readers.
    label = page.locator(f"label[for='{area.get_attribute('id')}']").inner_text()
    assert label == "Your code"
    assert "Esc" in page.locator(f"#{area.get_attribute('aria-describedby')}").inner_text()


def axe_in_exercises(page) -> list[dict]:
    """axe-core violations (WCAG 2.2 A/AA) inside the exercises only (axe is already on the page)."""
    return page.evaluate("""async () => {
        const r = await axe.run({include: [['.pq-exercise']]},
            {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_accessibility_violations(site, page, axe, dark):
    """In every state an exercise can show: fresh, failed tests, output and chart, confirm step, solution.
    The exercises are checked on their own first, so that a problem elsewhere on the page is told apart."""
    open_page(page, site, CHART_SLUG)
    root = root_of(CHART_SLUG)
    states = {}
    whole = axe(page, dark=dark)  # also injects axe-core and sets the mode
    states["fresh"] = axe_in_exercises(page)
    press(page, CHART_SLUG, ".pq-run-tests")
    states["tests failed"] = axe_in_exercises(page)
    set_code(page, CHART_SLUG, folder_file(CHART_SLUG, "solution.py"))
    press(page, CHART_SLUG, ".pq-run")
    page.locator(f"{root} details.pq-chart-data summary").click()
    page.locator(f"{root} .pq-show-solution").click()
    states["chart and confirm step"] = axe_in_exercises(page)
    page.locator(f"{root} .pq-confirm-yes").click()
    states["solution shown"] = axe_in_exercises(page)
    assert states == {state: [] for state in states}
    assert whole == [], "the exercises pass, but the page as a whole does not"


def test_a_phone_sized_screen_needs_no_sideways_scrolling(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        open_page(page, site, CHART_SLUG)
        set_code(page, CHART_SLUG, folder_file(CHART_SLUG, "solution.py"))
        press(page, CHART_SLUG, ".pq-run")
        press(page, CHART_SLUG, ".pq-run-tests")
        page.locator(f"{root_of(CHART_SLUG)} details.pq-chart-data summary").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        for url in sorted(set(PAGES.values())):
            if not page.url.endswith(url):
                page.goto(f"{site}/{url}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
            for slug in (s for s in SLUGS if PAGES[s] == url):
                widths = page.locator(root_of(slug)).evaluate("(r) => [r.scrollWidth, r.clientWidth]")
                assert widths[0] <= widths[1], f"{slug}: {widths}"
    finally:
        context.close()


def test_without_javascript_the_task_starter_and_a_closed_solution_remain(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        slug = SLUGS[0]
        root = root_of(slug)
        page.goto(f"{site}/{PAGES[slug]}")
        assert page.locator(f"{root} .pq-task").is_visible()
        assert page.locator(f"{root} .pq-workspace").is_hidden()
        starter = page.locator(f"{root} .pq-starter pre").inner_text()
        assert starter.strip() == folder_file(slug, "starter.py").strip()
        solution = page.locator(f"{root} details.pq-solution")
        assert solution.is_visible() and solution.get_attribute("open") is None
    finally:
        context.close()


def test_a_python_page_starts_its_worker_before_the_page_has_loaded(page, site):
    """The head starts Pyodide's worker while the page is parsed; python-client.js adopts it (no second one)."""
    page.goto(f"{site}/book/11-measuring.html", wait_until="domcontentloaded")
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const worker = performance.getEntriesByType('resource').filter(r => r.name.includes('/pq/python-worker.js'));
        return {workers: worker.length, started: worker.length ? worker[0].startTime : null,
                dcl: nav.domContentLoadedEventStart};
    }""")
    assert timing["workers"] == 1, timing
    assert timing["started"] < timing["dcl"], timing
    page.wait_for_function("() => window.pqEarlyPython === null")  # adopted by python-client.js
    page.wait_for_timeout(500)
    assert page.evaluate("performance.getEntriesByType('resource')"
                         ".filter(r => r.name.includes('/pq/python-worker.js')).length") == 1
