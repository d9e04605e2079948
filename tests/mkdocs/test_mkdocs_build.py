"""The mkdocs-material example builds with `mkdocs build --strict` and holds every widget, each page with a policy
as strict as the book's; a broken quiz file fails the build naming the page's line and the quiz's; Zensical builds
the same example (its quizzes rendered)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap

from pyodide_quiz.assets import PYODIDE_FILES
from pyodide_quiz.csp import inline_scripts, source_hash
from tests.conftest import ROOT, refuse_to_build
from tests.mkdocs.conftest import BROKEN_QUIZ, EXAMPLE, mkdocs_build


def page(out, name: str) -> str:
    return (out / name / "index.html").read_text(encoding="utf-8")


def test_the_example_builds_strictly_with_every_widget(mkdocs_example):
    _, done, out = mkdocs_example
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr
    assert page(out, "evidence").count('<section class="pq-question"') == 12
    measuring = page(out, "measuring")
    # The python question sits in a content tab, the exercise in an admonition.
    assert re.search(r'class="tabbed-block">.*?data-type="python"', measuring, re.DOTALL)
    assert re.search(r'class="admonition tip">.*?class="pq-exercise', measuring, re.DOTALL)
    assert 'href="../glossary/#term-session-rating-scale"' in measuring
    assert 'id="term-session-rating-scale"' in page(out, "glossary")
    assert 'class="pq-vignette' in page(out, "vignette")
    # The directive shown as an example in a longer fence stays code.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "{quiz} quizzes/04-evidence.yml" in index and 'class="pq-quiz' not in index
    for asset in ("pyodide/pyodide.asm.wasm", "pq/loader.js", "pq/loader.js.map", "pq/strings/quiz.js",
                  "pq-graders/manifest.json", "pq-graders/graders/python.py", "mkdocs.js", "material.css"):
        assert (out / "assets" / "pyodide_quiz" / asset).is_file(), asset
    assert (out / "sw.js").is_file()
    # The worker's manifest names the graders the site has and the size of each Pyodide file it fetches.
    folder = out / "assets" / "pyodide_quiz"
    manifest = json.loads((folder / "pq-graders" / "manifest.json").read_text())
    assert manifest["files"] == sorted(p.name for p in (folder / "pq-graders" / "graders").glob("*.py"))
    assert manifest["pyodide_sizes"] == {name: (folder / "pyodide" / name).stat().st_size for name in PYODIDE_FILES
                                         if not name.endswith(".mjs")}
    assert manifest["download_bytes"] == sum(manifest["pyodide_sizes"].values()) > 10_000_000
    for html in out.rglob("*.html"):
        tags = re.findall(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"', html.read_text())
        # A canonical link names the page's address; the browser fetches nothing for it.
        assert [tag for tag in tags if 'rel="canonical"' not in tag] == [], html


def test_every_page_allows_exactly_its_own_inline_scripts(mkdocs_example):
    _, _, out = mkdocs_example
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 6, pages  # five pages and 404.html
    for html in pages:
        text = html.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)" />', text)
        assert len(policies) == 1, html
        rules = {part.split()[0]: part.split()[1:] for part in policies[0].replace("&quot;", '"').split(";")}
        # mkdocs-material's palette, storage scope and tab scripts, each allowed by its hash, nothing else inline.
        hashes = {source_hash(script) for script in inline_scripts(text)}
        assert len(hashes) >= 3 and set(rules["script-src"]) == {"'self'", *hashes}, (html, rules["script-src"])
        assert rules["style-src"] == ["'self'"] and rules["object-src"] == ["'none'"], html
        assert text.index("Content-Security-Policy") < text.index("<script"), html  # before any script runs


def test_a_broken_quiz_fails_the_build_naming_the_page_and_quiz_lines(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "broken.yml").write_text(BROKEN_QUIZ)
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent("""\
        ---
        title: A page
        ---

        # A page

        !!! note
            ```{quiz} broken.yml
            ```
        """))
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Broken
        theme: {{name: material, font: false}}
        markdown_extensions: [admonition]
        plugins:
          - pyodide_quiz:
              pyodide_dir: {ROOT / "node_modules" / "pyodide"}
              esbuild: {ROOT / "node_modules" / ".bin" / "esbuild"}
        """))
    done = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "pyodide_quiz: index.md:8: broken.yml:11: " in done.stderr, done.stderr


def test_zensical_builds_the_example_with_its_quizzes(tmp_path):
    refuse_to_build("the MkDocs example with Zensical")
    # The example's own pages and file, its other folders made absolute (Zensical wants docs_dir inside the
    # project's folder), built in tmp_path.
    shutil.copytree(EXAMPLE / "docs", tmp_path / "docs")
    config = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    for relative, absolute in (("content_root: ../..", f"content_root: {ROOT}"),
                               ("bibliography: ../../book/references.bib",
                                f"bibliography: {ROOT / 'book' / 'references.bib'}")):
        assert relative in config, relative
        config = config.replace(relative, absolute)
    (tmp_path / "mkdocs.yml").write_text(config + f"site_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    zensical = shutil.which("zensical", path=str(ROOT / ".venv" / "bin")) or shutil.which("zensical")
    done = subprocess.run([zensical or sys.executable, "build", "--clean", "--strict", "-f", "mkdocs.yml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert page(tmp_path / "site", "evidence").count('<section class="pq-question"') == 12
    assert 'data-type="python"' in page(tmp_path / "site", "measuring")
    assert 'class="pq-vignette' in page(tmp_path / "site", "vignette")


def test_mkdocs_serve_rebuilds_when_a_file_a_page_shows_changes(tmp_path):
    """The plugin asks `mkdocs serve` to watch every content file the pages show (they are outside docs/)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    refuse_to_build("the MkDocs example, in-process")
    config = load_config(str(EXAMPLE / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)

    class Server:
        def __init__(self):
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert {str(ROOT / path) for path in ("quizzes/04-evidence.yml", "quizzes/11-measuring.yml",
                                          "quizzes/vignettes/cultural-rupture.yml", "exercises/srs-total")
            } <= set(server.watched), server.watched
