"""Old page addresses keep working after chapters are renumbered.

`course_redirects` in _config.yml (sphinx: config:) maps an old page name to its new one, e.g.
`book/05-when-the-alliance-fails: book/06-when-the-alliance-fails`. For each, the build writes the old page as a
small redirect to the new one (the address's #section is kept), so links instructors already shared still land
on the chapter. A target that is not a page of the book, or an old name that is one again, is a build warning.
"""
from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Refresh" content="0; url={url}">
<title>Moved: {title}</title>
<link rel="icon" href="data:,">
<link rel="canonical" href="{url}">
<script>location.replace({url_js} + location.hash);</script>
</head>
<body>
<main><p>This page has moved: <a href="{url}">{title}</a>.</p></main>
</body>
</html>
"""


def redirect_page(old: str, new: str, title: str, lang: str = "en") -> str:
    """The HTML written at old.html: to new.html, relative to the old page's folder."""
    url = posixpath.relpath(f"{new}.html", posixpath.dirname(old) or ".")
    return PAGE.format(lang=html.escape(lang), url=html.escape(url), url_js=json.dumps(url).replace("<", "\\u003c"),
                       title=html.escape(title))


def _write_redirects(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "dirhtml":
        return
    docs = app.env.found_docs
    for old, new in (app.config.course_redirects or {}).items():
        if old in docs:
            logger.warning(f"course_redirects: {old!r} is a page of the book again; remove its redirect",
                           type="course", subtype="redirect")
            continue
        if new not in docs:
            logger.warning(f"course_redirects: {old!r} points to {new!r}, which is not a page of the book",
                           type="course", subtype="redirect")
            continue
        title = app.env.titles[new].astext() if new in app.env.titles else new
        target = Path(app.outdir, f"{old}.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(old, new, title, app.config.language or "en"), encoding="utf-8")


def setup(app) -> None:
    app.add_config_value("course_redirects", {}, "html", types=[dict])
    app.connect("build-finished", _write_redirects)
