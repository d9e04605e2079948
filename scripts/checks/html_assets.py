"""No built page loads a script, style, font, image or frame from another host (privacy; closed networks)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from pyodide_quiz.model.source import Problem

from . import html_pages

TITLE = "no assets from other hosts"
STAGE = "html"
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>(?:https?:)?//[^'")\s]+)""")
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


def _is_remote(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") or url.startswith("//")) and parts.hostname not in LOCAL_HOSTS


def run(ctx) -> list[Problem]:
    problems: list[Problem] = []
    for html_file in html_pages.pages(ctx.html):
        page = html_pages.read(html_file)
        for line, tag, url in page.assets:
            if _is_remote(url):
                file, number, where = html_pages.locate(ctx, html_file, url, line)
                problems.append(Problem(file, number, f"<{tag}> loads {url} from another host{where}",
                                        "self-host the file (copy it into the book) or remove it"))
        text = html_file.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            file, number, where = html_pages.locate(ctx, html_file, match.group("url"), line)
            problems.append(Problem(file, number, f"a style loads {match.group('url')} from another host{where}"))
    for css in sorted(ctx.html.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(ctx.rel(css), line, f"stylesheet loads {match.group('url')} from another host"))
    return problems
