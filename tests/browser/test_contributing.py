"""Feedback that points back to the text, at phone (375 px) and desktop (1366 px) widths.

- "Suggest an edit" under a quiz, an exercise and a vignette opens that file (or the exercise's folder) in the
  repository named by _config.yml, and the file exists in this checkout.
- Every quiz question has "Report a problem with question N": a new issue in that repository with the quiz, its
  file and the question id filled in.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from tests.browser.course_pages import chapters, source
from tests.conftest import ROOT

WIDTHS = [375, 1366]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPOSITORY = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"].get("branch", "main")


def first_page_with(directive: str) -> tuple[str, str]:
    pattern = re.compile(r"^\s*(?:`{3,}|:{3,})\{" + directive + r"\}\s*(\S+)\s*$", re.MULTILINE)
    for chapter in chapters():
        match = pattern.search(source(chapter))
        if match:
            return chapter, match.group(1).rstrip("/")
    raise AssertionError(f"no chapter shows a {directive}")




@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind, selector, action", [("quiz", ".pq-quiz", "edit"), ("exercise", ".pq-exercise", "tree"),
                                                     ("vignette", ".pq-vignette", "edit")])
def test_suggest_an_edit_opens_the_widgets_own_file(open_at, width, kind, selector, action):
    chapter, path = first_page_with(kind)
    page = open_at(width, chapter)
    widget = page.locator(selector).first
    link = widget.locator("a", has_text=re.compile(r"^Suggest an edit to this "))
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href == f"{REPOSITORY}/{action}/{BRANCH}/{path}"
    assert (ROOT / path).exists(), f"{path} is in the repository"
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, "the link fits the screen"
    assert link.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_question_can_be_reported_with_its_ids_filled_in(open_at, width):
    chapter, path = first_page_with("quiz")
    questions = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))["questions"]
    page = open_at(width, chapter)
    sections = page.locator(".pq-quiz").first.locator("section.pq-question")
    assert sections.count() == len(questions)
    for number in range(1, sections.count() + 1):
        section = sections.nth(number - 1)
        question = section.get_attribute("data-question-id")
        link = section.locator("a", has_text=f"Report a problem with question {number}")
        assert link.count() == 1
        url = urlsplit(link.get_attribute("href"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
        query = {key: unquote(values[0]) for key, values in parse_qs(url.query).items()}
        assert question in query["title"] and question in query["body"]
        assert path in query["body"] and f"question {number}" in query["body"]
    last = sections.last.locator("a", has_text="Report a problem")
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box["x"] + box["width"] <= width
