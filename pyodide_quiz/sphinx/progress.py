"""The `{progress-summary}` directive: the course's catalogue of quizzes, vignettes and exercises, and the frame
of the student's progress page.

The catalogue is filled in after every page has been read (so it knows them all). The build writes the page's
frame: where to continue, progress per part of the book, per chapter and learning objective (with a link to the
section that teaches each), the endings of each vignette, and the list of every activity. Each count in the
frame names the saved results it counts (`data-refs`: `kind:name/item`, e.g. `quiz:04-evidence/r-squared`);
the runtime (static/pq/progress-page.js) fills them in from what this browser has saved.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import strings
from ..model.common import slug_in_words
from ..render.vignette import ENDING_KEYS
from .nodes import element, payload
from .objectives import objectives_of
from .registry import uses


class progress_placeholder(nodes.General, nodes.Element):
    pass


class ProgressDirective(SphinxDirective):
    has_content = False

    def run(self):
        self.env.domaindata.setdefault("pyodide_quiz", {})["progress_doc"] = self.env.docname
        return [progress_placeholder("")]


def catalogue(env) -> list[dict]:
    """Every quiz, vignette and exercise in the book, in reading order."""
    order = {doc: i for i, doc in enumerate(_reading_order(env))}
    items = []
    for docname in sorted(uses(env), key=lambda d: order.get(d, len(order))):
        title = env.titles.get(docname)
        for entry in uses(env)[docname]:
            items.append({**entry, "docname": docname, "page_title": title.astext() if title else docname})
    return items


def refs(item: dict) -> list[str]:
    """The saved results that make an activity complete: the path through a vignette (its catalogue items are its
    endings), otherwise each of its items (a quiz's questions, an exercise's code)."""
    items = ["path"] if item["kind"] == "vignette" else item["items"]
    return [f"{item['kind']}:{item['name']}/{name}" for name in items]


def _reading_order(env) -> list[str]:
    """Documents in table-of-contents order, from the root document down."""
    seen, result = set(), []

    def walk(doc):
        if doc in seen:
            return
        seen.add(doc)
        result.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return result + sorted(d for d in env.found_docs if d not in seen)


def _parts(env) -> dict[str, str]:
    """docname -> the caption of the table-of-contents part it is in ("Part I: Foundations")."""
    found = {}
    try:
        root = env.get_doctree(env.config.root_doc)
    except Exception:  # noqa: BLE001 - no root doctree (a partial build): no parts, the rest still works
        return found
    for toctree in root.findall(addnodes.toctree):
        for _, docname in toctree["entries"]:
            if toctree.get("caption"):
                found.setdefault(docname, toctree["caption"])
    # A page listed under a chapter (`sections:` in a Jupyter Book _toc.yml) is in that chapter's part.
    for docname, caption in list(found.items()):
        for child in env.toctree_includes.get(docname, []):
            found.setdefault(child, caption)
    return found


def _text(app, key: str, **values) -> str:
    """A student-facing text in the site's language (pyodide_quiz/strings)."""
    return strings.text(app.config.language, key, **values)


def _count(app, refs_: list[str], unit: str, *before) -> list:
    """A bar and "n of m <unit>" that the runtime fills from the saved results `refs_` (`unit`: a catalogue key)."""
    joined = " ".join(refs_)
    return [*before, element("progress", classes=["pq-bar"], max=str(len(refs_)), value="0", data_refs=joined),
            element("span", element("span", nodes.Text(_text(app, "progress.n_of", done=0, count=len(refs_))),
                                    data_refs=joined),
                    nodes.Text(f" {_text(app, unit)}"), classes=["pq-count"])]


def _link(app, docname: str, target: str, anchor: str, text: str):
    """A link from the progress page, in an inline: Sphinx writes a reference only inside a text element."""
    return nodes.inline("", "", nodes.reference("", "", nodes.Text(text), internal=True,
                                                refuri=f"{app.builder.get_relative_uri(docname, target)}#{anchor}"))


def _heading(text: str):
    return element("h2", nodes.Text(text), classes=["pq-progress-heading"])


def _by_part(app, items: list[dict], parts: dict[str, str]) -> list:
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(parts.get(item["docname"], item["page_title"]), []).extend(refs(item))
    rows = [element("li", *_count(app, group, "progress.unit_done",
                                  element("span", nodes.Text(name), classes=["pq-row-name"])))
            for name, group in groups.items()]
    return [_heading(_text(app, "progress.by_part")), element("ul", *rows, classes=["pq-progress-rows"])]


def _by_objective(app, docname: str, items: list[dict]) -> list:
    """Each chapter with objectives: its questions right, then each objective's, with the section to review."""
    labels = app.env.domaindata.get("std", {}).get("labels", {})
    chapters = []
    for page in dict.fromkeys(item["docname"] for item in items):
        objectives = objectives_of(app.env, page)
        quizzes = [item for item in items if item["docname"] == page and item["kind"] == "quiz"]
        if not objectives or not quizzes:
            continue
        rows = []
        for objective_id, objective in objectives.items():
            mine = [f"quiz:{q['name']}/{question}" for q in quizzes
                    for question, assessed in q.get("objectives", {}).items() if assessed == objective_id]
            parts = _count(app, mine, "progress.unit_right",
                           element("span", nodes.Text(objective["text"]), classes=["pq-row-name"]))
            if objective["section"] in labels:
                target, anchor, title = labels[objective["section"]]
                parts.append(element("span", *(nodes.Text(piece) if isinstance(piece, str) else piece for piece in
                                               strings.pieces(app.config.language, "key.review",
                                                              section=_link(app, docname, target, anchor, title))),
                                     classes=["pq-row-review"]))
            rows.append(element("li", *parts))
        everything = [ref for q in quizzes for ref in refs(q)]
        summary = element("summary", *_count(app, everything, "progress.unit_right", element(
            "span", nodes.Text(quizzes[0]["page_title"]), classes=["pq-row-name"])))
        chapters.append(element("details", summary, element("ul", *rows, classes=["pq-progress-rows"]),
                                classes=["pq-progress-chapter"]))
    if not chapters:
        return []
    note = nodes.paragraph("", _text(app, "progress.by_objective_note"))
    return [_heading(_text(app, "progress.by_objective")), note, *chapters]


def _endings(app, docname: str, items: list[dict]) -> list:
    rows = []
    for item in items:
        if item["kind"] != "vignette" or not item.get("endings"):
            continue
        ends = [f"vignette:{item['name']}/end-{node}" for node in item["endings"]]
        reached = [element("li", nodes.Text(_text(app, "progress.ending", kind=_text(app, ENDING_KEYS[kind]),
                                                  scene=slug_in_words(node))), data_ref=ref, hidden="hidden")
                   for ref, (node, kind) in zip(ends, item["endings"].items())]
        title = _link(app, docname, item["docname"], item["anchor"], item["title"])
        rows.append(element("li", *_count(app, ends, "progress.unit_reached",
                                          element("span", title, classes=["pq-row-name"])),
                            element("ul", *reached, classes=["pq-endings"])))
    if not rows:
        return []
    note = nodes.paragraph("", _text(app, "progress.endings_note"))
    return [_heading(_text(app, "progress.endings")), note, element("ul", *rows, classes=["pq-progress-rows"])]


def _practice(app, docname: str, items: list[dict]) -> list:
    """Every reply the student wrote in a vignette's practices, filled in by static/pq/practice-log.js, which also
    downloads them as a Markdown practice log."""
    vignettes = [{"name": item["name"], "title": item["title"],
                  "url": f"{app.builder.get_relative_uri(docname, item['docname'])}#{item['anchor']}",
                  "practice": [{"node": node, "prompt": prompt} for node, prompt in item["practice"].items()]}
                 for item in items if item["kind"] == "vignette" and item.get("practice")]
    if not vignettes:
        return []
    note = nodes.paragraph("", _text(app, "progress.practice_note"))
    listing = element("div", classes=["pq-practice-entries"])
    data = payload({"kind": "practice-log", "project": app.config.project, "vignettes": vignettes})
    return [_heading(_text(app, "progress.practice")),
            element("div", note, listing, data, classes=["pq-practice-log"], id="practice-log")]


def _review(app, docname: str) -> list:
    """The way to the review page (sphinx/review.py), and calibration: for each "How sure are you?" level, how
    often the answers given with it were right, drawn by static/pq/calibration.js. Shown when questions ask it."""
    review = app.env.domaindata.get("pyodide_quiz", {}).get("review_doc")
    has_review = review in app.env.found_docs
    if not has_review and not app.config.pyodide_quiz_confidence:
        return []
    parts = []
    if has_review:
        link = nodes.reference("", "", nodes.Text(_text(app, "progress.review_link")), internal=True,
                               refuri=app.builder.get_relative_uri(docname, review))
        line = [nodes.Text(piece) if isinstance(piece, str) else piece
                for piece in strings.pieces(app.config.language, "progress.review_line", link=link)]
        parts += [_heading(_text(app, "progress.review")), nodes.paragraph("", "", *line)]
    note = nodes.paragraph("", _text(app, "progress.calibration_note"))
    return [*parts, _heading(_text(app, "progress.calibration")),
            element("div", note, element("div", classes=["pq-calibration-view"]), classes=["pq-calibration"])]


def fill(app, doctree, docname) -> None:
    for placeholder in doctree.findall(progress_placeholder):
        items = catalogue(app.env)
        table_hint = element("p", nodes.Text(_text(app, "progress.loading")), classes=["pq-progress-loading"])
        fallback = element("noscript", nodes.Text(_text(app, "progress.noscript")))
        rows = []
        for item in items:
            link = _link(app, docname, item["docname"], item["anchor"], item["title"] or item["name"])
            rows.append(element("li", nodes.paragraph("", "", link, nodes.Text(f" ({item['page_title']})")),
                                data_kind=item["kind"], data_name=item["name"]))
        listing = element("ul", *rows, classes=["pq-progress-list"])
        data = payload({"kind": "progress", "file": app.config.pyodide_quiz_progress_file, "items": [
            {k: item[k] for k in ("kind", "name", "title", "items", "anchor", "page_title")}
            | {"url": f"{app.builder.get_relative_uri(docname, item['docname'])}#{item['anchor']}", "refs": refs(item)}
            for item in items]})
        # The frame the runtime fills and reveals; without JavaScript it stays hidden.
        view = element("div", element("p", classes=["pq-continue"]), *_by_part(app, items, _parts(app.env)),
                       *_by_objective(app, docname, items), *_endings(app, docname, items),
                       *_practice(app, docname, items), *_review(app, docname),
                       _heading(_text(app, "progress.every_activity")), classes=["pq-progress-view"], hidden="hidden",
                       interactive=True)
        root = element("div", table_hint, fallback, listing, view, data, classes=["pq-progress"])
        placeholder.replace_self(root)


def always_rebuild_progress(app, env, added, changed, removed):
    """The catalogue depends on every page, so the progress page is re-written on every build."""
    doc = env.domaindata.get("pyodide_quiz", {}).get("progress_doc")
    return [doc] if doc and doc in env.found_docs else []
