"""Where content files live, how directives find them, and how their problems reach the Sphinx log."""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import strings
from ..model import ContentError
from ..render.context import Page, Rendered, Settings
from .markup import SphinxMarkup
from .nodes import to_nodes
from .registry import objectives_of, record

logger = logging.getLogger("pyodide_quiz")
# What the page says in place of a widget whose file has errors (catalogue keys, pyodide_quiz/strings).
UNAVAILABLE = {"quiz": "unavailable.quiz", "exercise": "unavailable.exercise", "vignette": "unavailable.vignette",
               "transcript": "unavailable.transcript"}


def content_path(directive, argument: str) -> tuple[Path, str]:
    """The file an argument names (relative to the project root, the folder of conf/_config), and its display name."""
    root = Path(directive.env.srcdir)
    relative = argument.strip()
    return root / relative, relative


def report(directive, problems, subtype: str) -> None:
    """Log each problem as a warning at the directive, so `-W` fails the build and names the YAML line too."""
    for problem in problems:
        logger.warning(str(problem), location=directive.get_location(), type="pyodide_quiz", subtype=subtype)


def unavailable(directive, kind: str, display: str, problems) -> list[nodes.Node]:
    """Report a content file's problems at the directive; returns what the page shows in the widget's place."""
    report(directive, problems, kind)
    text = strings.text(directive.config.language, UNAVAILABLE[kind], file=display)
    return [nodes.warning("", nodes.paragraph("", text))]


class FileDirective(SphinxDirective):
    """A directive whose one argument names a content file (```{vignette} quizzes/vignettes/x.yml```), with an
    optional `:class:` for the widget: the engine renders the file, and its problems become warnings here."""

    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}
    kind = ""  # "quiz", "vignette", ...: in warnings and in what the page shows instead of a broken widget

    def render(self, path: Path, display: str) -> Rendered:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        path, display = content_path(self, self.arguments[0])
        self.env.note_dependency(str(path))
        try:
            rendered = self.render(path, display)
        except ContentError as error:
            return unavailable(self, self.kind, display, error.problems)
        return place(self, rendered, self.kind)


def settings(config) -> Settings:
    """The engine's settings from the pyodide_quiz_* config values."""
    return Settings(timeout=config.pyodide_quiz_timeout, confidence=config.pyodide_quiz_confidence,
                    edit_url=config.pyodide_quiz_edit_url, folder_url=config.pyodide_quiz_folder_url,
                    issue_url=config.pyodide_quiz_issue_url, language=config.language or "en")


def page_of(directive, section_depth: int = 0) -> Page:
    """The engine's view of the page a directive is in: MyST markup in the directive, the ids used so far on the
    page, and the sections that teach the page's learning objectives."""
    env = directive.env
    objectives = objectives_of(env, env.docname)
    return Page(SphinxMarkup(directive), env.docname, settings(directive.config),
                env.temp_data.setdefault("pq_prefixes", set()), section_depth,
                lambda objective: objectives.get(objective, {}).get("section"))


def place(directive, rendered: Rendered, kind: str) -> list[nodes.Node]:
    """A widget the engine rendered, as docutils nodes at the directive: its warnings logged there, and what the
    progress page needs recorded."""
    report(directive, rendered.warnings, kind)
    if rendered.record:
        facts = dict(rendered.record)
        record(directive.env, facts.pop("kind"), facts.pop("name"), facts.pop("title"), facts.pop("items"),
               facts.pop("anchor"), **facts)
    return [node for el in rendered.nodes for node in to_nodes(el)]
