"""An exercise folder (`exercises/<slug>/`): what it must hold, loaded once for the directive and the checker.

A folder holds `task.md`, `starter.py`, `solution.py`, `test_<slug_underscored>.py` and, optionally, data
files (any other file, read as UTF-8 text) that the runner puts in the student's working folder. Problems
name the file to fix; `load_exercise` reports all of them at once.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import slug_in_words
from .source import ContentError, Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$")
DATA_LIMIT = 200_000  # characters per data file: the files travel inside the page
SKIPPED = {"__pycache__", ".pytest_cache"}


def tests_file_for(slug: str) -> str:
    """The name of an exercise's test file: srs-total -> test_srs_total.py."""
    return f"test_{slug.replace('-', '_')}.py"


@dataclass
class Exercise:
    slug: str
    folder: Path
    display: str  # the folder as authors name it: exercises/<slug>
    task: str  # task.md without a leading "# Title" line
    heading: str  # the "# Title" of task.md, or ""
    starter: str
    solution: str
    tests: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def test_name(self) -> str:
        return tests_file_for(self.slug)

    def path(self, name: str) -> str:
        """A file of the exercise as problems name it: exercises/<slug>/solution.py."""
        return f"{self.display}/{name}"

    def source_files(self) -> list[Path]:
        """Every file the page depends on."""
        names = ["task.md", "starter.py", "solution.py", self.test_name, *self.files]
        return [self.folder / name for name in names]

    def title(self, option: str | None = None) -> str:
        """The `:title:` option, else task.md's `# heading`, else the slug in words."""
        return (option or "").strip() or self.heading or slug_in_words(self.slug)

    @property
    def hash(self) -> str:
        """Changes when what a saved verdict depends on changes (starter, tests, data; not the model solution)."""
        canonical = json.dumps({"starter": self.starter, "tests": self.tests, "files": self.files},
                               sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _read(path: Path, display: str, problems: list[Problem], hint: str = "") -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(display, 1, "the file is missing", hint))
    except UnicodeDecodeError:
        problems.append(Problem(display, 1, "the file is not UTF-8 text", "save it as UTF-8"))
    except OSError as error:
        problems.append(Problem(display, 1, f"cannot read the file: {error.strerror or error}"))
    return ""


def data_file_names(folder: Path, slug: str) -> list[str]:
    """Every file of the folder that is not one of the four required ones (hidden files and caches skipped)."""
    required = {"task.md", "starter.py", "solution.py", tests_file_for(slug)}
    return sorted(p.name for p in folder.iterdir()
                  if p.is_file() and p.name not in required and not p.name.startswith(".")
                  and p.name not in SKIPPED and p.suffix != ".pyc")


def load_exercise(folder: Path, display: str | None = None) -> Exercise:
    """Load an exercise folder; raises ContentError with every problem found (file, line, message, hint)."""
    folder = Path(folder)
    slug = folder.name
    display = (display or f"exercises/{slug}").rstrip("/")
    if not folder.is_dir():
        raise ContentError([Problem(display, 1, "there is no such exercise folder",
                                    "the argument is the folder's path from the book's root: exercises/<slug>")])
    problems: list[Problem] = []
    if not SLUG.match(slug):
        problems.append(Problem(display, 1, f"the folder name {slug!r} is not a valid slug",
                                "use lowercase letters, digits and single hyphens, e.g. srs-total"))
    test_name = tests_file_for(slug)
    task = _read(folder / "task.md", f"{display}/task.md", problems, "write the statement in MyST Markdown")
    starter = _read(folder / "starter.py", f"{display}/starter.py", problems, "the code the student starts from")
    solution = _read(folder / "solution.py", f"{display}/solution.py", problems, "a model solution")
    tests = _read(folder / test_name, f"{display}/{test_name}", problems,
                  f"the tests must be in {test_name} (test_ + the slug with _ for -)")
    for name in sorted(p.name for p in folder.glob("test_*.py") if p.name != test_name):
        problems.append(Problem(f"{display}/{name}", 1, f"only {test_name} is run",
                                f"move these tests into {test_name}"))
    files = {}
    for name in data_file_names(folder, slug):
        if name.startswith("test_") and name.endswith(".py"):
            continue
        text = _read(folder / name, f"{display}/{name}", problems)
        if len(text) > DATA_LIMIT:
            problems.append(Problem(f"{display}/{name}", 1, f"the data file has {len(text):,} characters",
                                    f"keep data files under {DATA_LIMIT:,} characters: they travel inside the page"))
        files[name] = text
    task_read = not any(p.file == f"{display}/task.md" for p in problems)
    if task_read and not task.strip():
        problems.append(Problem(f"{display}/task.md", 1, "the task is empty"))
    if problems:
        raise ContentError(problems)
    heading = ""
    first, _, rest = task.partition("\n")
    match = HEADING.match(first)
    if match:
        heading, task = match.group("title"), rest
    return Exercise(slug, folder, display, task, heading, starter, solution, tests, files)
