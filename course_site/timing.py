"""How long a chapter takes, from what it holds: the one rule behind every time the site shows.

The chapter header, the home page, the course map and the instructors' pages all call `estimate()` on the same
counts (collected by course_site/chapters.py while the build reads each chapter), so they always agree.

The rates are this course's working assumptions for a second-year student, not measurements; the welcome page
and the instructors' page state them (`rates_text()`).
"""
from __future__ import annotations

from dataclasses import dataclass

WORDS_PER_MINUTE = 200       # careful reading of a textbook, not skimming
MINUTES_PER_QUESTION = 1     # choose or type an answer and read its feedback
MINUTES_PER_PYTHON_QUESTION = 5  # a quiz question answered by writing a few lines of Python
MINUTES_PER_EXERCISE = 12    # read the task, write and run the code, pass the tests
MINUTES_PER_VIGNETTE = 10    # one play-through and its debrief
MINUTES_PER_TRANSCRIPT = 10  # read a session transcript, code it, compare with the coders' key


@dataclass(frozen=True)
class Counts:
    """What the build counted in one chapter."""

    words: int = 0              # prose outside quizzes, exercises, vignettes, code and headings
    questions: int = 0          # quiz questions shown on the page, Python questions included
    python_questions: int = 0
    exercises: int = 0
    vignettes: int = 0
    transcripts: int = 0


@dataclass(frozen=True)
class Estimate:
    reading: int      # minutes
    quiz: int         # minutes (0: no quiz)
    exercises: int    # how many
    exercise_minutes: int
    vignettes: int    # how many
    vignette_minutes: int
    transcripts: int = 0  # how many
    transcript_minutes: int = 0

    @property
    def total(self) -> int:
        return self.reading + self.quiz + self.exercise_minutes + self.vignette_minutes + self.transcript_minutes


def estimate(counts: Counts) -> Estimate:
    """Minutes per activity. Reading is rounded to the nearest minute and is at least 1."""
    plain = counts.questions - counts.python_questions
    return Estimate(
        reading=max(1, round(counts.words / WORDS_PER_MINUTE)),
        quiz=plain * MINUTES_PER_QUESTION + counts.python_questions * MINUTES_PER_PYTHON_QUESTION,
        exercises=counts.exercises,
        exercise_minutes=counts.exercises * MINUTES_PER_EXERCISE,
        vignettes=counts.vignettes,
        vignette_minutes=counts.vignettes * MINUTES_PER_VIGNETTE,
        transcripts=counts.transcripts,
        transcript_minutes=counts.transcripts * MINUTES_PER_TRANSCRIPT,
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def describe(estimate: Estimate) -> str:
    """"reading ~12 min · quiz ~10 min · 5 exercises ~60 min · 1 vignette ~10 min" (parts with nothing left out)."""
    parts = [f"reading ~{estimate.reading} min"]
    if estimate.quiz:
        parts.append(f"quiz ~{estimate.quiz} min")
    if estimate.exercises:
        parts.append(f"{_count(estimate.exercises, 'exercise')} ~{estimate.exercise_minutes} min")
    if estimate.vignettes:
        parts.append(f"{_count(estimate.vignettes, 'vignette')} ~{estimate.vignette_minutes} min")
    if estimate.transcripts:
        parts.append(f"{_count(estimate.transcripts, 'transcript')} ~{estimate.transcript_minutes} min")
    return " · ".join(parts)


def duration(minutes: int) -> str:
    """"45 min", "1 h", "1 h 25 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def rates_text() -> str:
    """The rates in words, for the pages that explain the times."""
    return (f"reading at {WORDS_PER_MINUTE} words a minute; {MINUTES_PER_QUESTION} minute per quiz question "
            f"({MINUTES_PER_PYTHON_QUESTION} for a question answered in Python); {MINUTES_PER_EXERCISE} minutes per "
            f"Python exercise; {MINUTES_PER_VIGNETTE} minutes per case vignette (one play-through and its debrief); "
            f"{MINUTES_PER_TRANSCRIPT} minutes per session transcript to code")
