"""`scripts/new` (make new): every skeleton passes `scripts/check --fast` on a copy of the tiny book, a chapter
is added to _toc.yml, and nothing is ever overwritten."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.tinybook import copy_tiny

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)


def new(book: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PYTHON), str(ROOT / "scripts" / "new"), *args, "--root", str(book)],
                          capture_output=True, text=True, timeout=60)


def check_fast(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(PYTHON), str(ROOT / "scripts" / "check"), "--fast", "--root", str(book)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def book(tmp_path) -> Path:
    copied = copy_tiny(tmp_path / "tiny")
    assert check_fast(copied).returncode == 0, "the tiny book passes before any scaffold"
    return copied


def toc_files(book: Path) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k in ("root", "file"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8")))
    return found


def test_chapter(book):
    done = new(book, "chapter", "rupture-markers")
    assert done.returncode == 0, done.stderr
    page, quiz = book / "book" / "01-rupture-markers.md", book / "quizzes" / "01-rupture-markers.yml"
    assert page.is_file() and quiz.is_file()
    assert (book / "book" / "instructor" / "01-rupture-markers.md").is_file()
    assert "book/01-rupture-markers" in toc_files(book)
    assert "added book/01-rupture-markers to _toc.yml" in done.stdout
    text = page.read_text(encoding="utf-8")
    for part in ("{objectives}", "## Summary", "## Reflection", "## Key terms", "{quiz} quizzes/01-rupture-markers.yml"):
        assert part in text
    questions = yaml.safe_load(quiz.read_text(encoding="utf-8"))["questions"]
    assert {q["objective"] for q in questions} == {"rupture-markers-define", "rupture-markers-apply"}
    checked = check_fast(book)
    assert checked.returncode == 0, checked.stdout
    # The next chapter gets the next number; the same slug again is refused.
    assert new(book, "chapter", "second-one").returncode == 0
    assert (book / "book" / "02-second-one.md").is_file()
    assert toc_files(book)[-2:] == ["book/01-rupture-markers", "book/02-second-one"]
    again = new(book, "chapter", "rupture-markers")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert check_fast(book).returncode == 0


def test_quiz_on_a_page_with_objectives_and_without(book):
    assert new(book, "quiz", "extra-practice", "--page", "book/intro.md").returncode == 0
    questions = yaml.safe_load((book / "quizzes" / "extra-practice.yml").read_text(encoding="utf-8"))["questions"]
    assert {q["objective"] for q in questions} == {"name-parts", "order-history", "score-srs"}
    assert new(book, "quiz", "loose-quiz", "--page", "book/page2.md").returncode == 0
    checked = check_fast(book)
    assert checked.returncode == 0, checked.stdout


def test_quiz_without_a_page_says_what_to_add(book):
    done = new(book, "quiz", "orphan")
    assert done.returncode == 0 and "{quiz} quizzes/orphan.yml" in done.stdout
    checked = check_fast(book)
    assert checked.returncode == 1 and "not used by any page" in checked.stdout


def test_exercise(book):
    done = new(book, "exercise", "alliance-mean", "--page", "book/page2.md")
    assert done.returncode == 0, done.stderr
    folder = book / "exercises" / "alliance-mean"
    assert sorted(p.name for p in folder.iterdir()) == ["solution.py", "starter.py", "task.md", "test_alliance_mean.py"]
    # The exercises check proves the solution passes the tests and the starter fails one.
    checked = check_fast(book)
    assert checked.returncode == 0, checked.stdout


def test_vignette(book):
    done = new(book, "vignette", "late-arrival", "--page", "book/page2.md")
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((book / "quizzes" / "vignettes" / "late-arrival.yml").read_text(encoding="utf-8"))
    assert sum(1 for node in data["nodes"].values() if "ending" in node) == 2
    checked = check_fast(book)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("kind", ["quiz", "exercise", "vignette"])
def test_never_overwrites(book, kind):
    assert new(book, kind, "same-name", "--page", "book/page2.md").returncode == 0
    before = {p: p.read_bytes() for p in book.rglob("*") if p.is_file()}
    again = new(book, kind, "same-name", "--page", "book/page2.md")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert {p: p.read_bytes() for p in book.rglob("*") if p.is_file()} == before


def test_rejects_a_bad_slug(book):
    done = new(book, "exercise", "Bad Name")
    assert done.returncode != 0 and "not a slug" in done.stderr
