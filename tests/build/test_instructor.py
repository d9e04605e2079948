"""Instructor notes and keys: on the site's teaching pages (public, and the site says so), and in the printable
instructor edition (`make instructor`).

- Each of book/instructor/*.md is its chapter's teaching page on the site (book/instructor/NN-slug.html of a fresh
  build in a temporary folder: other people rebuild the real one), and no student page repeats its notes.
- Exercise solutions reach the site only inside the exercise widget (its JSON payload for the "Show solution"
  button and its no-JavaScript "Model solution" <details>) and on the teaching pages. The instructor edition's
  answer key has every one.
- The answer key has every quiz's questions and every vignette's endings.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ensure_built_site

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted((ROOT / "book" / "instructor").glob("*.md"))
EXERCISES = sorted(p for p in (ROOT / "exercises").iterdir() if (p / "solution.py").is_file())
PLAIN = re.compile(r"^[A-Za-z0-9 ,.;:()-]+$")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def compact(text: str) -> str:
    """Without any white space: highlighted code is split into tokens that get_text() joins with spaces."""
    return re.sub(r"\s+", "", text)


def distinctive_sentence(path: Path) -> str:
    """The longest plain-text source line of an instructor note (no markup, no quotes: it renders as written)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    candidates = [line for line in lines if PLAIN.match(line) and not line.startswith(("#", "-", "1.", "2.", "3."))]
    line = max(candidates, key=len)
    assert len(line) > 60, f"{path.name}: no distinctive line found"
    return line


def distinctive_solution_line(folder: Path) -> str:
    """The longest line of solution.py that is not in starter.py (code, not a comment or docstring)."""
    starter = {line.strip() for line in (folder / "starter.py").read_text(encoding="utf-8").splitlines()}
    lines = [line.strip() for line in (folder / "solution.py").read_text(encoding="utf-8").splitlines()]
    code = [line for line in lines if line and line not in starter and not line.startswith(("#", '"""', "'''"))
            and len(line) > 15]
    assert code, f"{folder.name}: solution.py has no line that starter.py lacks"
    return max(code, key=len)


def page_texts(site: Path, strip_widgets: bool = False) -> dict[str, str]:
    """Every text file of a built site as plain text (HTML without tags), optionally without exercise widgets'
    solution payloads and model-solution boxes."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".txt", ".md", ".js", ".json", ".py"}:
            continue
        if "_static" in path.parts and path.suffix == ".js":
            continue  # the theme's and the engine's own scripts
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            soup = BeautifulSoup(raw, "html.parser")
            if strip_widgets:
                for exercise in soup.select("section.pq-exercise"):
                    for node in exercise.select("script.pq-data, details.pq-solution"):
                        node.decompose()
            raw = soup.get_text(" ")
        texts[str(path.relative_to(site))] = squash(raw)
    return texts


def build_env() -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                NO_COLOR="1", PYTHONWARNINGS="ignore")


@pytest.fixture(scope="module")
def student_site() -> Path:
    """The student site the whole suite tests (`make check`'s build, or COURSE_SITE)."""
    return ensure_built_site()


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("instructor")
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "instructor"),
                           "--out", str(out)], cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "WARNING" not in done.stdout + done.stderr, "the instructor edition builds without warnings"
    return out / "html"


def test_every_chapter_has_notes():
    chapters = sorted(p.name for p in (ROOT / "book").glob("[0-9][0-9]-*.md"))
    assert [p.name for p in NOTES] == chapters
    for note in NOTES:
        count = len(note.read_text(encoding="utf-8").split())
        assert 150 <= count <= 320, f"{note.name} has {count} words"


def teaching(name: str) -> bool:
    """A teaching page, or the copy of its source the site offers (Sphinx's _sources/)."""
    return name.startswith(("book/instructor/", "_sources/book/instructor/"))


def test_instructor_notes_are_on_their_teaching_page_only(student_site):
    texts = page_texts(student_site)
    for note in NOTES:
        sentence = squash(distinctive_sentence(note))
        page = f"book/instructor/{note.stem}.html"
        assert sentence in texts[page], f"{note.name} is not on its teaching page {page}"
        leaks = [name for name, text in texts.items() if sentence in text and not teaching(name)]
        assert not leaks, f"{note.name}: {sentence!r} is on other pages too: {leaks}"


def test_solutions_reach_the_site_only_inside_the_exercise_widget_and_the_teaching_pages(student_site):
    whole = page_texts(student_site)
    stripped = page_texts(student_site, strip_widgets=True)
    for folder in EXERCISES:
        line = compact(distinctive_solution_line(folder))
        inside = [name for name, text in whole.items() if name.endswith(".html") and line in compact(text)
                  and not teaching(name)]
        assert inside, f"{folder.name}: the exercise page should offer its solution (Show solution / Model solution)"
        keyed = [name for name, text in stripped.items() if line in compact(text) and teaching(name)]
        assert keyed, f"{folder.name}: the model solution should be on its chapter's teaching page"
        outside = [name for name, text in stripped.items() if line in compact(text) and not teaching(name)]
        assert not outside, f"{folder.name}: {line!r} appears outside the exercise widget in {outside}"


def test_instructor_edition_has_notes_solutions_and_keys(instructor_site):
    texts = page_texts(instructor_site)
    everything = " ".join(text for name, text in texts.items() if name.endswith(".html"))
    for note in NOTES:
        assert squash(distinctive_sentence(note)) in everything, f"{note.name} is missing from the instructor edition"
    for folder in EXERCISES:
        page = texts[f"key-exercise-{folder.name}.html"]
        assert compact(distinctive_solution_line(folder)) in compact(page), f"{folder.name}: the model solution is missing"
    import yaml

    for quiz in sorted((ROOT / "quizzes").glob("[0-9][0-9]-*.yml")):
        page = texts[f"key-quiz-{quiz.stem}.html"]
        data = yaml.safe_load(quiz.read_text(encoding="utf-8"))
        for question in data["questions"]:
            assert question["id"] in page, f"{quiz.name}: question {question['id']} is missing from the key"
    for vignette in sorted((ROOT / "quizzes" / "vignettes").glob("*.yml")):
        page = texts[f"key-vignette-{vignette.stem}.html"]
        assert "Best path" in page and "Debrief" in page, vignette.name
    notes06 = texts["notes-07-ruptures-and-repair.html"]
    assert "Define an alliance rupture and connect the definition to goals, tasks and bond" in notes06
    assert (instructor_site / "_static" / "instructor-print.css").is_file()


def test_every_instructor_edition_page_carries_the_sites_content_security_policy(instructor_site):
    from pyodide_quiz.sphinx.csp import page_policy, site_pages

    pages = site_pages(instructor_site)
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        policy = text.split('<meta http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert policy == page_policy(text), path.name


def test_instructor_build_refuses_the_student_site():
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "instructor"),
                           "--out", str(ROOT / "_build"), "--src-only"], capture_output=True, text=True)
    assert done.returncode != 0 and "never goes into" in done.stderr
