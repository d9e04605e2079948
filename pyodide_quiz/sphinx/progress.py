"""The `{progress-summary}` directive: the course's catalogue of quizzes, vignettes and exercises.

The catalogue is filled in after every page has been read (so it knows them all); the runtime then shows
the student's saved results against it.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .nodes import element, payload
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


def fill(app, doctree, docname) -> None:
    for placeholder in doctree.findall(progress_placeholder):
        items = catalogue(app.env)
        table_hint = element("p", nodes.Text("Loading your results…"), classes=["pq-progress-loading"])
        fallback = element("noscript", nodes.Text("Your progress is kept by JavaScript in this browser; "
                                                  "turn JavaScript on to see it."))
        rows = []
        for item in items:
            link = nodes.reference("", "", nodes.Text(item["title"] or item["name"]),
                                   refuri=f"{app.builder.get_relative_uri(docname, item['docname'])}#{item['anchor']}",
                                   internal=True)
            rows.append(element("li", nodes.paragraph("", "", link, nodes.Text(f" ({item['page_title']})")),
                                data_kind=item["kind"], data_name=item["name"]))
        listing = element("ul", *rows, classes=["pq-progress-list"])
        data = payload({"kind": "progress", "items": [
            {k: item[k] for k in ("kind", "name", "title", "items", "anchor", "page_title")}
            | {"url": f"{app.builder.get_relative_uri(docname, item['docname'])}#{item['anchor']}"}
            for item in items]})
        root = element("div", table_hint, fallback, listing, data, classes=["pq-progress"])
        placeholder.replace_self(root)


def always_rebuild_progress(app, env, added, changed, removed):
    """The catalogue depends on every page, so the progress page is re-written on every build."""
    doc = env.domaindata.get("pyodide_quiz", {}).get("progress_doc")
    return [doc] if doc and doc in env.found_docs else []
