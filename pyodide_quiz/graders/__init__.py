"""Graders: pure standard-library functions `grade(spec, answer) -> {"verdict": ..., ...}`.

These files run unchanged in CPython (the build's checks) and in Pyodide (the browser's worker), so they
import nothing but the standard library and each other. Verdicts: correct, incorrect, partial, invalid
(invalid = the answer could not be read, e.g. no number typed; it is not an attempt).
"""
from . import multiple, numeric, order, python, single, text

GRADERS = {
    "single": single.grade,
    "multiple": multiple.grade,
    "numeric": numeric.grade,
    "text": text.grade,
    "order": order.grade,
    "python": python.grade,
}


def grade(question_type: str, spec: dict, answer) -> dict:
    return GRADERS[question_type](spec, answer)
