"""The checks that `scripts/check` runs. Each is a small module with TITLE, STAGE and `run(ctx)`.

Stages run in order: "content" (source files, before the build), "build" (Sphinx, warnings as errors) and
"html" (the built site). A check returns a list of Problems (file, line, message); it never stops the others.
To add a check: write a module here and list it in CHECKS.
"""
from . import (  # noqa: F401
    build,
    citations,
    exercises,
    html_assets,
    html_links,
    html_references,
    objectives,
    published_ids,
    quizzes,
    transcripts,
    vignettes,
)

CHECKS = [quizzes, vignettes, transcripts, exercises, objectives, citations, published_ids, build, html_links, html_assets,
          html_references]
