"""A chapter's own prose in a built page: its words and text (for the chapter statistics and the chapter tests),
and its ids, links and unresolved references. Quizzes, objectives, widgets, code, tables and figures are left out."""
from __future__ import annotations

import re
from html.parser import HTMLParser


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
