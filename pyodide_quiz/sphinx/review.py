"""The `{review}` directive: a spaced-review page that asks again, when they are due, the questions of every quiz.

The page itself is a small frame; its questions arrive only when it is opened, from one JSON file the build writes
(`REVIEW_DATA`): every quiz question of the book, as the HTML its chapter page shows (so the review page drives it
with the chapter quiz's own code, static/pq/quiz.js) plus what the JS grader needs. The HTML is taken from each page
as it is written (`collect`, on html-page-context) and kept per page under the doctree directory, so a rebuild that
writes only the changed pages still has every page's questions; `write_data` joins them when the build ends.
Python questions stay on their chapter page: a review round should not start Python.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .. import strings
from .content import logger
from .nodes import element, payload, pq_json
from .progress import _reading_order
from .registry import uses

REVIEW_DATA = "_static/pq-review/questions.json"
ROUND = 10  # the questions of "a short round", unless the directive says otherwise
NOT_REVIEWED = {"python"}
FRAGMENTS = "pyodide_quiz_review"  # folder under the doctree directory: one JSON file per page with quizzes
SECTION_START = re.compile(r'<section\b[^>]*\bclass="[^"]*\bpq-question\b[^"]*"[^>]*>')
SECTION_TAG = re.compile(r"<(/?)section\b", re.IGNORECASE)


class ReviewDirective(SphinxDirective):
    """```{review}``` with optional `:round: N` (questions in a short round; 10) and `:confidence: false` (do not
    ask "How sure are you?")."""

    has_content = False
    option_spec = {"round": directives.positive_int,
                   "confidence": lambda value: directives.choice(value, ("true", "false")) == "true"}

    def run(self):
        self.env.domaindata.setdefault("pyodide_quiz", {})["review_doc"] = self.env.docname
        to_root = "../" * self.env.docname.count("/")
        loading = element("p", nodes.Text(strings.text(self.config.language, "review.loading")),
                          classes=["pq-review-loading"])
        fallback = element("noscript", nodes.Text(strings.text(self.config.language, "review.noscript")))
        data = {"kind": "review", "root": to_root or "./", "src": to_root + REVIEW_DATA,
                "round": self.options.get("round", ROUND), "confidence": self.options.get("confidence", True)}
        return [element("div", loading, fallback, payload(data), classes=["pq-review-page"])]


def review_doc(env) -> str | None:
    doc = env.domaindata.get("pyodide_quiz", {}).get("review_doc")
    return doc if doc and doc in env.found_docs else None


def link_pages(app, doctree, docname) -> None:
    """Each quiz's end names the review page; the review page names the progress page."""
    review = review_doc(app.env)
    if not review:
        return
    progress = app.env.domaindata.get("pyodide_quiz", {}).get("progress_doc")
    for node in doctree.findall(pq_json):
        data = node["data"] or {}
        if data.get("kind") == "quiz":
            data["review"] = app.builder.get_relative_uri(docname, review)
        elif data.get("kind") == "review" and progress in app.env.found_docs:
            data["progress"] = app.builder.get_relative_uri(docname, progress)


def question_sections(body: str) -> list[tuple[str, str]]:
    """(question id, outer HTML) of every quiz question section in a page's body, in page order."""
    found = []
    for start in SECTION_START.finditer(body):
        depth, end = 0, None
        for tag in SECTION_TAG.finditer(body, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = body.index(">", tag.end()) + 1
                break
        if end is None:
            continue
        question_id = re.search(r'\bdata-question-id="([^"]*)"', start.group(0))
        found.append((question_id.group(1) if question_id else "", body[start.start():end]))
    return found


def _fragment(app, docname: str) -> Path:
    return Path(app.doctreedir) / FRAGMENTS / (quote(docname, safe="") + ".json")


def collect(app, pagename, templatename, context, doctree) -> None:
    """Keep the page's quiz questions (HTML and grading data) for the review page's data file."""
    if doctree is None or app.builder.format != "html" or not review_doc(app.env):
        return
    quizzes = [node["data"] for node in doctree.findall(pq_json) if (node["data"] or {}).get("kind") == "quiz"]
    target = _fragment(app, pagename)
    if not quizzes:
        target.unlink(missing_ok=True)
        return
    sections = question_sections(context.get("body", ""))
    specs = [question for quiz in quizzes for question in quiz["questions"]]
    if [question_id for question_id, _ in sections] != [spec["id"] for spec in specs]:
        logger.warning("pyodide_quiz: the review page cannot use the quiz questions of this page (their HTML "
                       "does not match the quizzes' data)", location=pagename, type="pyodide_quiz", subtype="review")
        return
    html = iter(section for _, section in sections)
    title = app.env.titles.get(pagename)
    page = {"page": app.builder.get_target_uri(pagename), "page_title": title.astext() if title else pagename,
            "quizzes": [{"quiz": quiz["quiz"], "title": quiz["title"],
                         "questions": [{**spec, "html": next(html)} for spec in quiz["questions"]]}
                        for quiz in quizzes]}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(page, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def pages_without_data(app, env, added, changed, removed) -> list[str]:
    """Pages with a quiz whose questions the data file lacks (the review page is new, or the doctree folder was
    cleaned) are written again, so that an incremental build still has every question."""
    if not review_doc(env):
        return []
    return [doc for doc, entries in uses(env).items()
            if any(entry["kind"] == "quiz" for entry in entries) and not _fragment(app, doc).is_file()]


def review_data(app) -> dict:
    """Every quiz of the book in reading order, each question once (the first page that shows it)."""
    quizzes: dict[str, dict] = {}
    for docname in _reading_order(app.env):
        fragment = _fragment(app, docname)
        if docname not in app.env.found_docs or not fragment.is_file():
            continue
        page = json.loads(fragment.read_text(encoding="utf-8"))
        for quiz in page["quizzes"]:
            mine = quizzes.setdefault(quiz["quiz"], {"quiz": quiz["quiz"], "title": quiz["title"], "page": page["page"],
                                                     "page_title": page["page_title"], "questions": []})
            seen = {question["id"] for question in mine["questions"]}
            mine["questions"] += [question for question in quiz["questions"]
                                  if question["id"] not in seen and question["type"] not in NOT_REVIEWED]
    return {"version": 1, "quizzes": [quiz for quiz in quizzes.values() if quiz["questions"]]}


def write_data(app, exception) -> None:
    """Write the review page's data file (before the service worker lists the site's files)."""
    if exception is not None or app.builder.format != "html" or not review_doc(app.env):
        return
    target = Path(app.outdir) / REVIEW_DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(review_data(app), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup_review(app) -> None:
    app.add_directive("review", ReviewDirective)
    app.connect("doctree-resolved", link_pages)
    app.connect("html-page-context", collect)
    app.connect("env-get-outdated", pages_without_data)
    # Before the site's own build-finished handlers, such as a service worker listing every file (priority 900).
    app.connect("build-finished", write_data, priority=400)
