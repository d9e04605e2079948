"""Search finds chapters, at phone (375 px) and desktop (1366 px) widths, and offline.

- "rupture repair" lists the ruptures chapter first, with its matching sections and snippets from its text
  (never from the navigation).
- Each glossary term leads to its own entry (glossary.html#term-...) among the first results.
- The header's search field leads to the results; nothing is fetched from another host; Sphinx's search index is
  gone, and the Pagefind files load on the search page only.
- With the network gone, search still works from the service worker's offline copy.
"""
from __future__ import annotations

import re
import time

import pytest

from tests.browser.course_pages import chapters, title
from tests.conftest import ROOT, serve

WIDTHS = [375, 1366]
GLOSSARY = ROOT / "book" / "glossary.md"
NAVIGATION_TEXT = ("Skip to main content", "Ctrl", "Back to top", "Color mode", "Part I:")


def glossary_terms() -> list[str]:
    """The terms of book/glossary.md's {glossary} block (a term is an unindented line followed by its definition)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = text[text.index("```{glossary}"):]
    block = block[:block.index("\n```", 3)]
    lines = block.splitlines()[1:]
    return [line.strip() for line, after in zip(lines, lines[1:] + [""])
            if line.strip() and not line.startswith((" ", ":")) and after.startswith("  ")]


def ruptures_chapter() -> str:
    found = [c for c in chapters() if re.search(r"\brupture", title(c), re.IGNORECASE)]
    assert len(found) == 1, f"one chapter has 'rupture' in its title: {found}"
    return found[0]




def results(page) -> list[dict]:
    page.wait_for_function("() => { const s = document.querySelector('.course-search-status').textContent;"
                           " return s && !s.startsWith('Searching'); }")
    return page.eval_on_selector_all("li.course-result", """items => items.map(item => ({
        title: item.querySelector('.course-result-title a').textContent.trim(),
        href: item.querySelector('.course-result-title a').getAttribute('href'),
        excerpt: item.querySelector('.course-result-excerpt').textContent,
        marks: item.querySelectorAll('.course-result-excerpt mark').length,
        sections: [...item.querySelectorAll('.course-result-sections li')].map(li => ({
            title: li.querySelector('a').textContent.trim(), href: li.querySelector('a').getAttribute('href'),
            excerpt: li.querySelector('.course-result-excerpt').textContent}))}))""")


@pytest.mark.parametrize("width", WIDTHS)
def test_rupture_repair_finds_the_ruptures_chapter_first(open_at, width):
    page = open_at(width, "search.html?q=rupture+repair")
    found = results(page)
    chapter = ruptures_chapter()
    assert found[0]["title"] == title(chapter), [r["title"] for r in found[:5]]
    assert found[0]["href"].endswith(chapter.removeprefix("book/"))
    assert found[0]["sections"], "results come by section"
    for section in found[0]["sections"]:
        assert section["href"].startswith(found[0]["href"] + "#")
        assert re.search(r"ruptur|repair", section["title"] + section["excerpt"], re.IGNORECASE)
    assert found[0]["marks"] >= 1, "the snippet marks the words found"
    for result in found:
        for text in [result["excerpt"], *(s["excerpt"] for s in result["sections"])]:
            assert not any(nav in text for nav in NAVIGATION_TEXT), f"navigation text in a snippet: {text!r}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("li.course-result").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.errors == []
    assert all(url.startswith("http://127.0.0.1") for url in page.requests), "no request to another host"


def test_a_section_result_opens_its_section(open_at, site):
    page = open_at(1366, "search.html?q=rupture+repair")
    section = results(page)[0]["sections"][0]
    page.locator("li.course-result").first.locator(".course-result-sections a").first.click()
    page.wait_for_load_state("load")
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert section["href"].endswith("#" + anchor)


def glossary_entries() -> dict[str, str]:
    """Anchor -> term, as the built glossary page has them."""
    from html.parser import HTMLParser

    from tests.conftest import ensure_built_site

    class Terms(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.current = {}, None

        def handle_starttag(self, tag, attrs):
            ids = dict(attrs).get("id") or ""
            if tag == "dt" and ids.startswith("term-"):
                self.current = ids
                self.found[ids] = ""

        def handle_endtag(self, tag):
            if tag == "dt":
                self.current = None

        def handle_data(self, data):
            if self.current:
                self.found[self.current] += data

    parser = Terms()
    parser.feed((ensure_built_site() / "book" / "glossary.html").read_text(encoding="utf-8"))
    return {anchor: text.replace("#", "").strip() for anchor, text in parser.found.items()}


def test_each_glossary_term_finds_its_own_entry(open_at):
    """Among the first three results, and first unless a chapter's title holds the term ("bond")."""
    terms = glossary_terms()
    entries = glossary_entries()
    assert len(terms) >= 20 and sorted(t.lower() for t in terms) == sorted(t.lower() for t in entries.values())
    page = open_at(1366, "search.html")
    field = page.locator("#course-search-field")
    missed = []
    for term in terms:
        field.fill(term)
        field.press("Enter")
        page.wait_for_function("(t) => document.querySelector('.course-search-status').textContent.includes(t)",
                               arg=term)
        found = results(page)
        own = [i for i, r in enumerate(found[:3]) if "glossary.html#" in r["href"]
               and entries.get(r["href"].split("#", 1)[1], "").lower() == term.lower()]
        before = [r["title"] for r in found[:own[0]]] if own else []
        if not own or any(not holds_every(title, term) for title in before):
            missed.append((term, [r["href"] for r in found[:3]]))
    assert not missed, f"terms whose own entry is not among the first results: {missed}"


def holds_every(title: str, query: str) -> bool:
    """The search page's rule (static/search.js holdsEvery), for the test: every query word's stem in the title."""
    stem = lambda w: w[:max(4, len(w) - 3)] if len(w) > 4 else w  # noqa: E731
    stems = [stem(w) for w in re.findall(r"\w+", title.lower())]
    wanted = [stem(w) for w in re.findall(r"\w+", query.lower()) if len(w) >= 3]
    return bool(wanted) and all(any(s.startswith(w) or (len(s) >= 4 and w.startswith(s)) for s in stems) for w in wanted)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_distinctive_term_lists_its_glossary_entry_first(open_at, width):
    term = "metacommunication"
    assert term in glossary_terms()
    page = open_at(width, f"search.html?q={term}")
    first = results(page)[0]
    assert first["href"].endswith(f"glossary.html#term-{term}"), first
    assert page.locator("li.course-result").first.locator(".course-result-kind").inner_text() == "Glossary"


def test_the_header_search_leads_to_results_and_pagefind_loads_on_the_search_page_only(open_at):
    page = open_at(1366, chapters()[2])
    assert not [url for url in page.requests if "/pagefind/" in url or "searchindex.js" in url]
    page.keyboard.press("Control+k")
    page.keyboard.type("rupture repair")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert re.search(r"/search\.html\?q=rupture(\+|%20)repair$", page.url), page.url
    assert results(page)[0]["title"] == title(ruptures_chapter())
    assert any("/pagefind/pagefind.js" in url for url in page.requests)
    assert not any("searchindex.js" in url for url in page.requests)
    assert page.errors == []


def test_nothing_found_says_so(open_at):
    page = open_at(375, "search.html?q=qwzxvbnmkjh")
    results(page)
    assert page.locator(".course-search-status").inner_text() == "Nothing found for “qwzxvbnmkjh”."
    assert page.locator("li.course-result").count() == 0


def test_sphinx_search_index_is_not_built():
    from tests.conftest import ensure_built_site

    site = ensure_built_site()
    assert not (site / "searchindex.js").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()
    # Only what the course's search uses: not Pagefind's ready-made interfaces.
    assert not list((site / "pagefind").glob("pagefind-*ui*"))


@pytest.mark.service_worker
def test_search_works_offline_after_a_first_visit(browser, tmp_path):
    import shutil

    from tests.browser.test_offline import copy_site, wait_for_offline_copy, wait_until

    copy = copy_site(tmp_path / "site")
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True,
                                  service_workers="allow")
    page = context.new_page()
    try:
        with serve(copy) as url:
            page.goto(f"{url}/book/intro.html", wait_until="load")
            wait_for_offline_copy(page)
            wait_until(page, """async () => {
                const names = await caches.keys();
                for (const name of names.filter(n => n.includes('precache'))) {
                    const keys = (await (await caches.open(name)).keys()).map(r => r.url);
                    if (keys.some(k => k.includes('/pagefind/pagefind.js'))) return true;
                }
                return false; }""", what="the offline copy holds the search index")
            wait_until(page, "async () => (await navigator.serviceWorker.ready).installing === null && "
                             "(await navigator.serviceWorker.ready).waiting === null", what="the worker is settled")
            time.sleep(1)
        # The server is gone: every file comes from the offline copy.
        page.goto(f"{url}/search.html?q=rupture+repair", wait_until="load")
        assert results(page)[0]["title"] == title(ruptures_chapter())
    finally:
        context.close()
        shutil.rmtree(copy, ignore_errors=True)
