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

import re
from typing import NamedTuple

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .content import logger
from .markup import parse_inline
from .nodes import element

LINE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*):\s+(.+)$")
SECTION = re.compile(r"^\s+section:\s*(?P<label>.*?)\s*$")
LABEL = re.compile(r"^[\w.:-]+$")
MISSING_SECTION = "names no section that teaches it"
SECTION_HINT = "add an indented line under it, '    section: <label>', naming the (label)= of its section"


class Objective(NamedTuple):
    id: str
    text: str
    section: str | None  # the MyST label of the section that teaches it
    offset: int  # the line of the objective within the directive's content (0 = the first)


def read_objectives(lines) -> tuple[list[Objective], list[tuple[int, str]]]:
    """(objectives, problems as (offset, message)) from the directive's lines; the checker reads them alike."""
    found: list[Objective] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for offset, raw in enumerate(lines):
        section = SECTION.match(raw)
        if section:
            label = section.group("label")
            if not found or found[-1].section is not None:
                problems.append((offset, "a 'section:' line belongs under the objective it names a section for"))
            elif not LABEL.match(label):
                problems.append((offset, f"section {label!r} should be a label, e.g. 'ch04-interpreting'"))
            else:
                found[-1] = found[-1]._replace(section=label)
            continue
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
        found.append(Objective(match.group(1), match.group(2), None, offset))
    problems += [(o.offset, f"objective {o.id!r} {MISSING_SECTION} ({SECTION_HINT})") for o in found if not o.section]
    return found, sorted(problems)


def parse_objectives(lines) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """([(id, text)], problems): read_objectives without the sections, for tools that need ids and texts only."""
    found, problems = read_objectives(lines)
    return [(o.id, o.text) for o in found], problems


def objectives_of(env, docname: str) -> dict[str, dict]:
    """The objectives of a page as the build read them: id -> {"text": plain text, "section": label or None}."""
    return env.domaindata.get("pyodide_quiz", {}).get("objectives", {}).get(docname, {})


class ObjectivesDirective(SphinxDirective):
    has_content = True

    def run(self):
        objectives, problems = read_objectives(self.content)
        for offset, message in problems:
            logger.warning(message, location=(self.env.docname, self.lineno + 1 + offset),
                           type="pyodide_quiz", subtype="objectives")
        items, read = [], {}
        for objective in objectives:
            text = parse_inline(self, objective.text)
            item = element("li", *text, classes=["pq-objective"], data_objective=objective.id)
            item["ids"].append(f"objective-{objective.id}")
            items.append(item)
            read[objective.id] = {"text": "".join(node.astext() for node in text), "section": objective.section}
        title = nodes.paragraph("", "", nodes.strong("", "By the end of this chapter you will be able to:"))
        box = element("div", title, element("ul", *items), classes=["pq-objectives"], role="note",
                      aria_label="Learning objectives")
        self.env.domaindata.setdefault("pyodide_quiz", {}).setdefault("objectives", {})[self.env.docname] = read
        return [box]
