"""The trimmed stylesheets (course_site/trim_css.py) change nothing a reader sees: each page, screenshotted with
the site's trimmed stylesheets and again with the untrimmed ones the build keeps beside the site
(<site>/../untrimmed-css), is the same pixel for pixel, in light and dark mode, at desktop and at phone width.

How, affordably (one tab, one load per page): the page is screenshotted with the trimmed files, then each trimmed
stylesheet is swapped in place for its untrimmed version (same address plus `untrimmed=1`, answered by page.route
from the kept copies, so relative url()s still resolve and the cascade order is unchanged) and screenshotted
again. The views: the first screen at 1280 px and at 390 px (a phone's width; the trimming never judges media
features such as touch, so width is what matters), each in light and dark mode. One page of each kind (FULL_PAGE)
gets all four, and its whole page (light, 1280 px): a whole-page screenshot takes seconds on a long chapter.
Every other page gets one view, the four taking turns in the pages' order, so each view is seen on a quarter of
the pages: a rule is kept or dropped for the whole site (never per page or per view), so what a view could miss
is a rule only that view shows, and the pages of each kind show it in all four.
Equality: both screenshots come from the same tab in the same renderer, so they are almost always the same bytes.
The one tolerance: Chromium's software rasteriser, repainting a region on a busy machine, may shade a few
anti-aliased pixels of a rounded corner differently (seen: 20 pixels at most 2 levels apart; 6 pixels at most 16
levels apart, each on one page in one run of three). So pixels within MAX_LEVELS per channel count as equal, and
up to MAX_PIXELS others are let pass; a style difference moves edges, changes colours or text, far beyond that.
Motion is reduced and animations are stopped, so no transition is caught half-way.
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from tests.conftest import SITE, site_pages

PAGES = site_pages()
# One page of each kind of markup: a chapter with a quiz, a figure and citations, coded transcripts and a
# vignette. (The chapter with exercises, 30,000 px tall, takes Chromium two minutes to capture whole.)
FULL_PAGE = ("book/04-evidence.html", "book/07-ruptures-and-repair/coding-practice.html",
             "book/13-vignettes/first-session-distrust.html")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 800}
VIEWS = (("desktop", "light"), ("phone", "dark"), ("desktop", "dark"), ("phone", "light"))
UNTRIMMED = SITE.parent / "untrimmed-css"
# Widgets drawn, and a page's Python start-up over: Pyodide is refused in these tests, so the line that tells how
# Python is doing ends at "could not start" instead of changing while the screenshots are taken.
SETTLED = """() => [...document.querySelectorAll('.pq-quiz, .pq-exercise, .pq-vignette, .pq-transcript')]
                      .every((w) => w.classList.contains('pq-ready'))
    && [...document.querySelectorAll('.pq-python-state')].every((s) => s.querySelector('.pq-python-failed'))"""
SET_MODE = """(mode) => {
    document.documentElement.dataset.theme = mode;
    document.documentElement.dataset.mode = mode;
}"""
# Each trimmed stylesheet's <link> gets a twin with the other version right after it; once every twin has loaded
# the old links go, so the cascade order stays the one the page was built with.
SWAP = """async ([trimmed, untrimmed]) => {
    const links = [...document.querySelectorAll('link[rel="stylesheet"]')].filter((link) =>
        trimmed.includes(new URL(link.href).pathname.replace(/^\\//, '')));
    await Promise.all(links.map((link) => new Promise((resolve, reject) => {
        const twin = link.cloneNode();
        const url = new URL(link.href);
        if (untrimmed) url.searchParams.set('untrimmed', '1'); else url.searchParams.delete('untrimmed');
        twin.href = url.href;
        twin.onload = resolve;
        twin.onerror = () => reject(new Error('could not load ' + twin.href));
        link.after(twin);
    })));
    links.forEach((link) => link.remove());
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return links.length;
}"""
MAX_LEVELS, MAX_PIXELS = 2, 32
# Both screenshots decoded on a blank page (no site policy applies there): how many pixels differ by more than
# MAX_LEVELS in a colour channel, and where, when more than MAX_PIXELS do.
PIXEL_DIFFERENCE = """async ([a, b, tolerance, maxPixels]) => {
    const load = (data) => new Promise((resolve, reject) => {
        const image = new Image();
        image.onload = () => resolve(image);
        image.onerror = reject;
        image.src = 'data:image/png;base64,' + data;
    });
    const pixels = (image) => {
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
    };
    const [x, y] = await Promise.all([load(a), load(b)]);
    if (x.width !== y.width || x.height !== y.height) return `sizes differ: ${x.width}x${x.height}, ${y.width}x${y.height}`;
    const p = pixels(x), q = pixels(y);
    let count = 0, top = Infinity, bottom = -1;
    for (let i = 0; i < p.length; i += 4) {
        if (Math.abs(p[i] - q[i]) > tolerance || Math.abs(p[i + 1] - q[i + 1]) > tolerance
            || Math.abs(p[i + 2] - q[i + 2]) > tolerance || Math.abs(p[i + 3] - q[i + 3]) > tolerance) {
            const row = Math.floor(i / 4 / x.width);
            count += 1;
            top = Math.min(top, row);
            bottom = Math.max(bottom, row);
        }
    }
    return count > maxPixels ? `${count} pixels differ, between y = ${top} and ${bottom}` : '';
}"""
IMPORT = re.compile(r"""(@import\s+(?:url\(\s*)?["']?)([^"')\s]+?)(["')])""")


def trimmed_files() -> list[str]:
    listing = UNTRIMMED / "trimmed.json"
    if not listing.is_file():
        pytest.fail(f"{listing} is missing: the site in {SITE} was built without course_site/trim_css.py's step "
                    "(course_trim_css: false?) or by an older build")
    return [row["file"] for row in json.loads(listing.read_text(encoding="utf-8"))]


def serve_untrimmed(route):
    """The untrimmed copy of a stylesheet; the stylesheets it imports are asked for untrimmed too."""
    path = re.sub(r"^https?://[^/]+/", "", route.request.url).split("?")[0]
    css = (UNTRIMMED / path).read_text(encoding="utf-8")
    css = IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}{'&' if '?' in m.group(2) else '?'}untrimmed=1{m.group(3)}",
                     css)
    route.fulfill(status=200, content_type="text/css", body=css)


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce", service_workers="block")
    context.route(re.compile(r"[?&]untrimmed=1"), serve_untrimmed)
    context.route("**/_static/pyodide/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.in_flight = set()
    page.on("request", lambda request: page.in_flight.add(request))
    page.on("requestfinished", lambda request: page.in_flight.discard(request))
    page.on("requestfailed", lambda request: page.in_flight.discard(request))
    yield page
    context.close()


def quiet(page, limit_ms: int = 10_000) -> None:
    """Wait until no request is in flight: a swapped stylesheet's images (the icons' masks) load anew, as
    page.route turns the HTTP cache off, and a screenshot taken before they arrive would lack them."""
    waited = 0
    while page.in_flight and waited < limit_ms:
        page.wait_for_timeout(25)
        waited += 25
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")


def pixel_difference(tab, before: bytes, after: bytes) -> str:
    """'' when the two PNG screenshots agree (see MAX_LEVELS, MAX_PIXELS), else what differs."""
    blank = tab.context.new_page()
    try:
        return blank.evaluate(PIXEL_DIFFERENCE, [base64.b64encode(before).decode(), base64.b64encode(after).decode(),
                                                 MAX_LEVELS, MAX_PIXELS])
    finally:
        blank.close()


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("trimmed-css-shots")


def shoot(page, mode: str, full: bool = False) -> bytes:
    """The screen (or the whole page) in that colour mode, once it has stopped changing: the icons are CSS masks
    whose images load when a mode or a stylesheet first asks for them, a moment after the first paint."""
    page.evaluate(SET_MODE, mode)
    if full:  # after the same view's first screen, whose images are loaded; ~20,000 px tall: seconds to capture
        return page.screenshot(full_page=True, animations="disabled", caret="hide", timeout=120_000)
    shot = page.screenshot(animations="disabled", caret="hide")
    for _ in range(5):
        quiet(page)
        again = page.screenshot(animations="disabled", caret="hide")
        if again == shot:
            break
        shot = again
    return shot


def compare(page, views: list[tuple[str, bool]], untrimmed_first: bool) -> dict:
    """{view: (untrimmed shot, trimmed shot)} for each (mode, whole page?) view, swapping the stylesheets once."""
    first = {view: shoot(page, *view) for view in views}
    assert page.evaluate(SWAP, [trimmed_files(), untrimmed_first is False]) > 0, "the page links no trimmed stylesheet"
    quiet(page)
    second = {view: shoot(page, *view) for view in reversed(views)}
    return {view: (first[view], second[view]) if untrimmed_first else (second[view], first[view]) for view in views}


def views_of(path: str) -> list[tuple[str, str]]:
    """(width, mode) views of a page: all four for a page of FULL_PAGE, else one, by turns."""
    if path in FULL_PAGE:
        return list(VIEWS)
    others = [p for p in PAGES if p not in FULL_PAGE]
    return [VIEWS[others.index(path) % len(VIEWS)]]


@pytest.mark.parametrize("path", PAGES)
def test_trimming_changes_no_pixel_in_light_or_dark_mode_at_desktop_and_phone_width(tab, site, path, shots_dir):
    views = views_of(path)
    desktop = [(mode, False) for width, mode in views if width == "desktop"]
    phone = [(mode, False) for width, mode in views if width == "phone"]
    desktop += [("light", True)] if path in FULL_PAGE else []
    tab.set_viewport_size(DESKTOP if desktop else PHONE)
    tab.goto(f"{site}/{path}", wait_until="load")
    tab.wait_for_function(SETTLED)
    tab.evaluate("document.fonts.ready.then(() => true)")
    # A field focused by a page's script (the search page's) draws its focus ring a moment later: no focus.
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    quiet(tab)
    shots = {}
    if desktop:
        shots |= {("desktop", *view): pair for view, pair in compare(tab, desktop, untrimmed_first=False).items()}
    if phone:
        if desktop:
            tab.set_viewport_size(PHONE)
            quiet(tab)
        # Untrimmed first when the stylesheets were already swapped for the desktop views (one swap per width).
        shots |= {("phone", *view): pair for view, pair in compare(tab, phone, untrimmed_first=bool(desktop)).items()}
    found = []
    for (width, mode, full), (before, after) in shots.items():
        if before != after and (difference := pixel_difference(tab, before, after)):
            name = f"{path.replace('/', '_')}-{width}-{mode}{'-whole' if full else ''}"
            (shots_dir / f"{name}-untrimmed.png").write_bytes(before)
            (shots_dir / f"{name}-trimmed.png").write_bytes(after)
            found.append(f"{path} ({width}, {mode} mode{', whole page' if full else ''}) looks different trimmed "
                         f"({difference}): compare {shots_dir / name}-untrimmed.png with -trimmed.png")
    assert not found, "\n".join(found)


def test_the_untrimmed_copies_are_kept_beside_the_site_and_never_shipped():
    files = trimmed_files()
    assert "_static/styles/pydata-sphinx-theme.course.css" in files
    for name in files:
        kept, shipped = UNTRIMMED / name, SITE / name
        assert kept.is_file() and shipped.is_file(), name
        assert shipped.stat().st_size <= kept.stat().st_size, name
    assert not (SITE / "untrimmed-css").exists()


def test_every_page_of_a_kind_compared_whole_is_a_page_of_the_site():
    assert set(FULL_PAGE) <= set(PAGES)


def test_each_view_is_taken_on_a_quarter_of_the_pages_and_every_view_on_each_kind():
    seen = [view for path in PAGES for view in views_of(path)]
    assert all(seen.count(view) >= (len(PAGES) - len(FULL_PAGE)) // len(VIEWS) + len(FULL_PAGE) for view in VIEWS)
    assert all(views_of(path) == list(VIEWS) for path in FULL_PAGE)
