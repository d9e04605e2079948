"""A Content Security Policy on every page, written into the page by the build.

Each HTML page of the site gets a `<meta http-equiv="Content-Security-Policy">` as the first element after its
charset, so the policy covers every script of the page. Scripts run only from the site itself, plus the exact
inline scripts the page carries, named by the SHA-256 of their text: an inline script that was altered, or one
that escaping let through from a content file, does not run. There is no 'unsafe-inline' and no 'unsafe-eval'.

Why the engine writes it (not the course's glue): the engine's own pages need it, and what the policy must allow
follows from what the engine ships (its inline module script and Python start-up, workers, no WebAssembly on the
page itself: Pyodide runs in a module worker, and a `<meta>` policy does not reach workers). Any site that uses
the engine gets the same protection.

Why from the written files, in `build-finished`: the hashes must match the bytes the browser reads, after every
other step that edits pages. It runs at priority 850: after the steps that write or edit pages (this course's
front door at 100, redirect pages at 500, its stylesheet trimming, which rewrites links, at 700) and before a
step that lists the finished files with their hashes (the service worker's precache list, course_site/offline.py,
at 900). A step that edits pages later than 850 would break its hashes. Pages an incremental build does not
rewrite get their policy recomputed too.

Styles: the theme's stylesheets are files; a few pages carry style attributes written by Sphinx or MyST
(`width: 100%`): they are allowed by hash with 'unsafe-hashes', on the pages that have them only. Scripts may still
set styles through the CSSOM (`element.style.width = ...`), which a policy does not restrict. Inline event handlers
are treated the same way: sphinx-book-theme's download and full-screen buttons (`onclick="window.print()"`, off on
this course's pages) work where a site shows them, and no other handler code runs.

Config:
- `pyodide_quiz_csp` (default True): write the policy.
- `pyodide_quiz_csp_wasm_pages`: site-relative pages (glob patterns) whose own scripts compile WebAssembly on the
  page; they get 'wasm-unsafe-eval'. No page gets it otherwise. Neither Pyodide nor Pagefind (1.6, which runs its
  WebAssembly in pagefind-worker.js) needs it: a worker is not under the page's `<meta>` policy.

`frame-ancestors` (who may frame the site) cannot be set in a `<meta>` policy; see README.md ("Deploying")
for the HTTP headers to send where the host allows.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

# The policy itself is the core's (pyodide_quiz/csp.py, shared with the MkDocs plugin); these names stay importable
# from here for the tests and sites that used them.
from ..csp import (
    inline_handlers,
    inline_scripts,
    inline_styles,
    page_policy,
    site_pages,
    source_hash,
    with_policy,
    write_policies,
)

__all__ = ["inline_handlers", "inline_scripts", "inline_styles", "page_policy", "site_pages", "source_hash",
           "with_policy", "write_policies", "setup"]
logger = logging.getLogger(__name__)


def _write(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.pyodide_quiz_csp:
        return
    count = write_policies(Path(app.outdir), list(app.config.pyodide_quiz_csp_wasm_pages or ()))
    logger.info("pyodide_quiz: Content-Security-Policy written into %d pages", count)


def setup(app):
    """A Sphinx extension of its own, so a site that uses only part of the engine can load it too."""
    app.add_config_value("pyodide_quiz_csp", True, "html", [bool])
    app.add_config_value("pyodide_quiz_csp_wasm_pages", [], "html", [list, tuple])
    app.connect("build-finished", _write, priority=850)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
