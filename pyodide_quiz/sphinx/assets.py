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
import re
from pathlib import Path

from sphinx.errors import ExtensionError

from .. import minify, strings
from ..assets import PYODIDE_FILES, grader_files, grader_manifest, missing_pyodide_files
from ..minify import link
from ..types import question_types
from .content import logger

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = minify.STATIC
# The runtime's own files, as folders of _static: what a page and its Python worker must come from the same build.
RUNTIME_FOLDERS = ("pq", "pq-graders/graders")
GRADERS_MANIFEST = "pq-graders/manifest.json"


# Each stylesheet of the runtime, and the markup in a page's body that needs it (None: every page, as quiz.css
# styles the buttons, statuses and progress views every widget shares). A page links only those it needs; the
# files are all in the site and its offline copy still (offline.py's ALWAYS patterns take all of _static/pq/).
STYLESHEETS = {
    "pq/quiz.css": None,
    # The progress page shows the write-your-own replies (pq-practice-log) with the vignette's styles.
    "pq/vignette.css": re.compile(r'class="(?:[^"]*\s)?pq-(?:vignette|practice)[\s"-]'),
    "pq/transcript.css": re.compile(r'class="(?:[^"]*\s)?pq-transcript[\s"-]'),
    # A python quiz question has the exercise's code editor and output.
    "pq/exercise.css": re.compile(r'class="(?:[^"]*\s)?pq-exercise[\s"-]|data-type="python"'),
}


def needed_stylesheets(body: str) -> set[str]:
    """The runtime's stylesheets a page whose body is `body` uses."""
    return {name for name, markup in STYLESHEETS.items() if markup is None or markup.search(body)}


def link_used_stylesheets(app, pagename, templatename, context, doctree) -> None:
    """html-page-context: drop the links to the runtime's stylesheets this page does not use (12-25 KB a page)."""
    body = context.get("body")
    needed = needed_stylesheets(body if isinstance(body, str) else "")

    def wanted(css) -> bool:
        name = str(getattr(css, "filename", css)).removeprefix("_static/")  # Sphinx adds the folder
        return name not in STYLESHEETS or name in needed

    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"] if wanted(css)]


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


def stage_strings(language: str | None, runtime: Path) -> None:
    """Write the site's catalogue as the runtime modules pq/strings/*.js into `runtime` (the staged pq/ folder: so
    they are in the runtime version, and in the offline copy by _static/pq's pattern), one per area, and remove any
    other module there (an area that no longer exists); a language without a catalogue gets English and one
    warning."""
    code, shipped = strings.resolve(language)
    if not shipped:
        logger.warning("pyodide_quiz: no catalogue of the widgets' texts for language %r, so they use %r "
                       "(English) instead (catalogues: %s)", language, code,
                       ", ".join(strings.languages()), type="pyodide_quiz", subtype="language")
    modules = strings.runtime_modules(code)
    folder = runtime / strings.RUNTIME_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.js"):
        if stale.relative_to(runtime).as_posix() not in modules:
            stale.unlink()
    for name, module in modules.items():
        path = runtime / name
        if not path.exists() or path.read_text(encoding="utf-8") != module:
            path.write_text(module, encoding="utf-8")  # unchanged files keep their time: rebuilds copy less


def stage(app) -> None:
    """Register the runtime (minified) and stage Pyodide + graders as static files."""
    if app.builder.format != "html":
        return
    staging = Path(app.doctreedir) / "pyodide_quiz_static"
    pyodide_dir = Path(app.confdir) / app.config.pyodide_quiz_pyodide_dir
    missing = missing_pyodide_files(pyodide_dir)
    if missing:
        raise ExtensionError(
            f"pyodide_quiz: Pyodide not found in {pyodide_dir} (missing {', '.join(missing)}); "
            "run `npm ci` (or `make serve`) first, or set pyodide_quiz_pyodide_dir")
    runtime = runtime_folder(Path(app.confdir) / app.config.pyodide_quiz_esbuild,
                             Path(app.doctreedir) / "pyodide_quiz_runtime")
    for name in PYODIDE_FILES:
        link(pyodide_dir / name, staging / "pyodide" / name)
    graders = grader_files()
    for grader in graders:
        link(grader, staging / "pq-graders" / "graders" / grader.name)
    stage_strings(app.config.language, staging / "pq")
    for kind in question_types().values():
        if kind.runtime_file:  # a question type from outside the engine brings its own runtime module
            link(kind.runtime_file, staging / "pq" / "types" / f"{kind.name}.js")
    manifest = json.dumps(grader_manifest(pyodide_dir, graders, runtime_version([runtime, staging])))
    manifest_path = staging / GRADERS_MANIFEST
    if not manifest_path.exists() or manifest_path.read_text() != manifest:
        manifest_path.write_text(manifest)
    app.config.html_static_path.extend([str(runtime), str(staging)])
    for stylesheet in STYLESHEETS:
        app.add_css_file(stylesheet)
    app.add_js_file("pq/loader.js", type="module")
    logger.debug("pyodide_quiz: staged Pyodide from %s", pyodide_dir)
