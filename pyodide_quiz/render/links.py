"""Links from a widget back to its source, for readers who find a mistake (see sphinx/source_links.py for the
settings): "Suggest an edit" opens the widget's own file; "Report a problem with question N" opens a new issue
with the quiz, the file and the question id filled in."""
from __future__ import annotations

from urllib.parse import quote

from .. import strings
from ..html import El, link, para
from .context import Settings

# The catalogue key of "Suggest an edit to this quiz (path)" for each kind of widget.
EDIT_KEYS = {"quiz": "links.edit_quiz", "exercise": "links.edit_exercise", "vignette": "links.edit_vignette"}


def _paragraph(text: str, url: str, classes: list[str]) -> El:
    return para(link(text, url), classes=classes)


def edit_link(settings: Settings, kind: str, path: str, folder: bool = False) -> list[El]:
    """[a paragraph with "Suggest an edit to this quiz"], or [] when the site sets no address."""
    template = settings.folder_url if folder else settings.edit_url
    if not template:
        return []
    url = template.format(path=quote(path.strip("/")))
    return [_paragraph(strings.text(settings.language, EDIT_KEYS[kind], path=path.strip("/")), url,
                       ["pq-source-link", "pq-edit-link"])]


def issue_text(quiz: str, path: str, question: str, number: int, page: str) -> tuple[str, str]:
    """The new issue's title and body: enough for a maintainer to find the question at once."""
    title = f"Quiz {quiz}, question {question}: "
    body = (f"Quiz: {quiz} ({path})\nQuestion id: {question} (question {number} on the page)\nPage: {page}\n\n"
            "What is wrong, and what would be right? A source helps.\n")
    return title, body


def report_link(settings: Settings, quiz: str, path: str, question: str, number: int, page: str) -> list[El]:
    """[a paragraph with "Report a problem with question N"], or [] when the site sets no issue address."""
    if not settings.issue_url:
        return []
    title, body = issue_text(quiz, path, question, number, page)
    url = settings.issue_url.format(title=quote(title, safe=""), body=quote(body, safe=""))
    return [_paragraph(strings.text(settings.language, "links.report", number=number), url,
                       ["pq-source-link", "pq-report-link"])]
