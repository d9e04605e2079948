"""Transcript files: schema and key (quizzes/transcripts/*.yml), the grader proven on sample answers, each file
shown by a page, each use found."""
from __future__ import annotations

from pathlib import Path

from pyodide_quiz.graders.transcript import compare
from pyodide_quiz.model import ContentError, Problem
from pyodide_quiz.model.transcript import load_transcript
from pyodide_quiz.model.validate import did_you_mean

TITLE = "transcripts"
STAGE = "content"


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


def check_transcript_file(ctx, path: Path) -> list[Problem]:
    try:
        transcript = load_transcript(path, ctx.rel(path))
    except ContentError as error:
        return error.problems
    return grader_problems(transcript)


def run(ctx) -> list[Problem]:
    folder = ctx.root / "quizzes" / "transcripts"
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    problems: list[Problem] = []
    for path in files:
        problems += check_transcript_file(ctx, path)
    used = set()
    for use in ctx.uses("transcript"):
        target = (ctx.root / use.argument).resolve()
        used.add(target)
        if not use.argument:
            problems.append(Problem(ctx.rel(use.page), use.line, "a {transcript} directive needs the file to show",
                                    "e.g. ```{transcript} quizzes/transcripts/session-four.yml"))
        elif not target.is_file():
            hint = did_you_mean(use.argument, [ctx.rel(f) for f in files]) or \
                "paths are relative to the repository root, e.g. quizzes/transcripts/x.yml"
            problems.append(Problem(ctx.rel(use.page), use.line, f"transcript file {use.argument!r} does not exist",
                                    hint))
    for path in files:
        if path.resolve() not in used:
            problems.append(Problem(ctx.rel(path), 1, "this transcript is not shown on any page in _toc.yml",
                                    "add a {transcript} directive to a chapter, or delete the file"))
    if files:
        ctx.notes.append(f"{len(files)} transcript(s)")
    return problems
