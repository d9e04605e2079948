"""`python`: the student writes code; plain test functions decide. Run in Pyodide in the browser."""
from __future__ import annotations

from .common import question_schema

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
    # Running the solution and the starter is slow, so the checker does it (scripts/check), not the loader.
    return []


def grading_spec(question: dict) -> dict:
    return {"tests": question["tests"], "timeout": question.get("timeout", DEFAULT_TIMEOUT)}


def sample_answers(question: dict) -> list:
    return [(question["solution"], "correct"), (question["starter"], "incorrect")]
