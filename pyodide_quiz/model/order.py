"""`order`: items shown shuffled (deterministically) that the student puts in the right order."""
from __future__ import annotations

from .common import MARKDOWN, display_order, question_schema

TYPE = "order"
SCHEMA = question_schema(
    {"items": {"type": "array", "minItems": 3, "items": MARKDOWN, "description": "in the RIGHT order"}},
    ["items"],
    "Items to put in order; write them in the right order, students see them shuffled.",
)


def problems(question: dict, where) -> list:
    items = question["items"]
    if len(set(items)) != len(items):
        return [where.at("items").problem("two items have the same text, so the order would be ambiguous")]
    return []


def shuffled(question: dict) -> list[int]:
    """A permutation of the item indices derived from the question id: stable across builds, never sorted."""
    count = len(question["items"])
    keyed = display_order(question["id"], count)
    if keyed == list(range(count)):
        keyed = keyed[1:] + keyed[:1]
    return keyed


def grading_spec(question: dict) -> dict:
    return {"count": len(question["items"])}


def sample_answers(question: dict) -> list:
    count = len(question["items"])
    right = list(range(count))
    swapped = [1, 0] + right[2:]
    return [(right, "correct"), (shuffled(question), "incorrect"), (swapped, "incorrect"), (right[::-1], "incorrect")]
