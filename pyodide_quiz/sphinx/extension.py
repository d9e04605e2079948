"""Sphinx entry point: nodes, directives, config values, assets and events, each wired in one place."""
from __future__ import annotations

from . import assets, exercise, preload, progress, registry, source_links, transcript, vignette
from .nodes import setup_nodes
from .objectives import ObjectivesDirective
from .quiz import QuizDirective
from .review import setup_review


def setup(app):
    app.add_config_value("pyodide_quiz_timeout", 5, "html", [int, float])
    # Seconds: Python's start is called slow after the first, and given up (with Retry) after the second without
    # a byte arriving.
    app.add_config_value("pyodide_quiz_slow_start", 8, "html", [int, float])
    app.add_config_value("pyodide_quiz_stalled_start", 30, "html", [int, float])
    app.add_config_value("pyodide_quiz_pyodide_dir", "node_modules/pyodide", "html", [str])
    # "Export my results" on the progress page saves <this>-<date>.json: a site names the file after itself.
    app.add_config_value("pyodide_quiz_progress_file", "progress", "html", [str])
    app.add_config_value("pyodide_quiz_esbuild", "node_modules/.bin/esbuild", "", [str])
    # Chapter quizzes ask "How sure are you?" before Check (a quiz file or directive may say otherwise).
    app.add_config_value("pyodide_quiz_confidence", False, "env", [bool])
    # Its own extension, so a site can load the policy alone (course_site does, for the instructor edition).
    app.setup_extension("pyodide_quiz.sphinx.csp")
    source_links.setup(app)
    setup_nodes(app)
    app.add_node(progress.progress_placeholder)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("exercise", exercise.ExerciseDirective)
    app.add_directive("vignette", vignette.VignetteDirective)
    app.add_directive("transcript", transcript.TranscriptDirective)
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("progress-summary", progress.ProgressDirective)
    setup_review(app)
    app.connect("builder-inited", assets.stage)
    app.connect("env-purge-doc", registry.purge)
    app.connect("env-merge-info", registry.merge)
    app.connect("env-get-outdated", progress.always_rebuild_progress)
    app.connect("doctree-resolved", progress.fill)
    app.connect("html-page-context", preload.add_preload_links)
    app.connect("html-page-context", assets.link_used_stylesheets)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
