"""The course's chapters as the build sees them: what each holds, how long it takes, and the pages that list them.

A chapter is a page with an `{objectives}` directive. While the build reads a chapter it records its title,
objectives, activities (quizzes, exercises, vignettes, with their anchors) and the counts behind its time
(course_site/timing.py), and writes "reading ~12 min · quiz ~10 min · ..." under its title. The parts and the
order of the chapters come from _toc.yml (sphinx-external-toc's site map), never from file names.

Pages that list chapters hold a placeholder that is filled once every page has been read, from the same records,
so every time shown on the site is the same number:

- `{course-start}`: the home page's way in: a link to the first chapter and a "continue where you left off"
  box (static/front-door.js fills it from the progress saved in this browser).
- `{course-parts}`: the parts with their chapters, each with its time.
- `{course-map}`: every chapter with its time, its activities and its objectives, by part.
- `{course-rates}`: the rates behind the times, in words.
- `{teaching-overview}` and `{chapter-guide}`: the instructors' pages (course_site/instructors.py).

These pages are written again on every build, because they depend on every chapter.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import asdict

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.matching import patmatch

from pyodide_quiz.sphinx.nodes import element, pq_element
from pyodide_quiz.sphinx.registry import uses as activity_uses

from .assigning import prose_words
from .timing import Counts, describe, duration, estimate, rates_text

logger = logging.getLogger(__name__)

KIND_WORDS = {"quiz": "Quiz", "exercise": "Exercise", "vignette": "Vignette", "transcript": "Transcript"}


# --- what the build records about each page ---------------------------------------------------------------

def _data(env) -> dict:
    return env.domaindata.setdefault("course_site", {"chapters": {}, "lists": []})


def _has_class(node, name: str) -> bool:
    return isinstance(node, pq_element) and name in node.get("classes", [])


def count_widgets(doctree) -> dict:
    """Quiz questions (and how many want Python), exercises, vignettes and transcripts shown on a page."""
    questions = [q for quiz in doctree.findall(lambda n: _has_class(n, "pq-quiz"))
                 for q in quiz.findall(lambda n: _has_class(n, "pq-question"))]
    return {
        "questions": len(questions),
        "python_questions": sum(q["html_attrs"].get("data-type") == "python" for q in questions),
        "exercises": sum(1 for _ in doctree.findall(lambda n: _has_class(n, "pq-exercise"))),
        "vignettes": sum(1 for _ in doctree.findall(lambda n: _has_class(n, "pq-vignette"))),
        "transcripts": sum(1 for _ in doctree.findall(lambda n: _has_class(n, "pq-transcript"))),
    }


def objectives_of(doctree) -> list[tuple[str, str]]:
    return [(item["html_attrs"].get("data-objective", ""), item.astext().strip())
            for item in doctree.findall(lambda n: _has_class(n, "pq-objective"))]


def _activities(env) -> list[dict]:
    return [{key: entry[key] for key in ("kind", "name", "title", "anchor", "items")} | {"doc": env.docname}
            for entry in activity_uses(env).get(env.docname, [])]


def _collect(app, doctree) -> None:
    """Record a chapter, or a page of one (book/NN-slug/x.md belongs to book/NN-slug.md), and write a chapter's
    time under its title."""
    env = app.env
    if posixpath.dirname(env.docname) in env.found_docs:
        counts = Counts(words=prose_words(doctree), **count_widgets(doctree))
        _data(env).setdefault("pages", {})[env.docname] = {"counts": asdict(counts), "activities": _activities(env)}
        return
    if not any(_has_class(n, "pq-objectives") for n in doctree.findall(pq_element)):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    counts = Counts(words=prose_words(doctree), **count_widgets(doctree))
    _data(env)["chapters"][env.docname] = {
        "title": section[0].astext(),
        "counts": asdict(counts),
        "objectives": objectives_of(doctree),
        "activities": _activities(env),
    }
    if any(doc.startswith(env.docname + "/") for doc in env.found_docs):
        # Its pages may not be read yet: the time is filled at writing time, and written again on every build.
        section.insert(1, course_list("", what="chapter-time", chapter=env.docname))
        if env.docname not in _data(env)["lists"]:
            _data(env)["lists"].append(env.docname)
    else:
        section.insert(1, time_paragraph(counts))


def time_paragraph(counts: Counts) -> nodes.paragraph:
    text = describe(estimate(counts))
    return nodes.paragraph("", text, classes=["course-time"])


def _purge(app, env, docname) -> None:
    data = _data(env)
    data["chapters"].pop(docname, None)
    data.setdefault("pages", {}).pop(docname, None)
    data["lists"] = [doc for doc in data["lists"] if doc != docname]


def _merge(app, env, docnames, other) -> None:
    mine, theirs = _data(env), _data(other)
    for docname in docnames:
        if docname in theirs["chapters"]:
            mine["chapters"][docname] = theirs["chapters"][docname]
        if docname in theirs.get("pages", {}):
            mine.setdefault("pages", {})[docname] = theirs["pages"][docname]
        if docname in theirs["lists"] and docname not in mine["lists"]:
            mine["lists"].append(docname)


def _rewrite_lists(app, env) -> list[str]:
    """Pages that list chapters depend on every chapter: written again on every build (their lists are filled at
    writing time, so they need not be read again: an incremental build stays quick)."""
    return [doc for doc in _data(env)["lists"] if doc in env.found_docs]


# --- the course's parts, from _toc.yml ---------------------------------------------------------------------

def _site_map(app):
    return getattr(app.env, "external_site_map", None) or getattr(app.config, "external_site_map", None)


def _expand(app, item) -> list[str]:
    name = str(item)
    if type(item).__name__ == "GlobItem":
        return sorted(doc for doc in app.env.found_docs if patmatch(doc, name))
    if type(item).__name__ == "FileItem":
        return [re.sub(r"\.(md|ipynb|rst)$", "", name)]
    return []  # a URL


def parts(app) -> list[dict]:
    """[{"caption": "Part I: Foundations", "chapters": [docname, ...]}, ...]: parts that hold chapters, in order."""
    chapters = _data(app.env)["chapters"]
    site_map = _site_map(app)
    if site_map is None:  # a plain Sphinx project: one unnamed part in reading order
        from pyodide_quiz.sphinx.progress import _reading_order
        return [{"caption": "", "chapters": [d for d in _reading_order(app.env) if d in chapters]}]
    found = []
    for tree in site_map.root.subtrees:
        docs = [doc for item in tree.items for doc in _expand(app, item) if doc in chapters]
        if docs:
            found.append({"caption": tree.caption or "", "chapters": docs})
    return found


def numbered_chapters(app) -> list[tuple[int, str]]:
    return list(enumerate((doc for part in parts(app) for doc in part["chapters"]), start=1))


def chapter_record(app, docname: str) -> dict:
    """The chapter's record with its own pages' counts and activities added (theirs before a closing quiz)."""
    from pyodide_quiz.sphinx.progress import _reading_order
    record = _data(app.env)["chapters"][docname]
    found = _data(app.env).get("pages", {})
    pages = [found[doc] for doc in _reading_order(app.env) if doc in found and posixpath.dirname(doc) == docname]
    if not pages:
        return record
    counts = {key: value + sum(page["counts"][key] for page in pages) for key, value in record["counts"].items()}
    own = list(record["activities"])
    closing = [own.pop()] if own and own[-1]["kind"] == "quiz" else []
    return {**record, "counts": counts,
            "activities": own + [a for page in pages for a in page["activities"]] + closing}


def chapter_estimate(app, docname: str):
    return estimate(Counts(**chapter_record(app, docname)["counts"]))


# --- links and small pieces ----------------------------------------------------------------------------------

def page_uri(app, fromdoc: str, todoc: str, anchor: str = "") -> str:
    uri = app.builder.get_relative_uri(fromdoc, todoc)
    return f"{uri}#{anchor}" if anchor else uri


def file_uri(fromdoc: str, path: str) -> str:
    """A link from a page to a file at the site root (e.g. lms/07-x.gift)."""
    return posixpath.relpath(path, posixpath.dirname(fromdoc) or ".")


def json_script(data, name: str) -> nodes.raw:
    """<script type="application/json" class="NAME"> for the site's own scripts ("</" escaped so it cannot end it)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "<\\!--")
    return nodes.raw("", f'<script type="application/json" class="{name}">{text}</script>', format="html")


def link(uri: str, *children, classes=()) -> nodes.inline:
    """A link that may sit anywhere (HTML writers want a reference inside a text element)."""
    return nodes.inline("", "", nodes.reference("", "", *children, refuri=uri, internal=True, classes=list(classes)))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def activity_label(activity: dict) -> str:
    kind = KIND_WORDS.get(activity["kind"], activity["kind"].capitalize())
    if activity["kind"] == "quiz":
        count = len(activity["items"])
        return f"{kind}: {activity['title']} ({count} question{'s' if count != 1 else ''})"
    return f"{kind}: {activity['title']}"


def time_line(app, docname: str, with_total: bool = False) -> pq_element:
    found = chapter_estimate(app, docname)
    text = describe(found) + (f" · about {duration(found.total)} in all" if with_total else "")
    return element("p", nodes.Text(text), classes=["course-time"])


# --- placeholders ------------------------------------------------------------------------------------------

class course_list(nodes.General, nodes.Element):
    """Filled when every page has been read: `what` says with which list."""


class _ListDirective(SphinxDirective):
    has_content = False
    WHAT = ""

    def run(self):
        data = _data(self.env)
        if self.env.docname not in data["lists"]:
            data["lists"].append(self.env.docname)
        return [course_list("", what=self.WHAT, **self.extra())]

    def extra(self) -> dict:
        return {}


class CourseStartDirective(_ListDirective):
    WHAT = "start"


class CoursePartsDirective(_ListDirective):
    WHAT = "parts"


class CourseMapDirective(_ListDirective):
    WHAT = "map"


class CourseRatesDirective(_ListDirective):
    WHAT = "rates"


FILLERS: dict = {}  # what -> function(app, node, docname) -> list of nodes; instructors.py adds its own


def filler(what: str):
    def register(function):
        FILLERS[what] = function
        return function
    return register


@filler("chapter-time")
def _chapter_time(app, node, docname):
    return [time_paragraph(Counts(**chapter_record(app, node["chapter"])["counts"]))]


@filler("rates")
def _rates(app, node, docname):
    return [nodes.paragraph("", f"The times are worked out by the build from each chapter's length: {rates_text()}.",
                            classes=["course-rates"])]


@filler("start")
def _start(app, node, docname):
    numbered = numbered_chapters(app)
    if not numbered:
        return [nodes.paragraph("", "The course has no chapters yet.")]
    first = numbered[0][1]
    start = element("p", link(page_uri(app, docname, first),
                              nodes.Text(f"Start with chapter 1: {chapter_record(app, first)['title']}"),
                              classes=["course-start-link"]),
                    classes=["course-start"])
    # Filled by static/front-door.js when this browser holds saved progress; empty and hidden otherwise.
    resume = element("div", classes=["course-continue"], hidden="hidden", aria_live="polite")
    catalogue = json_script({"chapters": [
        {"number": number, "title": chapter_record(app, doc)["title"], "url": page_uri(app, docname, doc),
         "activities": [{"key": f"{a['kind']}:{a['name']}", "title": a["title"], "kind": a["kind"],
                         "url": page_uri(app, docname, a.get("doc", doc), a["anchor"])}
                        for a in chapter_record(app, doc)["activities"]]}
        for number, doc in numbered]}, "course-data")
    # A returning student sees where they left off first; on a first visit the box is empty and hidden.
    return [element("div", resume, start, catalogue, classes=["course-front-door"])]


@filler("parts")
def _parts(app, node, docname):
    numbered = numbered_chapters(app)
    blocks = []
    for part in parts(app):
        heading_id = slug(part["caption"]) or "chapters"
        blocks.append(element("h3", nodes.Text(part["caption"] or "Chapters"), classes=["course-part-title"],
                              id=f"part-{heading_id}"))
        items = [element("li", link(page_uri(app, docname, doc), nodes.Text(chapter_record(app, doc)["title"])),
                         time_line(app, doc)) for doc in part["chapters"]]
        blocks.append(element("ol", *items, classes=["course-chapter-list"], start=str(numbered_start(numbered, part))))
    return [element("div", *blocks, classes=["course-parts"])]


def numbered_start(numbered, part) -> int:
    return next(n for n, d in numbered if d == part["chapters"][0])


@filler("map")
def _map(app, node, docname):
    numbered = dict((doc, number) for number, doc in numbered_chapters(app))
    blocks = []
    for part in parts(app):
        blocks.append(element("h2", nodes.Text(part["caption"] or "Chapters"), classes=["course-part-title"],
                              id=slug(part["caption"]) or "chapters"))
        for doc in part["chapters"]:
            record = chapter_record(app, doc)
            title = element("h3", link(page_uri(app, docname, doc), nodes.Text(f"{numbered[doc]}. {record['title']}")),
                            classes=["course-map-title"], id=f"map-{posixpath.basename(doc)}")
            parts_ = [title, time_line(app, doc, with_total=True)]
            if record["activities"]:
                items = [element("li", link(page_uri(app, docname, a.get("doc", doc), a["anchor"]),
                                            nodes.Text(activity_label(a))))
                         for a in record["activities"]]
                parts_ += [nodes.paragraph("", "", nodes.strong("", "Activities")), element("ul", *items)]
            if record["objectives"]:
                items = [element("li", nodes.Text(text)) for _, text in record["objectives"]]
                parts_ += [nodes.paragraph("", "", nodes.strong("", "You will be able to")), element("ul", *items)]
            blocks.append(element("div", *parts_, classes=["course-map-chapter"]))
    return blocks


def _fill(app, doctree, docname) -> None:
    for node in list(doctree.findall(course_list)):
        make = FILLERS.get(node["what"])
        if make is None:
            logger.warning(f"course_site: no list called {node['what']!r}", location=node, type="course_site")
            node.replace_self([])
            continue
        node.replace_self(make(app, node, docname))


def _front_door_script(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and "course-front-door" in body:
        app.add_js_file("front-door.js", type="module")


def setup(app) -> None:
    app.add_node(course_list)
    app.add_css_file("course-nav.css")
    app.add_directive("course-start", CourseStartDirective)
    app.add_directive("course-parts", CoursePartsDirective)
    app.add_directive("course-map", CourseMapDirective)
    app.add_directive("course-rates", CourseRatesDirective)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _rewrite_lists)
    app.connect("doctree-resolved", _fill)
    app.connect("html-page-context", _front_door_script)
