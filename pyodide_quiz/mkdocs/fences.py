"""Find the book's directive fences (```` ```{quiz} quizzes/x.yml ````) in a Markdown page, as plain lines.

Pure functions, no Markdown or MkDocs: the extension replaces what this finds, and leaves every other fence
alone, so a directive shown as an example inside a longer fence (```` ```` ```` or ``~~~``) stays text.
A directive may be indented (inside an admonition or a content tab): its fence then keeps that indent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
DIRECTIVE = re.compile(r"^\{(?P<name>[a-z][\w-]*)\}(?:\s+(?P<argument>.*?))?\s*$")
OPTION = re.compile(r"^:(?P<name>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")


@dataclass
class Directive:
    name: str
    argument: str
    options: dict[str, str] = field(default_factory=dict)
    start: int = 0  # index of the opening fence line
    end: int = 0  # index just past the closing fence (or the page's end when it is never closed)
    indent: str = ""
    closed: bool = True
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line index, message): not an option


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def find_directives(lines: list[str], names: set[str]) -> list[Directive]:
    """The fences whose info string is `{name} argument` for a name in `names`, outside any other fence."""
    found: list[Directive] = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            index += 1
            continue
        fence, info = match["fence"], match["info"].strip()
        directive = DIRECTIVE.match(info)
        end = index + 1
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1
        closed = end < len(lines)
        if directive and directive["name"] in names:
            found.append(_directive(directive, lines[index + 1:end], index, end + 1 if closed else end,
                                    match["indent"], closed))
        index = end + 1
    return found


def _directive(match, body: list[str], start: int, end: int, indent: str, closed: bool) -> Directive:
    found = Directive(match["name"], (match["argument"] or "").strip(), start=start, end=end, indent=indent,
                      closed=closed)
    for index, line in enumerate(body, start=start + 1):
        option = OPTION.match(line.strip())
        if option:
            found.options[option["name"]] = option["value"] or ""
        elif line.strip():
            found.problems.append((index, f"not an option (`:name: value`): {line.strip()!r}"))
    return found


HEADING = re.compile(r"^[ \t]{0,3}(?P<hashes>#{1,6})(?:[ \t]|$)")


def heading_level_before(lines: list[str], index: int) -> int:
    """The level of the last `#` heading above line `index` (0 when there is none), skipping code fences: a
    widget's own headings continue the page's outline from there."""
    level, fence = 0, None
    for line in lines[:index]:
        match = FENCE.match(line)
        if fence is not None:
            fence = None if _closes(line, fence) else fence
        elif match and not (match["fence"][0] == "`" and "`" in match["info"]):
            fence = match["fence"]
        elif heading := HEADING.match(line):
            level = len(heading["hashes"])
    return level
