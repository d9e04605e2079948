"""The `{objectives}` directive: a chapter's learning objectives, each with a stable id, an anchor and the section
that teaches it.

Content lines read `id: text`; an indented line under an objective, `section: label`, names the section that
teaches it by its MyST label (`(label)=` above the heading):

    evidence-interpret-r-028: Interpret r ≈ .28 as variance explained.
        section: ch04-interpreting

The ids are what quiz questions name in `objective:`; the checker proves that every objective is assessed and
that no question names an unknown one. A wrong answer to a question links to its objective's section ("Review:
What r ≈ .28 means"), and so does the progress page; the build warns when an objective names no section, and
Sphinx when the label does not exist.
"""
from __future__ import annotations

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model.objectives import MISSING_SECTION, SECTION_HINT, Objective, parse_objectives, read_objectives  # noqa: F401
from ..render.context import Source
from ..render.objectives import render_objectives
from .content import page_of
from .nodes import to_nodes
from .registry import objectives_of  # noqa: F401  (where the site's tools look for it)

logger = logging.getLogger("pyodide_quiz")


class ObjectivesDirective(SphinxDirective):
    has_content = True

    def run(self):
        objectives, problems = read_objectives(self.content)
        for offset, message in problems:
            logger.warning(message, location=(self.env.docname, self.lineno + 1 + offset),
                           type="pyodide_quiz", subtype="objectives")
        rendered = render_objectives(objectives, page_of(self), Source(self.env.docname, self.lineno))
        read = {}
        for objective_id, facts in rendered.record["objectives"].items():
            text = [node for fragment in facts["text"] for node in fragment.content]
            read[objective_id] = {"text": "".join(node.astext() for node in text), "section": facts["section"]}
        self.env.domaindata.setdefault("pyodide_quiz", {}).setdefault("objectives", {})[self.env.docname] = read
        return [node for el in rendered.nodes for node in to_nodes(el)]
