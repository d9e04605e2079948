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

from docutils import nodes

from ..render import links
from ..render.context import Settings
from ..render.links import issue_text  # noqa: F401  (the text of a new issue, for the site's tests)
from .nodes import to_nodes


def _settings(config) -> Settings:
    return Settings(edit_url=config.pyodide_quiz_edit_url, folder_url=config.pyodide_quiz_folder_url,
                    issue_url=config.pyodide_quiz_issue_url, language=config.language or "en")


def edit_link(config, kind: str, path: str, folder: bool = False) -> list[nodes.Node]:
    """[a paragraph with "Suggest an edit to this quiz"], or [] when the project sets no address."""
    return [node for el in links.edit_link(_settings(config), kind, path, folder) for node in to_nodes(el)]


def report_link(config, quiz: str, path: str, question: str, number: int, page: str) -> list[nodes.Node]:
    """[a paragraph with "Report a problem with question N"], or [] when the project sets no issue address."""
    return [node for el in links.report_link(_settings(config), quiz, path, question, number, page)
            for node in to_nodes(el)]


def setup(app) -> None:
    app.add_config_value("pyodide_quiz_edit_url", "", "html", [str])
    app.add_config_value("pyodide_quiz_folder_url", "", "html", [str])
    app.add_config_value("pyodide_quiz_issue_url", "", "html", [str])
