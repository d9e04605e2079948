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
    html = (site_dir / f"{page}.html").read_text(encoding="utf-8")
    prose = Prose()
    prose.feed(html)
    assert 'class="pq-objectives' in html, f"{page}: no learning objectives"
    assert 'class="pq-quiz' in html, f"{page}: no quiz"
    citations = [h for h in prose.hrefs if h.startswith("references.html#")]
    assert citations, f"{page}: no citation"
    reference_parser = Prose()
    reference_parser.feed((site_dir / "book" / "references.html").read_text(encoding="utf-8"))
    unresolved = [h for h in citations if h.split("#", 1)[1] not in reference_parser.ids]
    assert not unresolved, f"{page}: citations that do not resolve: {unresolved}"
    assert prose.problematic == 0, f"{page}: {prose.problematic} unresolved reference(s)"
    assert 1200 <= len(prose.words) <= 3000, f"{page}: {len(prose.words)} words of prose (1,200-3,000 expected)"
