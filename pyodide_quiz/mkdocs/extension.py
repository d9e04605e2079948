"""The Python-Markdown extension: the book's directive fences become the engine's widgets, in any Markdown site
that runs Python-Markdown extensions (MkDocs, and Zensical, which ignores MkDocs plugins but runs these).

    markdown_extensions:
      - pyodide_quiz.mkdocs:
          content_root: ..            # what `quizzes/x.yml` is relative to (default: the current folder)
          glossary: glossary.md       # the page {term} links to (its definition-list terms get anchors)
          bibliography: sources.bib     # a BibTeX file for {cite:p} and {cite:t}

The preprocessor runs before pymdownx.superfences (which would read ```` ```{quiz} x ```` as the start of a
code block and swallow the page) and before Python-Markdown reads HTML blocks, so a widget can sit inside an
admonition or a content tab: its HTML goes into Markdown's stash, and a placeholder keeps the fence's indent.
A problem (a broken quiz file, an unknown option, an unresolved role) is a warning naming the page and line and
the content file and line, on the `mkdocs.plugins.pyodide_quiz` logger, which `mkdocs build --strict` counts;
with `strict: true` (for Zensical, whose `--strict` does not count Python warnings) it raises instead.
"""
from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .fences import Directive, find_directives, heading_level_before
from .markup import Bibliography, Links, MarkdownMarkup, slug
from .widgets import WIDGETS, WidgetProblem, render_widget

log = logging.getLogger("mkdocs.plugins.pyodide_quiz")
# A definition-list term on the glossary page: a line that is not indented, followed by `:   definition`.
GLOSSARY_TERM = re.compile(r"^(?P<term>\S[^\n]*)\n(?:[ \t]*\n)?:[ \t]", re.MULTILINE)


class PyodideQuizError(Exception):
    """A problem with strict: true (Zensical): the build stops and says where."""


class PageState:
    """The page being converted: its source path as the site names it, and how many lines of front matter the
    site removed before Markdown saw it (so line numbers are the file's)."""

    def __init__(self):
        self.path: str | None = None
        self.offset = 0
        self.relative = lambda target: target


class PyodideQuizExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "content_root": [".", "Folder the directives' paths are relative to"],
            "docs_dir": ["docs", "The site's Markdown folder (for the glossary's terms)"],
            "glossary": ["", "The glossary page, relative to docs_dir: {term} links to its entries"],
            "bibliography": ["", "A .bib file: {cite:p} and {cite:t} print author-year from it"],
            "labels": [{}, "{ref} targets: label -> {page: x.md, anchor: id, title: text}, or 'x.md#id'"],
            "timeout": [5, "Seconds a Python run may take"],
            "confidence": [False, "Ask 'How sure are you?' before Check unless a quiz says otherwise"],
            "language": ["en", "The site's language: the widgets' words (MkDocs: theme.language)"],
            "strict": [False, "Raise on any problem instead of warning (Zensical does not count warnings)"],
        }
        super().__init__(**kwargs)
        self.page = PageState()
        self.used_files: set[Path] = set()
        self._bibliography: Bibliography | None = None
        self._glossary_terms: set[str] | None = None

    # What the plugin (or the defaults) tell the extension about the site ------------------------------------

    @property
    def content_root(self) -> Path:
        return Path(self.getConfig("content_root")).resolve()

    def bibliography(self) -> Bibliography | None:
        path = self.getConfig("bibliography")
        if path and (self._bibliography is None or self._bibliography.path != Path(path).resolve()):
            self._bibliography = Bibliography(Path(path).resolve())
        return self._bibliography if path else None

    def glossary_terms(self) -> set[str] | None:
        glossary = self.getConfig("glossary")
        if not glossary:
            return None
        if self._glossary_terms is None:
            path = Path(self.getConfig("docs_dir")) / glossary
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                self.problem(f"the glossary page {path} cannot be read", "")
                return set()
            self._glossary_terms = {m["term"].strip().lower() for m in GLOSSARY_TERM.finditer(text)}
        return self._glossary_terms

    def links(self) -> Links:
        labels = {}
        for label, target in (self.getConfig("labels") or {}).items():
            if isinstance(target, str):
                page, _, anchor = target.partition("#")
                target = {"page": page, "anchor": anchor}
            labels[str(label)] = target
        return Links(self.getConfig("glossary") or None, self.glossary_terms(), labels, self.page.relative)

    def problem(self, message: str, where: str) -> None:
        text = f"pyodide_quiz: {where}: {message}" if where else f"pyodide_quiz: {message}"
        if self.getConfig("strict"):
            raise PyodideQuizError(text)
        log.warning(text)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Above superfences' and fenced_code's preprocessors (25), below whitespace normalising (30).
        md.preprocessors.register(DirectivePreprocessor(md, self), "pyodide_quiz", 27)
        md.treeprocessors.register(GlossaryAnchors(md), "pyodide_quiz_glossary", 1)

    def reset(self):
        self._glossary_terms = None


class DirectivePreprocessor(Preprocessor):
    def __init__(self, md, extension: PyodideQuizExtension):
        super().__init__(md)
        self.extension = extension

    def page_path(self) -> str:
        """The page's path for messages: the plugin's, or MkDocs's own (its relpath treeprocessor holds the File)."""
        if self.extension.page.path:
            return self.extension.page.path
        relpath = self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None
        file = getattr(relpath, "file", None)
        return getattr(file, "src_uri", None) or "page"

    def run(self, lines: list[str]) -> list[str]:
        directives = find_directives(lines, set(WIDGETS))
        if not directives:
            return lines
        page = self.page_path()
        offset = self.extension.page.offset
        links, bibliography = self.extension.links(), self.extension.bibliography()
        out: list[str] = []
        done = 0
        used_prefixes: set[str] = set()
        for directive in directives:
            out += lines[done:directive.start]
            where = f"{page}:{directive.start + 1 + offset}"
            # A role the text of a content file cannot resolve is reported at the page and at the file's line.
            markup = MarkdownMarkup(links, bibliography,
                                    lambda message, source, where=where: self.extension.problem(message,
                                                                                               f"{where}: {source}"))
            depth = heading_level_before(lines, directive.start)
            html = self.render(directive, where, page, offset, markup, used_prefixes, depth)
            # A paragraph of its own, indented like the fence, so it stays inside an admonition or a tab.
            out += ["", directive.indent + self.md.htmlStash.store(html), ""]
            done = directive.end
        return out + lines[done:]

    def render(self, directive: Directive, where: str, page: str, offset: int, markup, used_prefixes,
               depth: int) -> str:
        for index, message in directive.problems:
            self.extension.problem(f"{{{directive.name}}}: {message}", f"{page}:{index + 1 + offset}")
        if not directive.closed:
            self.extension.problem(f"{{{directive.name}}}: the fence is never closed", where)
        try:
            rendered = render_widget(directive, self.extension, markup, page, used_prefixes, depth)
        except WidgetProblem as problem:
            for message in problem.messages:
                self.extension.problem(message, where)
            return problem.html
        for message in rendered.warnings:
            self.extension.problem(message, where)
        return rendered.html


class GlossaryAnchors(Treeprocessor):
    """Every definition-list term gets the id {term} links point at (`term-` and its words), unless it has one."""

    def run(self, root: etree.Element) -> None:
        for term in root.iter("dt"):
            if "id" not in term.attrib:
                term.set("id", slug("".join(term.itertext())))


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PyodideQuizExtension(**kwargs)
