"""The runtime ships minified: every .js and .css file of pyodide_quiz/static reaches _static/ minified by
esbuild, each with a linked source map that embeds the original source; esbuild runs again only when a source
changed; a missing esbuild or a syntax error stops the build with a message that says what to do or where."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from pyodide_quiz.sphinx import assets
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
SOURCES = sorted(p.relative_to(assets.STATIC) for p in assets.STATIC.rglob("*") if p.suffix in (".js", ".css"))


def make_book(tmp_path: Path, esbuild: Path = ESBUILD) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    conf = write_sample_conf(src)
    conf.write_text(conf.read_text(encoding="utf-8") + f"pyodide_quiz_esbuild = {str(esbuild)!r}\n", encoding="utf-8")
    (src / "index.md").write_text("# Sample\n\nNo widget.\n", encoding="utf-8")
    return src


def test_every_runtime_file_ships_minified_with_a_source_map_of_the_original(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    assert sphinx_build(src)[1] == ""
    static = src / "_build" / "html" / "_static"
    assert len(SOURCES) >= 10
    for relative in SOURCES:
        source, shipped = assets.STATIC / relative, static / relative
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
    assert 'from"../pyodide/pyodide.mjs"' in (static / "pq" / "python-worker.js").read_text()
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
    assert len(shipped[0]) == 2 * len(SOURCES) and shipped[0] == shipped[1]


def test_esbuild_runs_again_only_when_a_source_changed(tmp_path, monkeypatch):
    package = tmp_path / "pyodide_quiz"
    shutil.copytree(assets.STATIC, package / "static")
    (package / "static" / "pq" / "notes.txt").write_text("not minified\n", encoding="utf-8")
    monkeypatch.setattr(assets, "PACKAGE", package)
    monkeypatch.setattr(assets, "STATIC", package / "static")
    out = tmp_path / "runtime"
    assets.stage_runtime(ESBUILD, out)
    assert (out / "pq" / "notes.txt").read_text(encoding="utf-8") == "not minified\n"  # other files as they are

    def times() -> dict:
        return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and not p.is_symlink()}

    before = times()
    assets.stage_runtime(ESBUILD, out)
    assert times() == before, "nothing changed, yet esbuild ran"
    changed = package / "static" / "pq" / "types" / "order.js"
    os.utime(changed, ns=(before[out / "pq" / "loader.js"] + 10**9,) * 2)
    assets.stage_runtime(ESBUILD, out)
    assert times()[out / "pq" / "types" / "order.js"] > before[out / "pq" / "types" / "order.js"]
    # A source that is gone takes its minified file and map with it.
    changed.unlink()
    assets.stage_runtime(ESBUILD, out)
    assert not (out / "pq" / "types" / "order.js").exists() and not (out / "pq" / "types" / "order.js.map").exists()


def test_a_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    package = tmp_path / "pyodide_quiz"
    shutil.copytree(assets.STATIC, package / "static")
    broken = package / "static" / "pq" / "types" / "order.js"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[4] = "const = ;"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(assets, "PACKAGE", package)
    monkeypatch.setattr(assets, "STATIC", package / "static")
    with pytest.raises(ExtensionError, match=r"pyodide_quiz/static/pq/types/order\.js:5:6: Expected identifier"):
        assets.stage_runtime(ESBUILD, tmp_path / "runtime")


def test_a_missing_esbuild_stops_the_build_and_says_how_to_get_it(tmp_path, sphinx_build):
    src = make_book(tmp_path, esbuild=tmp_path / "no" / "esbuild")
    with pytest.raises(ExtensionError, match=r"esbuild not found at .*no/esbuild.*`npm ci` \(or `make serve`\)"):
        sphinx_build(src)
