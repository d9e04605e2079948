"""The schema of quiz and vignette files: loading with line numbers, validation, author-facing errors."""
from .quiz import QUESTION_TYPES, Question, Quiz, load_quiz, quiz_schema
from .source import ContentError, Problem

__all__ = ["QUESTION_TYPES", "ContentError", "Problem", "Question", "Quiz", "load_quiz", "quiz_schema"]
