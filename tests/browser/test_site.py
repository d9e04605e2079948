"""The built site in Chromium, served from 127.0.0.1: every page loads clean and loads no font, search finds a page,
nothing scrolls sideways on a phone, and the theme's dark mode toggle works.

Every page is checked for errors in a fresh browser context (no localStorage, no cache): a first visit.
The phone-width walk shares one tab, whose cache keeps it quick.
"""
from __future__ import annotations

import re
import time

import pytest

from tests.conftest import ROOT, ensure_built_site, redirects, site_pages

PHONE_WIDTH = 375
# A word (searched by its stem, "consolid") that only the welcome page, book/intro.md, uses.
WELCOME_ONLY_WORD = "consolidate"


PAGES = site_pages(with_index=True)


def test_the_page_list_is_the_built_sites():
    """The tests' list of pages (read from _toc.yml) is every page the build wrote, so no page goes untested."""
    site = ensure_built_site()
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    assert built == sorted(PAGES + list(redirects()))


@pytest.mark.parametrize("old", sorted(redirects()))
def test_an_old_chapter_address_leads_to_the_chapter_and_its_section(page, site, old):
    new = redirects()[old]
    source = (ROOT / new.replace(".html", ".md")).read_text(encoding="utf-8")
    heading = re.search(r"^## (.+)$", source, re.MULTILINE).group(1)
    anchor = re.sub(r"[^\w\s-]", "", heading.lower()).strip().replace(" ", "-")
    page.goto(f"{site}/{old}#{anchor}")
    page.wait_for_url(f"{site}/{new}#{anchor}")
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.watched.console_errors == [] and page.watched.outside_requests == []


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


FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|#|$)", re.IGNORECASE)
# Elements and ::before/::after that draw a character in a Font Awesome family: such a character is an icon-font
# code point, which shows as an empty box or nothing now that no page declares the font (course.css draws the
# theme's icons as SVG masks instead).
ICON_FONT_GLYPHS = """() => {
    const out = [], iconFont = /awesome/i;
    const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim()
        ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    for (const element of document.querySelectorAll("body *")) {
        const style = getComputedStyle(element);
        const text = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join("").trim();
        if (text && iconFont.test(style.fontFamily) && style.display !== "none") out.push(`${name(element)}: ${text.slice(0, 20)}`);
        for (const pseudo of ["::before", "::after"]) {
            const p = getComputedStyle(element, pseudo);
            if (iconFont.test(p.fontFamily) && p.display !== "none" && !["none", "normal", '""'].includes(p.content)) {
                out.push(`${name(element)}${pseudo}: content ${p.content}`);
            }
        }
    }
    return out.slice(0, 10);
}"""


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_no_font_and_draws_no_icon_font_glyph(page, site, path):
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" or FONT_FILE.search(r.url) else None)
    open_page(page, site, path)
    page.keyboard.press("Control+k")  # the search dialog shows the theme's magnifier icon too
    page.wait_for_timeout(200)
    assert fonts == [], f"{path} requested fonts (the site needs none; icons are SVG masks in course.css): {fonts}"
    declared = page.evaluate("[...document.fonts].map((f) => `${f.family} ${f.weight} ${f.style}`)")
    assert declared == [], (f"{path} declares web fonts {declared}: any rule that names them would download them "
                            "(course_site/site_assets.py drops the theme's Font Awesome @font-face rules)")
    glyphs = page.evaluate(ICON_FONT_GLYPHS)
    assert glyphs == [], f"{path} draws icon-font characters, now blank; give them an SVG mask in course.css: {glyphs}"


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
    page.wait_for_selector("li.course-result .course-result-title a", timeout=15_000)
    links = page.eval_on_selector_all("li.course-result .course-result-title a", "links => links.map(a => a.href)")
    assert any(re.search(r"/book/intro\.html", link) for link in links), f"search for {WELCOME_ONLY_WORD!r}: {links}"
    assert page.watched.console_errors == []


# Search itself (Pagefind: by section, titles first, glossary entries, offline): tests/browser/test_search.py.


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
