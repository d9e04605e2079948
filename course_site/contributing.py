"""Where a reader who finds a mistake is sent: the repository named in _config.yml (`repository: url, branch`).

Sets the quiz engine's source links (pyodide_quiz/sphinx/source_links.py): "Suggest an edit" under a quiz,
exercise or vignette opens its own file on GitHub (the theme's "Suggest edit" button opens the page's file),
and "Report a problem with question N" opens a new issue with the quiz and question ids filled in. A project
whose repository is not on GitHub, that names none, or that shows no repository or edit button, gets no such
links.
"""
from __future__ import annotations

import posixpath


def source_addresses(repository: str, branch: str, path_to_book: str = "") -> dict[str, str]:
    """The engine's three address templates for a GitHub repository, or {} for anything else."""
    repository = (repository or "").rstrip("/")
    if not repository.startswith("https://github.com/"):
        return {}
    base = posixpath.join(path_to_book.strip("/"), "{path}") if path_to_book.strip("/") else "{path}"
    return {
        "pyodide_quiz_edit_url": f"{repository}/edit/{branch}/{base}",
        "pyodide_quiz_folder_url": f"{repository}/tree/{branch}/{base}",
        "pyodide_quiz_issue_url": f"{repository}/issues/new?title={{title}}&body={{body}}",
    }


# Jupyter Book names its own repository when a book names none: that is not where this book's sources are.
JUPYTER_BOOK_DEFAULT = "https://github.com/executablebooks/jupyter-book"


def _configure(app, config) -> None:
    options = config.html_theme_options or {}
    named = (options.get("repository_url") or "").rstrip("/")
    if named == JUPYTER_BOOK_DEFAULT or not (options.get("use_edit_page_button") or options.get("use_repository_button")):
        return  # the book shows no link to its repository, so neither do its quizzes
    addresses = source_addresses(options.get("repository_url", ""), options.get("repository_branch") or "main",
                                 options.get("path_to_docs") or "")
    for name, value in addresses.items():
        if name in config and not config[name]:  # a project's own setting wins
            config[name] = value


def setup(app) -> None:
    # After the engine has declared its settings (it is loaded as an extension of its own).
    app.connect("config-inited", _configure, priority=600)
