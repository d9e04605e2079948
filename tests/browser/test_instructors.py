"""The instructors' section of the site, at phone (375 px) and desktop (1366 px) widths.

- "For instructors" says plainly that the answer keys are public and that graded use belongs in the LMS, and
  lists every chapter with its time, its teaching page and its quiz as GIFT and QTI files that download.
- The LMS files on the site are exactly what scripts/export writes (the exporter `make export` runs and
  tests/unit/test_export.py tests).
- A chapter's teaching page starts with how to assign it (objectives, time, a link to each activity that lands
  on it), then the notes, then the answer key with its item map; "Print the answer keys only" prints the keys.
- Role-play cards: three cards per vignette, each on its own printed sheet; one vignette's cards print alone.
- The present view: large type, the replies hidden until a click, feedback and meters after a choice, Escape
  leaves.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from pyodide_quiz.model.vignette import effect_words
from tests.browser.course_pages import TIME_LINE, chapters, source, teaching_page, title
from tests.conftest import ROOT, ensure_built_site, run_axe, toc_pages

WIDTHS = [375, 1366]
INSTRUCTORS = "book/instructors.html"
CARDS = "book/role-play-cards.html"
PRESENT = "book/present-a-vignette.html"
DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?P<name>quiz|vignette)\}\s*(?P<argument>\S+)\s*$", re.MULTILINE)


def uses(directive: str, pages: list[str] | None = None) -> list[tuple[str, str]]:
    """(page, file) for every quiz or vignette on `pages` (the chapters unless given), in reading order."""
    return [(chapter, m.group("argument")) for chapter in (pages or chapters())
            for m in DIRECTIVE.finditer(source(chapter)) if m.group("name") == directive]


def vignettes() -> list[str]:
    seen = []
    for _, argument in uses("vignette", toc_pages()):  # chapter 13's are on pages of their own
        if argument not in seen:
            seen.append(argument)
    return seen




@pytest.mark.parametrize("width", WIDTHS)
def test_the_instructors_page_says_the_keys_are_public_and_lists_every_chapter(open_at, site, width):
    page = open_at(width, INSTRUCTORS)
    text = page.locator("article").inner_text()
    assert "The answer keys are public." in text
    assert "For graded use, import the quizzes into your learning management system" in text
    items = page.locator("ul.course-overview-list > li")
    assert items.count() == len(chapters())
    for index, chapter in enumerate(chapters()):
        item = items.nth(index)
        assert item.locator("a").first.inner_text().strip() == f"{index + 1}. {title(chapter)}"
        assert TIME_LINE.match(item.locator("p.course-time").inner_text().strip().split(" · about ")[0])
        notes = item.locator("a", has_text=f"Notes and answer keys for chapter {index + 1}")
        assert notes.get_attribute("href") == teaching_page(chapter).removeprefix("book/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == [] and page.outside == []


def test_every_quiz_file_downloads_for_moodle_and_canvas(open_at, site):
    page = open_at(1366, INSTRUCTORS)
    links = page.eval_on_selector_all("a.course-lms", "as => as.map(a => a.href)")
    quizzes = {Path(argument).stem for _, argument in uses("quiz")}
    assert {re.sub(r"\.(gift|qti\.zip)$", "", url.rsplit("/", 1)[1]) for url in links} == quizzes
    for url in links:
        with urllib.request.urlopen(url) as response:
            body = response.read()
            assert response.status == 200 and body
            assert body[:2] == b"PK" if url.endswith(".zip") else b"::" in body


def test_the_sites_lms_files_are_what_scripts_export_writes(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "export"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    site = ensure_built_site() / "lms"
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    built = {p.name: p.read_bytes() for p in site.iterdir()}
    assert built == fresh and len(built) == 2 * len(list((ROOT / "quizzes").glob("*.yml")))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_teaching_page_starts_with_how_to_assign_the_chapter(open_at, site, width):
    chapter = next(c for c, _ in uses("quiz"))
    page = open_at(width, teaching_page(chapter))
    first = page.locator("article section > section > h2").first
    assert first.inner_text().strip().startswith("Assigning this chapter")
    guide = first.locator("xpath=..")
    link = guide.locator("p.course-guide-chapter a")
    assert link.inner_text().strip() == title(chapter)
    time = guide.locator("p.course-time").inner_text().strip()
    objectives = guide.locator("ul").first.locator("li").count()
    hrefs = guide.locator("ul").nth(1).locator("a").evaluate_all(
        "as => as.map(a => a.href).filter(h => h.includes('.html#'))")
    text = guide.inner_text()
    assert "students can read these answer keys too" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The same time as under the chapter's title, and the chapter's own objectives.
    page.goto(f"{site}/{chapter}")
    assert time.startswith(page.locator("h1 + p.course-time").inner_text().strip() + " · about ")
    assert objectives == page.locator(".pq-objectives li").count()
    for url in hrefs:
        page.goto(url, wait_until="domcontentloaded")
        assert page.locator(f"[id='{url.split('#', 1)[1]}']").count() == 1, url
    assert hrefs


def test_a_teaching_page_has_the_notes_and_every_questions_key(page, site):
    for chapter, argument in uses("quiz"):
        page.goto(f"{site}/{teaching_page(chapter)}")
        text = page.locator("article").inner_text()
        notes = (ROOT / teaching_page(chapter).replace(".html", ".md")).read_text(encoding="utf-8")
        for heading in re.findall(r"^## (.+)$", notes, re.MULTILINE):
            assert heading in text, f"{chapter}: the notes' section {heading!r}"
        assert "Item map" in text
        questions = yaml.safe_load((ROOT / argument).read_text(encoding="utf-8"))["questions"]
        key = page.locator("section.course-key").filter(has=page.locator("h2", has_text="Answer key:"))
        table = key.locator("table").first.inner_text()
        for question in questions:
            assert question["id"] in table, f"{argument}: {question['id']} is not in the item map"


def test_print_the_answer_keys_only(open_at):
    chapter = next(c for c, _ in uses("quiz"))
    page = open_at(1366, teaching_page(chapter))
    # What would print: the page with print styles, at the moment the browser's print starts.
    page.evaluate("""() => { window.printed = []; window.print = () => window.printed.push(
        [...document.querySelectorAll('article h2')].filter(h => !h.closest('[data-course-print-hide]'))
          .map(h => h.textContent.replace('#', '').trim())); }""")
    page.get_by_role("button", name="Print the answer keys only").click()
    printed = page.evaluate("window.printed")[0]
    assert printed and all(not h.startswith(("Assigning", "Suggested timing", "Discussion")) for h in printed), printed
    assert any(h.startswith("Answer key") for h in printed)
    assert page.locator("[data-course-print-hide]").count() == 0, "everything is shown again after printing"
    # In print, what is marked is not shown; nor are the buttons, the navigation and the header.
    page.evaluate("document.querySelector('article section > section').setAttribute('data-course-print-hide', '')")
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all("[data-course-print-hide], .course-print-buttons, .bd-sidebar-primary",
                                      "es => es.map(e => getComputedStyle(e).display)")
    assert set(shown) == {"none"}


@pytest.mark.parametrize("width", WIDTHS)
def test_role_play_cards_three_per_vignette_each_on_its_own_sheet(open_at, width):
    page = open_at(width, CARDS)
    names = [yaml.safe_load((ROOT / v).read_text(encoding="utf-8"))["client"]["name"] for v in vignettes()]
    sections = page.locator("article section > section")
    assert sections.count() == len(names)
    for index, name in enumerate(names):
        cards = sections.nth(index).locator(".course-card h3")
        assert cards.all_inner_texts() == [f"Client card: {name}", f"Therapist card: {name}",
                                           f"Observer checklist: {name}"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(".course-card", "cs => cs.map(c => getComputedStyle(c).breakBefore)")
    assert set(breaks) == {"page"}
    hidden = page.eval_on_selector_all(".course-print-buttons, .bd-sidebar-primary, .bd-header",
                                       "es => es.map(e => getComputedStyle(e).display)")
    assert set(hidden) == {"none"}


def test_one_vignettes_cards_print_alone(open_at):
    page = open_at(1366, CARDS)
    page.evaluate("""() => { window.printed = []; window.print = () => window.printed.push(
        [...document.querySelectorAll('.course-card h3')].filter(h => !h.closest('[data-course-print-hide]'))
          .map(h => h.textContent.trim())); }""")
    name = yaml.safe_load((ROOT / vignettes()[-1]).read_text(encoding="utf-8"))["client"]["name"]
    page.get_by_role("button", name=f"Print the three cards for {name}").click()
    assert page.evaluate("window.printed") == [[f"Client card: {name}", f"Therapist card: {name}",
                                                f"Observer checklist: {name}"]]
    assert page.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_present_a_vignette_reveals_the_replies_on_a_click(open_at, width):
    page = open_at(width, PRESENT)
    argument = vignettes()[0]
    story = yaml.safe_load((ROOT / argument).read_text(encoding="utf-8"))
    box = page.locator(f".course-present[data-vignette='{Path(argument).stem}']")
    start = box.locator("button.course-present-start")
    start.tap() if width < 992 else start.click()
    stage = page.locator("dialog.course-stage[open]")
    stage.wait_for()
    size = float(stage.evaluate("d => getComputedStyle(d).fontSize").removesuffix("px"))
    assert size >= (20 if width < 992 else 28), f"large type: {size}px"
    assert page.evaluate("document.activeElement.classList.contains('course-stage-title')")
    meters = stage.locator(".course-stage-meters").inner_text()
    start_meters = story.get("meters", {}).get("start", {"goal": 5, "task": 5, "bond": 5})
    assert meters.startswith(" · ".join(f"{k.capitalize()} {v}" for k, v in start_meters.items()))
    replies = stage.locator("ol.course-stage-replies")
    assert replies.is_hidden(), "the replies wait for a click, so the group can talk first"
    first_node = story["nodes"][story["start"]]
    assert first_node["client_says"].split()[0] in stage.inner_text()
    reveal = stage.get_by_role("button", name="Show the replies")
    reveal.tap() if width < 992 else reveal.click()
    assert replies.locator("button").count() == len(first_node["choices"])
    index = int(box.locator(f"[data-node='{story['start']}'] li.course-reply").first.get_attribute("data-choice"))
    effects = first_node["choices"][index]["effects"]
    choice = replies.locator("button").first
    choice.tap() if width < 992 else choice.click()
    feedback = stage.locator(".course-stage-feedback")
    assert feedback.is_visible() and effect_words(effects) in feedback.inner_text()
    after = {k: v + effects.get(k, 0) for k, v in start_meters.items()}
    assert stage.locator(".course-stage-meters").inner_text().startswith(
        " · ".join(f"{k.capitalize()} {v}" for k, v in after.items()))
    assert replies.locator("button[disabled]").count() == len(first_node["choices"])
    assert choice.get_attribute("aria-pressed") == "true"
    before = stage.locator(".course-stage-title").inner_text()
    stage.get_by_role("button", name=re.compile("Next scene|See how it ends")).click()
    assert stage.locator(".course-stage-title").inner_text() != before
    stage.get_by_role("button", name="Back").click()
    assert stage.locator(".course-stage-title").inner_text() == before
    page.keyboard.press("Escape")
    assert page.locator("dialog.course-stage[open]").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('course-present-start')")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == [] and page.outside == []


def test_the_present_view_shows_the_replies_in_the_players_order(open_at):
    """Not the file's order (the best reply is not always first): the order students see in the chapter."""
    page = open_at(1366, PRESENT)
    argument = vignettes()[0]
    chapter = next(c for c, a in uses("vignette", toc_pages()) if a == argument)
    story = yaml.safe_load((ROOT / argument).read_text(encoding="utf-8"))
    name = Path(argument).stem
    shown = page.eval_on_selector_all(f"#present-{name}-{story['start']} li.course-reply",
                                      "lis => lis.map(li => li.dataset.choice)")
    page.goto(page.url.rsplit("/", 1)[0] + "/" + chapter.removeprefix("book/"))
    tree = page.eval_on_selector_all(f"[data-vignette='{name}'] [data-node='{story['start']}'] li.pq-node-choice",
                                     "lis => lis.map(li => li.dataset.choice)")
    assert shown == tree and len(shown) == len(story["nodes"][story["start"]]["choices"])


@pytest.mark.parametrize("path", [INSTRUCTORS, CARDS, PRESENT])
def test_no_accessibility_violations(open_at, path):
    page = open_at(375, path)
    assert run_axe(page) == []


def test_present_view_has_no_accessibility_violations(open_at):
    page = open_at(1366, PRESENT)
    page.locator("button.course-present-start").first.click()
    page.locator("dialog.course-stage[open]").get_by_role("button", name="Show the replies").click()
    assert run_axe(page) == []


def test_instructor_pages_are_listed_after_the_course_in_search(open_at):
    """A search that matches a chapter and its teaching page lists the chapter first."""
    page = open_at(1366, "search.html?q=" + json.dumps(title(chapters()[0])).strip('"'))
    page.wait_for_selector("li.course-result")
    kinds = page.eval_on_selector_all("li.course-result", "ls => ls.map(l => l.innerText.includes('For instructors'))")
    assert kinds[0] is False and kinds == sorted(kinds), kinds
