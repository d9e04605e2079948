"""The site's own scripts (course_site/static/*.js) ship minified, as the quiz engine's do.

Their comments say why the code is as it is and stay in the sources; a student's browser needs none of them
(theme-widgets.js alone is 12 KB with its comments, 4 KB without, and it loads on every page). Before the build
copies static files, esbuild (the engine's, with the engine's options: pyodide_quiz/minify.py) writes each script
minified, with a source map holding the original, into a folder under the doctree directory; every other file of
course_site/static is linked there as it is, and that folder is the static path in course_site/static's place
(two static folders with the same file would make Sphinx warn that one overwrites the other). Stylesheets stay
as written: trim_css.py compacts them after the build.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from pyodide_quiz import minify

from .site_assets import STATIC

FOLDER = "course_static"  # under the doctree directory
REPOSITORY = Path(__file__).resolve().parent.parent

logger = logging.getLogger(__name__)


def minified_static(esbuild: Path, out: Path, static: Path = STATIC) -> Path:
    """`out` mirroring `static`: each .js minified by esbuild (with `<name>.map`), anything else linked."""
    scripts = sorted(p.name for p in static.glob("*.js"))
    expected = set()
    for path in sorted(static.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".js":
            minify.link(path, out / path.name)
            expected.add(out / path.name)
    expected |= {out / name for name in scripts} | {out / f"{name}.map" for name in scripts}
    for path in out.iterdir() if out.is_dir() else ():
        if path not in expected:  # a script or file removed from the sources
            path.unlink()
    if not esbuild.is_file():
        raise ExtensionError(f"course_site: esbuild not found at {esbuild}; run `npm ci` (or `make serve`) first")
    done = subprocess.run([str(esbuild), *scripts, *minify.ESBUILD_OPTIONS, f"--outdir={out}"], cwd=static,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ExtensionError(f"course_site: esbuild could not minify course_site/static: {done.stderr.strip()}")
    for message in minify.ESBUILD_MESSAGE.finditer(done.stderr):
        logger.warning("esbuild: %s", message["text"], type="course_site", subtype="esbuild",
                       location=f"course_site/static/{message['file']}:{message['line']}" if message["file"] else None)
    for name in scripts:  # the map names the source as the site would (not this machine's path)
        minify._point_map_at_source(out / f"{name}.map", Path(name), "course_site")
    return out


def _use_minified(app) -> None:
    if app.builder.format != "html":
        return
    # The engine's setting when the engine is loaded (the instructor edition loads only its CSP part).
    # The instructor edition builds from a book staged elsewhere: then the repository's own esbuild.
    esbuild = Path(app.confdir) / getattr(app.config, "pyodide_quiz_esbuild", "node_modules/.bin/esbuild")
    if not esbuild.is_file():
        esbuild = REPOSITORY / "node_modules" / ".bin" / "esbuild"
    out = minified_static(esbuild, Path(app.doctreedir) / FOLDER)
    app.config.html_static_path[:] = [str(out) if str(p) == str(STATIC) else p for p in app.config.html_static_path]


def setup(app) -> None:
    # After site_assets' config-inited handler has put course_site/static on the static path.
    app.connect("builder-inited", _use_minified)
