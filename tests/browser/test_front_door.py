"""The front door and the route through the course, at phone (375 px) and desktop (1366 px) widths.

- The home page starts chapter 1 in its first screen, lists the parts with their chapters and times, and shows
  "continue where you left off" only when this browser holds saved progress, leading to the last activity.
- Reading order is welcome -> chapter 1 -> chapter 2 ...: "Next" on the home page is chapter 1.
- The course map links every chapter, with its time, its activities (each link lands on the activity) and its
  objectives; every time is the same number as under the chapter's own title.
"""
from __future__ import annotations

import json
import re

import pytest

from tests.browser.course_pages import TIME_LINE, chapters, parts, title
from tests.conftest import run_axe

WIDTHS = [375, 1366]
HOME = "book/intro.html"
MAP = "book/course-map.html"




def chapter_time(page, site: str, chapter: str) -> str:
    page.goto(f"{site}/{chapter}", wait_until="load")
    return page.locator("h1 + p.course-time").inner_text().strip()


@pytest.fixture(scope="module")
def header_times(browser, site) -> dict[str, str]:
    """The time under each chapter's own title: what every list must repeat."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    times = {chapter: chapter_time(page, site, chapter) for chapter in chapters()}
    context.close()
    return times


def test_every_chapter_has_its_time_under_its_title(header_times):
    assert set(header_times) == set(chapters()) and len(chapters()) >= 2
    for chapter, line in header_times.items():
        assert TIME_LINE.match(line), f"{chapter}: {line!r}"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_page_starts_chapter_one_in_its_first_screen(open_at, site, width):
    page = open_at(width, HOME)
    start = page.locator("a.course-start-link")
    first = chapters()[0]
    assert start.inner_text().strip() == f"Start with chapter 1: {title(first)}"
    box = start.bounding_box()
    assert box["y"] + box["height"] <= 800, "the start link is in the first screen"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.locator(".course-continue").is_hidden(), "nothing saved yet: no 'continue'"
    start.tap() if width < 992 else start.click()
    page.wait_for_url(f"{site}/{first}")
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_home_page_lists_the_parts_with_their_chapters_and_times(open_at, width, header_times):
    page = open_at(width, HOME)
    captions = page.locator(".course-parts .course-part-title").all_inner_texts()
    assert [c.strip() for c in captions] == [caption for caption, _ in parts()]
    items = page.locator(".course-parts ol.course-chapter-list > li")
    assert items.count() == len(chapters())
    for index, chapter in enumerate(chapters()):
        item = items.nth(index)
        link = item.locator("a")
        assert link.get_attribute("href") == chapter.removeprefix("book/")
        assert link.inner_text().strip() == title(chapter)
        assert item.locator("p.course-time").inner_text().strip() == header_times[chapter]
    # The numbers run on across parts: the first chapter of the second part is numbered after the first part's.
    starts = page.eval_on_selector_all(".course-parts ol.course-chapter-list", "lists => lists.map(l => l.start)")
    assert starts == [1 + sum(len(c) for _, c in parts()[:i]) for i in range(len(parts()))]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_next_leads_from_the_welcome_page_to_chapter_one_and_on(page, site):
    page.goto(f"{site}/{HOME}")
    assert page.locator("a.right-next").get_attribute("href") == chapters()[0].removeprefix("book/")
    page.goto(f"{site}/{chapters()[0]}")
    assert page.locator("a.left-prev").get_attribute("href") == "intro.html"
    assert page.locator("a.right-next").get_attribute("href") == chapters()[1].removeprefix("book/")


@pytest.mark.parametrize("width", WIDTHS)
def test_continue_where_you_left_off_leads_to_the_last_activity(open_at, site, width):
    page = open_at(width, HOME)
    catalogue = json.loads(page.locator(".course-front-door script.course-data").text_content())["chapters"]
    # Two saved answers: an older one in the first chapter, the latest in a later chapter's first activity.
    later = next(c for c in catalogue[2:] if c["activities"])
    earlier = next(c for c in catalogue if c["activities"])
    saved = {"version": 1, "entries": {
        earlier["activities"][0]["key"]: {"items": {"a": {"hash": "x", "answer": 1, "verdict": "correct",
                                                           "at": "2026-01-01T10:00:00.000Z"}}},
        later["activities"][0]["key"]: {"items": {"b": {"hash": "x", "answer": 1, "verdict": "wrong",
                                                         "at": "2026-01-02T10:00:00.000Z"}}}}}
    page.evaluate("(s) => localStorage.setItem('pyodide-quiz:progress', JSON.stringify(s))", saved)
    page.reload(wait_until="load")
    box = page.locator(".course-continue")
    box.wait_for(state="visible")
    link = box.locator("a.course-continue-link")
    assert link.inner_text().strip() == f"Chapter {later['number']}: {later['title']}"
    assert later["activities"][0]["title"] in box.inner_text()
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= width
    link.tap() if width < 992 else link.click()
    page.wait_for_url(re.compile(re.escape(later["activities"][0]["url"].split("#")[0]) + "#"))
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1, "the link lands on the activity"
    assert page.errors == []


def test_garbage_in_storage_leaves_the_home_page_working(open_at):
    page = open_at(1366, HOME)
    page.evaluate("localStorage.setItem('pyodide-quiz:progress', '{not json')")
    page.reload(wait_until="load")
    assert page.locator(".course-continue").is_hidden()
    assert page.locator("a.course-start-link").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_course_map_links_every_chapter_with_its_time_and_activities(open_at, site, width, header_times):
    page = open_at(width, MAP)
    titles = page.locator(".course-map-chapter h3 a")
    assert titles.count() == len(chapters())
    activity_links = []
    for index, chapter in enumerate(chapters()):
        block = page.locator(".course-map-chapter").nth(index)
        link = block.locator("h3 a")
        assert link.inner_text().strip() == f"{index + 1}. {title(chapter)}"
        assert link.get_attribute("href") == chapter.removeprefix("book/")
        time = block.locator("p.course-time").inner_text().strip()
        assert time.startswith(header_times[chapter] + " · about "), (chapter, time, header_times[chapter])
        objectives = block.locator("ul").last.locator("li")
        assert objectives.count() >= 1
        activity_links += block.locator("ul").first.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert activity_links, "the chapters' quizzes, exercises and vignettes are listed"
    # Every activity link lands on an element of its chapter page.
    for url in activity_links:
        page.goto(url, wait_until="domcontentloaded")
        anchor = url.split("#", 1)[1]
        assert page.locator(f"[id='{anchor}']").count() == 1, url
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("path", [HOME, MAP])
def test_no_accessibility_violations(open_at, path):
    page = open_at(375, path)
    assert run_axe(page) == []
