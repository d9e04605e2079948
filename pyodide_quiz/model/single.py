"""`single`: exactly one option is right."""
from __future__ import annotations

from .common import CHOICE_FIELDS, question_schema

TYPE = "single"
SCHEMA = question_schema(CHOICE_FIELDS, ["options"], "One right option among several; every option explains itself in its feedback.")


def problems(question: dict, where) -> list:
    found = []
    right = [i for i, option in enumerate(question["options"]) if option["correct"]]
    if len(right) != 1:
        found.append(where.at("options").problem(
            f"a 'single' question needs exactly one option with correct: true, it has {len(right)}",
            "use type: multiple for several right options" if len(right) > 1 else "mark the right option",
        ))
    return found


def grading_spec(question: dict) -> dict:
    return {"options": len(question["options"]),
            "correct": next((i for i, o in enumerate(question["options"]) if o["correct"]), -1)}


def sample_answers(question: dict) -> list:
    """Every answer a student can give, with the verdict the answer key implies."""
    return [(i, "correct" if option["correct"] else "incorrect") for i, option in enumerate(question["options"])]
