"""Links from a widget back to its source, for readers who find a mistake.

- "Suggest an edit" under a quiz, an exercise or a vignette opens its own file (not the page that shows it).
- "Report a problem with question N" under each quiz question opens a new issue with the quiz, the file and the
  question id filled in.

Off unless the project configures where its sources live (course_site sets them from _config.yml's repository):

- `pyodide_quiz_edit_url`: a file's edit address, with `{path}` for its path from the project root,
  e.g. "https://github.com/owner/repo/edit/main/{path}";
- `pyodide_quiz_folder_url`: a folder's address (an exercise is a folder), e.g. ".../tree/main/{path}";
- `pyodide_quiz_issue_url`: a new issue, with `{title}` and `{body}` (filled in URL-encoded),
  e.g. "https://github.com/owner/repo/issues/new?title={title}&body={body}".
"""
from __future__ import annotations

from urllib.parse import quote

from docutils import nodes

KIND_WORDS = {"quiz": "this quiz", "exercise": "this exercise", "vignette": "this vignette"}


def _paragraph(text: str, url: str, classes: list[str]) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.reference("", text, refuri=url, internal=False), classes=classes)


def edit_link(config, kind: str, path: str, folder: bool = False) -> list[nodes.Node]:
    """[a paragraph with "Suggest an edit to this quiz"], or [] when the project sets no address."""
    template = config.pyodide_quiz_folder_url if folder else config.pyodide_quiz_edit_url
    if not template:
        return []
    url = template.format(path=quote(path.strip("/")))
    return [_paragraph(f"Suggest an edit to {KIND_WORDS.get(kind, kind)} ({path.strip('/')})", url,
                       ["pq-source-link", "pq-edit-link"])]


def issue_text(quiz: str, path: str, question: str, number: int, page: str) -> tuple[str, str]:
    """The new issue's title and body: enough for a maintainer to find the question at once."""
    title = f"Quiz {quiz}, question {question}: "
    body = (f"Quiz: {quiz} ({path})\nQuestion id: {question} (question {number} on the page)\nPage: {page}\n\n"
            "What is wrong, and what would be right? A source helps.\n")
    return title, body


def report_link(config, quiz: str, path: str, question: str, number: int, page: str) -> list[nodes.Node]:
    """[a paragraph with "Report a problem with question N"], or [] when the project sets no issue address."""
    template = config.pyodide_quiz_issue_url
    if not template:
        return []
    title, body = issue_text(quiz, path, question, number, page)
    url = template.format(title=quote(title, safe=""), body=quote(body, safe=""))
    return [_paragraph(f"Report a problem with question {number}", url, ["pq-source-link", "pq-report-link"])]


def setup(app) -> None:
    app.add_config_value("pyodide_quiz_edit_url", "", "html", [str])
    app.add_config_value("pyodide_quiz_folder_url", "", "html", [str])
    app.add_config_value("pyodide_quiz_issue_url", "", "html", [str])
