"""`multiple`: any number of right options; a partly right answer is reported as partial."""
from __future__ import annotations

from .common import CHOICE_FIELDS, question_schema

TYPE = "multiple"
SCHEMA = question_schema(CHOICE_FIELDS, ["options"], "Several options may be right; students tick all that apply.")


def problems(question: dict, where) -> list:
    if not any(option["correct"] for option in question["options"]):
        return [where.at("options").problem("a 'multiple' question needs at least one option with correct: true")]
    return []


def grading_spec(question: dict) -> dict:
    return {"options": len(question["options"]),
            "correct": [i for i, o in enumerate(question["options"]) if o["correct"]]}


def sample_answers(question: dict) -> list:
    right = [i for i, o in enumerate(question["options"]) if o["correct"]]
    samples = [(right, "correct"), ([], "invalid")]
    for i, option in enumerate(question["options"]):
        if not option["correct"]:
            samples.append(([i], "incorrect"))
            samples.append((sorted(right + [i]), "partial"))
    if len(right) > 1:
        samples.append((right[:1], "partial"))
    return samples
