"""The engine's transcript check: file problems with file:line, the grader proven on sample answers, unused
files, and uses of missing files."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from checks import pages  # noqa: E402
from checks.context import Context  # noqa: E402

from pyodide_quiz.checks import transcripts  # noqa: E402
from tests.unit.test_transcript_model import BASE, line_of  # noqa: E402

PAGE = "# Intro\n\n```{transcript} quizzes/transcripts/session.yml\n```\n"


def make_project(tmp_path: Path, page: str, files: dict[str, str]) -> Context:
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text(page, encoding="utf-8")
    folder = tmp_path / "quizzes" / "transcripts"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Context(root=tmp_path, html=tmp_path / "_build" / "html", engine_root=ROOT)


def run(ctx: Context) -> list:
    """The engine's transcript check, then the book's check that pages show each file."""
    return transcripts.run(ctx.project) + pages.run(ctx)


def test_a_used_valid_transcript_has_no_problems(tmp_path):
    ctx = make_project(tmp_path, PAGE, {"session.yml": BASE})
    assert run(ctx) == []
    assert ctx.notes == ["1 transcript(s)"]


def test_problems_in_a_file_name_the_file_and_line(tmp_path):
    broken = BASE.replace("kind: denial", "kind: complaint-progress")
    ctx = make_project(tmp_path, PAGE, {"session.yml": broken})
    problems = [str(p) for p in run(ctx)]
    line = line_of(broken, "kind: complaint-progress")
    assert problems == [f"quizzes/transcripts/session.yml:{line}: turn 8: 'complaint-progress' is a confrontation "
                        "marker, but 'marker' says withdrawal (set marker: confrontation, or choose a withdrawal "
                        "kind: denial, minimal-response, abstract-talk, shifting-topic, deferring, "
                        "content-affect-split, self-criticism)"]


def test_the_grader_is_proven_on_the_sample_answers(tmp_path, monkeypatch):
    ctx = make_project(tmp_path, PAGE, {"session.yml": BASE})

    def broken_compare(spec, answer):  # a grader that never finds anything must be caught
        from pyodide_quiz.graders.transcript import compare
        result = compare(spec, {"markers": [], "repairs": []})
        return result

    monkeypatch.setattr(transcripts, "compare", broken_compare)
    problems = [str(p) for p in run(ctx)]
    assert any("the grader gives" in p and "'all hits'" in p for p in problems), problems
    assert all(p.startswith(f"quizzes/transcripts/session.yml:{line_of(BASE, '  4:')}: ") for p in problems)


def test_a_transcript_no_page_shows(tmp_path):
    ctx = make_project(tmp_path, PAGE, {"session.yml": BASE, "spare.yml": BASE})
    assert [str(p) for p in run(ctx)] == [
        "quizzes/transcripts/spare.yml:1: this transcript is not shown on any page in _toc.yml "
        "(add a {transcript} directive to a chapter, or delete the file)"]


def test_a_use_of_a_file_that_does_not_exist(tmp_path):
    page = PAGE + "\nText.\n\n:::{transcript} quizzes/transcripts/sesion.yml\n:::\n"
    ctx = make_project(tmp_path, page, {"session.yml": BASE})
    problems = run(ctx)
    assert len(problems) == 1
    assert problems[0].file == "book/intro.md" and problems[0].line == 8
    assert "transcript file 'quizzes/transcripts/sesion.yml' does not exist" in problems[0].message
    assert "did you mean 'quizzes/transcripts/session.yml'" in problems[0].hint
