"""What every question has, whatever its type."""
from __future__ import annotations

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

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
}
COMMON_REQUIRED = ["id", "type", "prompt", "explanation"]

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
