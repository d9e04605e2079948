"""Load YAML while remembering where every value came from, so that errors can name a line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple  # a path into the document: ("questions", 2, "options", 0, "text")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, with where it is and how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""
    subject: str = ""  # "question 'id'", "node 'id'", ...

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        subject = f"{self.subject}: " if self.subject else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{subject}{self.message}{hint}"


class ContentError(Exception):
    """Raised when a content file has problems; carries all of them, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Located:
    """A parsed YAML document plus the line of every value in it (1-based)."""

    file: str
    data: Any
    lines: dict = field(default_factory=dict)
    duplicate_keys: list = field(default_factory=list)

    def line(self, path: Path_) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line(self, path: Path_) -> int:
        """The line of the key that holds the value at `path` (falls back to the value's line)."""
        return self.lines.get(("key",) + tuple(path), self.line(path))


def _to_python(node: yaml.Node, path: tuple, located: Located) -> Any:
    located.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            child = path + (key,)
            if key in result:
                located.duplicate_keys.append((child, key_node.start_mark.line + 1))
            located.lines[("key",) + child] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, child, located)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (index,), located) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def load_yaml(path: Path | str, display_name: str | None = None) -> Located:
    """Parse a YAML file. A syntax error becomes a ContentError naming the line."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ContentError([Problem(name, 1, f"cannot read the file: {error.strerror or error}")]) from None
    return load_yaml_text(text, name)


def load_yaml_text(text: str, name: str) -> Located:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        message = f"YAML syntax error: {error.problem or error}"
        if error.context:
            message += f" ({error.context})"
        raise ContentError(
            [Problem(name, line, message, "check indentation, and quote text that contains ': ' or starts with { ` * \" '")]
        ) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(name, 1, f"YAML error: {error}")]) from None
    located = Located(name, None)
    if node is None:
        raise ContentError([Problem(name, 1, "the file is empty")])
    located.data = _to_python(node, (), located)
    return located
