"""Assigning a chapter: its time under the title ("reading ~12 min · quiz ~10 min · 5 exercises ~60 min"), counted
from what the page holds at the rates of course_site/timing.py, and a "copy link to this section" button on every
h2/h3 that copies the section's address, by mouse or keyboard, with a fallback.

The site is the one the suite tests everywhere (`make check`'s build, or COURSE_SITE).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, ensure_built_site, serve

CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]-*.md"))
CHAPTER = "book/07-ruptures-and-repair.html"
SUMMARY = re.compile(r"^reading ~(?P<reading>\d+) min(?: · quiz ~(?P<quiz>\d+) min)?"
                     r"(?: · (?P<exercises>\d+) exercises? ~(?P<exercise_minutes>\d+) min)?"
                     r"(?: · (?P<vignettes>\d+) vignettes? ~(?P<vignette_minutes>\d+) min)?"
                     r"(?: · (?P<transcripts>\d+) transcripts? ~(?P<transcript_minutes>\d+) min)?$")


@pytest.fixture(scope="module")
def built() -> Path:
    return ensure_built_site()


@pytest.fixture(scope="module")
def url(built):
    with serve(built) as base:
        yield base


@pytest.fixture
def clip_page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_time_under_the_title_counts_what_the_page_holds(clip_page, url, chapter):
    """The chapter's own pages (book/NN-slug/*.md: chapter 13's vignettes, say) count as part of it."""
    from course_site import timing

    counted: dict[str, int] = {}

    def count(selector: str) -> int:
        return counted[selector]

    selectors = (".pq-quiz .pq-question[data-type='python']", ".pq-quiz .pq-question", ".pq-exercise",
                 ".pq-vignette", ".pq-transcript")
    for own in sorted(p.relative_to(ROOT / "book").with_suffix(".html").as_posix()
                      for p in (ROOT / "book" / chapter).glob("*.md")):
        clip_page.goto(f"{url}/book/{own}")
        for selector in selectors:
            counted[selector] = counted.get(selector, 0) + clip_page.locator(selector).count()
    clip_page.goto(f"{url}/book/{chapter}.html")
    line = clip_page.locator("h1 + p.course-time")
    assert line.count() == 1, "the time comes right after the chapter's title"
    text = line.inner_text().strip()
    match = SUMMARY.match(text)
    assert match, text
    found = {key: int(value or 0) for key, value in match.groupdict().items()}
    for selector in selectors:
        counted[selector] = counted.get(selector, 0) + clip_page.locator(selector).count()
    python = count(".pq-quiz .pq-question[data-type='python']")
    plain = count(".pq-quiz .pq-question") - python
    assert found["quiz"] == plain * timing.MINUTES_PER_QUESTION + python * timing.MINUTES_PER_PYTHON_QUESTION
    assert found["exercises"] == count(".pq-exercise")
    assert found["exercise_minutes"] == found["exercises"] * timing.MINUTES_PER_EXERCISE
    assert found["vignettes"] == count(".pq-vignette")
    assert found["vignette_minutes"] == found["vignettes"] * timing.MINUTES_PER_VIGNETTE
    assert found["transcripts"] == count(".pq-transcript")
    assert found["transcript_minutes"] == found["transcripts"] * timing.MINUTES_PER_TRANSCRIPT
    assert clip_page.errors == []


def test_reading_time_is_the_prose_at_the_stated_rate(built):
    """A chapter of this course is some thousands of words of prose: 5 to 25 minutes at 200 words a minute."""
    found = re.search(r'<p class="course-time">reading ~(\d+) min', (built / CHAPTER).read_text(encoding="utf-8"))
    assert found and 5 <= int(found.group(1)) <= 25


def test_every_section_heading_has_a_named_copy_button(clip_page, url):
    clip_page.goto(f"{url}/{CHAPTER}")
    headings = clip_page.locator(".bd-article section > h2, .bd-article section > h3")
    assert headings.count() >= 10
    for index in range(headings.count()):
        heading = headings.nth(index)
        button = heading.locator("button.course-copy-link")
        assert button.count() == 1
        title = heading.evaluate("""(h) => { const c = h.cloneNode(true);
            c.querySelectorAll('.headerlink, .course-copy-link').forEach((e) => e.remove());
            return c.textContent.replace(/\\s+/g, ' ').trim(); }""")
        assert button.get_attribute("aria-label") == f"Copy link to this section: {title}"
    assert clip_page.get_by_role("button", name="Copy link to this section: Two kinds of rupture").count() == 1


def test_click_copies_the_section_url(clip_page, url):
    clip_page.goto(f"{url}/{CHAPTER}")
    clip_page.get_by_role("button", name="Copy link to this section: Two kinds of rupture").click()
    status = clip_page.locator("#course-copy-status")
    status.wait_for(state="attached")
    clip_page.wait_for_function("() => document.getElementById('course-copy-status').textContent.includes('Link copied')")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert clip_page.evaluate("navigator.clipboard.readText()") == f"{url}/{CHAPTER}#two-kinds-of-rupture"
    assert clip_page.errors == []


def test_keyboard_reaches_and_uses_the_button(clip_page, url):
    clip_page.goto(f"{url}/{CHAPTER}")
    heading = clip_page.locator("h2", has_text="Rating ruptures: the 3RS")
    # Start at the heading itself, then Tab forward as a keyboard user would (past the theme's "#" link).
    heading.evaluate("(h) => { h.tabIndex = -1; h.focus(); }")
    focused = None
    for _ in range(3):
        clip_page.keyboard.press("Tab")
        focused = clip_page.evaluate("document.activeElement.getAttribute('aria-label')")
        if focused and focused.startswith("Copy link"):
            break
    assert focused == "Copy link to this section: Rating ruptures: the 3RS"
    outline = clip_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused button shows a visible focus outline"
    clip_page.keyboard.press("Enter")
    clip_page.wait_for_function("() => document.getElementById('course-copy-status')?.textContent.includes('Link copied')")
    assert clip_page.evaluate("navigator.clipboard.readText()") == f"{url}/{CHAPTER}#rating-ruptures-the-3rs"
    clip_page.keyboard.press("Space")  # a second press works too
    clip_page.wait_for_timeout(200)
    assert clip_page.evaluate("navigator.clipboard.readText()") == f"{url}/{CHAPTER}#rating-ruptures-the-3rs"


def test_fallback_selects_the_url_when_the_clipboard_refuses(clip_page, url):
    clip_page.add_init_script("""navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));""")
    clip_page.goto(f"{url}/{CHAPTER}")
    clip_page.get_by_role("button", name="Copy link to this section: What the evidence says").click()
    box = clip_page.locator("input.course-copy-fallback")
    box.wait_for()
    assert box.input_value() == f"{url}/{CHAPTER}#what-the-evidence-says"
    assert clip_page.evaluate("document.activeElement.classList.contains('course-copy-fallback')")
    selected = clip_page.evaluate("(() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); })()")
    assert selected == f"{url}/{CHAPTER}#what-the-evidence-says"
    clip_page.wait_for_function("() => document.getElementById('course-copy-status').textContent.includes('press Control+C')")
    clip_page.keyboard.press("Escape")
    assert box.count() == 0
    assert clip_page.evaluate("document.activeElement.classList.contains('course-copy-link')")
