"""Graders: pure standard-library functions `grade(spec, answer) -> {"verdict": ..., ...}`.

These files run unchanged in CPython (the build's checks) and in Pyodide (the browser's worker, which loads
this folder as the package `graders`), so they import nothing but the standard library and each other. Which
type has which grader is the question-type registry's business (pyodide_quiz/types.py). Verdicts: correct,
incorrect, partial, invalid (invalid = the answer could not be read, e.g. no number typed; it is not an attempt).
"""
from importlib import import_module


def grade(question_type: str, spec: dict, answer) -> dict:
    """Grade with the registered type's grader (in CPython: the registry is not shipped to the browser)."""
    return import_module("pyodide_quiz.types").GRADERS[question_type](spec, answer)
