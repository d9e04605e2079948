"""Offline after the first visit: the service worker's copy of the site, Pyodide kept once used, and no stale
page after a rebuild. Each test serves its own copy of the built site and stops the server to go offline
(Playwright's offline switch alone does not reach a service worker's own requests)."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from course_site.offline import manifest, write_service_worker
from pyodide_quiz.model import load_quiz
from tests.browser.test_quiz_ui import open_quiz_page, run_code, section_of
from tests.conftest import ROOT, ensure_built_site, pages_using, serve

pytestmark = pytest.mark.service_worker

PYTHON_PAGE = "book/11-measuring.html"
PYTHON_QUIZ = "11-measuring"
OTHER_CHAPTER = "book/03-goals-tasks-bond.html"
THIRD_CHAPTER = "book/04-evidence.html"


def copy_site(target: Path) -> Path:
    """A copy of the built site that a test may edit (Pyodide linked, not copied: 13 MB)."""
    site = ensure_built_site()
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("pyodide"))
    (target / "_static" / "pyodide").symlink_to(site / "_static" / "pyodide", target_is_directory=True)
    return target


def wait_for_offline_copy(page) -> None:
    """Until the service worker is active, controls the page and has its whole precache."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    page.evaluate("navigator.serviceWorker.ready")


def wait_until(page, script: str, arg=None, timeout_s: float = 60, what: str = "") -> None:
    """Poll an async page function until it returns true (wait_for_function does not await promises)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting until {what or script}")
        page.wait_for_timeout(500)


def cache_entries(page) -> dict[str, list[str]]:
    return page.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => r.url);
        return out;
    }""")


def precached_urls(page) -> list[str]:
    return [url for name, urls in cache_entries(page).items() if "precache" in name for url in urls]


def wait_for_pyodide_kept(page, site: Path) -> None:
    """Until the Pyodide cache holds every Pyodide file whole (a cache lists an entry before its body is in)."""
    sizes = {p.name: p.stat().st_size for p in (site / "_static" / "pyodide").iterdir()}
    wait_until(page, """async (sizes) => {
        const name = (await caches.keys()).find((n) => n.includes('-pyodide-'));
        if (!name) return false;
        const cache = await caches.open(name);
        for (const [file, size] of Object.entries(sizes)) {
            const response = await cache.match(new URL('/_static/pyodide/' + file, location.href).href);
            if (!response || (await response.arrayBuffer()).byteLength !== size) return false;
        }
        return true;
    }""", sizes, timeout_s=90, what="the Pyodide cache holds every Pyodide file")


def answer_first_single_choice_correctly(page) -> None:
    """Pick the right option of the first single-choice question, using the key the page itself ships."""
    data = json.loads(page.locator("script.pq-data").first.text_content())
    question = next(q for q in data["questions"] if q["type"] == "single")
    box = page.locator(f'[data-question-id="{question["id"]}"]')
    box.locator(f'input[type=radio][value="{question["spec"]["correct"]}"]').check()
    box.locator(".pq-check").click()
    assert box.get_attribute("data-verdict") == "correct"


def test_a_chapter_never_opened_works_offline_with_its_quiz_and_python(page, tmp_path):
    site = copy_site(tmp_path / "site")
    with serve(site) as base:
        page.goto(f"{base}/{PYTHON_PAGE}")
        wait_for_offline_copy(page)
        # A first visit: Pyodide loaded before the worker controlled the page, and is kept all the same.
        wait_for_pyodide_kept(page, site)
        precached = precached_urls(page)
    assert any(url.startswith(f"{base}/{OTHER_CHAPTER}") for url in precached), precached[:5]

    page.context.set_offline(True)
    page.goto(f"{base}/{OTHER_CHAPTER}")
    assert "goals, tasks, bond" in page.title()
    page.wait_for_selector(".pq-quiz.pq-ready")
    answer_first_single_choice_correctly(page)

    # The chapter's python question, checked offline: the solution passes, in Pyodide from the cache.
    question = next(q for q in load_quiz(ROOT / "quizzes" / f"{PYTHON_QUIZ}.yml").questions if q.type == "python")
    section = section_of(PYTHON_QUIZ, question.id)
    open_quiz_page(page, f"{base}/{PYTHON_PAGE}")
    run_code(page, section, question.data["solution"])
    assert page.get_attribute(section, "data-verdict") == "correct", page.inner_text(f"{section} .pq-test-results")
    assert not page.watched.console_errors, page.watched.console_errors


def visit(page, base: str, site: Path, path: str) -> None:
    """Open a page; a redirect page (index.html) is followed to where it leads, so that its own navigation
    cannot interrupt the next one."""
    url = f"{base}/{path}"
    if 'http-equiv="Refresh"' in (site / path).read_text(encoding="utf-8"):
        with page.expect_navigation(url=lambda now: now != url, wait_until="load"):
            page.goto(url, wait_until="commit")
    else:
        page.goto(url, wait_until="load")


def test_every_page_works_online_through_the_worker_and_offline(page, tmp_path):
    site = copy_site(tmp_path / "site")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    failed = []  # a request cut short by the next navigation (net::ERR_ABORTED) is not a failure
    page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    with serve(site) as base:
        page.goto(f"{base}/book/intro.html")
        wait_for_offline_copy(page)
        for path in pages:  # online, every request now passes through the service worker
            visit(page, base, site, path)
        online_errors = list(page.watched.console_errors)
    assert not online_errors, online_errors
    assert not failed, failed

    page.context.set_offline(True)
    blank = []
    for path in pages:
        visit(page, base, site, path)
        if not page.locator("main, body").first.inner_text().strip():
            blank.append(path)
    assert not blank, blank
    assert not failed, failed
    assert not page.watched.console_errors, page.watched.console_errors[:5]
    assert not page.watched.outside_requests


def test_no_stale_page_after_a_rebuild(page, tmp_path):
    site = copy_site(tmp_path / "site")
    with serve(site) as base:
        page.goto(f"{base}/{OTHER_CHAPTER}")
        wait_for_offline_copy(page)
        old_worker = (site / "sw.js").read_text(encoding="utf-8")

        # "Rebuild": two pages change, and the build writes a new sw.js.
        for path, words in ((OTHER_CHAPTER, "Rebuilt goals page"), (THIRD_CHAPTER, "Rebuilt evidence page")):
            html = (site / path).read_text(encoding="utf-8")
            (site / path).write_text(html.replace("<main", f'<p id="rebuilt">{words}</p><main', 1), encoding="utf-8")
        write_service_worker(site)
        assert (site / "sw.js").read_text(encoding="utf-8") != old_worker
        revision = next(e["revision"] for e in manifest(site) if e["url"] == THIRD_CHAPTER)

        page.reload()
        assert page.locator("#rebuilt").inner_text() == "Rebuilt goals page"  # online: never the old copy
        # The new worker replaces the changed files of the offline copy.
        wait_until(page, """async (revision) => {
            const registration = await navigator.serviceWorker.getRegistration();
            await registration.update();
            for (const name of await caches.keys()) {
                const urls = (await (await caches.open(name)).keys()).map(r => r.url);
                if (urls.some(u => u.includes(revision))) return true;
            }
            return false;
        }""", revision, timeout_s=30, what="the offline copy has the rebuilt page")
        page.evaluate("navigator.serviceWorker.ready")

    page.context.set_offline(True)
    page.goto(f"{base}/{THIRD_CHAPTER}")
    assert page.locator("#rebuilt").inner_text() == "Rebuilt evidence page"
    page.goto(f"{base}/{OTHER_CHAPTER}")
    assert page.locator("#rebuilt").inner_text() == "Rebuilt goals page"


def test_the_offline_copy_holds_what_pages_use_and_not_pyodide():
    site = ensure_built_site()
    urls = {entry["url"] for entry in manifest(site)}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts}
    assert pages <= urls
    # Search (Pagefind, course_site/search.py): its runtime and every chunk of the index, so it works offline.
    search = {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json"} <= search <= urls
    assert {"_static/pq/loader.js", "_static/pq/python-worker.js", "_static/pq-graders/manifest.json"} <= urls
    assert not [url for url in urls if url.startswith("_static/pyodide/") or url.endswith(".map")]
    assert set(pages_using("exercise", r"exercises/(?P<name>[\w-]+)/?").values()) <= urls
