"""pyodide_quiz: quizzes, exercises and branching vignettes for Jupyter Book, Sphinx and MkDocs, graded in the browser.

Add "pyodide_quiz" to a Sphinx project's extensions, or the `pyodide_quiz` plugin to a mkdocs.yml (README.md).
See quizzes/README.md for the file format.
"""
__version__ = "0.1.0"


def setup(app):
    from .sphinx.extension import setup as setup_extension

    return setup_extension(app)
