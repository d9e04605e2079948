"""course_site/static/theme-widgets.js does what the theme's bootstrap.js did on these pages, no worse for the
keyboard and screen readers: tooltips (hover, keyboard focus, Escape, aria-describedby), the "source
repositories" dropdown (click, arrow keys, Escape gives the focus back, a click outside closes it, on the screen at
phone width) and `window.bootstrap.Tooltip` for the theme's own script. And every page links only the engine
stylesheets its widgets use, and no page loads bootstrap.js.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import ensure_built_site, site_pages

CHAPTER = "book/04-evidence.html"
TOGGLE = ".dropdown-source-buttons .dropdown-toggle"
MENU = ".dropdown-source-buttons .dropdown-menu"
STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="(?:\.\./)*_static/(pq/[\w-]+\.css)')
WIDGET_STYLESHEETS = {"pq/vignette.css": "pq-vignette", "pq/transcript.css": "pq-transcript",
                      "pq/exercise.css": "pq-exercise"}


@pytest.fixture(scope="module")
def tab(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.goto(f"{site}/{CHAPTER}", wait_until="load")
    yield page
    context.close()


def test_no_page_loads_bootstrap_js_and_the_site_ships_none():
    site = ensure_built_site()
    for name in site_pages(with_index=True):
        assert "bootstrap.js" not in (site / name).read_text(encoding="utf-8"), name
    assert not (site / "_static" / "scripts" / "bootstrap.js").exists()


def test_each_page_links_only_the_engine_stylesheets_its_widgets_use():
    site = ensure_built_site()
    seen = set()
    for name in site_pages():
        text = (site / name).read_text(encoding="utf-8")
        linked = set(STYLESHEET.findall(text))
        assert "pq/quiz.css" in linked, name
        for stylesheet, widget in WIDGET_STYLESHEETS.items():
            uses = bool(re.search(rf'class="(?:[^"]*\s)?{widget}[\s"]', text))
            if uses:
                assert stylesheet in linked, f"{name} has a {widget} but does not link {stylesheet}"
                seen.add(stylesheet)
        if not re.search(r'class="(?:[^"]*\s)?pq-(?:vignette|practice|transcript|exercise)|data-type="python"', text):
            assert linked == {"pq/quiz.css"}, f"{name} links {sorted(linked)} without the widgets"
    assert seen == set(WIDGET_STYLESHEETS)  # each widget is somewhere in the course


def test_a_tooltip_shows_on_hover_and_on_keyboard_focus_and_escape_hides_it(tab):
    assert tab.evaluate("typeof window.bootstrap.Tooltip === 'function'")
    field = tab.locator(".search-button-field").first
    field.hover()
    tooltip = tab.locator(".tooltip[role=tooltip]")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Search"
    assert field.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    assert field.get_attribute("title") is None  # no second, native tooltip
    tab.mouse.move(600, 600)
    tooltip.wait_for(state="detached")
    assert field.get_attribute("aria-describedby") is None

    switch = tab.locator(".theme-switch-button")
    switch.focus()  # by script: not keyboard focus, no tooltip
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")  # keyboard focus: at once
    assert tab.evaluate("document.activeElement.classList.contains('theme-switch-button')")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Color mode"
    tab.keyboard.press("Escape")
    tooltip.wait_for(state="detached")
    assert tab.errors == []


def test_the_theme_script_can_build_and_drive_a_tooltip(tab):
    shown = tab.evaluate("""() => {
        const button = document.querySelector('.theme-switch-button');
        const tooltip = new window.bootstrap.Tooltip(button, {title: 'Expand', trigger: 'manual', placement: 'left'});
        tooltip.show();
        const text = document.querySelector('.tooltip.bs-tooltip-start, .tooltip.bs-tooltip-end')?.textContent;
        tooltip.hide();
        tooltip.dispose();
        return [text, document.querySelectorAll('.tooltip').length];
    }""")
    assert shown == ["Expand", 0]


def test_the_source_dropdown_opens_by_click_and_keyboard_and_closes_with_escape_or_outside(tab):
    toggle = tab.locator(TOGGLE)
    menu = tab.locator(MENU)
    toggle.click()
    tab.mouse.move(600, 600)  # the theme's CSS also shows the menu while the pointer is over the button
    menu.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    tab.keyboard.press("ArrowDown")
    first = menu.locator("a").first
    assert tab.evaluate("(m) => document.activeElement === m", first.element_handle())
    tab.keyboard.press("Escape")
    menu.wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert tab.evaluate("document.activeElement.classList.contains('dropdown-toggle')")

    toggle.press("ArrowDown")  # opens from the keyboard too, on its first item
    menu.wait_for(state="visible")
    tab.mouse.click(5, 5)  # outside the menu: the header's corner, no link there
    menu.wait_for(state="hidden")

    tab.set_viewport_size({"width": 390, "height": 800})
    try:
        toggle.click()
        menu.wait_for(state="visible")
        box = menu.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        toggle.click()
        tab.mouse.move(10, 700)
        menu.wait_for(state="hidden")
    finally:
        tab.set_viewport_size({"width": 1280, "height": 900})
    assert tab.errors == []
