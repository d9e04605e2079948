"""Every chapter of the built book has objectives, a quiz, resolvable citations, and a chapter's length."""
from __future__ import annotations

import re

import pytest
import yaml

from course_site.prose import Prose
from tests.conftest import ROOT, ensure_built_site


def chapter_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f for f in files if re.match(r"book/\d\d-", f)]


@pytest.fixture(scope="module")
def site_dir():
    return ensure_built_site()


def test_the_book_has_thirteen_chapters():
    assert len(chapter_pages()) == 13, chapter_pages()


@pytest.mark.parametrize("page", chapter_pages())
def test_chapter_has_objectives_quiz_citations_and_length(site_dir, page):
    """The chapter's length counts its own pages too (book/NN-slug/*.html: chapter 13's vignettes, say)."""
    html = (site_dir / f"{page}.html").read_text(encoding="utf-8")
    prose = Prose()
    prose.feed(html)
    assert 'class="pq-objectives' in html, f"{page}: no learning objectives"
    assert 'class="pq-quiz' in html, f"{page}: no quiz"
    citations = [h for h in prose.hrefs if h.startswith("references.html#")]
    assert citations, f"{page}: no citation"
    words = len(prose.words)
    for own in sorted((site_dir / page).glob("*.html")):
        own_prose = Prose()
        own_prose.feed(own.read_text(encoding="utf-8"))
        citations += [h.removeprefix("../") for h in own_prose.hrefs if h.startswith("../references.html#")]
        assert own_prose.problematic == 0, f"{own.name}: {own_prose.problematic} unresolved reference(s)"
        words += len(own_prose.words)
    reference_parser = Prose()
    reference_parser.feed((site_dir / "book" / "references.html").read_text(encoding="utf-8"))
    unresolved = [h for h in citations if h.split("#", 1)[1] not in reference_parser.ids]
    assert not unresolved, f"{page}: citations that do not resolve: {unresolved}"
    assert prose.problematic == 0, f"{page}: {prose.problematic} unresolved reference(s)"
    assert 1200 <= words <= 3000, f"{page}: {words} words of prose (1,200-3,000 expected)"


def test_a_chapters_own_pages_are_part_of_it_on_the_course_map(site_dir):
    """A chapter's own pages (book/NN-slug/*.md, under the chapter in _toc.yml): the course map lists their
    activities, linked to those pages, between the chapter page's own activities and its closing quiz."""
    from bs4 import BeautifulSoup

    course_map = BeautifulSoup((site_dir / "book" / "course-map.html").read_text(encoding="utf-8"), "html.parser")
    widget = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?:quiz|exercise|vignette|transcript)\}", re.MULTILINE)
    split = [page for page in chapter_pages() if (ROOT / page).is_dir()]
    assert split, "no chapter has pages of its own (book/NN-slug/*.md)"
    for page in split:
        slug = page.removeprefix("book/")
        entry = course_map.find(id=f"map-{slug}").find_parent(class_="course-map-chapter")
        links = [a["href"] for a in entry.select("ul a")]
        expected = [f"{slug}/{own.stem}.html" for own in sorted((ROOT / page).glob("*.md"))
                    for _ in widget.findall(own.read_text(encoding="utf-8"))]
        assert sorted(href.split("#")[0] for href in links if href.startswith(f"{slug}/")) == sorted(expected)
        assert links[-1].startswith(f"{slug}.html#"), f"{page}: the chapter's quiz closes its activities: {links}"
