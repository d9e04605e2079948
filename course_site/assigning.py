"""What an instructor needs to assign a chapter or a section, shown on the page itself.

- The words of a page's prose (`prose_words`), from which course_site/chapters.py and timing.py work out the time
  written under each chapter's title ("reading ~12 min · quiz ~10 min · ...").
- static/copy-link.js: a "copy link to this section" button on every h2 and h3 of the article.
"""
from __future__ import annotations

from docutils import nodes

from pyodide_quiz.sphinx.nodes import pq_element, pq_json

SKIPPED = (pq_element, pq_json, nodes.literal_block, nodes.raw, nodes.comment, nodes.citation, nodes.title,
           nodes.target, nodes.substitution_definition)


def prose_words(doctree) -> int:
    """Words of the page's prose: text outside widgets, code, raw HTML and headings."""
    count = 0
    for text in doctree.findall(nodes.Text):
        parent, skip = text.parent, False
        while parent is not None:
            if isinstance(parent, SKIPPED):
                skip = True
                break
            parent = parent.parent
        if not skip:
            count += len(text.astext().split())
    return count


def setup(app) -> None:
    app.add_js_file("copy-link.js", type="module")
