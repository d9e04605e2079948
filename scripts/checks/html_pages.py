"""Read the built HTML once: every page's ids, links and asset references, with line numbers."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

ASSET_ATTRIBUTES = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
                    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
                    "link": ["href"], "track": ["src"], "input": ["src"]}


@dataclass
class Page:
    path: Path
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)  # (line, href)
    assets: list = field(default_factory=list)  # (line, tag, url)


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        for name in ("id", "name"):
            if attributes.get(name) and (name == "id" or tag == "a"):
                self.page.ids.add(attributes[name])
        if tag == "a" and attributes.get("href") is not None:
            self.page.links.append((line, attributes["href"]))
        for attribute in ASSET_ATTRIBUTES.get(tag, []):
            value = attributes.get(attribute)
            if not value:
                continue
            if tag == "link" and not set((attributes.get("rel") or "").lower().split()) & {
                    "stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}:
                if (attributes.get("rel") or "").lower() in ("index", "search", "next", "prev", "canonical"):
                    self.page.links.append((line, value))
                continue
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
            for url in urls:
                self.page.assets.append((line, tag, url))


@lru_cache(maxsize=None)
def read(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def pages(html_root: Path) -> list[Path]:
    return sorted(html_root.rglob("*.html"))


def source_of(ctx, html_file: Path) -> Path | None:
    """The source page that produced a built page (book/x.html -> book/x.md)."""
    relative = html_file.relative_to(ctx.html).with_suffix("")
    for suffix in (".md", ".ipynb", ".rst"):
        candidate = ctx.root / f"{relative}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def locate(ctx, html_file: Path, needle: str, html_line: int) -> tuple[str, int, str]:
    """(file, line, where-suffix): the source file and line that mention `needle`, else the built file."""
    built = f"{ctx.rel(html_file)}:{html_line}"
    source = source_of(ctx, html_file)
    if source is not None:
        for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if needle and needle in text:
                return ctx.rel(source), number, f" (built as {built})"
        return ctx.rel(source), 1, f" (built as {built})"
    return ctx.rel(html_file), html_line, ""
