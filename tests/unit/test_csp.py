"""The policy each page gets (pyodide_quiz/sphinx/csp.py), as pure functions over HTML, and the build's switch."""
from __future__ import annotations

import base64
import hashlib

from pyodide_quiz.sphinx.csp import inline_scripts, inline_styles, page_policy, source_hash, with_policy, write_policies
from tests.conftest import write_sample_conf

PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
<script type="module">
import { init } from "./quiz.js";
</script>
<script data-cfasync="false">document.documentElement.dataset.mode = "auto";</script>
<script src="theme.js"></script>
<script type="application/json" class="pq-data">{"kind": "quiz"}</script>
<noscript><style>.js-only { display: none; }</style></noscript>
<!-- <script>commented out</script> -->
  </head>
  <body><table style="width: 100%"><tr><td style='width: 33%; vertical-align: top;'>x</td></tr></table>
<pre>&lt;script&gt;shown, not run&lt;/script&gt; style="not an attribute"</pre>
</body>
</html>
"""


def directive(policy: str, name: str) -> list[str]:
    return next(part.split()[1:] for part in policy.split("; ") if part.split()[0] == name)


def test_a_hash_is_the_sha256_of_the_text_with_line_breaks_as_the_parser_leaves_them():
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"a\nb").digest()).decode() + "'"
    assert source_hash("a\nb") == source_hash("a\r\nb") == source_hash("a\rb") == expected


def test_only_scripts_a_browser_runs_are_inline_scripts():
    assert inline_scripts(PAGE) == ['\nimport { init } from "./quiz.js";\n',
                                    'document.documentElement.dataset.mode = "auto";']


def test_style_attributes_are_read_as_the_browser_reads_them_and_noscript_styles_are_left_out():
    assert inline_styles(PAGE) == ([], ["width: 100%", "width: 33%; vertical-align: top;"])


def test_the_policy_names_each_inline_script_and_style_attribute_and_allows_nothing_else_inline():
    policy = page_policy(PAGE)
    assert directive(policy, "script-src") == ["'self'", *(source_hash(s) for s in inline_scripts(PAGE))]
    assert directive(policy, "style-src") == ["'self'", "'unsafe-hashes'", source_hash("width: 100%"),
                                              source_hash("width: 33%; vertical-align: top;")]
    assert directive(policy, "object-src") == ["'none'"] and directive(policy, "base-uri") == ["'self'"]
    assert "'wasm-unsafe-eval'" not in policy and "'wasm-unsafe-eval'" in directive(page_policy(PAGE, wasm=True),
                                                                                     "script-src")
    assert directive(page_policy("<html><head></head><body></body></html>"), "style-src") == ["'self'"]


def test_an_inline_event_handler_is_allowed_by_its_hash_only():
    page = PAGE.replace("<body>", '<body><button onclick="window.print()">Print</button>')
    assert directive(page_policy(page), "script-src")[-2:] == ["'unsafe-hashes'", source_hash("window.print()")]
    assert "'unsafe-hashes'" not in directive(page_policy(PAGE), "script-src")


def test_the_policy_comes_right_after_the_charset_and_a_second_run_changes_nothing():
    written = with_policy(PAGE)
    assert written.index('<meta http-equiv="Content-Security-Policy"') > written.index('<meta charset="utf-8" />')
    assert written.index('<meta http-equiv="Content-Security-Policy"') < written.index("<script")
    assert "&#x27;" not in written and "'self'" in written
    assert with_policy(written) == written
    assert written.count("Content-Security-Policy") == 1


def test_a_page_whose_script_changed_gets_a_new_hash_not_a_second_policy():
    written = with_policy(PAGE)
    changed = with_policy(written.replace('dataset.mode = "auto"', 'dataset.mode = "dark"'))
    assert changed.count("Content-Security-Policy") == 1
    assert source_hash('document.documentElement.dataset.mode = "dark";') in changed
    assert source_hash('document.documentElement.dataset.mode = "auto";') not in changed


def test_files_without_a_head_and_underscore_folders_are_not_pages(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "macros.html").write_text("<head>{% macro x() %}{% endmacro %}", encoding="utf-8")
    (tmp_path / "fragment.html").write_text("<p>no head</p>", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "search.html").write_text(PAGE, encoding="utf-8")
    assert write_policies(tmp_path, ["search.html"]) == 2
    assert "Content-Security-Policy" not in (tmp_path / "_static" / "macros.html").read_text(encoding="utf-8")
    assert (tmp_path / "fragment.html").read_text(encoding="utf-8") == "<p>no head</p>"
    assert "wasm-unsafe-eval" in (tmp_path / "search.html").read_text(encoding="utf-8")
    assert "wasm-unsafe-eval" not in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_a_sphinx_build_writes_the_policy_and_can_be_told_not_to(tmp_path, sphinx_build):
    src = tmp_path / "src"
    src.mkdir()
    conf = write_sample_conf(src)
    (src / "index.md").write_text("# Plain\n\nNo widgets.\n", encoding="utf-8")
    _, warnings = sphinx_build(src)
    page = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert warnings == "" and page.count('<meta http-equiv="Content-Security-Policy"') == 1
    conf.write_text(conf.read_text(encoding="utf-8") + "pyodide_quiz_csp = False\n", encoding="utf-8")
    sphinx_build(src)
    assert "Content-Security-Policy" not in (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
