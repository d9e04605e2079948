"""The instructor edition's coding key of a transcript (course_site/transcript_key.py)."""
from __future__ import annotations

from pathlib import Path

from course_site.transcript_key import cell, transcript_key
from pyodide_quiz.model.transcript import load_transcript

ROOT = Path(__file__).resolve().parents[2]
ARGUMENT = "quizzes/transcripts/session-nine-homework.yml"


def test_the_key_codes_every_turn_and_gives_every_rationale():
    text = transcript_key(ROOT, ARGUMENT, "Ruptures and repair")
    transcript = load_transcript(ROOT / ARGUMENT)
    assert text.startswith(f"# Coding key: {transcript.title}\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == len(transcript.turns)
    assert rows[1].startswith("| 2 | Carla | ") and rows[1].endswith("| **Confrontation:** complaint about the activities |")
    assert rows[2].endswith("| **Repair:** direct |")
    for marker in transcript.markers:
        assert " ".join(marker.rationale.split()) in text
    assert "- **Turn 32**, withdrawal, minimal response: " in text and "No repair attempted." in text
    assert "## Debrief" in text and "{term}" not in text  # roles become plain words: the edition has no glossary


def test_a_table_cell_escapes_markdown_and_sets_stage_directions_in_italics():
    assert cell("Yes | no *really* [long pause]\n  fine") == r"Yes \| no \*really\* *[long pause]* fine"
