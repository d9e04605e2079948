"""What an instructor needs to assign a chapter, shown on the page itself.

- Under each chapter's title, a small paragraph: "About 12 minutes to read · quiz: 9 questions". Reading time
  is the page's prose (quizzes, exercises, vignettes, code and raw HTML left out) at 200 words a minute,
  rounded to the nearest minute (at least 1); the quiz length counts the questions its `{quiz}` shows. A
  chapter is a page with `{objectives}` (the welcome and back-matter pages get nothing). Deterministic: the same
  source gives the same figures on every build.
- static/copy-link.js: a "copy link to this section" button on every h2 and h3 of the article.
"""
from __future__ import annotations

from docutils import nodes

from pyodide_quiz.sphinx.nodes import pq_element, pq_json

WORDS_PER_MINUTE = 200
SKIPPED = (pq_element, pq_json, nodes.literal_block, nodes.raw, nodes.comment, nodes.citation, nodes.title,
           nodes.target, nodes.substitution_definition)


def _has_class(node, name: str) -> bool:
    return isinstance(node, pq_element) and name in node.get("classes", [])


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


def quiz_questions(doctree) -> int:
    """Questions shown by the page's quizzes (each question is a <section class="pq-question">)."""
    return sum(1 for quiz in doctree.findall(lambda n: _has_class(n, "pq-quiz"))
               for _ in quiz.findall(lambda n: _has_class(n, "pq-question")))


def summary(words: int, questions: int) -> str:
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    text = f"About {minutes} minute{'s' if minutes != 1 else ''} to read"
    if questions:
        text += f" · quiz: {questions} question{'s' if questions != 1 else ''}"
    return text


def _add_summary(app, doctree) -> None:
    if not any(_has_class(n, "pq-objectives") for n in doctree.findall(pq_element)):
        return  # not a chapter
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    paragraph = nodes.paragraph("", summary(prose_words(doctree), quiz_questions(doctree)),
                                classes=["course-assigning"])
    section.insert(1, paragraph)


def setup(app) -> None:
    app.connect("doctree-read", _add_summary)
    app.add_js_file("copy-link.js", type="module")
