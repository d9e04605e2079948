"""The engine's Markdown front end: a Python-Markdown extension (`pyodide_quiz.mkdocs` in `markdown_extensions`,
for MkDocs and Zensical) and a MkDocs plugin (`pyodide_quiz` in `plugins`) that also ships the runtime's files.

Only the extension is imported here: Zensical loads it without MkDocs's plugin machinery.
"""
from .extension import PyodideQuizExtension, makeExtension

__all__ = ["PyodideQuizExtension", "makeExtension"]
