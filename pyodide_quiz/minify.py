"""The browser runtime, minified: esbuild turns each .js and .css file of static/ into a minified file of the same
name with a linked source map that embeds the original (commented) source; any other file comes along as it is.

It is built once, when a wheel of the engine is built (setup.py writes it into the wheel as
pyodide_quiz/minified/), so a site that installs the engine needs no Node.js. A checkout has no such copy, or one
whose sources have changed since: then the site's build makes its own, in its build folder, with the esbuild it
names (sphinx/assets.py). Nothing here imports Sphinx: setup.py runs it with only setuptools installed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
STATIC = PACKAGE / "static"
PREBUILT = PACKAGE / "minified"  # what a wheel ships; absent in a checkout
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
# What the last run was made from: esbuild's version, its options and a digest of the sources (a dotfile:
# Sphinx does not copy it into the site).
STAMP = ".esbuild.json"


class MinifyError(Exception):
    """esbuild is missing or refused a file; the message says what to do, or names the file and line."""


def link(target: Path, link_path: Path) -> None:
    """A symlink at `link_path` to `target`, replacing whatever was there unless it already points there."""
    link_path.parent.mkdir(parents=True, exist_ok=True)
    if link_path.is_symlink() or link_path.exists():
        if link_path.is_symlink() and os.readlink(link_path) == str(target):
            return
        link_path.unlink()
    link_path.symlink_to(target)


def source_files(static: Path = STATIC) -> list[Path]:
    return sorted(p.relative_to(static) for p in static.rglob("*") if p.is_file() and not p.name.startswith("."))


def sources_digest(static: Path = STATIC) -> str:
    """A digest of every file's name and bytes: equal exactly when the sources are."""
    digest = hashlib.sha256()
    for relative in source_files(static):
        digest.update(f"{relative.as_posix()}\0".encode() + hashlib.sha256((static / relative).read_bytes()).digest())
    return digest.hexdigest()


def esbuild_version(esbuild: Path) -> str:
    if not (esbuild.is_file() and os.access(esbuild, os.X_OK)):
        raise MinifyError(f"esbuild not found at {esbuild} (the quiz runtime's JavaScript and CSS are minified "
                          "with it); run `npm ci` (or `make serve`) first, or set pyodide_quiz_esbuild")
    return subprocess.run([str(esbuild), "--version"], capture_output=True, text=True).stdout.strip()


def read_stamp(out: Path) -> dict:
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def prebuilt(static: Path = STATIC, out: Path = PREBUILT) -> Path | None:
    """The wheel's minified runtime when it was made from these very sources with these options, else None."""
    stamp = read_stamp(out)
    if stamp.get("options") == list(ESBUILD_OPTIONS) and stamp.get("sources") == sources_digest(static):
        return out
    return None


def _failed(done: subprocess.CompletedProcess) -> MinifyError:
    output = done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}"
    errors = [m for m in ESBUILD_MESSAGE.finditer(output) if m["kind"] == "ERROR"]
    where = "; ".join(f"{m['file']}:{m['line']}:{m['column']}: {m['text']}" if m["file"] else m["text"]
                      for m in errors)
    return MinifyError(f"esbuild could not minify the runtime: {where or output}\n\n{output}")


def _point_map_at_source(map_file: Path, relative: Path, package_name: str) -> None:
    """Name the source in a map as the file in the package (pyodide_quiz/static/...), seen from the site's root.

    esbuild writes a path from the output folder to the source, which depends on where the book and the package
    sit on the build machine; this name does not, so two builds in different folders give the same files. The
    text itself is embedded (sourcesContent): a browser's developer tools never fetch it.
    """
    data = json.loads(map_file.read_text(encoding="utf-8"))
    if len(data.get("sources", ())) != 1:
        raise MinifyError(f"{map_file} maps {len(data.get('sources', ()))} sources, not one")
    to_root = "../" * (1 + len(relative.parent.parts))  # out of _static/<relative's folder>
    data["sources"] = [f"{to_root}{package_name}/static/{relative.as_posix()}"]
    map_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _prune(out: Path, expected: set[Path]) -> None:
    """Remove what a source that is gone left behind, and the folders that empties."""
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path not in expected:
            path.unlink()


def build_runtime(esbuild: Path, out: Path, static: Path = STATIC, copy: bool = False) -> list[dict]:
    """Mirror `static` into `out`: each .js and .css file minified, with `<name>.map` beside it; any other file
    linked (copied when `copy`, as a wheel needs). esbuild runs (once, over every file) only when the sources,
    esbuild's version or its options changed since the last run, or an output is missing; files whose source is
    gone are removed. Returns esbuild's warnings as {"text", "file", "line"}; raises MinifyError on an error."""
    files = source_files(static)
    minified = [f for f in files if f.suffix in MINIFIED]
    expected = {out / STAMP}
    for relative in files:
        if relative.suffix in MINIFIED:
            expected |= {out / relative, out / f"{relative}.map"}
        else:
            if copy:
                (out / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(static / relative, out / relative)
            else:
                link(static / relative, out / relative)
            expected.add(out / relative)
    if out.is_dir():
        _prune(out, expected)
    stamp = {"esbuild": esbuild_version(esbuild), "options": list(ESBUILD_OPTIONS), "sources": sources_digest(static)}
    if read_stamp(out) == stamp and all(path.is_file() for path in expected - {out / STAMP}):
        return []
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)  # an interrupted run must not look finished to the next build
    # Paths relative to the package's parent, so esbuild's messages name pyodide_quiz/static/<file>.
    base = static.parent.parent
    sources = [(static / f).relative_to(base).as_posix() for f in minified]
    done = subprocess.run([str(esbuild), *sources, *ESBUILD_OPTIONS, f"--outdir={out}",
                           f"--outbase={static.relative_to(base).as_posix()}"], cwd=base, capture_output=True, text=True)
    if done.returncode != 0:
        raise _failed(done)
    for relative in minified:
        _point_map_at_source(out / f"{relative}.map", relative, static.parent.name)
    (out / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    return [{"text": m["text"], "file": m["file"], "line": m["line"]} for m in ESBUILD_MESSAGE.finditer(done.stderr)]
