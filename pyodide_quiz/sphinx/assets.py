"""Static assets: the runtime (JS modules, CSS), the graders for the worker, and a self-hosted Pyodide.

Everything is registered through `html_static_path`, never copied into the output by hand. The runtime ships
minified: esbuild turns each .js and .css file of the static folder into a minified file of the same name, with
a linked source map that embeds the original (commented) source, in a folder under the doctree directory; other
files of the static folder are linked there unchanged. Pyodide and the graders live outside the static folder,
so they are staged (as symlinks) in a second folder under the doctree directory. Sphinx copies both folders like
any static path.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from sphinx.errors import ExtensionError

from .content import logger

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static"
GRADERS = PACKAGE / "graders"
# The files a stdlib-only Pyodide needs; the npm package also ships a Node build and type files we skip.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
MINIFIED = (".js", ".css")
# One esbuild run over every file, without bundling: each ES module stays a file of its own, so relative
# imports, dynamic import(), import.meta.url and the worker's URL work as in the sources. ES2021 is the newest
# syntax the runtime uses (`||=`): at that target esbuild lowers none of it and writes nothing newer (raise it
# when the code needs more, e.g. class fields or top-level await). Without browser targets esbuild leaves the
# CSS's syntax as written. --charset=utf8 keeps "…" and "−" as they are rather than escaping them.
ESBUILD_OPTIONS = ("--minify", "--target=es2021", "--charset=utf8", "--sourcemap=linked", "--sources-content=true",
                   "--log-level=warning", "--color=false")
# esbuild's messages: "✘ [ERROR] text" or "▲ [WARNING] text", then, after a blank line, "    path:line:column:".
ESBUILD_MESSAGE = re.compile(r"^\S+ \[(?P<kind>ERROR|WARNING)\] (?P<text>.*)\n(?:\n\s+(?P<file>\S[^\n]*?):"
                             r"(?P<line>\d+):(?P<column>\d+):)?", re.MULTILINE)
STAMP = ".esbuild.json"  # the options and version of the last run (a dotfile: Sphinx does not copy it)


def _link(target: Path, link: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        if link.is_symlink() and os.readlink(link) == str(target):
            return
        link.unlink()
    link.symlink_to(target)


def _is_stale(source: Path, output: Path) -> bool:
    return not output.is_file() or output.stat().st_mtime_ns < source.stat().st_mtime_ns


def _esbuild_failed(done: subprocess.CompletedProcess) -> ExtensionError:
    output = done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}"
    errors = [m for m in ESBUILD_MESSAGE.finditer(output) if m["kind"] == "ERROR"]
    where = "; ".join(f"{m['file']}:{m['line']}:{m['column']}: {m['text']}" if m["file"] else m["text"]
                      for m in errors)
    return ExtensionError(f"pyodide_quiz: esbuild could not minify the runtime: {where or output}\n\n{output}")


def _point_map_at_source(map_file: Path, relative: Path) -> None:
    """Name the source in a map as the file in the package (pyodide_quiz/static/...), seen from the site's root.

    esbuild writes a path from the doctree directory to the source, which depends on where the book and the
    package sit on the build machine; this name does not, so two builds in different folders give the same files.
    The text itself is embedded (sourcesContent): a browser's developer tools never fetch it.
    """
    data = json.loads(map_file.read_text(encoding="utf-8"))
    if len(data.get("sources", ())) != 1:
        raise ExtensionError(f"pyodide_quiz: {map_file} maps {len(data.get('sources', ()))} sources, not one")
    to_root = "../" * (1 + len(relative.parent.parts))  # out of _static/<relative's folder>
    data["sources"] = [f"{to_root}{PACKAGE.name}/{STATIC.name}/{relative.as_posix()}"]
    map_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def stage_runtime(esbuild: Path, out: Path) -> None:
    """Mirror the static folder into `out`: each .js and .css file minified, with `<name>.map` beside it; any
    other file linked. esbuild runs (once, over every file) only when a source is newer than its output, an
    output is missing, or esbuild's version or options changed; files whose source is gone are removed."""
    files = sorted(p.relative_to(STATIC) for p in STATIC.rglob("*") if p.is_file() and not p.name.startswith("."))
    minified = [f for f in files if f.suffix in MINIFIED]
    expected = {out / STAMP}
    for relative in files:
        if relative.suffix in MINIFIED:
            expected |= {out / relative, out / f"{relative}.map"}
        else:
            _link(STATIC / relative, out / relative)
            expected.add(out / relative)
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path not in expected:
            path.unlink()
    if not minified:
        return
    version = subprocess.run([str(esbuild), "--version"], capture_output=True, text=True)
    stamp = json.dumps({"esbuild": version.stdout.strip(), "options": ESBUILD_OPTIONS})
    stamp_file = out / STAMP
    if (stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp
            and not any(_is_stale(STATIC / f, out / f) or _is_stale(STATIC / f, out / f"{f}.map") for f in minified)):
        return
    out.mkdir(parents=True, exist_ok=True)
    stamp_file.unlink(missing_ok=True)  # an interrupted run must not look finished to the next build
    # Paths relative to the package's parent, so esbuild's messages name pyodide_quiz/static/<file>.
    sources = [(STATIC / f).relative_to(PACKAGE.parent).as_posix() for f in minified]
    done = subprocess.run([str(esbuild), *sources, *ESBUILD_OPTIONS, f"--outdir={out}",
                           f"--outbase={STATIC.relative_to(PACKAGE.parent).as_posix()}"],
                          cwd=PACKAGE.parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise _esbuild_failed(done)
    for message in ESBUILD_MESSAGE.finditer(done.stderr):
        location = f"{message['file']}:{message['line']}" if message["file"] else None
        logger.warning("esbuild: %s", message["text"], location=location, type="pyodide_quiz", subtype="esbuild")
    for relative in minified:
        _point_map_at_source(out / f"{relative}.map", relative)
    stamp_file.write_text(stamp, encoding="utf-8")
    logger.info("pyodide_quiz: minified %d runtime files with esbuild", len(minified))


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
    esbuild = Path(app.confdir) / app.config.pyodide_quiz_esbuild
    if not (esbuild.is_file() and os.access(esbuild, os.X_OK)):
        raise ExtensionError(
            f"pyodide_quiz: esbuild not found at {esbuild} (the build minifies the quiz runtime's JavaScript and "
            "CSS with it); run `npm ci` (or `make serve`) first, or set pyodide_quiz_esbuild")
    runtime = Path(app.doctreedir) / "pyodide_quiz_runtime"
    stage_runtime(esbuild, runtime)
    for name in PYODIDE_FILES:
        _link(pyodide_dir / name, staging / "pyodide" / name)
    graders = sorted(GRADERS.glob("*.py"))
    for grader in graders:
        _link(grader, staging / "pq-graders" / "graders" / grader.name)
    # The worker reads this list to know which grader files to load into Pyodide's file system, and the bytes
    # Pyodide fetches on a first start (its module scripts are imported, not fetched) for its progress bar.
    download = sum((pyodide_dir / name).stat().st_size for name in PYODIDE_FILES if not name.endswith(".mjs"))
    manifest = json.dumps({"files": [g.name for g in graders], "download_bytes": download})
    manifest_path = staging / "pq-graders" / "manifest.json"
    if not manifest_path.exists() or manifest_path.read_text() != manifest:
        manifest_path.write_text(manifest)
    app.config.html_static_path.extend([str(runtime), str(staging)])
    app.add_css_file("pq/quiz.css")
    app.add_css_file("pq/vignette.css")
    app.add_css_file("pq/transcript.css")
    app.add_css_file("pq/exercise.css")
    app.add_js_file("pq/loader.js", type="module")
    logger.debug("pyodide_quiz: staged Pyodide from %s", pyodide_dir)
