"""Shared fixtures: the built site served from 127.0.0.1, and Debian's Chromium driven by Playwright.

Browser fixtures record console errors, page errors and every request to another host; tests assert on them.
Every page carries a Content-Security-Policy (pyodide_quiz/sphinx/csp.py) without 'unsafe-eval': give
`wait_for_function` a function ("() => ..."), since Playwright evaluates a bare expression with the page's eval,
which the policy blocks; `evaluate` is exempt (that is how run_axe loads axe).
The site is the one `make check` built (_build/html); if it is missing, it is built once here.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The built site the browser tests use: `make check`'s, or another build's (COURSE_SITE=/path/to/html).
SITE = Path(os.environ["COURSE_SITE"]).resolve() if os.environ.get("COURSE_SITE") else ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_STYLE_REFUSED = "Applying inline style violates the following Content Security Policy directive 'style-src"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    # Any request to another host fails loudly instead of leaking: the site must need none.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Set by tests/test_collection.py: collecting the tests must build nothing.
NO_BUILD = "PQ_TESTS_MUST_NOT_BUILD"


def refuse_to_build(what: str) -> None:
    if os.environ.get(NO_BUILD):
        raise RuntimeError(f"{what} was asked for while {NO_BUILD} is set (a test module builds at import time?)")


def ensure_built_site() -> Path:
    refuse_to_build("the course site")
    if not (SITE / "index.html").exists():
        if os.environ.get("COURSE_SITE"):
            raise RuntimeError(f"COURSE_SITE={SITE} holds no built site (no index.html)")
        subprocess.run([str(ROOT / ".venv/bin/jupyter-book") if (ROOT / ".venv/bin/jupyter-book").exists()
                        else "jupyter-book", "build", "--all", str(ROOT)], check=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return SITE


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on a free 127.0.0.1 port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site() -> str:
    """Base URL of the built course site."""
    with serve(ensure_built_site()) as url:
        yield url


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        found = subprocess.run([str(ROOT / "scripts/find-chromium")], capture_output=True, text=True)
        path = found.stdout.strip()
    if not path:
        pytest.fail("No Chromium: run `make test` (it installs one) or set CHROMIUM=/path/to/chromium")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """What a page did that a test may forbid: console errors, uncaught errors, requests to other hosts."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        self.failed_requests: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed_requests.append(r.url))
        page.on("response", lambda r: self.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def _request(self, request):
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            self.outside_requests.append(request.url)


def pytest_configure(config):
    config.addinivalue_line("markers", "service_worker: let the site's service worker run (blocked otherwise)")


@pytest.fixture
def context(browser, request):
    """A fresh browser context. The site's service worker is blocked unless the test is marked
    `service_worker`: otherwise every test's new context would download the whole offline copy; the offline
    tests (tests/browser/test_offline.py) visit every page with it running."""
    allowed = request.node.get_closest_marker("service_worker") is not None
    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                              service_workers="allow" if allowed else "block")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page (own storage) whose console errors and outside requests are recorded on page.watched."""
    new_page = context.new_page()
    new_page.watched = Watched(new_page)
    new_page.set_default_timeout(15_000)
    yield new_page


@pytest.fixture
def open_at(browser, site):
    """`open_at(width, path)`: the page in a fresh context at that viewport width (a touch phone or tablet below
    992 px), loaded. It records what a test may forbid: `page.watched` (see Watched), `page.errors` (console errors
    and uncaught ones), `page.outside` (requests to other hosts) and `page.requests` (every URL requested)."""
    contexts = []

    def open_page(width: int, path: str):
        touch = width < 992
        context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=touch, is_mobile=touch,
                                      service_workers="block")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.watched = Watched(page)
        page.errors, page.outside, page.requests = page.watched.console_errors, page.watched.outside_requests, []
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(f"{site}/{path}", wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()


def run_axe(page, dark: bool = False) -> list[dict]:
    """axe-core violations on the current page, in light or dark mode: axe's full default rule set (WCAG 2.2 A/AA
    and best practices such as landmarks, regions and empty table headers), not the WCAG tags alone."""
    page.evaluate("""(dark) => {
        const mode = dark ? 'dark' : 'light';
        document.documentElement.dataset.theme = mode;
        document.documentElement.dataset.mode = mode;
    }""", dark)
    # The theme animates its colours when the mode changes: let those transitions end, or axe measures the
    # contrast of colours half-way between light and dark (endless animations, such as spinners, are skipped).
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations()
            .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => null))),
        new Promise((resolve) => setTimeout(resolve, 2000))])""")
    # Evaluated, not added as a <script>: the page's Content-Security-Policy blocks an inline script it has no
    # hash for (pyodide_quiz/sphinx/csp.py), and code the test tool evaluates is exempt.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return evaluate_axe(page, """async () => {
        const r = await axe.run(document);
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200))}));
    }""")


def evaluate_axe(page, script: str):
    """Run an axe script on the page. axe measures by adding inline styles, which the page's policy refuses and
    reports as a console error: that refusal is the test tool's, not the page's, so it is dropped from
    page.watched; every other error logged meanwhile stays for the test to see."""
    errors = getattr(getattr(page, "watched", None), "console_errors", None)
    before = len(errors) if errors is not None else 0
    result = page.evaluate(script)
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")  # axe's console messages arrive first
    if errors is not None:
        errors[before:] = [e for e in errors[before:] if AXE_STYLE_REFUSED not in e]
    return result


@pytest.fixture
def axe():
    return run_axe


@pytest.fixture(scope="session")
def tiny_book(tmp_path_factory):
    """tests/books/tiny plus every question example of quizzes/README.md, built once with -W -n:
    (book folder, the build's CompletedProcess). The site is in <book>/_build/html."""
    from tests.tinybook import add_readme_quiz, build, copy_tiny

    book = copy_tiny(tmp_path_factory.mktemp("tiny-book") / "tiny")
    add_readme_quiz(book)
    return book, build(book)


@pytest.fixture(scope="module")
def tiny_site(tiny_book):
    """The tiny book with the README's examples, built once for the session, served on 127.0.0.1."""
    book, done = tiny_book
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with serve(book / "_build" / "html") as url:
        yield url


def directive_uses(directive: str, argument: str) -> list[tuple[str, str]]:
    """(name, built page) for every `{directive} ARGUMENT` in the book's sources, in reading order.

    `argument` is a regular expression with a group called `name`, e.g. r"exercises/(?P<name>[\\w-]+)/?".
    Read from the sources, never the built site, so that collecting the tests builds nothing.
    """
    use = re.compile(r"^\s*(?:`{3,}|:{3,})\{" + re.escape(directive) + r"\}\s*" + argument + r"\s*$")
    found = []
    for page in toc_pages():
        source = ROOT / page.replace(".html", ".md")
        if not source.is_file():
            continue
        for line in source.read_text(encoding="utf-8").splitlines():
            match = use.match(line)
            if match:
                found.append((match.group("name"), page))
    return found


def pages_using(directive: str, argument: str) -> dict[str, str]:
    """name -> the first built page that shows it (see directive_uses)."""
    found: dict[str, str] = {}
    for name, page in directive_uses(directive, argument):
        found.setdefault(name, page)
    return found


def toc_pages() -> list[str]:
    """Every page of _toc.yml as its built path ("book/intro.html"), in reading order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    pages.append(node[key] + ".html")
            if isinstance(node.get("glob"), str):  # e.g. book/instructor/*: every matching page, sorted
                pages.extend(sorted(p.relative_to(ROOT).with_suffix(".html").as_posix()
                                    for p in ROOT.glob(node["glob"] + ".md")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return pages


# Pages Sphinx writes besides the book's own; index.html only redirects to the welcome page.
SPHINX_PAGES = ("genindex.html", "search.html")


def redirects() -> dict[str, str]:
    """Old page -> new page ("book/05-x.html" -> "book/06-x.html"), as _config.yml's course_redirects says."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    mapping = (config.get("sphinx", {}).get("config", {}) or {}).get("course_redirects") or {}
    return {f"{old}.html": f"{new}.html" for old, new in mapping.items()}


def site_pages(with_index: bool = False) -> list[str]:
    """Every HTML page the build writes, from _toc.yml (tests/browser/test_site.py proves the list complete)."""
    return sorted(toc_pages() + list(SPHINX_PAGES) + (["index.html"] if with_index else []))


def write_sample_conf(src: Path, exclude: tuple[str, ...] = ()) -> Path:
    """conf.py of a tiny Sphinx + MyST book that uses the engine with this checkout's Pyodide and esbuild."""
    conf = src / "conf.py"
    conf.write_text(
        'extensions = ["myst_parser", "pyodide_quiz"]\n'
        f'pyodide_quiz_pyodide_dir = {str(ROOT / "node_modules" / "pyodide")!r}\n'
        f'pyodide_quiz_esbuild = {str(ROOT / "node_modules" / ".bin" / "esbuild")!r}\n'
        f'exclude_patterns = {["_build", *exclude]!r}\n', encoding="utf-8")
    return conf


@pytest.fixture(scope="module")
def sphinx_build():
    """Build a tiny Sphinx book from scratch with sphinx.testing's app: `sphinx_build(src, builder="html")`
    returns (app, warnings). Output goes to src/_build/<builder>. One app lives at a time (a new build cleans up
    the one before); module-scoped, so module fixtures can build too."""
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_colors

    apps = []

    def build(src: Path, builder: str = "html"):
        # An app registers nodes and directives globally until cleaned up: one app at a time.
        while apps:
            apps.pop().cleanup()
        app = SphinxTestApp(builder, srcdir=Path(src), freshenv=True)
        apps.append(app)
        app.build(force_all=True)
        return app, strip_colors(app.warning.getvalue())

    yield build
    while apps:
        apps.pop().cleanup()
