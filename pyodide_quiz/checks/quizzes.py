"""Quiz files: the schema, every answer key proven by the graders, python solutions pass and starters fail
(each within the time limit), and the item-writing rules over all the banks together."""
from __future__ import annotations

from pathlib import Path

from ..graders import grade
from ..model import ContentError, Problem, load_quiz
from . import item_writing
from .runner import failures, run_grader

TITLE = "quizzes"
KIND = "quizzes"


def _python_problems(project, question, where: str) -> list[Problem]:
    data = question.data
    timeout = float(data.get("timeout", project.timeout))
    subject = f"question '{question.id}'"
    problems = []
    solved = run_grader("tests", data["solution"], data["tests"], timeout)
    if solved["verdict"] == "timeout":
        problems.append(Problem(where, question.line, f"the solution did not finish within {timeout:g} s", "", subject))
    elif solved["verdict"] != "correct":
        problems.append(Problem(where, question.line, f"the solution does not pass the tests ({failures(solved)})",
                                "", subject))
    started = run_grader("tests", data["starter"], data["tests"], timeout)
    if started["verdict"] == "correct":
        problems.append(Problem(where, question.line, "the starter already passes every test",
                                "a starter must leave something for the student to do", subject))
    return problems


def _key_problems(question, where: str) -> list[Problem]:
    """The grader, given each sample answer the key implies, must return the verdict the key implies."""
    spec = question.grading_spec()
    return [Problem(where, question.line,
                    f"the grader says {verdict!r} for the answer {answer!r}, the key implies {expected!r}",
                    "check the options' correct flags, accept list and tolerance", f"question '{question.id}'")
            for answer, expected in question.sample_answers()
            if (verdict := grade(question.type, spec, answer)["verdict"]) != expected]


def check_file(project, path: Path, loaded: list | None = None) -> list[Problem]:
    """Schema, answer keys and python questions of one file; the loaded quiz is appended to `loaded`."""
    display = project.rel(path)
    try:
        quiz = load_quiz(path, display)
    except ContentError as error:
        return error.problems
    if loaded is not None:
        loaded.append(quiz)
    problems: list[Problem] = []
    for question in quiz.questions:
        if question.type == "python":
            problems += _python_problems(project, question, display)
        else:
            problems += _key_problems(question, display)
    return problems


def run(project) -> list[Problem]:
    """Every quiz file of the project; the item-writing rules see all of them at once."""
    problems: list[Problem] = []
    quizzes: list = []
    for path in project.paths(KIND):
        problems += check_file(project, path, quizzes)
    problems += item_writing.check(quizzes)
    allowed = item_writing.exceptions(quizzes)
    project.notes.append(f"{allowed} documented item-writing exception(s) in {len(quizzes)} bank(s)")
    return problems
