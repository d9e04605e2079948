"""Every chapter of the built book has objectives, a quiz, resolvable citations, and a chapter's length."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from tests.conftest import ROOT, ensure_built_site


def chapter_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f for f in files if re.match(r"book/\d\d-", f)]


class Prose(HTMLParser):
    """Collects the chapter's own prose: the article text minus quizzes, objectives, code and tables."""

    SKIP_CLASSES = ("pq-quiz", "pq-objectives", "pq-exercise", "pq-vignette", "pq-transcript", "highlight", "forest-plot")

    def __init__(self):
        super().__init__()
        self.depth_skip, self.in_article, self.words, self.stack, self.text = 0, 0, [], [], []
        self.ids, self.hrefs, self.problematic = set(), [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if "problematic" in classes:
            self.problematic += 1
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "col"):
            return
        skip = any(c in classes for c in self.SKIP_CLASSES) or tag in ("table", "script", "style", "pre", "svg", "nav")
        self.stack.append(skip)
        if skip:
            self.depth_skip += 1
        if tag == "article":
            self.in_article += 1

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "col") or not self.stack:
            return
        if self.stack.pop():
            self.depth_skip -= 1
        if tag == "article":
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self.depth_skip:
            self.words += re.findall(r"[A-Za-z][A-Za-z'’-]*", data)
            self.text.append(data)


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
