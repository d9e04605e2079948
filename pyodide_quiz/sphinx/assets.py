"""Static assets: the runtime (JS modules, CSS), the graders for the worker, and a self-hosted Pyodide.

Everything is registered through `html_static_path`, never copied into the output by hand. The runtime ships
minified (each .js and .css file with a source map that embeds the original): the copy an installed wheel
carries, or, in a checkout, one esbuild makes in a folder under the doctree directory (pyodide_quiz/minify.py).
Pyodide and the graders live outside the static folder, so they are staged (as symlinks) in a second folder
under the doctree directory. Sphinx copies both folders like any static path.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.errors import ExtensionError

from .. import minify
from ..minify import link
from .content import logger

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = minify.STATIC
GRADERS = PACKAGE / "graders"
# The files a stdlib-only Pyodide needs; the npm package also ships a Node build and type files we skip.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# The runtime's own files, as folders of _static: what a page and its Python worker must come from the same build.
RUNTIME_FOLDERS = ("pq", "pq-graders/graders")
GRADERS_MANIFEST = "pq-graders/manifest.json"


def runtime_folder(esbuild: Path, build_dir: Path) -> Path:
    """The minified runtime: the wheel's when it matches the sources (see minify.py), else one esbuild makes in
    `build_dir` now (only what changed since the last build is redone)."""
    ready = minify.prebuilt()
    if ready is not None:
        logger.debug("pyodide_quiz: the runtime comes minified with the package")
        return ready
    try:
        warnings = minify.build_runtime(esbuild, build_dir)
    except minify.MinifyError as error:
        raise ExtensionError(f"pyodide_quiz: {error}") from None
    for warning in warnings:
        location = f"{warning['file']}:{warning['line']}" if warning["file"] else None
        logger.warning("esbuild: %s", warning["text"], location=location, type="pyodide_quiz", subtype="esbuild")
    return build_dir


def runtime_version(static_folders: list[Path]) -> str:
    """A digest of the runtime's code (its modules and graders; not styles, which a site may trim after the build,
    nor source maps) found under these `_static`-like folders: the staged ones at build time, or a built site's
    `_static` (the same value).

    A page names it in its worker's URL and the worker compares it with the graders' manifest, so a page that
    stayed open while the site was rebuilt never runs a new worker or new graders with its old modules (a
    service worker's copy, an HTTP cache or the server itself may hand out the new files under the old names)."""
    files = {}
    for folder in static_folders:
        for name in RUNTIME_FOLDERS:
            for path in (folder / name).rglob("*"):
                if path.is_file() and not path.name.startswith(".") and path.suffix not in (".map", ".css"):
                    files[path.relative_to(folder).as_posix()] = path
    digest = hashlib.sha256()
    for relative in sorted(files):
        digest.update(f"{relative}\0".encode() + hashlib.sha256(files[relative].read_bytes()).digest())
    return digest.hexdigest()[:16]


def staged_runtime_version(app) -> str:
    """The runtime version this build wrote into the graders' manifest (see stage)."""
    manifest = Path(app.doctreedir) / "pyodide_quiz_static" / GRADERS_MANIFEST
    return json.loads(manifest.read_text(encoding="utf-8"))["runtime"]


def stage(app) -> None:
    """Register the runtime (minified) and stage Pyodide + graders as static files."""
    if app.builder.format != "html":
        return
    staging = Path(app.doctreedir) / "pyodide_quiz_static"
    pyodide_dir = Path(app.confdir) / app.config.pyodide_quiz_pyodide_dir
    missing = [name for name in PYODIDE_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise ExtensionError(
            f"pyodide_quiz: Pyodide not found in {pyodide_dir} (missing {', '.join(missing)}); "
            "run `npm ci` (or `make serve`) first, or set pyodide_quiz_pyodide_dir")
    runtime = runtime_folder(Path(app.confdir) / app.config.pyodide_quiz_esbuild,
                             Path(app.doctreedir) / "pyodide_quiz_runtime")
    for name in PYODIDE_FILES:
        link(pyodide_dir / name, staging / "pyodide" / name)
    graders = sorted(GRADERS.glob("*.py"))
    for grader in graders:
        link(grader, staging / "pq-graders" / "graders" / grader.name)
    # The worker reads this list to know which grader files to load into Pyodide's file system, and the bytes
    # Pyodide fetches on a first start (its module scripts are imported, not fetched) for its progress bar.
    download = sum((pyodide_dir / name).stat().st_size for name in PYODIDE_FILES if not name.endswith(".mjs"))
    # Each fetched file's size, so the worker can tell a file cut off on its way (a damaged download) by name.
    sizes = {name: (pyodide_dir / name).stat().st_size for name in PYODIDE_FILES if not name.endswith(".mjs")}
    version = runtime_version([runtime, staging])
    manifest = json.dumps({"files": [g.name for g in graders], "download_bytes": download, "pyodide_sizes": sizes,
                           "runtime": version})
    manifest_path = staging / GRADERS_MANIFEST
    if not manifest_path.exists() or manifest_path.read_text() != manifest:
        manifest_path.write_text(manifest)
    app.config.html_static_path.extend([str(runtime), str(staging)])
    app.add_css_file("pq/quiz.css")
    app.add_css_file("pq/vignette.css")
    app.add_css_file("pq/transcript.css")
    app.add_css_file("pq/exercise.css")
    app.add_js_file("pq/loader.js", type="module")
    logger.debug("pyodide_quiz: staged Pyodide from %s", pyodide_dir)
