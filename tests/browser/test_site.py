"""The built site in Chromium, served from 127.0.0.1: every page loads clean, search works, nothing scrolls
sideways on a phone, and the theme's dark mode toggle works.

Every page is checked for errors in a fresh browser context (no localStorage, no cache): a first visit.
The phone-width walk shares one tab, whose cache keeps it quick.
"""
from __future__ import annotations

import re
import time

import pytest

from tests.conftest import ROOT, ensure_built_site

PHONE_WIDTH = 375
# A word (Sphinx indexes its stem, "consolid") that only the welcome page, book/intro.md, uses.
WELCOME_ONLY_WORD = "consolidate"


def built_pages() -> list[str]:
    site = ensure_built_site()
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)


PAGES = built_pages()


def open_page(page, site: str, path: str, quiet_ms: int = 750, limit_ms: int = 15_000) -> None:
    """Load a page, then wait until it has started no request for quiet_ms, so that late requests (lazy modules,
    fetches, Pyodide on exercise pages) are recorded too. Playwright's "networkidle" never comes on a page that
    compiles Pyodide's wasm: the streamed response is never reported finished."""
    if not hasattr(page, "last_request"):
        page.last_request = {"at": 0.0}
        page.on("request", lambda request: page.last_request.update(at=time.monotonic()))
    last = page.last_request
    page.goto(f"{site}/{path}", wait_until="load")
    started = time.monotonic()
    while time.monotonic() - started < limit_ms / 1000:
        if time.monotonic() - last["at"] >= quiet_ms / 1000:
            break
        page.wait_for_timeout(100)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_outside_requests(page, site, path):
    open_page(page, site, path)
    watched = page.watched
    assert watched.console_errors == [], f"{path}: console errors: {watched.console_errors}"
    assert watched.outside_requests == [], f"{path}: requests to other hosts: {watched.outside_requests}"
    assert watched.failed_requests == [], f"{path}: failed requests: {watched.failed_requests}"


# The elements that stick out past the right edge of the viewport and are not inside a scrolling box.
OVERFLOWING = """(width) => {
    const out = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 0.5) continue;
        let parent = element.parentElement, clipped = false;
        for (; parent && parent !== document.body; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== "visible") { clipped = true; break; }
        }
        if (clipped || getComputedStyle(element).position === "fixed") continue;
        out.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ends at ${Math.round(box.right)} px: `
                 + (element.textContent || "").trim().slice(0, 60));
    }
    return out.slice(0, 5);
}"""


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized tab for every page (its HTTP cache makes the walk through the site quick)."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_does_not_scroll_sideways_on_a_phone(phone, site, path):
    open_page(phone, site, path, quiet_ms=300)
    page = phone
    width = page.evaluate("document.documentElement.scrollWidth")
    culprits = page.evaluate(OVERFLOWING, PHONE_WIDTH) if width > PHONE_WIDTH else []
    assert width <= PHONE_WIDTH, f"{path} is {width} px wide at {PHONE_WIDTH} px; too wide: {culprits}"


def test_search_finds_the_welcome_page(page, site):
    stem = WELCOME_ONLY_WORD[:8]
    texts = [*ROOT.glob("book/**/*.md"), *ROOT.glob("quizzes/**/*.yml"), *ROOT.glob("exercises/**/*.md")]
    sources = [p for p in texts if stem in p.read_text(encoding="utf-8").lower()]
    assert [p.relative_to(ROOT).as_posix() for p in sources] == ["book/intro.md"], (
        f"the test needs a word only book/intro.md uses; {WELCOME_ONLY_WORD!r} is now in {sources}")
    open_page(page, site, f"search.html?q={WELCOME_ONLY_WORD}")
    page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
    links = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    assert any(re.search(r"/book/intro\.html", link) for link in links), f"search for {WELCOME_ONLY_WORD!r}: {links}"
    assert page.watched.console_errors == []


def test_dark_mode_toggle_switches_the_theme(page, site):
    page.emulate_media(color_scheme="light")
    open_page(page, site, "book/intro.html")
    theme = lambda: page.evaluate("document.documentElement.dataset.theme")  # noqa: E731
    assert theme() == "light"
    button = page.locator(".theme-switch-button:visible").first
    button.click()
    assert theme() == "dark"
    assert page.evaluate("localStorage.getItem('theme')") == "dark"
    page.reload(wait_until="load")
    assert theme() == "dark", "the chosen mode should survive a reload"
    page.locator(".theme-switch-button:visible").first.click()
    assert theme() == "light"
    assert page.watched.console_errors == []
