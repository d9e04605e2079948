"""The checks that `scripts/check` runs. Each is a small module with TITLE, STAGE and `run(ctx)`. The first four
are the engine's own (`python -m pyodide_quiz check`, wrapped in engine.py); the rest are this book's.

Stages run in order: "content" (source files, before the build), "build" (Sphinx, warnings as errors) and
"html" (the built site). A check returns a list of Problems (file, line, message); it never stops the others.
To add a check: write a module here and list it in CHECKS.
"""
from . import (  # noqa: F401
    build,
    citations,
    engine,
    html_assets,
    html_links,
    html_references,
    objectives,
    pages,
    published_ids,
)

CHECKS = [*engine.CHECKS, pages, objectives, citations, published_ids, build, html_links, html_assets, html_references]
