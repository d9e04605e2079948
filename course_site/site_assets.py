"""The site's own look and browser hygiene, on top of sphinx-book-theme.

- course_site/static/course.css: course styles (no page scrolls sideways on a 375 px phone).
- A favicon, so browsers do not ask for a missing /favicon.ico (a 404 in the console). The site's front door,
  index.html, is a complete page that redirects to the welcome page: sphinx-external-toc would write a bare
  `<meta http-equiv="Refresh">` there, and a browser opening the site would ask for /favicon.ico. It names
  an empty inline icon, so it requests nothing at all before it moves on.
- templates/theme-switcher.html, templates/search-button-field.html: theme buttons whose accessible names
  contain their visible text. The colour-mode button had icon titles that contradict its
  accessible name (WCAG 2.5.3).
- templates/static/webpack-macros.html: the theme's assets without Font Awesome's 1.5 MB script; the icons the
  site shows are SVG masks in course.css.
- No page loads a Font Awesome web font (274 KB). Every icon the theme draws with the icon font (admonition titles,
  header buttons, external links...) is an SVG mask in course.css, and pages link a copy of the theme's stylesheet,
  styles/pydata-sphinx-theme.course.css, written at build time without the theme's Font Awesome @font-face rules:
  a font that is not declared can never be downloaded, whatever rule asks for it. (A later @font-face with the same
  family does not help: Chromium falls back to the theme's declaration, and downloads it, when the later one fails.)
- static/theme-widgets.js replaces the theme's bootstrap.js (79 KB, all of Bootstrap and Popper): the pages use
  only its tooltips, the "source repositories" dropdown and the back-to-top button.
- templates/layout.html: Sphinx's search scripts and the 75 KB search index load on search.html only. The theme
  loads them on every page for its search-as-you-type option, which this site leaves off: the search field on
  every page submits to search.html, which loads them itself.
- templates/layout.html: a guard (static/storage-guard.js) in front of the theme's first script, so a browser with
  localStorage blocked or full gets no uncaught errors and a working theme (the course's store still reports it
  cannot save).
- Bibliography entries are role="listitem" (docutils writes the deprecated doc-biblioentry, which axe reports
  as aria-deprecated-role and, inside role="list", aria-required-children).
- course.css honours prefers-reduced-motion for the theme's transitions too.
- The theme's colour mode defaults to "auto". pydata-sphinx-theme writes
  `dataset.mode = localStorage.getItem("mode") || "{{ default_mode }}"` into every page; with no
  `default_mode` in html_context that is "" on a first visit, and its script then logs
  "Got invalid theme mode: . Resetting to auto." as a console error.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

STATIC = Path(__file__).resolve().parent / "static"
THEME_CSS = "styles/pydata-sphinx-theme.css"
THEME_CSS_WITHOUT_ICON_FONTS = "styles/pydata-sphinx-theme.course.css"
FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")

logger = logging.getLogger(__name__)


def _configure(app, config) -> None:
    if str(STATIC) not in map(str, config.html_static_path):
        config.html_static_path.append(str(STATIC))
    templates = str(Path(__file__).resolve().parent / "templates")
    if templates not in map(str, config.templates_path):
        config.templates_path.insert(0, templates)
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")
    config.html_context = {**(config.html_context or {})}
    config.html_context.setdefault("default_mode", "auto")


def without_icon_font_faces(css: str) -> tuple[str, int]:
    """The stylesheet without its Font Awesome @font-face rules, and how many it had. The link to its source map
    (made for the theme's own file) goes too: it would no longer match."""
    removed = []

    def drop(rule: re.Match) -> str:
        text = rule.group(0).replace("\\", "").lower()  # the theme writes the family as Font\ Awesome\ 6\ Free
        if "font awesome" in text or "fontawesome" in text:
            removed.append(rule.group(0))
            return ""
        return rule.group(0)

    return SOURCE_MAP.sub("", FONT_FACE.sub(drop, css)), len(removed)


def _write_theme_css_without_icon_fonts(app) -> None:
    """_static/styles/pydata-sphinx-theme.course.css, before any page is written (Sphinx adds its checksum to the
    link); templates/static/webpack-macros.html links it instead of the theme's file."""
    if app.builder.format != "html":
        return
    theme = getattr(app.builder, "theme", None)
    sources = [Path(d, "static", THEME_CSS) for d in (theme.get_theme_dirs() if theme else [])]
    source = next((s for s in sources if s.is_file()), None)
    if source is None:
        raise ExtensionError(f"course_site: the theme has no static/{THEME_CSS}; course_site/templates expect "
                             "pydata-sphinx-theme (through sphinx-book-theme)")
    # Why: a font nobody declares is never fetched; a second @font-face in course.css cannot cancel the theme's.
    css, removed = without_icon_font_faces(source.read_text(encoding="utf-8"))
    if not removed:
        logger.warning("course_site: %s declares no Font Awesome font any more; check course_site/site_assets.py",
                       source, type="course_site", subtype="icon_fonts")
    target = Path(app.outdir, "_static", THEME_CSS_WITHOUT_ICON_FONTS)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")
    app.add_css_file(THEME_CSS_WITHOUT_ICON_FONTS, priority=100)  # first, where the theme's own link was


REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Refresh" content="0; url={url}">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="canonical" href="{url}">
</head>
<body>
<main><p><a href="{url}">{title}</a></p></main>
</body>
</html>
"""


def _write_front_door(app, exception) -> None:
    """index.html: a redirect to the root page (runs before sphinx-external-toc's bare one)."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "dirhtml":
        return
    root = app.config.root_doc
    if root == "index":
        return
    text = REDIRECT.format(lang=html.escape(app.config.language or "en"), url=html.escape(f"{root}.html"),
                           title=html.escape(app.config.html_title or app.config.project))
    Path(app.outdir, "index.html").write_text(text, encoding="utf-8")


# docutils marks each bibliography entry role="doc-biblioentry" inside a role="list" wrapper. DPUB-ARIA 1.1
# deprecated doc-biblioentry, so assistive technology (and axe: aria-deprecated-role, aria-required-children)
# sees a list without items. Each entry is a list item.
BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')


def _fix_bibliography_roles(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and "doc-biblioentry" in body:
        context["body"] = BIBLIOENTRY.sub(r'\1 role="listitem"', body)


# pydata-sphinx-theme draws a section's expand/collapse control in the sidebar as a <summary> holding only a
# decorative chevron, so it has no accessible name (axe: summary-name). Each gets "Pages in <section>".
# (On the page itself the link's class is "current reference internal".)
SUMMARY_AFTER_LINK = re.compile(
    r'(<a class="(?:current )?reference internal" href="[^"]*">(.*?)</a><details(?: open="open")?>)<summary>')


def name_sidebar_toggles(html_text: str) -> str:
    def label(match: re.Match) -> str:
        title = html.escape(html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).strip(), quote=True)
        return f'{match.group(1)}<summary aria-label="Pages in {title}">'
    return SUMMARY_AFTER_LINK.sub(label, html_text)


def _name_sidebar_toggles(app, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "course_named", False):
        return

    def named(*args, **kwargs):
        return name_sidebar_toggles(str(generate(*args, **kwargs)))

    named.course_named = True
    context["generate_toctree_html"] = named


def setup(app) -> None:
    app.connect("html-page-context", _fix_bibliography_roles)
    # After the theme's own handler has put generate_toctree_html into the context.
    app.connect("html-page-context", _name_sidebar_toggles, priority=900)
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _write_theme_css_without_icon_fonts)
    app.connect("build-finished", _write_front_door, priority=100)
    app.add_css_file("course.css")
    # Early, so its capture-phase click listener and tooltip removal come before the theme's scripts.
    app.add_js_file("sidebar-toggles.js", priority=100)
    # In place of the theme's bootstrap.js (templates/static/webpack-macros.html): deferred, so it runs before the
    # theme's deferred script, which reads window.bootstrap.
    app.add_js_file("theme-widgets.js", loading_method="defer")
