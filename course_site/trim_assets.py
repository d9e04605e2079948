"""Pages load only the extensions' assets they use.

Jupyter Book 1 switches on sphinx-design, MyST-NB, sphinx-togglebutton and sphinx-copybutton for every book,
and each adds its CSS or JS to every page (Sphinx adds Pygments' colours for code). This course uses none of
their components on most pages, so a page drops an extension's files when its body has none of that extension's
markup (a page that does use a card, a notebook cell, a toggle or a code block keeps them).
"""
from __future__ import annotations

import re

# (file name pattern, markup in the page body that needs it)
OPTIONAL_ASSETS = (
    (re.compile(r"(^|/)(sphinx-design\.min\.css|design-tabs\.js)$"), re.compile(r'class="[^"]*\bsd-')),
    (re.compile(r"(^|/)mystnb\.[0-9a-f]+\.css$"), re.compile(r'class="[^"]*\b(cell|cell_output|output)\b')),
    (re.compile(r"(^|/)togglebutton\.(css|js)$|^var togglebuttonSelector"),
     re.compile(r'class="[^"]*\b(toggle|dropdown)\b')),
    # Pygments colours code blocks and sphinx-copybutton gives them a copy button (div.highlight pre): 25 KB that
    # only pages with a highlighted block need (the quiz engine's code editor colours its own tokens).
    (re.compile(r"(^|/)(pygments\.css|copybutton\.(css|js)|clipboard\.min\.js)$"),
     re.compile(r'class="[^"]*\bhighlight\b')),
    # Sphinx marks the words its own search found when a result link says ?highlight=; this site searches with
    # Pagefind (search.py), whose results link without it.
    (re.compile(r"(^|/)sphinx_highlight\.js$"), re.compile(r"[?&]highlight=")),
)


def _needed(filename: str, body: str) -> bool:
    for asset, markup in OPTIONAL_ASSETS:
        if asset.search(filename or ""):
            return bool(markup.search(body))
    return True


def _name(asset) -> str:
    """A file's name, or an inline script's text (Sphinx keeps it as the `body` attribute)."""
    return getattr(asset, "filename", None) or getattr(asset, "attributes", {}).get("body", "") or str(asset)


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    body = body if isinstance(body, str) else ""  # search.html and genindex.html: template-only pages
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _needed(_name(asset), body)]


def setup(app) -> None:
    app.connect("html-page-context", drop_unused_assets, priority=900)
