"""The engine's exercise check with the book's pages check (scripts/checks/pages.py), on copies of a real exercise in tmp_path: a good exercise passes; a broken
solution, a starter that already passes, a test that never ends, a missing file, an unused folder and a
directive naming no folder are each reported with the file (and line) to fix.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from checks import pages  # noqa: E402
from checks.context import Context  # noqa: E402

from pyodide_quiz.checks import exercises  # noqa: E402

SLUG = "srs-total"
TIMEOUT = 2.0  # seconds per run; the real check uses scripts/check --timeout (5 s)


def make_project(tmp_path: Path, page: str | None = None, slugs=(SLUG,)) -> Context:
    """A tiny project: the given exercise folders copied from this course, one page that shows them."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    (tmp_path / "book").mkdir()
    if page is None:
        page = "# Intro\n\n" + "".join(f"```{{exercise}} exercises/{slug}\n```\n\n" for slug in slugs)
    (tmp_path / "book" / "intro.md").write_text(page, encoding="utf-8")
    for slug in slugs:
        shutil.copytree(ROOT / "exercises" / slug, tmp_path / "exercises" / slug,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return Context(root=tmp_path, html=tmp_path / "_build" / "html", engine_root=ROOT, timeout=TIMEOUT)


def folder(ctx: Context, slug: str = SLUG) -> Path:
    return ctx.root / "exercises" / slug


def messages(ctx: Context) -> list[str]:
    return [str(p) for p in exercises.run(ctx.project) + pages.run(ctx)]


def test_a_good_exercise_has_no_problems(tmp_path):
    assert messages(make_project(tmp_path)) == []


@pytest.mark.parametrize("slug", sorted(p.name for p in (ROOT / "exercises").iterdir()
                                        if p.is_dir() and p.name != "__pycache__"))
def test_every_course_exercise_passes(tmp_path, slug):
    assert messages(make_project(tmp_path, slugs=(slug,))) == []


def test_a_broken_solution_is_reported(tmp_path):
    ctx = make_project(tmp_path)
    solution = folder(ctx) / "solution.py"
    # A later definition wins: the flag now fires at exactly 36 as well.
    solution.write_text(solution.read_text(encoding="utf-8") +
                        "\n\ndef possible_concern(marks):\n    return srs_total(marks) <= 36\n", encoding="utf-8")
    found = messages(ctx)
    assert len(found) == 1, found
    assert found[0].startswith(f"exercises/{SLUG}/solution.py:1: the solution does not pass the tests (test_")
    assert found[0].endswith("(fix solution.py or test_srs_total.py)")


def test_a_solution_that_does_not_load_is_reported(tmp_path):
    ctx = make_project(tmp_path)
    (folder(ctx) / "solution.py").write_text("def srs_total(marks:\n    pass\n", encoding="utf-8")
    found = messages(ctx)
    assert any(p.startswith(f"exercises/{SLUG}/solution.py:1: the solution does not pass the tests (SyntaxError")
               for p in found), found


def test_a_starter_that_already_passes_is_reported(tmp_path):
    ctx = make_project(tmp_path)
    shutil.copy(folder(ctx) / "solution.py", folder(ctx) / "starter.py")
    assert messages(ctx) == [f"exercises/{SLUG}/starter.py:1: the starter already passes every test "
                             "(a starter must leave something for the student to do)"]


def test_a_test_that_never_ends_is_stopped_and_reported(tmp_path):
    ctx = make_project(tmp_path)
    tests = folder(ctx) / f"test_{SLUG.replace('-', '_')}.py"
    tests.write_text(tests.read_text(encoding="utf-8") + "\n\ndef test_forever():\n    while True:\n        pass\n",
                     encoding="utf-8")
    started = time.monotonic()
    found = messages(ctx)
    assert time.monotonic() - started < 30
    assert f"exercises/{SLUG}/test_srs_total.py:1: the tests did not finish within 2 s against solution.py " \
           "(every test must finish well within the browser's time limit)" in found, found


def test_a_solution_whose_run_fails_is_reported(tmp_path):
    ctx = make_project(tmp_path)
    solution = folder(ctx) / "solution.py"
    solution.write_text(solution.read_text(encoding="utf-8") + "\nprint(undefined_name)\n", encoding="utf-8")
    found = messages(ctx)
    assert any(p.startswith(f"exercises/{SLUG}/solution.py:1: running solution.py as a script fails: NameError")
               for p in found), found


def test_missing_files_are_named(tmp_path):
    ctx = make_project(tmp_path)
    (folder(ctx) / "starter.py").unlink()
    (folder(ctx) / "test_srs_total.py").rename(folder(ctx) / "test_srs.py")
    found = messages(ctx)
    assert f"exercises/{SLUG}/starter.py:1: the file is missing (the code the student starts from)" in found
    assert any(p.startswith(f"exercises/{SLUG}/test_srs_total.py:1: the file is missing") for p in found), found
    assert any(p.startswith(f"exercises/{SLUG}/test_srs.py:1: only test_srs_total.py is run") for p in found), found


def test_an_exercise_no_page_shows(tmp_path):
    ctx = make_project(tmp_path, page="# Intro\n\nNo exercise here.\n")
    assert messages(ctx) == [f"exercises/{SLUG}/task.md:1: no page in _toc.yml shows this exercise "
                             f"(add ```{{exercise}} exercises/{SLUG}``` to a chapter, or delete the folder)"]


def test_a_directive_that_names_no_folder(tmp_path):
    page = f"# Intro\n\n```{{exercise}} exercises/{SLUG}\n```\n\nText.\n\n:::{{exercise}} exercises/srs-totl\n:::\n"
    found = messages(make_project(tmp_path, page=page))
    assert found == ["book/intro.md:8: {exercise} names exercises/srs-totl, which is not a folder in exercises/ "
                     "(check the spelling; the argument is exercises/<slug>)"]
