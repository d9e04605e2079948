"""A quiz file: its title and questions, validated, each question knowing its line and its type module."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

from ..types import MODELS
from .common import ID_PATTERN, display_order
from .source import ContentError, Located, Problem, load_yaml
from .validate import did_you_mean, schema_problems
from .where import Where

# Every registered question type's model module (SCHEMA, problems, grading_spec, sample_answers), by name.
QUESTION_TYPES = MODELS

FILE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "questions"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "allow": {"type": "array", "uniqueItems": True, "minItems": 1, "items": {"enum": ["level-mix", "right-longest-bank", "cue-words"]},
                  "description": "bank-wide item-writing rules this file breaks on purpose; say why in 'reason'"},
        "reason": {"type": "string", "minLength": 1},
        "confidence": {"type": "boolean",
                       "description": "ask 'How sure are you?' before Check (default: the site's pyodide_quiz_confidence)"},
        "questions": {"type": "array", "minItems": 1, "items": {"type": "object"}},
    },
}


@dataclass
class Question:
    data: dict
    kind: ModuleType
    line: int
    quiz: str = ""  # the quiz's name: with the id, the key of the options' display order
    path: tuple = ()  # where the question is in its file (for the lines of its parts)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def hash(self) -> str:
        """Changes whenever the question changes, so a saved answer to an edited question is not restored."""
        canonical = json.dumps(self.data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def grading_spec(self) -> dict:
        return self.kind.grading_spec(self.data)

    def option_order(self) -> list[int]:
        """The order students see a choice question's options in (indices into `options`): derived from the
        quiz and question ids unless the question says `shuffle: false`. Answers are stored and graded by
        index in the file, so the shown order never changes what an answer means."""
        count = len(self.data.get("options", ()))
        if self.data.get("shuffle") is False:
            return list(range(count))
        return display_order(f"{self.quiz}/{self.id}", count)

    def sample_answers(self) -> list:
        return self.kind.sample_answers(self.data)


@dataclass
class Quiz:
    name: str  # the file name without .yml: the quiz's stable key
    file: str
    title: str
    questions: list[Question] = field(default_factory=list)
    located: Located | None = None  # the parsed file with every value's line, for checks that name a line
    confidence: bool | None = None  # ask "How sure are you?"; None: as the site says

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def quiz_schema() -> dict:
    """The JSON Schema of a quiz file, as published in quizzes/schema.json for editors."""
    variants = []
    for name, module in QUESTION_TYPES.items():
        schema = dict(module.SCHEMA)
        schema["properties"] = {**schema["properties"], "type": {"const": name}}
        variants.append({"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": schema})
    question = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"type": {"enum": list(QUESTION_TYPES)}, "id": {"type": "string", "pattern": ID_PATTERN}},
        "allOf": variants,
    }
    schema = json.loads(json.dumps(FILE_SCHEMA))
    schema["properties"]["questions"]["items"] = question
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Quiz file (pyodide_quiz)", **schema}


def _question_problems(located: Located, index: int) -> tuple[Question | None, list[Problem]]:
    path = ("questions", index)
    data = located.data["questions"][index]
    subject = f"question '{data.get('id')}'" if isinstance(data.get("id"), str) else f"question {index + 1}"
    where = Where(located, path, subject)
    kind_name = data.get("type")
    if kind_name not in QUESTION_TYPES:
        if kind_name is None:
            return None, [where.problem("missing required key 'type'", f"one of: {', '.join(QUESTION_TYPES)}")]
        hint = did_you_mean(kind_name, QUESTION_TYPES) or f"one of: {', '.join(QUESTION_TYPES)}"
        return None, [where.at("type").problem(f"unknown question type {kind_name!r}", hint)]
    kind = QUESTION_TYPES[kind_name]
    problems = schema_problems(located, kind.SCHEMA, path, subject)
    if problems:
        return None, problems
    return Question(data, kind, located.line(path), path=path), kind.problems(data, where)


def _subject_at(located: Located, path: tuple) -> str:
    """"question 'id'" when `path` points inside a question, else ""."""
    if len(path) < 2 or path[0] != "questions" or not isinstance(located.data, dict):
        return ""
    questions = located.data.get("questions")
    if not isinstance(questions, list) or not isinstance(path[1], int) or path[1] >= len(questions):
        return ""
    data = questions[path[1]]
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return f"question '{data['id']}'"
    return f"question {path[1] + 1}"


_ITEM = re.compile(r"^ {0,4}- ")
_ID = re.compile(r"^\s*(?:- +)?id:\s*['\"]?([\w-]+)")


def _question_around(text: str, line: int) -> str:
    """For a YAML syntax error, which cannot be parsed: "question 'id'" of the list item holding `line`, if any.

    Questions are the items of the top-level `questions:` list (indented at most 4 spaces); the id is read
    from the item's own lines, so an error in the title or in another item is never blamed on a question.
    """
    lines = text.splitlines()
    start = next((i for i in range(min(line, len(lines)) - 1, -1, -1) if _ITEM.match(lines[i])), None)
    if start is None:
        return ""
    for number in range(start, len(lines)):
        if number > start and _ITEM.match(lines[number]):
            break
        match = _ID.match(lines[number])
        if match:
            return f"question '{match.group(1)}'"
    return ""


def load_quiz(path: Path | str, display_name: str | None = None) -> Quiz:
    """Load and validate a quiz file. Raises ContentError with every problem found."""
    path = Path(path)
    try:
        located = load_yaml(path, display_name)
    except ContentError as error:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        raise ContentError([replace(p, subject=p.subject or _question_around(text, p.line))
                            for p in error.problems]) from None
    problems = [Problem(located.file, line, f"the key '{p[-1]}' appears twice", "remove one of them",
                        _subject_at(located, p))
                for p, line in located.duplicate_keys]
    if not isinstance(located.data, dict):
        raise ContentError([Problem(located.file, 1, "a quiz file must be a mapping with 'title' and 'questions'")])
    problems += schema_problems(located, FILE_SCHEMA)
    confidence = located.data.get("confidence")
    quiz = Quiz(path.stem, located.file, str(located.data.get("title", "")), located=located,
                confidence=confidence if isinstance(confidence, bool) else None)
    seen: dict[str, int] = {}
    for index, data in enumerate(located.data.get("questions") or []):
        if not isinstance(data, dict):
            continue  # already reported by the file schema
        question, found = _question_problems(located, index)
        problems += found
        if question is None:
            continue
        question.quiz = quiz.name
        if question.id in seen:
            problems.append(Problem(located.file, question.line, f"duplicate id '{question.id}'",
                                    f"ids must be unique in the file; first used on line {seen[question.id]}",
                                    f"question '{question.id}'"))
        seen.setdefault(question.id, question.line)
        quiz.questions.append(question)
    if problems:
        raise ContentError(problems)
    return quiz
