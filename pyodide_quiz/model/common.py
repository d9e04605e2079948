"""What every question has, whatever its type."""
from __future__ import annotations

import hashlib

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Revised Bloom, the levels a quiz item may ask for; the last two count as "application" items.
LEVELS = ("remember", "understand", "apply", "analyse")
APPLICATION_LEVELS = ("apply", "analyse")

# The item-writing rules (pyodide_quiz/checks/item_writing.py), by the name an `allow:` list uses.
ITEM_RULES = ("right-longest", "right-longest-bank", "above-option", "option-inside-option", "cue-words",
              "answer-in-prompt", "near-duplicate", "level", "level-mix")

MARKDOWN = {"type": "string", "minLength": 1, "description": "MyST Markdown"}
CITE = {
    "type": "array",
    "items": {"type": "string", "minLength": 1},
    "description": "BibTeX keys from book/references.bib",
}

COMMON_PROPERTIES = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "lowercase letters, digits and '-', unique in the file; keep it stable"},
    "type": {"type": "string"},
    "prompt": MARKDOWN,
    "hints": {"type": "array", "items": MARKDOWN, "description": "shown one at a time"},
    "explanation": MARKDOWN,
    "cite": CITE,
    "objective": {"type": "string", "pattern": ID_PATTERN,
                  "description": "the id of a learning objective of the chapter"},
    "level": {"enum": list(LEVELS),
              "description": "what the question asks of a student (revised Bloom): remember, understand, apply or analyse"},
    "allow": {"type": "array", "uniqueItems": True, "minItems": 1,
              "items": {"enum": list(ITEM_RULES)},
              "description": "item-writing rules this question breaks on purpose; say why in 'reason'"},
    "reason": {"type": "string", "minLength": 1, "description": "why the rules in 'allow' do not apply here"},
}
COMMON_REQUIRED = ["id", "type", "prompt", "explanation"]

SHUFFLE = {"type": "boolean", "default": True,
           "description": "false keeps the options in the file's order (for options whose order means something)"}

CHOICE_OPTION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text", "correct", "feedback"],
    "properties": {
        "text": MARKDOWN,
        "correct": {"type": "boolean"},
        "feedback": MARKDOWN,
    },
}


def question_schema(properties: dict, required: list[str], description: str) -> dict:
    """The full schema of one question type: the common keys plus the type's own."""
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": COMMON_REQUIRED + required,
        "properties": {**COMMON_PROPERTIES, **properties},
    }


def display_order(key: str, count: int) -> list[int]:
    """A permutation of range(count) derived from `key` alone: the same in every build, unrelated to the file's
    order (so a right answer written first is not shown first), and the same for the page, print and keys."""
    return sorted(range(count), key=lambda i: hashlib.sha256(f"{key}:{i}".encode()).hexdigest())
