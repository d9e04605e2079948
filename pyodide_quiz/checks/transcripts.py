"""Transcript files: the schema and the coding key, and the grader proven on answers whose result is known."""
from __future__ import annotations

from pathlib import Path

from ..graders.transcript import compare
from ..model import ContentError, Problem
from ..model.transcript import load_transcript

TITLE = "transcripts"
KIND = "transcripts"


def grader_problems(transcript) -> list[Problem]:
    """The grader on answers whose result is known: all hits (kappa 1), none and everything (kappa 0), and every
    marker placed on a neighbouring client turn (all matched, kappa 1)."""
    problems = []
    spec = transcript.grading_spec()
    line = transcript.markers[0].line if transcript.markers else 1
    for name, answer, expected in transcript.sample_answers():
        result = compare(spec, answer)
        got = {key: result[key] for key in expected}
        if got != expected:
            problems.append(Problem(transcript.file, line, f"the grader gives {got} for the sample answer '{name}', "
                                    f"not {expected}", "check the key's turns: two markers on neighbouring client "
                                    "turns can take each other's matches"))
    return problems


def check_file(project, path: Path) -> list[Problem]:
    try:
        transcript = load_transcript(path, project.rel(path))
    except ContentError as error:
        return error.problems
    return grader_problems(transcript)


def run(project) -> list[Problem]:
    files = project.paths(KIND)
    if files:
        project.notes.append(f"{len(files)} transcript(s)")
    return [problem for path in files for problem in check_file(project, path)]
