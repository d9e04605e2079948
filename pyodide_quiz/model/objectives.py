"""A chapter's learning objectives as the `{objectives}` directive's lines give them (see sphinx/objectives.py
for the format): read here, without a front end, by the directive, the checks and the tools."""
from __future__ import annotations

import re
from typing import NamedTuple

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
