"""`text`: a short typed answer, compared after normalisation (see graders/text.py)."""
from __future__ import annotations

import re

from ..graders.text import grade, normalise
from .common import MARKDOWN, question_schema

TYPE = "text"
SCHEMA = question_schema(
    {
        "accept": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "patterns": {"type": "array", "items": {"type": "string", "minLength": 1},
                     "description": "regular expressions matched against the whole normalised answer"},
        "feedback": {
            "type": "array",
            "description": "feedback for common wrong answers",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["answer", "feedback"],
                "properties": {"answer": {"type": "string", "minLength": 1}, "feedback": MARKDOWN},
            },
        },
    },
    ["accept"],
    "A short typed answer, compared after normalisation.",
)

# Constructs that Python and JavaScript regular expressions read differently, or one of them lacks.
_NOT_PORTABLE = [r"(?P", r"\A", r"\Z", r"(?#", r"(?i", r"(?m", r"(?s", r"(?x", r"(?a", r"\p{", r"(?<"]


def problems(question: dict, where) -> list:
    found = []
    for index, pattern in enumerate(question.get("patterns", [])):
        here = where.at("patterns", index)
        try:
            re.compile(pattern)
        except re.error as error:
            found.append(here.problem(f"pattern {pattern!r} is not a valid regular expression: {error}"))
            continue
        bad = next((c for c in _NOT_PORTABLE if c in pattern), None)
        if bad:
            found.append(here.problem(f"pattern {pattern!r} uses {bad!r}, which JavaScript reads differently",
                                      "answers are already lower-cased; use plain groups and alternatives"))
    if found:
        return found
    spec = grading_spec(question)
    for index, accepted in enumerate(question["accept"]):
        if not normalise(accepted):
            found.append(where.at("accept", index).problem(f"accepted answer {accepted!r} is empty after normalisation"))
    for index, entry in enumerate(question.get("feedback", [])):
        if grade(spec, entry["answer"])["verdict"] == "correct":
            found.append(where.at("feedback", index).problem(
                f"the wrong answer {entry['answer']!r} would be graded correct",
                "remove it from the feedback list or narrow accept/patterns",
            ))
    return found


def grading_spec(question: dict) -> dict:
    return {
        "accept": sorted({normalise(a) for a in question["accept"]}),
        "patterns": list(question.get("patterns", [])),
        "feedback": [normalise(entry["answer"]) for entry in question.get("feedback", [])],
    }


def sample_answers(question: dict) -> list:
    samples = []
    for accepted in question["accept"]:
        samples.append((accepted, "correct"))
        samples.append((f"  {accepted.upper()}. ", "correct"))
    for entry in question.get("feedback", []):
        samples.append((entry["answer"], "incorrect"))
    samples.append(("zzz not an answer", "incorrect"))
    # A slip of the first accepted answer (its middle letter doubled), for the parity test's "check the
    # spelling"; its verdict is the grader's own, since a pattern or another accepted answer may take it.
    accepted = normalise(question["accept"][0])
    middle = len(accepted) // 2
    slip = accepted[:middle] + accepted[middle] + accepted[middle:]
    samples.append((slip, grade(grading_spec(question), slip)["verdict"]))
    return samples
