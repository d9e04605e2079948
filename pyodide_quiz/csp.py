"""A Content Security Policy for a built page: HTML in, the page with its `<meta http-equiv>` policy out.

Pure functions, shared by both front ends (pyodide_quiz/sphinx/csp.py for Sphinx, the MkDocs plugin): scripts run
only from the site itself, plus the exact inline scripts the page carries, named by the SHA-256 of their text (an
inline script that was altered, or one that escaping let through from a content file, does not run). There is no
'unsafe-inline' and no 'unsafe-eval'; 'wasm-unsafe-eval' only on pages a site names (Pyodide runs in a module
worker, which a `<meta>` policy does not reach, so no page of the engine needs it).

Style attributes and inline event handlers a theme writes are allowed by hash with 'unsafe-hashes', on the pages
that carry them only; scripts may still set styles through the CSSOM, which a policy does not restrict.

The hashes must match the bytes the browser reads: a front end writes the policy after every other step that
edits pages, and before any step that lists the finished files with their hashes (a service worker's list).
"""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

# Fixed parts of the policy; script-src and style-src are completed per page.
BASE_POLICY = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),  # the theme's stylesheets draw small SVG icons as data: URLs
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
WASM = "'wasm-unsafe-eval'"
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*([^"'\s>]+)""", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=""", re.IGNORECASE)
# Types a browser runs (https://html.spec.whatwg.org/#javascript-mime-type); anything else (application/json) is data.
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                    "text/ecmascript", "application/x-javascript", "text/x-javascript", "text/jscript",
                    "text/livescript"}
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(?P<text>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
META = re.compile(r"""[ \t]*<meta\s+http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>\n?""", re.IGNORECASE)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"""\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.IGNORECASE)


def source_hash(text: str) -> str:
    """The CSP source for an inline script or style with this exact text. Browsers hash the text after
    normalising line breaks to \\n (the HTML parser does), so the build does too."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    return "'sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii") + "'"


def _without_inert(page: str) -> str:
    """The page without comments and <noscript> blocks: with scripting on, a browser runs nothing in them."""
    return NOSCRIPT.sub("", COMMENT.sub("", page))


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script the browser would run (not `src` scripts, not JSON or other data)."""
    found = []
    for match in SCRIPT.finditer(_without_inert(page)):
        attrs = match.group("attrs")
        if SRC.search(attrs):
            continue
        kind = SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in JAVASCRIPT_TYPES:
            found.append(match.group("text"))
    return found


class _Attributes(HTMLParser):
    """Style attributes and inline event handlers (onclick="..."), their values decoded as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "style" and value is not None:
                self.styles.append(value)
            elif name.startswith("on") and value is not None:
                self.handlers.append(value)


def _attributes(page: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(_without_inert(page))
    parser.close()
    return parser


def inline_styles(page: str) -> tuple[list[str], list[str]]:
    """(texts of <style> elements, values of style attributes), as the browser reads them."""
    page = _without_inert(page)
    return [m.group("text") for m in STYLE_ELEMENT.finditer(page)], _attributes(page).styles


def inline_handlers(page: str) -> list[str]:
    """The code of every inline event handler attribute (a theme's `onclick="window.print()"`)."""
    return _attributes(page).handlers


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def page_policy(page: str, wasm: bool = False) -> str:
    """The policy for this page's HTML (without any policy it already carries)."""
    scripts = ["'self'", *_unique(source_hash(s) for s in inline_scripts(page))] + ([WASM] if wasm else [])
    handlers = inline_handlers(page)
    if handlers:  # exactly these handlers' code, wherever it appears; never 'unsafe-inline'
        scripts += ["'unsafe-hashes'", *_unique(source_hash(s) for s in handlers)]
    elements, attributes = inline_styles(page)
    styles = ["'self'", *_unique(source_hash(s) for s in elements)]
    if attributes:
        styles += ["'unsafe-hashes'", *_unique(source_hash(s) for s in attributes)]
    directives = [BASE_POLICY[0], ("script-src", " ".join(scripts)), ("style-src", " ".join(styles)),
                  *BASE_POLICY[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_policy(page: str, wasm: bool = False) -> str | None:
    """The page with its policy as the first element of <head> after the charset (any earlier policy
    replaced), or None for a file without a <head> (a template fragment, not a page)."""
    page = META.sub("", page)
    head = HEAD.search(page)
    if head is None:
        return None
    policy = page_policy(page, wasm)
    at = head.end()
    charset = CHARSET.match(page, at)
    if charset:
        at = charset.end()
    content = html.escape(policy, quote=False).replace('"', "&quot;")  # keeps the sources' quotes readable
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{content}" />'
    return page[:at] + meta + page[at:]


def site_pages(site: Path) -> list[Path]:
    """Every page of a built site: HTML files outside its underscore folders (_static holds template fragments)."""
    return sorted(p for p in site.rglob("*.html")
                  if not any(part.startswith("_") for part in p.relative_to(site).parts[:-1]))


def write_policies(site: Path, wasm_pages: list[str] | tuple[str, ...] = ()) -> int:
    """Write each page's policy into the built site (also usable on a copied or edited site); returns how many
    pages carry one."""
    count = 0
    for path in site_pages(site):
        name = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        updated = with_policy(text, any(fnmatch.fnmatch(name, pattern) for pattern in wasm_pages))
        if updated is None:
            continue
        count += 1
        if updated != text:
            path.write_text(updated, encoding="utf-8")
    return count
