"""A page keeps an extension's CSS/JS only if its body uses that extension's markup."""
from __future__ import annotations

from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from course_site.trim_assets import drop_unused_assets

CSS = ["_static/basic.css", "_static/sphinx-design.min.css", "_static/mystnb.0123abcd.css",
       "_static/togglebutton.css", "_static/course.css"]
JS = ["_static/doctools.js", "_static/design-tabs.js", "_static/togglebutton.js"]


def page(body):
    context = {"body": body, "css_files": [_CascadingStyleSheet(name) for name in CSS],
               "script_files": [_JavaScript(name) for name in JS]
               + [_JavaScript(None, body="var togglebuttonSelector = '.toggle';")]}
    drop_unused_assets(None, "page", "page.html", context, doctree=object())
    return ([c.filename for c in context["css_files"]],
            [s.filename or s.attributes["body"][:25] for s in context["script_files"]])


def test_a_page_without_components_drops_their_files():
    css, js = page('<p class="lead">Plain prose.</p>')
    assert css == ["_static/basic.css", "_static/course.css"]
    assert js == ["_static/doctools.js"]


def test_a_page_with_a_card_a_cell_and_a_toggle_keeps_each():
    css, js = page('<div class="sd-card sd-shadow-sm"></div><div class="cell docutils container"></div>'
                   '<div class="admonition toggle"></div>')
    assert css == CSS
    assert js == JS + ["var togglebuttonSelector "]


def test_template_pages_without_a_body_drop_them_too():
    context = {"css_files": [_CascadingStyleSheet(name) for name in CSS], "script_files": []}
    drop_unused_assets(None, "search", "search.html", context, doctree=None)
    assert [c.filename for c in context["css_files"]] == ["_static/basic.css", "_static/course.css"]


def test_code_colours_and_copy_buttons_only_where_a_page_has_a_code_block():
    names = ["_static/pygments.css", "_static/copybutton.css", "_static/course.css"]
    scripts = ["_static/clipboard.min.js", "_static/copybutton.js", "_static/doctools.js"]

    def kept(body):
        context = {"body": body, "css_files": [_CascadingStyleSheet(n) for n in names],
                   "script_files": [_JavaScript(n) for n in scripts]}
        drop_unused_assets(None, "page", "page.html", context, doctree=object())
        return [c.filename for c in context["css_files"]] + [s.filename for s in context["script_files"]]

    assert kept("<p>Prose and <code>inline code</code>.</p>") == ["_static/course.css", "_static/doctools.js"]
    assert kept('<div class="highlight-python notranslate"><div class="highlight"><pre>x = 1</pre></div></div>') == (
        names + scripts)


def test_sphinx_search_highlighting_only_where_a_link_asks_for_it():
    def kept(body):
        context = {"body": body, "css_files": [], "script_files": [_JavaScript("_static/sphinx_highlight.js")]}
        drop_unused_assets(None, "page", "page.html", context, doctree=object())
        return [s.filename for s in context["script_files"]]

    assert kept('<a href="search.html?q=alliance">Search</a>') == []
    assert kept('<a href="book/x.html?highlight=alliance">x</a>') == ["_static/sphinx_highlight.js"]
