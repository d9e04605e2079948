"""The chapter list and the page's contents open on every width (issue: on phones the ☰ and Contents buttons
showed a tooltip and nothing else, because the theme bound its handlers to a hidden copy of each button).

Phone (375 px) and tablet (768 px) with touch: ☰ opens the chapter list as a drawer with the focus on the
current page, Escape and a tap outside close it and give the focus back, a chapter link leads to its chapter;
Contents opens the page's sections and following one closes the drawer. Desktop (1366 px): ☰ collapses and
restores the sidebar.
"""
from __future__ import annotations

import pytest

from tests.conftest import toc_pages

PAGE = "book/04-evidence.html"
OTHER_CHAPTER = toc_pages()[-4].removeprefix("book/")  # a chapter near the end of the list, far below the top
PRIMARY = "#pst-primary-sidebar-modal"
SECONDARY = "#pst-secondary-sidebar-modal"




def is_open(page, dialog: str) -> bool:
    return page.evaluate("(s) => document.querySelector(s).open", dialog)


def visible_button(page, kind: str):
    buttons = page.locator(f".{kind}-toggle:visible")
    assert buttons.count() == 1, f"{buttons.count()} visible {kind} toggles"
    return buttons.first


def tap(page, locator, touch: bool) -> None:
    locator.tap() if touch else locator.click()


@pytest.mark.parametrize("width", [375, 768])
def test_the_chapter_list_opens_closes_and_leads_to_a_chapter(open_at, width):
    page = open_at(width, PAGE)
    button = visible_button(page, "primary")
    assert button.get_attribute("aria-expanded") == "false"
    tap(page, button, True)
    assert is_open(page, PRIMARY)
    assert button.get_attribute("aria-expanded") == "true"
    link = page.locator(PRIMARY).locator(f"a[href='{OTHER_CHAPTER}']")
    assert link.is_visible() and link.bounding_box()["x"] >= 0
    # The focus is inside, on the page the student is reading.
    assert page.evaluate("(s) => document.querySelector(s).contains(document.activeElement)", PRIMARY)
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "The evidence"

    page.keyboard.press("Escape")
    assert not is_open(page, PRIMARY)
    assert page.evaluate("() => document.activeElement.classList.contains('primary-toggle')")
    # The sidebar's content went back where it was, so it opens again with the same links.
    tap(page, button, True)
    assert is_open(page, PRIMARY)
    page.mouse.click(width - 10, 400)  # the backdrop, outside the drawer
    assert not is_open(page, PRIMARY)

    tap(page, button, True)
    title = link.inner_text().strip()
    with page.expect_navigation():
        tap(page, link, True)
    assert page.url.endswith(f"book/{OTHER_CHAPTER}")
    assert page.locator("h1").first.inner_text().startswith(title)
    assert page.watched.console_errors == []


@pytest.mark.parametrize("width", [375, 768])
def test_the_contents_open_and_a_section_link_closes_them(open_at, width):
    page = open_at(width, PAGE)
    tap(page, visible_button(page, "secondary"), True)
    assert is_open(page, SECONDARY)
    section = page.locator(SECONDARY).locator("a[href^='#']").last
    assert section.is_visible()
    anchor = section.get_attribute("href")
    tap(page, section, True)
    assert not is_open(page, SECONDARY)
    assert page.url.endswith(anchor)
    assert page.watched.console_errors == []


def test_on_a_desktop_the_chapter_list_collapses_and_comes_back(open_at):
    page = open_at(1366, PAGE)
    sidebar = page.locator("#pst-primary-sidebar")
    link = sidebar.locator(f"a[href='{OTHER_CHAPTER}']")
    assert link.is_visible()
    button = visible_button(page, "primary")
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    page.wait_for_function("() => getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility "
                           "=== 'hidden'")
    assert not link.is_visible() and not is_open(page, PRIMARY)
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    page.wait_for_function("() => getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility "
                           "=== 'visible'")
    assert link.is_visible()
    # The page's contents are shown beside the article: no button is needed for them here.
    assert page.locator(".secondary-toggle:visible").count() == 0
    assert page.locator("#pst-secondary-sidebar a[href^='#']").last.is_visible()
    assert page.watched.console_errors == []


def test_on_a_phone_back_to_top_never_covers_a_quiz_button(open_at):
    """The theme shows "Back to top" while the reader scrolls up; in the middle of a phone screen it covered the
    quiz's buttons. Each button is brought near the bottom of the screen (where the pill appears) by scrolling
    up, which shows the pill, and a tap at the button's centre must reach the button."""
    page = open_at(375, PAGE)
    buttons = page.locator(".pq-quiz .pq-controls button:visible")
    assert buttons.count() >= 4
    back_to_top = page.locator("#pst-back-to-top")
    for index in range(buttons.count()):
        button = buttons.nth(index)
        for bottom_gap in (20, 40, 70):
            covered = page.evaluate("""async ([button, gap]) => {
                const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const box = () => button.getBoundingClientRect();
                window.scrollBy(0, box().bottom - (innerHeight - gap) + 60);
                await frame();
                window.scrollBy(0, -60);  // scrolling up is what shows the pill
                await new Promise(r => setTimeout(r, 150));
                const b = box();
                const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
                return button.contains(hit) ? null : (hit && (hit.id || hit.className || hit.tagName));
            }""", [button.element_handle(), bottom_gap])
            assert covered is None, f"{button.inner_text()!r} {bottom_gap} px above the bottom is covered by {covered!r}"
    assert back_to_top.is_visible(), "the theme did not show Back to top while scrolling up"
    box = back_to_top.bounding_box()
    assert box["width"] <= 48 and box["x"] + box["width"] > 375 - 32, box
    assert "Back to top" in back_to_top.inner_text()
