"""Quiz files: the schema, every answer key proven by the graders, python solutions pass and starters fail
(each within the time limit), and the item-writing rules over all the banks together."""
from __future__ import annotations

from pathlib import Path

from ..graders import grade
from ..model import ContentError, Problem, load_quiz
from . import item_writing

TITLE = "quizzes"
KIND = "quizzes"


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
        # A type whose answers are programs proves its key by running them (slow: here, never in the loader).
        prove = getattr(question.kind, "prove_key", None)
        problems += prove(question, display, project.timeout) if prove else _key_problems(question, display)
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
