"""The `{objectives}` directive: a chapter's learning objectives, each with a stable id and anchor.

Content lines read `id: text`. The ids are what quiz questions name in `objective:`; the checker proves that
every objective is assessed and that no question names an unknown one.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .content import logger
from .markup import parse_inline
from .nodes import element

LINE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*):\s+(.+)$")


def parse_objectives(lines) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """(objectives, problems) from the directive's lines; shared with the checker so both read them alike."""
    found, problems, seen = [], [], set()
    for offset, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        if not match:
            problems.append((offset, f"objective line {line!r} should read 'an-id: what the student can do'"))
            continue
        if match.group(1) in seen:
            problems.append((offset, f"objective id {match.group(1)!r} appears twice"))
        seen.add(match.group(1))
        found.append((match.group(1), match.group(2)))
    return found, problems


class ObjectivesDirective(SphinxDirective):
    has_content = True

    def run(self):
        objectives, problems = parse_objectives(self.content)
        for offset, message in problems:
            logger.warning(message, location=(self.env.docname, self.lineno + 1 + offset),
                           type="pyodide_quiz", subtype="objectives")
        items = []
        for objective_id, text in objectives:
            item = element("li", *parse_inline(self, text), classes=["pq-objective"], data_objective=objective_id)
            item["ids"].append(f"objective-{objective_id}")
            items.append(item)
        title = nodes.paragraph("", "", nodes.strong("", "By the end of this chapter you will be able to:"))
        box = element("div", title, element("ul", *items), classes=["pq-objectives"], role="note",
                      aria_label="Learning objectives")
        self.env.domaindata.setdefault("pyodide_quiz", {}).setdefault("objectives", {})[self.env.docname] = [
            objective_id for objective_id, _ in objectives]
        return [box]
