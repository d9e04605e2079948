"""Static assets: the runtime (JS modules, CSS), the graders for the worker, and a self-hosted Pyodide.

Everything is registered through `html_static_path`, never copied into the output by hand. Pyodide and the
graders live outside the static folder, so they are staged (as symlinks) in a folder under the doctree
directory that Sphinx then copies like any static path.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.errors import ExtensionError

from .content import logger

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static"
GRADERS = PACKAGE / "graders"
# The files a stdlib-only Pyodide needs; the npm package also ships a Node build and type files we skip.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def _link(target: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        if link.is_symlink() and os.readlink(link) == str(target):
            return
        link.unlink()
    link.symlink_to(target)


def stage(app) -> None:
    """Register the runtime and stage Pyodide + graders as static files."""
    if app.builder.format != "html":
        return
    staging = Path(app.doctreedir) / "pyodide_quiz_static"
    pyodide_dir = Path(app.confdir) / app.config.pyodide_quiz_pyodide_dir
    missing = [name for name in PYODIDE_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise ExtensionError(
            f"pyodide_quiz: Pyodide not found in {pyodide_dir} (missing {', '.join(missing)}); "
            "run `npm ci` (or `make serve`) first, or set pyodide_quiz_pyodide_dir")
    for name in PYODIDE_FILES:
        _link(pyodide_dir / name, staging / "pyodide" / name)
    graders = sorted(GRADERS.glob("*.py"))
    for grader in graders:
        _link(grader, staging / "pq-graders" / "graders" / grader.name)
    # The worker reads this list to know which grader files to load into Pyodide's file system.
    manifest = json.dumps({"files": [g.name for g in graders]})
    manifest_path = staging / "pq-graders" / "manifest.json"
    if not manifest_path.exists() or manifest_path.read_text() != manifest:
        manifest_path.write_text(manifest)
    app.config.html_static_path.extend([str(STATIC), str(staging)])
    app.add_css_file("pq/quiz.css")
    app.add_css_file("pq/vignette.css")
    app.add_css_file("pq/exercise.css")
    app.add_js_file("pq/loader.js", type="module")
    logger.debug("pyodide_quiz: staged Pyodide from %s", pyodide_dir)
