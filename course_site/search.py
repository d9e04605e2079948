"""Search that finds chapters: a Pagefind index built with the site, searched in the browser, offline too.

Why Pagefind (npm `pagefind`, its binary in `@pagefind/linux-x64`): it indexes the built pages into small files on
this site (no request to another host), returns results by section (each heading with an id) with snippets, and
loads only the parts of the index a query needs. Sphinx's own search took its snippets from the navigation and
ranked chapters by word counts.

- Each page's article is marked `data-pagefind-body`, so navigation, the header and the footer stay out of the
  index and out of the snippets; so are the quiz widgets' controls and answer boxes and the "#" links.
  Chapter titles weigh more than headings, and headings more than text, so a chapter whose title matches comes first.
- Each glossary term is a record of its own (its term and definition), so a search for a term leads to its entry
  (`glossary.html#term-...`), not only to the glossary page.
- Pages for instructors (book/instructor/*, and pages whose front matter says `audience: instructors`) carry
  `audience: instructors` as Pagefind metadata; the search page lists them after the course's pages.
- Sphinx's index (searchindex.js) is not built: search.html (templates/search.html) runs static/search.js.
- After every HTML build, course_site/search-index.mjs writes the index into pagefind/ at the site root, before
  the service worker's list is made (offline.py), which keeps every file of pagefind/ in the offline copy.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .instructors import NOTES_FOLDER

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
INDEXER = HERE / "search-index.mjs"
INDEX_FOLDER = "pagefind"
NOT_INDEXED = ("search", "genindex")
H1 = re.compile(r"<h1>")
TITLE_WEIGHT = "10"
# Written by Pagefind but not used here: its ready-made search interfaces (static/search.js is the course's own)
# and the runtime for pages in an unknown language (the index is forced to English).
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
          "wasm.unknown.pagefind")  # headings h2..h6 get Pagefind's own weights (6 down to 2); text weighs 1


def _data(env) -> dict:
    return env.domaindata.setdefault("course_search", {"terms": {}})


def _collect_terms(app, doctree) -> None:
    """Each glossary entry on the page: its term, its anchor and its definition as plain text."""
    found = []
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            terms = [term for term in item.findall(nodes.term) if term["ids"]]
            definition = next(iter(item.findall(nodes.definition)), None)
            if terms and definition is not None:
                found.append({"term": terms[0].astext(), "id": terms[0]["ids"][0],
                              "definition": " ".join(definition.astext().split())})
    if found:
        _data(app.env)["terms"][app.env.docname] = found
    else:
        _data(app.env)["terms"].pop(app.env.docname, None)


def _purge(app, env, docname) -> None:
    _data(env)["terms"].pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in _data(other)["terms"]:
            _data(env)["terms"][docname] = _data(other)["terms"][docname]


def for_instructors(env, docname: str) -> bool:
    return docname.startswith(NOTES_FOLDER) or env.metadata.get(docname, {}).get("audience") == "instructors"


def _mark_body(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if doctree is None or not isinstance(body, str) or pagename in NOT_INDEXED:
        return
    meta = ' data-pagefind-meta="audience:instructors"' if for_instructors(app.env, pagename) else ""
    body = H1.sub(f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">', body, count=1)
    context["body"] = f'<div data-pagefind-body{meta}>\n{body}\n</div>'


def glossary_records(app) -> list[dict]:
    """One Pagefind record per glossary term, with the URL of its entry (site-absolute, like Pagefind's own)."""
    records = []
    for docname, terms in sorted(_data(app.env)["terms"].items()):
        page = app.builder.get_target_uri(docname)
        for term in terms:
            records.append({"url": f"/{page}#{term['id']}", "content": f"{term['term']}. {term['definition']}",
                            "language": "en", "meta": {"title": term["term"], "kind": "glossary"},
                            "filters": {"kind": ["glossary"]}})
    return records


def _sphinx_search_off(app) -> None:
    """No searchindex.js: search.html is written as an extra page and searches the Pagefind index."""
    if app.builder.format == "html" and app.builder.name == "html":
        app.builder.search = False


def _search_page(app, config) -> None:
    config.html_additional_pages = {**(config.html_additional_pages or {}), "search": "search.html"}


def node_executable() -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        raise ExtensionError("course_site: the search index needs Node.js (node) on the PATH; see README.md")
    return node


def write_index(site: Path, records: list[dict], node_modules: Path) -> dict:
    """Index the built site into <site>/pagefind with course_site/search-index.mjs; returns its summary."""
    if not (node_modules / "pagefind" / "package.json").is_file():
        raise ExtensionError(f"course_site: Pagefind is not installed in {node_modules}; run `npm ci` (or make serve)")
    done = subprocess.run([node_executable(), str(INDEXER), str(site), str(node_modules)], input=json.dumps(records),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ExtensionError(f"course_site: the search index could not be written:\n{done.stderr.strip()}")
    for pattern in UNUSED:
        for path in (site / INDEX_FOLDER).glob(pattern):
            path.unlink()
    return json.loads(done.stdout.strip().splitlines()[-1])


def _build_index(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    started = time.monotonic()
    summary = write_index(Path(app.outdir), glossary_records(app), REPO / "node_modules")
    logger.info("course_site: search index of %s pages and %s glossary terms written in %.1f s",
                summary["pages"], summary["records"], time.monotonic() - started)


def setup(app) -> None:
    app.connect("config-inited", _search_page)
    app.connect("builder-inited", _sphinx_search_off)
    app.connect("doctree-read", _collect_terms)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _mark_body)
    # After the redirects and the front door, before the service worker's list (offline.py, priority 900).
    app.connect("build-finished", _build_index, priority=800)
