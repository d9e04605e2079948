"""No built reference shows how it was checked: "verified ..." and "unverified ..." notes belong in the
`verification` field of references.bib, which is never printed, and never in a field a reader sees (`note`,
`title`, an author's name).

A reference is a bibliography entry (the References page, or any page with a {bibliography}) or a citation's
tooltip (the title of the link in every "(Author, year)"), so a note that slips into a printed field is caught
on every page that shows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from pyodide_quiz.model.source import Problem

from . import html_pages

TITLE = "no verification notes in references"
STAGE = "html"
NOTE = re.compile(r"verified", re.IGNORECASE)  # "unverified" too
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HINT = "keep how an entry was checked in its `verification` field in the .bib file, which is never printed"


@dataclass(frozen=True)
class Reference:
    line: int
    kind: str  # "reference list entry" or "citation tooltip"
    text: str


class _References(HTMLParser):
    """Every reference a page shows: the text of each bibliography entry (div.citation) and the tooltip (title)
    of each link in a citation (span.bibtex-citation)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self._entry_depth = 0  # > 0 while inside a bibliography entry
        self._entry_line = 0
        self._entry_text: list[str] = []
        self._citation_depth = 0  # > 0 while inside a citation

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        line = self.getpos()[0]
        if self._citation_depth and tag == "a" and attributes.get("title"):
            self.found.append(Reference(line, "citation tooltip", attributes["title"]))
        if tag in VOID:
            return
        if self._entry_depth:
            self._entry_depth += 1
        elif tag == "div" and "citation" in classes:
            self._entry_depth, self._entry_line, self._entry_text = 1, line, []
        if self._citation_depth:
            self._citation_depth += 1
        elif "bibtex-citation" in classes:
            self._citation_depth = 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._citation_depth:
            self._citation_depth -= 1
        if self._entry_depth:
            self._entry_depth -= 1
            if not self._entry_depth:
                text = re.sub(r"\s+", " ", "".join(self._entry_text)).strip()
                self.found.append(Reference(self._entry_line, "reference list entry", text))

    def handle_data(self, data):
        if self._entry_depth:
            self._entry_text.append(data)


def references(html: str) -> list[Reference]:
    """Every bibliography entry and citation tooltip in a built page, with its line."""
    reader = _References()
    reader.feed(html)
    reader.close()
    return reader.found


def excerpt(text: str, match: re.Match, width: int = 40) -> str:
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def bibliography_files(root: Path) -> list[Path]:
    """The .bib files a book names (_config.yml's bibtex_bibfiles), else every .bib file in it."""
    config = root / "_config.yml"
    if config.is_file():
        named = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("bibtex_bibfiles") or []
        if named:
            return [root / name for name in named if (root / name).is_file()]
    return sorted(p for p in root.rglob("*.bib") if not any(part.startswith((".", "_build")) for part in
                                                             p.relative_to(root).parts))


def source_line(ctx, note: str) -> tuple[str, int] | None:
    """The .bib line a printed note comes from: one that holds its words, outside a `verification` field."""
    words = re.escape(note.strip()).replace(r"\ ", r"\s+")
    wanted = re.compile(words, re.IGNORECASE)
    for bib in bibliography_files(ctx.root):
        for number, line in enumerate(bib.read_text(encoding="utf-8").splitlines(), start=1):
            if wanted.search(line) and not re.match(r"\s*verification\s*=", line):
                return ctx.rel(bib), number
    return None


def _note_words(text: str, match: re.Match) -> str:
    """The note as printed, from the word holding the match to the next full stop or comma."""
    start = text.rfind(" ", 0, match.start()) + 1
    end = min([i for i in (text.find(".", match.end()), text.find(",", match.end())) if i != -1] or [len(text)])
    return text[start:end]


def run(ctx) -> list[Problem]:
    shown: dict[str, list[tuple[Path, Reference, re.Match]]] = {}  # note -> where it is shown
    for html_file in html_pages.pages(ctx.html):
        html = html_file.read_text(encoding="utf-8", errors="replace")
        if not NOTE.search(html):
            continue
        for reference in references(html):
            match = NOTE.search(reference.text)
            if match:
                shown.setdefault(_note_words(reference.text, match), []).append((html_file, reference, match))
    problems = []
    for note, places in shown.items():
        pages = sorted({f"{ctx.rel(path)}:{ref.line} ({ref.kind})" for path, ref, _ in places})
        first_path, first, match = places[0]
        where = source_line(ctx, note) or (ctx.rel(first_path), first.line)
        listed = "; ".join(pages[:5]) + (f"; and {len(pages) - 5} more" if len(pages) > 5 else "")
        message = f"a reference prints a verification note, “{excerpt(first.text, match)}”, on {listed}"
        problems.append(Problem(where[0], where[1], message, HINT))
    return problems
