"""`python`: the student writes code; plain test functions decide. Run in Pyodide in the browser."""
from __future__ import annotations

from ..checks.runner import failures, run_grader
from .common import question_schema
from .source import Problem

TYPE = "python"
DEFAULT_TIMEOUT = 5
SCHEMA = question_schema(
    {
        "starter": {"type": "string", "description": "the code the student starts from"},
        "solution": {"type": "string", "minLength": 1},
        "tests": {"type": "string", "minLength": 1, "description": "plain def test_...(): functions with assert"},
        "timeout": {"type": "number", "minimum": 0.1, "description": "seconds per run (default 5)"},
    },
    ["starter", "solution", "tests"],
    "Code checked by test functions, run in the browser with Pyodide.",
)


def problems(question: dict, where) -> list:
    # Running the solution and the starter is slow, so the checks do it (prove_key), not the loader.
    return []


def grading_spec(question: dict) -> dict:
    return {"tests": question["tests"], "timeout": question.get("timeout", DEFAULT_TIMEOUT)}


def sample_answers(question: dict) -> list:
    return [(question["solution"], "correct"), (question["starter"], "incorrect")]


def prove_key(question, where: str, default_timeout: float) -> list[Problem]:
    """The checks' proof of the key: the solution passes the tests and the starter does not, each in time."""
    data = question.data
    timeout = float(data.get("timeout", default_timeout))
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
