"""The runtime ships minified: every .js and .css file of pyodide_quiz/static reaches _static/ minified by
esbuild, each with a linked source map that embeds the original source; esbuild runs again only when a source
changed; a missing esbuild or Pyodide, or a syntax error, stops the build with a message that says what to do or
where."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from pyodide_quiz import minify, strings
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
SOURCES = sorted(p.relative_to(minify.STATIC) for p in minify.STATIC.rglob("*") if p.suffix in (".js", ".css"))


def make_book(tmp_path: Path, esbuild: Path = ESBUILD, **settings) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    conf = write_sample_conf(src)
    settings["pyodide_quiz_esbuild"] = str(esbuild)
    conf.write_text(conf.read_text(encoding="utf-8") + "".join(f"{k} = {v!r}\n" for k, v in settings.items()),
                    encoding="utf-8")
    (src / "index.md").write_text("# Sample\n\nNo widget.\n", encoding="utf-8")
    return src


def test_every_runtime_file_ships_minified_with_a_source_map_of_the_original(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    assert sphinx_build(src)[1] == ""
    static = src / "_build" / "html" / "_static"
    assert len(SOURCES) >= 10
    for relative in SOURCES:
        source, shipped = minify.STATIC / relative, static / relative
        text = shipped.read_text(encoding="utf-8")
        assert len(text) < source.stat().st_size, f"{relative} is not minified"
        comment = f"/*# sourceMappingURL={relative.name}.map */" if relative.suffix == ".css" \
            else f"//# sourceMappingURL={relative.name}.map"
        assert text.rstrip().endswith(comment), relative
        source_map = json.loads((static / f"{relative}.map").read_text(encoding="utf-8"))
        # The original, comments and all, named as the package's file; the same in any build folder.
        assert source_map["sourcesContent"] == [source.read_text(encoding="utf-8")]
        assert source_map["sources"] == ["../" * (1 + len(relative.parent.parts)) + f"pyodide_quiz/static/{relative}"]
        assert "://" not in text.replace("http://www.w3.org/2000/svg", ""), f"{relative} names another host"
    # The module graph is intact: relative imports, the worker's URL and Pyodide's stay as they were.
    assert 'new URL("./python-worker.js",import.meta.url)' in (static / "pq" / "python-client.js").read_text()
    assert 'import("../pyodide/pyodide.mjs")' in (static / "pq" / "python-worker.js").read_text()
    assert 'import(`./types/${' in (static / "pq" / "quiz.js").read_text()
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'src="_static/pq/loader.js?v=' in html and 'href="_static/pq/quiz.css?v=' in html


def test_two_builds_in_different_folders_ship_the_same_bytes(tmp_path, sphinx_build):
    shipped = []
    for folder in ("one", "elsewhere/two"):
        (tmp_path / folder).mkdir(parents=True)
        src = make_book(tmp_path / folder)
        assert sphinx_build(src)[1] == ""
        static = src / "_build" / "html" / "_static" / "pq"
        shipped.append({p.relative_to(static): p.read_bytes() for p in static.rglob("*") if p.is_file()})
    # Each source and its map, and the site's catalogue of texts the build writes (pq/strings/*.js).
    generated = set(strings.runtime_modules("en"))
    assert len(shipped[0]) == 2 * len(SOURCES) + len(generated)
    assert generated <= {p.as_posix() for p in shipped[0]}
    assert shipped[0] == shipped[1]


def copy_static(tmp_path: Path) -> Path:
    """A copy of the package's static folder, as pyodide_quiz/static under tmp_path."""
    static = tmp_path / "pyodide_quiz" / "static"
    shutil.copytree(minify.STATIC, static)
    return static


def test_esbuild_runs_again_only_when_a_source_changed(tmp_path):
    static = copy_static(tmp_path)
    (static / "pq" / "notes.txt").write_text("not minified\n", encoding="utf-8")
    out = tmp_path / "runtime"
    minify.build_runtime(ESBUILD, out, static)
    assert (out / "pq" / "notes.txt").read_text(encoding="utf-8") == "not minified\n"  # other files as they are

    def times() -> dict:
        return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and not p.is_symlink()}

    before = times()
    changed = static / "pq" / "types" / "order.js"
    os.utime(changed)  # touched, not changed: the bytes decide
    minify.build_runtime(ESBUILD, out, static)
    assert times() == before, "nothing changed, yet esbuild ran"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    minify.build_runtime(ESBUILD, out, static)
    assert times()[out / "pq" / "types" / "order.js"] > before[out / "pq" / "types" / "order.js"]
    # A source that is gone takes its minified file and map with it.
    changed.unlink()
    minify.build_runtime(ESBUILD, out, static)
    assert not (out / "pq" / "types" / "order.js").exists() and not (out / "pq" / "types" / "order.js.map").exists()


def test_a_syntax_error_names_the_file_and_line(tmp_path):
    static = copy_static(tmp_path)
    broken = static / "pq" / "types" / "order.js"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[4] = "const = ;"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(minify.MinifyError, match=r"pyodide_quiz/static/pq/types/order\.js:5:6: Expected identifier"):
        minify.build_runtime(ESBUILD, tmp_path / "runtime", static)


def test_a_prebuilt_runtime_is_used_only_while_it_matches_the_sources(tmp_path):
    """A wheel's copy (minify.PREBUILT) serves the build as long as the sources it was made from are unchanged."""
    static = copy_static(tmp_path)
    out = tmp_path / "pyodide_quiz" / "minified"
    assert minify.prebuilt(static, out) is None
    minify.build_runtime(ESBUILD, out, static, copy=True)
    assert minify.prebuilt(static, out) == out
    assert not any(p.is_symlink() for p in out.rglob("*"))  # a wheel holds files, not links
    (static / "pq" / "quiz.css").write_text("p { color: black; }\n", encoding="utf-8")
    assert minify.prebuilt(static, out) is None


def test_a_missing_esbuild_stops_the_build_and_says_how_to_get_it(tmp_path, sphinx_build):
    src = make_book(tmp_path, esbuild=tmp_path / "no" / "esbuild")
    with pytest.raises(ExtensionError, match=r"esbuild not found at .*no/esbuild.*`npm ci` \(or `make serve`\)"):
        sphinx_build(src)


def test_a_missing_pyodide_stops_the_build_and_says_how_to_get_it(tmp_path, sphinx_build):
    src = make_book(tmp_path, pyodide_quiz_pyodide_dir="vendor/pyodide")
    with pytest.raises(ExtensionError, match=r"Pyodide not found in .*src/vendor/pyodide \(missing pyodide\.mjs, .*\); "
                                             r"run `npm ci` \(or `make serve`\) first, or set pyodide_quiz_pyodide_dir"):
        sphinx_build(src)


def test_pyodide_can_come_from_another_folder(tmp_path, sphinx_build):
    """pyodide_quiz_pyodide_dir, relative to the configuration's folder, names where Pyodide's files are."""
    src = make_book(tmp_path, pyodide_quiz_pyodide_dir="../vendor/pyodide")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    assert sphinx_build(src)[1] == ""
    shipped = src / "_build" / "html" / "_static" / "pyodide" / "pyodide.asm.wasm"
    assert shipped.stat().st_size == (ROOT / "node_modules" / "pyodide" / "pyodide.asm.wasm").stat().st_size
