"""Sphinx glue specific to this course's site (the reusable quiz engine is pyodide_quiz).

- Thebe off: Jupyter Book 1 always loads sphinx-thebe, which declares THEBE_JS_URL twice (a console error
  on every page) and points at a CDN. The course runs Python with its own Pyodide, so Thebe is unhooked.
- Site assets (site_assets.py): course.css, a favicon, and the theme's default colour mode; the theme's
  bootstrap.js replaced by static/theme-widgets.js; our scripts shipped minified (minify_js.py).
- `{forest-plot}`: a figure drawn at build time from a CSV file, with its data as a table.
- Chapters (chapters.py, timing.py): each chapter's time under its title ("reading ~12 min · quiz ~10 min"),
  and the pages that list chapters (home page, course map) from _toc.yml, with the same times.
- Assigning (assigning.py): a "copy link to this section" button on every h2/h3.
- Instructors (instructors.py, teaching.py): teaching pages with answer keys, LMS files, role-play cards, a
  present view of a vignette.
- Search (search.py): a Pagefind index of the built site, searched on search.html.
- Contributing (contributing.py): "Suggest an edit" and "Report a problem" links lead to the repository's files.
- trim_assets.py: a page loads sphinx-design's, MyST-NB's, togglebutton's and copybutton's files (and Pygments'
  colours) only if it uses them.
- trim_css.py: the theme's stylesheets without the rules no page can use, ours compacted, and the theme's files
  no page loads (Font Awesome, source maps, translations) left out of the site.
- Redirects (redirects.py): old chapter addresses lead to the renumbered chapters.
- Offline (offline.py): a service worker keeps a copy of the site, and of Pyodide once used.
- Content-Security-Policy: written into every page by the engine (pyodide_quiz/sphinx/csp.py), loaded here too.
"""
from __future__ import annotations

from . import (
    apa_citations,
    assigning,
    chapters,
    contributing,
    forest_plot,
    instructors,
    minify_js,
    offline,
    redirects,
    search,
    site_assets,
    trim_assets,
    trim_css,
)


def _unhook_thebe(app, config) -> None:
    for listeners in app.events.listeners.values():
        listeners[:] = [x for x in listeners if getattr(x.handler, "__module__", "") != "sphinx_thebe"]
    app.registry.css_files[:] = [(name, attrs) for name, attrs in app.registry.css_files if "thebe" not in (name or "")]


def setup(app):
    # The engine's Content-Security-Policy on every page, also in builds that do not load the engine itself
    # (the instructor edition, scripts/instructor).
    app.setup_extension("pyodide_quiz.sphinx.csp")
    app.connect("config-inited", _unhook_thebe, priority=900)
    forest_plot.setup(app)
    apa_citations.setup(app)
    site_assets.setup(app)
    minify_js.setup(app)
    assigning.setup(app)
    chapters.setup(app)
    instructors.setup(app)
    search.setup(app)
    contributing.setup(app)
    redirects.setup(app)
    offline.setup(app)
    trim_assets.setup(app)
    trim_css.setup(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
