"""What a renderer needs from the page it renders into, whatever the front end.

The front end passes a `Markup`: it turns an author's text (MyST in Sphinx, Markdown in MkDocs) into a fragment
of its own, told where the text came from so it can warn about an unresolved role at the right file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from .. import strings
from ..html import El, Fragment, code, element, para, strong


@dataclass(frozen=True)
class Source:
    """Where an author's text comes from: the content file as the author names it, and the line."""
    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class Markup(Protocol):
    def block(self, text: str, source: Source) -> Any:
        """Block-level rendering of `text` (paragraphs, lists, ...)."""

    def inline(self, text: str, source: Source) -> Any:
        """Inline rendering of a short text (an option, a label): no wrapping paragraph."""


@dataclass
class Settings:
    """The site's configuration the renderers read (Sphinx: the pyodide_quiz_* config values)."""
    timeout: float = 5
    confidence: bool = False  # ask "How sure are you?" before Check unless a quiz says otherwise
    edit_url: str = ""  # a file's edit address with {path}; empty: no "Suggest an edit" link
    folder_url: str = ""  # a folder's address with {path} (an exercise is a folder)
    issue_url: str = ""  # a new issue's address with {title} and {body}; empty: no "Report a problem" link
    language: str = "en"  # the site's language: which catalogue of student-facing words (pyodide_quiz/strings)


def _no_section(objective: str) -> str | None:
    return None


@dataclass
class Page:
    """The page a widget is rendered into: its markup, its name, and the html ids already used on it."""
    markup: Markup
    name: str = ""
    settings: Settings = field(default_factory=Settings)
    used_prefixes: set = field(default_factory=set)
    section_depth: int = 0  # sections enclosing the widget, so its headings continue the page's outline
    # The label of the section that teaches a learning objective (for "Review: ..." under a wrong answer).
    objective_section: Callable[[str], str | None] = _no_section

    def text(self, key: str, **values) -> str:
        """A student-facing text from the catalogue of the site's language (pyodide_quiz/strings)."""
        return strings.text(self.settings.language, key, **values)

    def pieces(self, key: str, **values) -> list:
        """The same text with elements placed at its placeholders (strings.pieces): a link inside a sentence."""
        return strings.pieces(self.settings.language, key, **values)

    def md(self, text: str, source: Source) -> list[Fragment]:
        return [Fragment(self.markup.block(str(text), source))]

    def md_inline(self, text: str, source: Source) -> list[Fragment]:
        return [Fragment(self.markup.inline(str(text), source))]

    def unique_prefix(self, base: str) -> str:
        """A prefix unique on the page: the same quiz shown twice gets -2, -3, ... (still deterministic)."""
        prefix, count = base, 1
        while prefix in self.used_prefixes:
            count += 1
            prefix = f"{base}-{count}"
        self.used_prefixes.add(prefix)
        return prefix


@dataclass
class RenderContext:
    """One question being rendered: the question, a stable html id prefix, and the page's markup."""
    page: Page
    question: object  # model.Question
    prefix: str  # unique on the page, derived from quiz and question ids
    source: Source

    @property
    def data(self) -> dict:
        return self.question.data

    def md(self, text: str) -> list[Fragment]:
        return self.page.md(text, self.source)

    def md_inline(self, text: str) -> list[Fragment]:
        return self.page.md_inline(text, self.source)

    def wrong_answers(self, entries) -> list[El]:
        """The key's list of common wrong answers, "If you answered `x`" and its feedback, each marked with its
        index (`data-feedback-for`), which the runtime copies into the status when a student gives that answer.
        `entries` holds (the answer as shown, its feedback in MyST)."""
        rows = []
        for index, (answer, feedback) in enumerate(entries):
            head = para(strong(self.page.text("key.if_you_answered")), code(answer))
            rows.append(element("li", head, element("div", *self.md(feedback), classes=["pq-option-feedback"],
                                                     data_feedback_for=str(index))))
        return [element("ul", *rows, classes=["pq-key-options"])] if rows else []


class StoryView:
    """What a vignette and a transcript share: the page's markup for their file's text, and the client."""

    def __init__(self, page: Page, source: Source, kind: str):
        self.page = page
        self.source = source
        self.kind = kind  # "vignette" or "transcript": the class prefix of its parts

    def md(self, text: str, line: int = 0) -> list[Fragment]:
        return self.page.md(text, Source(self.source.file, line))

    def md_inline(self, text: str, line: int = 0) -> list[Fragment]:
        return self.page.md_inline(text, Source(self.source.file, line))

    def opening(self, story, level: int) -> list[El]:
        """The title (a heading that continues the page's outline), the summary and the client."""
        return [element(f"h{level}", story.title, classes=[f"pq-{self.kind}-title"]),
                element("div", *self.md(story.data["summary"]), classes=[f"pq-{self.kind}-summary"]),
                self.client(story)]

    def client(self, story) -> El:
        client = story.data["client"]
        who = para(strong(self.page.text("story.the_client")), f"{client['name']}, ",
                   *self.md_inline(client["description"]))
        note = para(*self.md_inline(client["note"]), classes=["pq-note"])
        return element("div", who, note, classes=[f"pq-{self.kind}-client"])


@dataclass
class Rendered:
    """A widget rendered for a page: its elements, and what the page records about it for a progress page
    (kind, name, title, items, anchor and any extra facts), with problems worth a build warning."""
    nodes: list[El]
    record: dict | None = None
    warnings: list[str] = field(default_factory=list)
    files: list = field(default_factory=list)  # the content files read (Paths): rebuild the page when one changes


def html_id(*parts: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")
