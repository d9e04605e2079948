"""The engine's vignette check: file problems with file:line:node, unused files, and uses of missing files."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from checks import pages  # noqa: E402
from checks.context import Context  # noqa: E402

from pyodide_quiz.checks import vignettes  # noqa: E402
from tests.unit.test_vignette_model import BASE, line_of  # noqa: E402


def make_project(tmp_path: Path, page: str, files: dict[str, str]) -> Context:
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text(page, encoding="utf-8")
    folder = tmp_path / "quizzes" / "vignettes"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Context(root=tmp_path, html=tmp_path / "_build" / "html", engine_root=ROOT)


def run(ctx: Context) -> list:
    """The engine's vignette check, then the book's check that pages show each file."""
    return vignettes.run(ctx.project) + pages.run(ctx)


def test_a_used_valid_vignette_has_no_problems(tmp_path):
    ctx = make_project(tmp_path, "# Intro\n\n```{vignette} quizzes/vignettes/story.yml\n```\n", {"story.yml": BASE})
    assert run(ctx) == []


def test_problems_in_a_file_name_the_file_line_and_node(tmp_path):
    broken = BASE.replace("next: good-ending", "next: nowhere")
    ctx = make_project(tmp_path, "# Intro\n\n```{vignette} quizzes/vignettes/story.yml\n```\n", {"story.yml": broken})
    problems = [str(p) for p in run(ctx)]
    line = line_of(broken, "next: nowhere")
    assert any(p.startswith(f"quizzes/vignettes/story.yml:{line}: node 'middle': choice 1 leads to 'nowhere'")
               for p in problems), problems


def test_a_vignette_no_page_shows(tmp_path):
    ctx = make_project(tmp_path, "# Intro\n\n```{vignette} quizzes/vignettes/story.yml\n```\n",
                       {"story.yml": BASE, "spare.yml": BASE})
    problems = run(ctx)
    assert [str(p) for p in problems] == [
        "quizzes/vignettes/spare.yml:1: this vignette is not shown on any page in _toc.yml "
        "(add a {vignette} directive to a chapter, or delete the file)"]


def test_a_use_of_a_file_that_does_not_exist(tmp_path):
    page = ("# Intro\n\nText.\n\n:::{vignette} quizzes/vignettes/stroy.yml\n:::\n\n"
            "```{vignette} quizzes/vignettes/story.yml\n```\n")
    ctx = make_project(tmp_path, page, {"story.yml": BASE})
    problems = run(ctx)
    assert len(problems) == 1
    assert problems[0].file == "book/intro.md" and problems[0].line == 5
    assert "vignette file 'quizzes/vignettes/stroy.yml' does not exist" in problems[0].message
    assert "did you mean 'quizzes/vignettes/story.yml'" in problems[0].hint
