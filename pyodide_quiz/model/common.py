"""What every question has, whatever its type."""
from __future__ import annotations

import hashlib
import re

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Revised Bloom, the levels a quiz item may ask for; the last two count as "application" items.
LEVELS = ("remember", "understand", "apply", "analyse")
APPLICATION_LEVELS = ("apply", "analyse")

# The item-writing rules (pyodide_quiz/checks/item_writing.py), by the name an `allow:` list uses.
ITEM_RULES = ("right-longest", "right-longest-bank", "above-option", "option-inside-option", "cue-words",
              "answer-in-prompt", "near-duplicate", "level", "level-mix")

MARKDOWN = {"type": "string", "minLength": 1, "description": "MyST Markdown"}


def slug_in_words(slug: str) -> str:
    """srs-total -> "Srs total": the title of last resort for an exercise, a vignette's scene, a new file."""
    words = slug.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
def closed_object(required: list[str], properties: dict, description: str) -> dict:
    """The schema of a mapping with exactly these keys (those in `required` must be there)."""
    return {"type": "object", "additionalProperties": False, "required": required, "description": description,
            "properties": properties}


# What a vignette and a transcript both open with: a title, a summary, a content note and the (invented) client.
STORY_REQUIRED = ["title", "summary", "content_note", "client"]
STORY_PROPERTIES = {
    "title": {"type": "string", "minLength": 1},
    "summary": MARKDOWN,
    "content_note": MARKDOWN,
    "client": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "description", "note"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "description": MARKDOWN,
            "note": {**MARKDOWN, "description": "say that the client is invented"},
        },
    },
}
CITE = {
    "type": "array",
    "items": {"type": "string", "minLength": 1},
    "description": "BibTeX keys from the book's bibliography (bibtex_bibfiles)",
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
# The fields of a choice question (single, multiple): its options, and whether they are shown shuffled.
CHOICE_FIELDS = {"options": {"type": "array", "minItems": 2, "items": CHOICE_OPTION}, "shuffle": SHUFFLE}


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


# Text as a student reads it: what the item-writing rules and the practice check compare.
_ROLE = re.compile(r"\{(cite:[pt]|cite)\}`[^`]*`")  # a citation is not part of what a student weighs
_NAMED_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`")  # {term}`shown <target>` -> shown
_MARKUP = re.compile(r"[*_`#>\[\]()]")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def plain(text: str) -> str:
    """What a student reads: roles resolved to their shown text, citations and markup dropped, spaces folded."""
    text = _ROLE.sub("", text)
    text = _NAMED_ROLE.sub(r"\1", text)
    return " ".join(_MARKUP.sub(" ", text).split())


def words(text: str) -> list[str]:
    return _WORD.findall(plain(text).lower())


def word_trigrams(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)}
