"""Every internal link and #anchor in the built site resolves; with --external, outbound links answer too."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from pyodide_quiz.model.source import Problem

from . import html_pages

TITLE = "links and anchors in the built site"
STAGE = "html"
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
CACHE_DAYS = 7


def _target(html_file: Path, href: str) -> tuple[Path | None, str]:
    url, fragment = urldefrag(href)
    if not url:
        return html_file, unquote(fragment)
    path = unquote(urlsplit(url).path)
    target = (html_file.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(fragment)


def _external_problems(ctx, external: dict) -> list[Problem]:
    cache_file = ctx.html.parent / ".external-links.json"
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    problems = []
    for url, (html_file, line) in sorted(external.items()):
        cached = cache.get(url)
        if cached and cached["ok"] and time.time() - cached["at"] < CACHE_DAYS * 86400:
            continue
        ok, reason = True, ""
        try:
            request = urllib.request.Request(url, method="GET", headers={"User-Agent": "course-link-check"})
            with urllib.request.urlopen(request, timeout=10):
                pass
        except urllib.error.HTTPError as error:
            ok, reason = error.code in (401, 403, 429), f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            ok, reason = False, str(getattr(error, "reason", error))
        cache[url] = {"ok": ok, "at": time.time()}
        if not ok:
            file, number, where = html_pages.locate(ctx, html_file, url, line)
            problems.append(Problem(file, number, f"outbound link {url} does not answer: {reason}{where}"))
    cache_file.write_text(json.dumps(cache, indent=1))
    return problems


def run(ctx) -> list[Problem]:
    problems: list[Problem] = []
    external: dict = {}
    for html_file in html_pages.pages(ctx.html):
        page = html_pages.read(html_file)
        for line, href in page.links:
            if href.startswith(SKIP_SCHEMES) or href == "#":
                continue
            if urlsplit(href).scheme in ("http", "https") or href.startswith("//"):
                external.setdefault(href, (html_file, line))
                continue
            target, fragment = _target(html_file, href)
            needle = fragment or urldefrag(href)[0].split("/")[-1].rsplit(".", 1)[0]
            if target is None or not target.is_file():
                file, number, where = html_pages.locate(ctx, html_file, needle, line)
                problems.append(Problem(file, number, f"link to a missing page: {href}{where}",
                                        "check the file name in the link, or add the page to _toc.yml"))
            elif fragment and target.suffix == ".html" and fragment not in html_pages.read(target).ids:
                file, number, where = html_pages.locate(ctx, html_file, needle, line)
                problems.append(Problem(file, number, f"link to a missing anchor: {href}{where}",
                                        "the section label or heading may have changed"))
    if ctx.external:
        problems += _external_problems(ctx, external)
    return problems
