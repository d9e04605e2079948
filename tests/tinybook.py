"""The tiny sample book in tests/books/tiny: copy it, add the README's examples, build it.

Tests never build in tests/books/tiny itself: they copy it to a temporary folder, where the copy's
_config.yml names this checkout's Pyodide by its absolute path.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "books" / "tiny"
README = ROOT / "quizzes" / "README.md"
PYODIDE = ROOT / "node_modules" / "pyodide"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
JUPYTER_BOOK = ROOT / ".venv" / "bin" / "jupyter-book"
README_QUIZ = "quizzes/readme-examples.yml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def copy_tiny(destination: Path) -> Path:
    """Copy the tiny book to `destination` (which must not exist) and point it at this checkout's Pyodide and
    esbuild."""
    shutil.copytree(TINY, destination, ignore=shutil.ignore_patterns("_build"))
    config = destination / "_config.yml"
    text = config.read_text(encoding="utf-8")
    for key, path in (("pyodide_quiz_pyodide_dir", PYODIDE), ("pyodide_quiz_esbuild", ESBUILD)):
        text, count = re.subn(rf"(?m)^(\s*{key}:).*$", lambda m, path=path: f"{m.group(1)} {path}", text)
        assert count == 1, f"tests/books/tiny/_config.yml must set {key} once"
    config.write_text(text, encoding="utf-8")
    return destination


def readme_question_blocks() -> list[str]:
    """The text of every question in the README's ```yaml examples, as the list items an author writes.

    An example is either a whole quiz file (its `questions:` are taken) or a list of questions; a block that
    holds neither (the schema line) is not a question example.
    """
    blocks = []
    for block in YAML_BLOCK.findall(README.read_text(encoding="utf-8")):
        data = yaml.safe_load(block)
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            blocks.append(block.split("\nquestions:\n", 1)[1])
        elif isinstance(data, list):
            blocks.append(block)
    return blocks


def readme_quiz_text() -> str:
    """One quiz file holding every question example of the README, written as the README writes them."""
    return ("# yaml-language-server: $schema=schema.json\n"
            "title: Every example from quizzes/README.md\nquestions:\n" + "".join(readme_question_blocks()))


def add_readme_quiz(book: Path) -> Path:
    """Write the README's examples as a quiz and show it on the book's second page."""
    path = book / README_QUIZ
    path.write_text(readme_quiz_text(), encoding="utf-8")
    page = book / "book" / "page2.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + f"\n## Examples from the README\n\n```{{quiz}} {README_QUIZ}\n```\n", encoding="utf-8")
    return path


def build(book: Path) -> subprocess.CompletedProcess:
    """`jupyter-book build --all -W -n --keep-going` of `book`; the site is in book/_build/html."""
    from tests.conftest import refuse_to_build

    refuse_to_build(f"a build of {book}")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               NO_COLOR="1", PYTHONWARNINGS="ignore")
    return subprocess.run([str(JUPYTER_BOOK), "build", "--all", "-W", "-n", "--keep-going", str(book)],
                          cwd=book, env=env, capture_output=True, text=True, timeout=600)


def warnings(done: subprocess.CompletedProcess) -> list[str]:
    """Every warning or error line of a build's output."""
    output = ANSI.sub("", done.stdout + "\n" + done.stderr)
    return sorted({line.strip() for line in output.splitlines()
                   if re.search(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b", line)})
