"""Where a project keeps its content, for the author checks: folders relative to its root, with defaults.

A project may move any folder with a `[tool.pyodide_quiz]` table in its pyproject.toml; the command line's
options win over the table:

    [tool.pyodide_quiz]
    quizzes = "quizzes"                    # quiz banks: every *.yml directly inside
    vignettes = "quizzes/vignettes"        # branching vignettes
    transcripts = "quizzes/transcripts"    # session transcripts to code
    exercises = "exercises"                # one folder per exercise
    timeout = 5                            # seconds allowed per Python run
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..model.source import Problem

TABLE = "pyodide_quiz"
PYPROJECT = "pyproject.toml"  # in the project's root, where problems name it from


@dataclass
class Project:
    root: Path
    quizzes: str = "quizzes"
    vignettes: str = "quizzes/vignettes"
    transcripts: str = "quizzes/transcripts"
    exercises: str = "exercises"
    timeout: float = 5.0
    notes: list = field(default_factory=list)  # short facts a check reports beside its status, e.g. counts
    # Kind -> the paths to check, when the command line names some; None: every file in the project's folders.
    selection: dict[str, list[Path]] | None = None

    def folder(self, kind: str) -> Path:
        return self.root / getattr(self, kind)

    def paths(self, kind: str) -> list[Path]:
        """What the check of `kind` looks at: the selection's, or the *.yml files directly in its folder (for
        exercises each folder in it)."""
        if self.selection is not None:
            return self.selection.get(kind, [])
        folder = self.folder(kind)
        if not folder.is_dir():
            return []
        if kind == "exercises":
            return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "__")))
        return sorted(folder.glob("*.yml"))

    def rel(self, path: Path) -> str:
        """A path as problems name it: from the project's root when it is inside, else as given."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


SETTINGS = [f.name for f in fields(Project) if f.name not in ("root", "notes", "selection")]


class ConfigError(Exception):
    """The project's settings or the command line are wrong: nothing can be checked until they are fixed."""

    def __init__(self, *problems: Problem):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


def _key_line(text: str, key: str) -> int:
    """The line of `key = ...` in the [tool.pyodide_quiz] table (tomllib keeps no lines), else of the table."""
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if line.strip() == f"[tool.{TABLE}]"), 0)
    return next((n + 1 for n in range(header, len(lines)) if re.match(rf"\s*{re.escape(key)}\s*=", lines[n])),
                header + 1)


def _setting_problems(table: dict, text: str) -> list[Problem]:
    problems = []
    for key, value in table.items():
        line = _key_line(text, key)
        if key not in SETTINGS:
            problems.append(Problem(PYPROJECT, line, f"[tool.{TABLE}] has an unknown key {key!r}",
                                    f"the keys are {', '.join(SETTINGS)}"))
        elif key == "timeout" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            problems.append(Problem(PYPROJECT, line, f"[tool.{TABLE}] timeout = {value!r} is not a number of seconds",
                                    "e.g. timeout = 5"))
        elif key != "timeout" and not isinstance(value, str):
            problems.append(Problem(PYPROJECT, line, f"[tool.{TABLE}] {key} = {value!r} is not a folder name",
                                    "write the folder's path from the project's root, in quotes"))
    return problems


def _table(pyproject: Path) -> dict:
    if not pyproject.is_file():
        return {}
    text = pyproject.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(Problem(PYPROJECT, 1, f"pyproject.toml cannot be read: {error}")) from None
    table = data.get("tool", {}).get(TABLE, {})
    problems = _setting_problems(table, text)
    if problems:
        raise ConfigError(*problems)
    return table


def load_project(root: Path, **overrides) -> Project:
    """The project at `root`: its pyproject.toml's [tool.pyodide_quiz] table, then `overrides` (None = unset)."""
    root = Path(root).resolve()
    settings = {**_table(root / PYPROJECT), **{k: v for k, v in overrides.items() if v is not None}}
    if "timeout" in settings:
        settings["timeout"] = float(settings["timeout"])
    return Project(root=root, **settings)


EXERCISE_FILES = ("task.md", "starter.py", "solution.py")
HINT = "name a quiz, vignette or transcript file (.yml), an exercise folder, or a folder that holds them"


def _is_exercise(folder: Path) -> bool:
    return any((folder / name).is_file() for name in EXERCISE_FILES)


def _yaml_kind(project: Project, path: Path) -> str:
    """A content file's kind: by the configured folder it sits in, else by its top-level keys (a vignette has
    `nodes`, a transcript `turns`); anything else is checked as a quiz, whose loader names what is wrong."""
    for kind in ("vignettes", "transcripts", "quizzes"):
        if path.parent == project.folder(kind).resolve():
            return kind
    try:
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "quizzes"
    if isinstance(data, dict) and "nodes" in data:
        return "vignettes"
    if isinstance(data, dict) and "turns" in data:
        return "transcripts"
    return "quizzes"


def select(project: Project, paths: list[Path]) -> dict[str, list[Path]]:
    """Kind -> paths, for the paths named on the command line: a .yml file, an exercise folder, or a folder
    whose .yml files and exercise folders (directly inside it) are checked."""
    chosen: dict[str, list[Path]] = {}
    unknown: list[Problem] = []

    def add(kind: str, path: Path) -> None:
        if path not in chosen.setdefault(kind, []):
            chosen[kind].append(path)

    for given in paths:
        path = (given if given.is_absolute() else Path.cwd() / given).resolve()
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            add(_yaml_kind(project, path), path)
        elif path.is_dir() and _is_exercise(path):
            add("exercises", path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix in (".yml", ".yaml"):
                    add(_yaml_kind(project, child), child)
                elif child.is_dir() and _is_exercise(child):
                    add("exercises", child)
        else:
            unknown.append(Problem(str(given), 1, "not a content file or folder" if path.exists() else
                                   "there is no such file or folder", HINT))
    if unknown:
        raise ConfigError(*unknown)
    return chosen
