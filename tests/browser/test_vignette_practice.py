"""Write your own reply in a vignette, by keyboard: the choices wait for a reply (or an explicit skip); the reply,
the ticks and the skip are saved, restored after a reload, listed on the progress page and downloaded as a
Markdown practice log. axe-core finds nothing on the page while the student writes and compares."""
from __future__ import annotations

from collections import deque

import pytest

from pyodide_quiz.model.vignette import load_vignette
from tests.browser.test_vignettes import PAGES, root_selector, tab_to, wait_ready
from tests.conftest import ROOT, pages_using

# The page that shows the {progress-summary} (its directive takes no argument: the name is empty).
PROGRESS = pages_using("progress-summary", r"(?P<name>)").get("")
REPLY = "It sounds like last time left you expecting to be let down.\nI'd like to hear what happened."


def first_with_two_practices() -> tuple[str, object]:
    for slug in sorted(PAGES):
        story = load_vignette(ROOT / "quizzes" / "vignettes" / f"{slug}.yml")
        if len(story.practice_nodes()) >= 2 and story.nodes[story.start].practice:
            return slug, story
    pytest.fail("no vignette opens with a practice and has a second one")


def path_to(story, target: str) -> list[int]:
    """The choice indices of the shortest path from the start to `target` (from the story, never hard-coded)."""
    todo = deque([(story.start, [])])
    while todo:
        node, path = todo.popleft()
        if node == target:
            return path
        for choice in story.nodes[node].choices:
            todo.append((choice.next, path + [choice.index]))
    pytest.fail(f"{target} cannot be reached")


def saved(page, slug: str, node: str):
    return page.evaluate("""([slug, node]) => {
        const data = JSON.parse(localStorage.getItem('pyodide-quiz:progress') || '{}');
        return data.entries?.['vignette:' + slug]?.items?.['practice-' + node] ?? null;
    }""", [slug, node])


def choices_shown(page, root: str) -> bool:
    return page.locator(f"{root} .pq-vignette-scene .pq-vignette-choices").is_visible()


def test_write_compare_tick_skip_reload_progress_and_log(site, page, axe):
    slug, story = first_with_two_practices()
    first, second = [node.id for node in story.practice_nodes()][:2]
    root = root_selector(slug)
    scene = f"{root} .pq-vignette-scene"
    page.goto(f"{site}/{PAGES[slug]}")
    wait_ready(page, slug)
    tab_to(page, f"{root} .pq-vignette-start")
    page.keyboard.press("Enter")

    # The choices wait; the prompt labels the writing box.
    assert page.locator(scene).get_attribute("data-node") == first
    assert not choices_shown(page, root)
    box = page.locator(f"{scene} textarea.pq-practice-reply")
    label = page.locator(f"{scene} label[for='{box.get_attribute('id')}']").inner_text()
    assert label.replace("’", "'") == story.nodes[first].practice["prompt"]

    # Comparing an empty reply says what to do and keeps the choices back.
    tab_to(page, f"{scene} .pq-practice-compare")
    page.keyboard.press("Enter")
    assert "Write your reply first" in page.locator(f"{scene} .pq-practice-status").inner_text()
    assert page.evaluate("() => document.activeElement.matches('textarea.pq-practice-reply')")
    assert not choices_shown(page, root)

    # A draft survives a reload, and still keeps the choices back.
    page.keyboard.type(REPLY)
    assert saved(page, slug, first)["verdict"] == "draft"
    page.reload()
    wait_ready(page, slug)
    assert page.locator(f"{scene} textarea.pq-practice-reply").input_value() == REPLY
    assert not choices_shown(page, root)

    # Submitting shows the exemplars, the checklist and the choices, and says so.
    tab_to(page, f"{scene} .pq-practice-compare")
    page.keyboard.press("Enter")
    assert choices_shown(page, root)
    assert "saved" in page.locator(f"{scene} .pq-practice-status").inner_text()
    exemplars = page.locator(f"{scene} .pq-practice-after .pq-exemplar")
    assert exemplars.count() == len(story.nodes[first].practice["exemplars"])
    assert "Nothing here is scored automatically" in page.locator(f"{scene} .pq-practice-after").inner_text()
    markers = page.locator(f"{scene} .pq-practice-marker")
    assert markers.count() == len(story.nodes[first].practice["rubric"])
    record = saved(page, slug, first)
    assert record["verdict"] == "written" and record["answer"]["reply"] == REPLY and record["at"]

    # Ticks, by keyboard, are saved as the markers' words.
    ticked = [markers.nth(i).inner_text().strip() for i in (0, 2)]
    for index in (0, 2):
        tab_to(page, f"{scene} #{markers.nth(index).locator('input').get_attribute('id')}")
        page.keyboard.press("Space")
    assert saved(page, slug, first)["answer"]["ticks"] == ticked

    assert page.watched.console_errors == []
    violations = axe(page)
    assert violations == [], violations

    # After a reload: the reply, the ticks and the open choices are all back.
    page.reload()
    wait_ready(page, slug)
    assert page.locator(f"{scene} textarea.pq-practice-reply").input_value() == REPLY
    checked = page.locator(f"{scene} .pq-practice-marker input:checked")
    assert checked.count() == 2 and choices_shown(page, root)

    # On to the second practice; skipping writing is recorded as skipped and opens the choices.
    for index in path_to(story, second):
        if not choices_shown(page, root):
            page.locator(f"{scene} .pq-practice-skip").click()
        page.locator(f"{scene} .pq-vignette-choice[data-choice='{index}']").click()
    assert page.locator(scene).get_attribute("data-node") == second
    assert not choices_shown(page, root)
    tab_to(page, f"{scene} .pq-practice-skip")
    page.keyboard.press("Enter")
    assert choices_shown(page, root)
    assert saved(page, slug, second)["verdict"] == "skipped"
    assert page.locator(f"{scene} .pq-practice-checklist").is_hidden()
    assert page.locator(f"{scene} .pq-practice-after .pq-exemplar").first.is_visible()

    # The progress page lists both, and downloads them as a Markdown practice log.
    page.goto(f"{site}/{PROGRESS}")
    log = page.locator(".pq-practice-log")
    log.locator(".pq-practice-done").first.wait_for()
    text = log.inner_text()
    assert story.title in text and "I'd like to hear what happened." in text
    assert all(f"{tick}" in text for tick in ticked) and "You skipped writing here" in text
    with page.expect_download() as download:
        log.get_by_role("button", name="Download my practice log (Markdown file)").click()
    assert download.value.suggested_filename.startswith("practice-log-")
    markdown = open(download.value.path(), encoding="utf-8").read()
    assert markdown.startswith("# Practice log: ")
    assert f"## {story.title}" in markdown
    prompts = [story.nodes[n].practice["prompt"] for n in (first, second)]
    assert all(f"### {prompt}" in markdown.replace("’", "'") for prompt in prompts)
    assert "\n".join(f"> {line}" for line in REPLY.splitlines()) in markdown
    assert all(f"- {tick}" in markdown for tick in ticked)
    assert "Skipped writing on " in markdown and "nothing was scored automatically" in markdown
    assert page.watched.console_errors == [] and page.watched.outside_requests == []


def test_the_present_view_and_the_observer_card_use_the_practice(site, page):
    slug, story = first_with_two_practices()
    practice = story.nodes[story.start].practice
    page.goto(f"{site}/book/present-a-vignette.html")
    page.locator(f".course-present[data-vignette='{slug}'] button.course-present-start").click()
    stage = page.locator("dialog.course-stage[open]")
    stage.wait_for()
    # The group writes first: the prompt is on the stage while the replies are still hidden.
    asked = stage.locator(".course-scene-practice").inner_text().replace("’", "'")
    assert asked == f"Before the replies, everyone writes: {practice['prompt']}"
    assert stage.locator("ol.course-stage-replies").is_hidden()
    page.goto(f"{site}/book/role-play-cards.html")
    observer = page.locator(f"#cards-{slug} .course-card-observer").inner_text().replace("’", "'")
    assert all(marker in observer for marker in practice["rubric"])
    assert page.watched.console_errors == []
