"""Sphinx entry point: nodes, directives, config values, assets and events, each wired in one place."""
from __future__ import annotations

from . import assets, exercise, preload, progress, registry, source_links, transcript, vignette
from .nodes import setup_nodes
from .objectives import ObjectivesDirective
from .quiz import QuizDirective


def setup(app):
    app.add_config_value("pyodide_quiz_timeout", 5, "html", [int, float])
    app.add_config_value("pyodide_quiz_pyodide_dir", "node_modules/pyodide", "html", [str])
    app.add_config_value("pyodide_quiz_esbuild", "node_modules/.bin/esbuild", "", [str])
    source_links.setup(app)
    setup_nodes(app)
    app.add_node(progress.progress_placeholder)
    app.add_directive("quiz", QuizDirective)
    app.add_directive("exercise", exercise.ExerciseDirective)
    app.add_directive("vignette", vignette.VignetteDirective)
    app.add_directive("transcript", transcript.TranscriptDirective)
    app.add_directive("objectives", ObjectivesDirective)
    app.add_directive("progress-summary", progress.ProgressDirective)
    app.connect("builder-inited", assets.stage)
    app.connect("env-purge-doc", registry.purge)
    app.connect("env-merge-info", registry.merge)
    app.connect("env-get-outdated", progress.always_rebuild_progress)
    app.connect("doctree-resolved", progress.fill)
    app.connect("html-page-context", preload.add_preload_links)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
