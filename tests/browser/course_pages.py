"""What the browser tests of the way through the site need to know about the course, read from its sources
(_toc.yml and the pages), never from file names: the chapters in reading order with their titles and parts."""
from __future__ import annotations

import re
from functools import cache

import yaml

from tests.conftest import ROOT, toc_pages

OBJECTIVES = re.compile(r"^\s*(`{3,}|:{3,})\{objectives\}", re.MULTILINE)
TIME_LINE = re.compile(r"^reading ~\d+ min( · quiz ~\d+ min)?( · \d+ exercises? ~\d+ min)?( · \d+ vignettes? ~\d+ min)?"
                       r"( · \d+ transcripts? ~\d+ min)?$")


def source(page: str) -> str:
    return (ROOT / page.replace(".html", ".md")).read_text(encoding="utf-8")


@cache
def chapters() -> list[str]:
    """Built paths of the chapters (pages with learning objectives), in reading order."""
    return [page for page in toc_pages() if (ROOT / page.replace(".html", ".md")).is_file() and OBJECTIVES.search(source(page))]


def title(page: str) -> str:
    return next(line[2:].strip() for line in source(page).splitlines() if line.startswith("# "))


@cache
def parts() -> list[tuple[str, list[str]]]:
    """(caption, chapters) for each part of _toc.yml that holds chapters."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = []
    for part in toc.get("parts", []):
        pages = [f"{entry['file']}.html" for entry in part.get("chapters", []) if "file" in entry]
        held = [page for page in pages if page in chapters()]
        if held:
            found.append((part.get("caption", ""), held))
    return found


def teaching_page(chapter: str) -> str:
    """The chapter's notes page in the instructors' section: book/instructor/<the chapter's file name>."""
    return "book/instructor/" + chapter.removeprefix("book/")
