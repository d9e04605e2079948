"""Where content files live, how directives find them, and how their problems reach the Sphinx log."""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model import ContentError

logger = logging.getLogger("pyodide_quiz")


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
    return [nodes.warning("", nodes.paragraph("", f"This {kind} could not be shown: {display} has errors."))]


def load_argument(directive, loader, kind: str):
    """The file the directive's argument names, loaded with `loader(path, display)` and noted as a dependency of
    the page: (loaded, display, []), or (None, display, what to show instead) when it has problems."""
    path, display = content_path(directive, directive.arguments[0])
    directive.env.note_dependency(str(path))
    try:
        return loader(path, display), display, []
    except ContentError as error:
        return None, display, unavailable(directive, kind, display, error.problems)


class FileDirective(SphinxDirective):
    """A directive whose one argument names a content file (```{vignette} quizzes/vignettes/x.yml```), with an
    optional `:class:` for the widget."""

    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}

    def load(self, loader, kind: str):
        return load_argument(self, loader, kind)


def html_id(*parts: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")


def unique_prefix(env, base: str) -> str:
    """A prefix unique on the page: the same quiz shown twice gets -2, -3, ... (still deterministic)."""
    used = env.temp_data.setdefault("pq_prefixes", set())
    prefix, count = base, 1
    while prefix in used:
        count += 1
        prefix = f"{base}-{count}"
    used.add(prefix)
    return prefix
