"""An author's text from a content file (a prompt, an option, an explanation) as HTML, with Python-Markdown.

The book writes these fields in MyST and uses four roles in them: {term}, {cite:p}, {cite:t} and {ref}. Here
they become a link to the glossary page's entry, an author–year citation from the site's .bib file, and a link
to a configured label; a role that names nothing known is a warning naming the content file and line (which
MkDocs's `--strict` turns into a failed build) and shows its text unlinked.

Raw HTML typed into a field is shown as the text it is, never run: the fields are Markdown, and a quiz file
must not be able to put a script into the page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import markdown
from markdown.preprocessors import Preprocessor

ROLE = re.compile(r"\{(?P<role>term|cite:p|cite:t|cite:ps|cite:ts|ref)\}`(?P<body>[^`]+)`")
# `text <target>`: the role's own text, then what it points at.
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.DOTALL)
# Markdown the fields may use, and nothing that reads raw HTML (md_in_html) or writes the page's structure.
FIELD_EXTENSIONS = ("fenced_code", "tables", "def_list", "sane_lists")


def slug(text: str) -> str:
    """The anchor of a glossary term: `term-` and its words, lower case, joined by hyphens."""
    return "term-" + re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")


@dataclass
class Bibliography:
    """Author–year labels from a .bib file, read once (pybtex)."""

    path: Path
    _labels: dict[str, tuple[str, str]] | None = None

    def labels(self) -> dict[str, tuple[str, str]]:
        """key -> (authors as cited, year)."""
        if self._labels is None:
            from pybtex.database import parse_file

            self._labels = {key: _author_year(entry) for key, entry in parse_file(str(self.path)).entries.items()}
        return self._labels

    def cite(self, keys: list[str], textual: bool) -> tuple[str, list[str]]:
        """The citation's text and the keys the file does not have."""
        labels = self.labels()
        missing = [key for key in keys if key not in labels]
        found = [labels[key] for key in keys if key in labels]
        if textual:
            text = "; ".join(f"{authors.replace(' & ', ' and ')} ({year})" for authors, year in found)
        else:
            text = "(" + "; ".join(f"{authors}, {year}" for authors, year in found) + ")" if found else ""
        return text, missing


def _plain(latex: str) -> str:
    """A name or title as printed: LaTeX accents decoded (latexcodec, pybtex's own), grouping braces gone."""
    import codecs

    import latexcodec  # noqa: F401 (registers the codec)

    return codecs.decode(latex, "ulatex").replace("{", "").replace("}", "")


def _author_year(entry) -> tuple[str, str]:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [_plain(" ".join(person.prelast_names + person.last_names)) for person in people]
    if not surnames:
        authors = _plain(entry.fields.get("title", "Anonymous"))
    elif len(surnames) == 1:
        authors = surnames[0]
    elif len(surnames) == 2:
        authors = f"{surnames[0]} & {surnames[1]}"
    else:
        authors = f"{surnames[0]} et al."
    year = entry.fields.get("year", "n.d.")
    if entry.fields.get("origdate"):
        year = f"{entry.fields['origdate']}/{year}"
    return authors, year


@dataclass
class Links:
    """Where the roles point, as URLs relative to the page being built (the plugin fills `relative`)."""

    glossary: str | None = None  # the glossary page's source path, e.g. "glossary.md"
    glossary_terms: set[str] | None = None  # the terms it defines, lower case (None: not checked)
    labels: dict[str, dict] = field(default_factory=dict)  # label -> {"page": "x.md", "anchor": "", "title": ""}
    relative: Callable[[str], str] = lambda page: page  # a docs-relative source path -> URL from the current page


class _Roles(Preprocessor):
    """Each role becomes a placeholder that Python-Markdown puts back as HTML after converting the rest (after
    its whitespace step, which removes placeholder characters from the author's text)."""

    def __init__(self, md, render: Callable[[re.Match], str]):
        super().__init__(md)
        self.render = render

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return ROLE.sub(lambda match: self.md.htmlStash.store(self.render(match)), text).split("\n")


class MarkdownMarkup:
    """Text fields to HTML strings (the core's Markup protocol). `source` says where the text came from (its
    str() is `file:line`); `warn(message, where)` reports a role that resolves to nothing."""

    def __init__(self, links: Links, bibliography: Bibliography | None, warn: Callable[[str, str], None]):
        self.links = links
        self.bibliography = bibliography
        self.warn = warn

    def block(self, text: str, source: object = "") -> str:
        return self._convert(str(text), str(source))

    def inline(self, text: str, source: object = "") -> str:
        """Inline HTML for a short text: a lone paragraph is unwrapped."""
        converted = self._convert(str(text), str(source))
        if converted.startswith("<p>") and converted.endswith("</p>") and converted.count("<p>") == 1:
            return converted[3:-4]
        return converted

    def _convert(self, text: str, where: str) -> str:
        md = markdown.Markdown(extensions=list(FIELD_EXTENSIONS))
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.preprocessors.register(_Roles(md, lambda match: self._role(match["role"], match["body"], where)),
                                  "pq_roles", 29)
        return md.convert(text)

    def _role(self, role: str, body: str, where: str) -> str:
        explicit = EXPLICIT.match(body)
        text, target = (explicit["text"], explicit["target"]) if explicit else (body, body)
        if role == "term":
            return self._term(text, target, where)
        if role == "ref":
            return self._ref(text if explicit else None, target, where)
        return self._cite([key.strip() for key in body.split(",") if key.strip()], role.startswith("cite:t"), where)

    def _term(self, text: str, term: str, where: str) -> str:
        known = self.links.glossary_terms
        if not self.links.glossary or (known is not None and term.strip().lower() not in known):
            self.warn(f"{{term}}`{term}` is not in the glossary"
                      + ("" if self.links.glossary else " (no `glossary` page is configured)"), where)
            return f'<span class="pq-term">{html.escape(text)}</span>'
        url = f"{self.links.relative(self.links.glossary)}#{slug(term)}"
        return f'<a class="pq-term" href="{html.escape(url)}">{html.escape(text)}</a>'

    def _ref(self, text: str | None, label: str, where: str) -> str:
        target = self.links.labels.get(label.strip())
        if target is None:
            self.warn(f"{{ref}}`{label}`: no such label (add it to the `labels` option)", where)
            return html.escape(text or label)
        url = self.links.relative(target["page"]) + (f"#{target['anchor']}" if target.get("anchor") else "")
        return f'<a href="{html.escape(url)}">{html.escape(text or target.get("title") or label)}</a>'

    def _cite(self, keys: list[str], textual: bool, where: str) -> str:
        if self.bibliography is None:
            self.warn(f"citation {', '.join(keys)}: no `bibliography` file is configured", where)
            return html.escape(", ".join(keys))
        text, missing = self.bibliography.cite(keys, textual)
        for key in missing:
            self.warn(f"citation key {key!r} is not in {self.bibliography.path.name}", where)
        return f'<span class="pq-cite">{html.escape(text or ", ".join(keys))}</span>'
