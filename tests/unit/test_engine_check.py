"""`python -m pyodide_quiz check`: the engine's author checks on any project, with its folders from the
`[tool.pyodide_quiz]` table of its pyproject.toml or the files and folders named on the command line; problems as
`path:line: message`, a summary, and exit status 1 on any problem."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pyodide_quiz.__main__ import main
from tests.unit.test_vignette_model import BASE as VIGNETTE
from tests.unit.test_vignette_model import line_of

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "books" / "tiny" / "quizzes" / "sample.yml"
TABLE = '[tool.pyodide_quiz]\nquizzes = "banks"\nexercises = "work"\ntimeout = 2\n'


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project that keeps its quizzes in banks/ and its exercises in work/; the current folder."""
    (tmp_path / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    (tmp_path / "banks").mkdir()
    shutil.copy(SAMPLE, tmp_path / "banks" / "sample.yml")
    shutil.copytree(ROOT / "exercises" / "srs-total", tmp_path / "work" / "srs-total",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["check", *args])
    return status, capsys.readouterr().out.splitlines()


def problems(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.startswith("  ") and not line.startswith("    ")]


def test_a_project_is_checked_in_the_folders_its_pyproject_names(project):
    """As a subprocess from the project's folder: the command an author types."""
    done = subprocess.run([sys.executable, "-m", "pyodide_quiz", "check"], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(" ...")[0] for line in done.stdout.splitlines() if line.startswith("[")] == [
        "[1/4] quizzes", "[2/4] vignettes", "[3/4] transcripts", "[4/4] exercises"]
    assert "in 1 bank(s)" in done.stdout and done.stdout.rstrip().splitlines()[-1].startswith(
        "check: passed, 4/4 checks ok")


def test_a_wrong_solution_and_a_wrong_exercise_fail_with_their_lines(project, capsys):
    sample = project / "banks" / "sample.yml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("          return sum(ratings)\n", "          return sum(ratings) + 1\n"),
                      encoding="utf-8")
    shutil.copy(project / "work" / "srs-total" / "solution.py", project / "work" / "srs-total" / "starter.py")
    status, lines = check(capsys)
    assert status == 1
    assert problems(lines) == [
        f"banks/sample.yml:{line_of(text, '- id: srs-total')}: question 'srs-total': the solution does not pass the "
        "tests (test_sum: 9 + 9 + 8 + 10 should be 36)",
        "work/srs-total/starter.py:1: the starter already passes every test "
        "(a starter must leave something for the student to do)"]
    assert lines[-1].startswith("check: FAILED, 2 problem(s); 2/4 checks failed")


def test_paths_name_what_to_check_and_a_vignette_is_known_by_its_keys(project, capsys):
    """A vignette outside the vignettes folder is still checked as one; the project's own folders are not."""
    (project / "drafts").mkdir()
    broken = VIGNETTE.replace("next: good-ending", "next: nowhere")
    (project / "drafts" / "story.yml").write_text(broken, encoding="utf-8")
    status, lines = check(capsys, "drafts")
    assert status == 1
    found = problems(lines)
    assert found and all(p.startswith("drafts/story.yml:") for p in found), found
    assert any(p.startswith(f"drafts/story.yml:{line_of(broken, 'next: nowhere')}: node 'middle': choice 1 leads "
                            "to 'nowhere'") for p in found), found
    assert "    ok (0.0 s; 0 documented item-writing exception(s) in 0 bank(s))" in lines  # banks/ was not read

    status, lines = check(capsys, "banks/sample.yml", "work/srs-total")
    assert status == 0 and "in 1 bank(s)" in "\n".join(lines)


def test_a_wrong_setting_or_path_is_named_before_anything_runs(project, capsys):
    (project / "pyproject.toml").write_text(TABLE + 'vignette = "stories"\n', encoding="utf-8")
    status, lines = check(capsys)
    assert status == 1
    assert lines[0].strip().startswith("pyproject.toml:5: [tool.pyodide_quiz] has an unknown key "
                                       "'vignette' (the keys are quizzes, vignettes, transcripts, exercises, timeout)")
    (project / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    status, lines = check(capsys, "banks/sampel.yml", "pyproject.toml")
    assert status == 1 and problems(lines) == [
        "banks/sampel.yml:1: there is no such file or folder (name a quiz, vignette or transcript file (.yml), an "
        "exercise folder, or a folder that holds them)",
        "pyproject.toml:1: not a content file or folder (name a quiz, vignette or transcript file (.yml), an "
        "exercise folder, or a folder that holds them)"]
    assert lines[-1] == "check: FAILED, 2 problem(s) before any check ran"


def test_the_engine_names_no_course():
    """The course's bibliography, folders and name are its configuration (pyproject.toml, _config.yml), never
    text in the engine that any book can install."""
    course_words = ("references.bib", "book/", "working-alliance", "Working Alliance")
    found = [f"{path.relative_to(ROOT)}: {word}" for path in sorted((ROOT / "pyodide_quiz").rglob("*"))
             if path.suffix in (".py", ".js", ".css") and "__pycache__" not in path.parts
             for word in course_words if word in path.read_text(encoding="utf-8")]
    assert found == []
