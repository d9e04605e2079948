"""Faults that explain themselves: Pyodide's files missing (404), cut off, or slow, and a grader file missing,
each injected with Playwright routing (which also reaches the Pyodide worker's requests). In every case the
python question or exercise says that Python could not start and why, offers Retry, and a choice question on the
same page grades all along, and nothing is saved for the failed check. Retry is used (Pyodide then loads: seconds
each) after a fault of each stage: a module that cannot be imported, a grader missing once Python runs, the
wasm missing (the exercise case), and a slow start; after the two other faults, that Retry is offered.

The tiny book (a choice and a python question on one page) serves the question cases; the course's chapter 11
(an exercise and a quiz) the exercise case. A slow start uses a page whose Python settings block (data, not a
script) says "slow after 0.3 s, give up after 1.5 s without a byte", so no test waits for real timeouts.
"""
from __future__ import annotations

import json
import re

import pytest

from course_site.offline import manifest as offline_manifest
from course_site.offline import write_service_worker
from pyodide_quiz.sphinx.assets import runtime_version
from pyodide_quiz.sphinx.csp import with_policy
from tests.browser.test_exercises import PAGES as EXERCISE_PAGES
from tests.browser.test_exercises import folder_file, root_of
from tests.browser.test_offline import copy_site, wait_for_offline_copy, wait_until
from tests.browser.test_quiz_ui import open_quiz_page, quiz_file, right_options, section_of, verdict
from tests.conftest import serve

TINY_QUIZ = "sample"
RUN_LIMIT_MS = 90_000  # a start after Retry loads Pyodide, slow on a busy machine
SETTINGS = re.compile(r'(<script type="application/json" id="pq-python-settings">)(.*?)(</script>)', re.DOTALL)


def not_found(route) -> None:
    route.fulfill(status=404, content_type="text/plain", body="Not found")


def cut_in_half(route) -> None:
    response = route.fetch()
    body = response.body()
    route.fulfill(response=response, body=body[: len(body) // 2])


# name -> (URL pattern, how the fault answers, what the student is told)
FAULTS = {
    "pyodide.mjs missing": ("**/_static/pyodide/pyodide.mjs", not_found,
                            "a file it needs (pyodide.mjs) could not be downloaded"),
    "the wasm missing": ("**/_static/pyodide/pyodide.asm.wasm", not_found,
                         "a file it needs (pyodide.asm.wasm) could not be downloaded (error 404)"),
    "the wasm cut off": ("**/_static/pyodide/pyodide.asm.wasm", cut_in_half,
                         "a file it needs (pyodide.asm.wasm) arrived incomplete"),
    "a grader missing": ("**/_static/pq-graders/graders/python.py*", not_found,
                         "a grader file (python.py) could not be downloaded (error 404)"),
}
# The faults after which the test also presses Retry and gets a verdict: one where Pyodide's module cannot be
# imported, one where Python has started and a grader is missing. (The wasm missing is retried by the exercise
# test below; a wasm cut off fails where a missing one does, at the same step of the worker.)
RETRIED = ("pyodide.mjs missing", "a grader missing")


@pytest.fixture(scope="module")
def tab(browser):
    """One page for the whole module: each test loads its page afresh (a new page, a new worker)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def tiny_questions(tiny_book):
    book, _ = tiny_book
    quiz = quiz_file(TINY_QUIZ, root=book)
    single = next(q for q in quiz.questions if q.type == "single")
    python = next(q for q in quiz.questions if q.type == "python")
    return single, python


def forget_saved(page) -> None:
    """Clear what the last test saved on the site the page shows (about:blank has no storage)."""
    if page.url.startswith("http"):
        page.evaluate("localStorage.clear()")


def saved_items(page) -> dict:
    data = json.loads(page.evaluate("localStorage.getItem('pyodide-quiz:progress') || '{}'"))
    return data.get("entries", {}).get(f"quiz:{TINY_QUIZ}", {}).get("items", {})


def answer_choice(page, question, quiz: str = TINY_QUIZ) -> None:
    section = section_of(quiz, question.id)
    page.click(f"{section} li.pq-option[data-index='{right_options(question)[0]}'] label")
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "correct"


def check_code(page, section: str, code: str) -> None:
    page.fill(f"{section} textarea.pq-code", code)
    page.click(f"{section} .pq-check")


def wait_for_verdict(page, section: str, what: str) -> None:
    """Until the section shows a verdict; on a timeout, fail with what the page says instead."""
    try:
        page.wait_for_selector(f"{section}[data-verdict]", timeout=RUN_LIMIT_MS)
    except Exception:  # noqa: BLE001 - say why, then fail
        pytest.fail(f"{what}: no verdict; the page says {page.inner_text(section)[-600:]!r}")


def test_every_fault_is_named_and_retry_works_once_it_is_gone(tab, tiny_site, tiny_questions):
    single, python = tiny_questions
    section = section_of(TINY_QUIZ, python.id)
    assert set(RETRIED) <= set(FAULTS)
    for name, (pattern, fault, reason) in FAULTS.items():
        forget_saved(tab)
        tab.route(pattern, fault)
        open_quiz_page(tab, f"{tiny_site}/book/intro.html")
        check_code(tab, section, python.data["solution"])
        notice = tab.locator(f"{section} .pq-status .pq-python-failed")
        notice.wait_for()
        assert notice.inner_text().startswith(f"Python could not start: {reason}"), (name, notice.inner_text())
        assert verdict(tab, section) is None, name
        assert python.id not in saved_items(tab), name  # a fault is not the student's attempt
        answer_choice(tab, single)  # the rest of the page works

        tab.unroute(pattern)
        retry = tab.locator(f"{section} .pq-status .pq-python-retry")
        assert retry.is_visible() and retry.is_enabled(), name
        if name not in RETRIED:
            continue
        retry.click()
        wait_for_verdict(tab, section, name)
        assert verdict(tab, section) == "correct", (name, tab.inner_text(f"{section} .pq-status"))
        assert saved_items(tab)[python.id]["verdict"] == "correct"


def with_settings(route, **settings) -> None:
    """The page as built, with its Python settings block changed."""
    response = route.fetch()
    html = response.text()

    def change(match):
        data = json.loads(match.group(2))
        data.update(settings)
        return match.group(1) + json.dumps(data) + match.group(3)

    changed, count = SETTINGS.subn(change, html)
    assert count == 1, "the page has no Python settings block"
    route.fulfill(response=response, body=changed)


def test_a_slow_start_says_so_then_gives_up_with_retry(tab, tiny_site, tiny_questions):
    single, python = tiny_questions
    section = section_of(TINY_QUIZ, python.id)
    held = []  # requests that never get an answer while the fault lasts: a connection that stalls
    forget_saved(tab)
    tab.route("**/book/intro.html", lambda route: with_settings(route, slow_after=0.3, give_up_after=1.5))
    tab.route("**/_static/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    try:
        open_quiz_page(tab, f"{tiny_site}/book/intro.html")
        check_code(tab, section, python.data["solution"])
        # Still waiting, and saying so: that it takes longer than usual (or, once it knows the speed, how long).
        tab.wait_for_selector(f"{section} .pq-status .pq-slow")
        notice = tab.locator(f"{section} .pq-status .pq-python-failed")
        notice.wait_for()
        assert notice.inner_text().startswith("Python could not start: its download stopped for 1.5 seconds"), \
            notice.inner_text()
        assert held, "the wasm was never asked for"
        answer_choice(tab, single)
    finally:
        tab.unroute("**/_static/pyodide/pyodide.asm.wasm")
        for route in held:  # the worker that asked is gone: its requests are answered into the void
            try:
                route.abort()
            except Exception:  # noqa: BLE001 - already cancelled with its worker
                pass
    tab.click(f"{section} .pq-status .pq-python-retry")
    wait_for_verdict(tab, section, "after a slow start")
    assert verdict(tab, section) == "correct", tab.inner_text(f"{section} .pq-status")
    tab.unroute("**/book/intro.html")


EXERCISE = next(slug for slug, page in sorted(EXERCISE_PAGES.items()) if page == "book/11-measuring.html")
CHAPTER_QUIZ = "11-measuring"


def test_an_exercise_says_python_could_not_start_and_the_quiz_beside_it_still_grades(tab, site):
    root = root_of(EXERCISE)
    forget_saved(tab)
    tab.route("**/_static/pyodide/pyodide.asm.wasm", not_found)
    tab.goto(f"{site}/book/11-measuring.html")
    tab.wait_for_selector(f"{root}.pq-ready")
    # Without any action, the line under the editor says it, with Retry.
    state = tab.locator(f"{root} .pq-python-state")
    state.locator(".pq-python-failed").wait_for()
    assert "pyodide.asm.wasm" in state.inner_text() and state.locator(".pq-python-retry").is_visible()

    tab.fill(f"{root} textarea.pq-code", folder_file(EXERCISE, "solution.py"))
    tab.click(f"{root} .pq-run-tests")
    output = tab.locator(f"{root} .pq-output-panel .pq-python-failed")
    output.wait_for()
    assert output.inner_text().startswith("Python could not start: a file it needs (pyodide.asm.wasm)")
    assert tab.get_attribute(root, "data-verdict") is None
    assert tab.get_attribute(root, "aria-busy") is None  # the buttons work again
    quiz = quiz_file(CHAPTER_QUIZ)
    answer_choice(tab, next(q for q in quiz.questions if q.type == "single"), quiz=CHAPTER_QUIZ)

    tab.unroute("**/_static/pyodide/pyodide.asm.wasm")
    tab.click(f"{root} .pq-output-panel .pq-python-retry")  # Retry there runs the tests again
    wait_for_verdict(tab, root, "the exercise")
    assert tab.get_attribute(root, "data-verdict") == "correct", tab.inner_text(f"{root} .pq-output-panel")
    assert state.inner_text() == "✓ Python is ready."


@pytest.mark.service_worker
def test_a_page_left_open_while_the_site_is_rebuilt_never_runs_old_and_new_runtime_files_together(page, tmp_path):
    site = copy_site(tmp_path / "site")
    chapter = site / "book" / "11-measuring.html"
    # Runs stop after 2 s in this copy, so that a run that never ends soon needs a fresh Python worker.
    chapter.write_text(chapter.read_text(encoding="utf-8").replace('"timeout":5', '"timeout":2'), encoding="utf-8")
    write_service_worker(site)
    manifest_file = site / "_static" / "pq-graders" / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    old = manifest["runtime"]
    root = root_of(EXERCISE)
    solution = folder_file(EXERCISE, "solution.py")
    with serve(site) as base:
        page.goto(f"{base}/book/11-measuring.html")
        wait_for_offline_copy(page)
        page.wait_for_selector(f"{root}.pq-ready")
        page.fill(f"{root} textarea.pq-code", solution)
        page.click(f"{root} .pq-run-tests")
        wait_for_verdict(page, root, "before the rebuild")

        # The rebuild: one runtime file changes, and with it what the build writes: the runtime version in the
        # graders' manifest and a new service worker (which takes over at once).
        grader = site / "_static" / "pq-graders" / "graders" / "python.py"
        grader.write_text(grader.read_text(encoding="utf-8") + "\nREBUILT = True\n", encoding="utf-8")
        manifest["runtime"] = runtime_version([site / "_static"])
        assert manifest["runtime"] != old
        manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
        # The page as the new build writes it: its worker URL names the new version (and its policy the new hash).
        rebuilt = chapter.read_text(encoding="utf-8").replace(f"?v={old}", f"?v={manifest['runtime']}")
        chapter.write_text(with_policy(rebuilt), encoding="utf-8")
        write_service_worker(site)
        revision = next(e["revision"] for e in offline_manifest(site) if e["url"] == "_static/pq-graders/manifest.json")
        wait_until(page, """async (revision) => {
            const registration = await navigator.serviceWorker.getRegistration();
            await registration.update();
            if (registration.installing || registration.waiting) return false;
            for (const name of await caches.keys()) {
                const urls = (await (await caches.open(name)).keys()).map((r) => r.url);
                if (urls.some((u) => u.includes(revision))) return true;
            }
            return false;
        }""", revision, timeout_s=30, what="the new service worker is active with the new offline copy")

        # The old page, still open, is used: a run that never ends stops its Python; the next run needs a new one.
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.fill(f"{root} textarea.pq-code", "while True:\n    pass\n")
        page.click(f"{root} .pq-run")
        page.wait_for_selector(f"{root} .pq-output-panel :text('ran too long')", timeout=RUN_LIMIT_MS)
        page.fill(f"{root} textarea.pq-code", solution)
        page.click(f"{root} .pq-run-tests")
        notice = page.locator(f"{root} .pq-output-panel .pq-python-failed")
        notice.wait_for(timeout=RUN_LIMIT_MS)
        assert "the course was updated after this page was opened" in notice.inner_text()
        # The new worker came for the old page's version, found the new manifest and loaded no grader at all.
        assert any(f"python-worker.js?v={old}" in url for url in requests), requests
        assert not [url for url in requests if "/pq-graders/graders/" in url], requests
        assert page.get_attribute(root, "data-verdict") == "correct"  # the last real verdict stands

        page.get_by_role("button", name="Reload the page").first.click()
        page.wait_for_selector(f"{root}.pq-ready")
        assert f"python-worker.js?v={manifest['runtime']}" in page.content()
        assert page.input_value(f"{root} textarea.pq-code") == solution  # the code was kept
        page.evaluate("(root) => { delete document.querySelector(root).dataset.verdict; }", root)
        page.click(f"{root} .pq-run-tests")
        wait_for_verdict(page, root, "after the reload")
        assert page.get_attribute(root, "data-verdict") == "correct"
