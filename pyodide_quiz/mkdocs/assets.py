"""The files a MkDocs site needs beside its pages, written into the built site under `assets/pyodide_quiz/`:

    pq/            the runtime (JS modules and CSS, minified with source maps; pyodide_quiz/minify.py) and the
                   site's UI strings (pq/strings/<area>.js, one module per area of the catalogue)
    pq-graders/    the graders the Python worker loads, and their manifest
    pyodide/       a self-hosted Pyodide (copied from `pyodide_dir`, by default node_modules/pyodide)
    mkdocs.js      starts the runtime on every page, also after mkdocs-material's instant navigation
    material.css   maps the runtime's colours to mkdocs-material's (light and dark palettes)

and `sw.js` at the site's root, a service worker that keeps a copy of what the site served (offline use).
The folders keep the layout the runtime expects (the worker finds ../pyodide/ and ../pq-graders/ from pq/).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .. import minify
from ..assets import PYODIDE_FILES, grader_files, grader_manifest, missing_pyodide_files

HERE = Path(__file__).resolve().parent
FOLDER = "assets/pyodide_quiz"
STYLESHEETS = ("pq/quiz.css", "pq/vignette.css", "pq/transcript.css", "pq/exercise.css", "material.css")
ENTRY_SCRIPT = "mkdocs.js"
OWN_FILES = ("mkdocs.js", "material.css")


class AssetError(Exception):
    """A file the site needs is missing; the message says what to run."""


def check_pyodide(pyodide_dir: Path) -> None:
    missing = missing_pyodide_files(pyodide_dir)
    if missing:
        raise AssetError(f"Pyodide not found in {pyodide_dir} (missing {', '.join(missing)}); run `npm ci` "
                         "(with pyodide in package.json) first, or set the plugin's `pyodide_dir`")


def runtime_folder(esbuild: Path, cache: Path) -> Path:
    """The minified runtime: the installed package's when it matches its sources, else one esbuild makes in
    `cache` (redone only when the sources changed)."""
    ready = minify.prebuilt()
    if ready is not None:
        return ready
    try:
        minify.build_runtime(esbuild, cache)
    except minify.MinifyError as error:
        raise AssetError(str(error)) from None
    return cache


def _copy(source: Path, target: Path) -> None:
    """Copy unless the target already has the same size and time (a rebuild copies only what changed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        old, new = target.stat(), source.stat()
        if old.st_size == new.st_size and int(old.st_mtime) == int(new.st_mtime):
            return
    shutil.copy2(source, target)


def strings_modules(language: str | None) -> tuple[dict[str, str], str | None]:
    """The runtime's UI strings for the site's language as modules by path under pq/ (strings/<area>.js and
    strings/language.js), and a warning when the language is not shipped (English is used then)."""
    from .. import strings

    code, shipped = strings.resolve(language)
    warning = None if shipped or not language else (
        f"no UI strings for language {language!r} (shipped: {', '.join(strings.languages())}); using {code}")
    return strings.runtime_modules(code), warning


def write_site_assets(site_dir: Path, runtime: Path, pyodide_dir: Path, language: str | None) -> list[str]:
    """Everything above into `site_dir`; returns warnings."""
    check_pyodide(pyodide_dir)
    out = site_dir / FOLDER
    for source in runtime.rglob("*"):
        if source.is_file() and not source.name.startswith("."):
            _copy(source.resolve(), out / source.relative_to(runtime))
    for name in PYODIDE_FILES:
        _copy(pyodide_dir / name, out / "pyodide" / name)
    graders = grader_files()
    for grader in graders:
        _copy(grader, out / "pq-graders" / "graders" / grader.name)
    (out / "pq-graders" / "manifest.json").write_text(json.dumps(grader_manifest(pyodide_dir, graders)))
    for name in OWN_FILES:
        _copy(HERE / "static" / name, out / name)
    modules, warning = strings_modules(language)
    for name, module in modules.items():
        (out / "pq" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / "pq" / name).write_text(module, encoding="utf-8")
    write_service_worker(site_dir)
    return [warning] if warning else []


def write_service_worker(site_dir: Path) -> None:
    """sw.js at the root, named for this build (a new build starts a new cache and drops the old one)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".css")):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + path.read_bytes())
    template = (HERE / "static" / "sw.js").read_text(encoding="utf-8")
    (site_dir / "sw.js").write_text(template.replace("BUILD_VERSION", digest.hexdigest()[:16]), encoding="utf-8")
