"""Content and pages: every quiz, vignette, transcript and exercise is shown by a page in _toc.yml, and every
{quiz}, {vignette}, {transcript} and {exercise} directive names one that exists. (Whether each file is right is
the engine's check; which pages a Jupyter Book builds is this book's business.)"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyodide_quiz.model.source import Problem
from pyodide_quiz.model.validate import did_you_mean

TITLE = "content shown on pages"
STAGE = "content"


@dataclass(frozen=True)
class Kind:
    directive: str
    setting: str  # the engine's project setting that names the folder (pyodide_quiz/checks/project.py)
    example: str  # a directive argument, for hints
    unused: str  # what a file no page shows is told
    unused_hint: str


KINDS = [
    Kind("quiz", "quizzes", "quizzes/01-x.yml", "this quiz is not used by any page in _toc.yml",
         "add a {quiz} directive to a chapter, or delete the file"),
    Kind("vignette", "vignettes", "quizzes/vignettes/x.yml", "this vignette is not shown on any page in _toc.yml",
         "add a {vignette} directive to a chapter, or delete the file"),
    Kind("transcript", "transcripts", "quizzes/transcripts/x.yml",
         "this transcript is not shown on any page in _toc.yml",
         "add a {transcript} directive to a chapter, or delete the file"),
]


def _file_problems(ctx, kind: Kind) -> list[Problem]:
    files = ctx.project.paths(kind.setting)
    problems, used = [], set()
    for use in ctx.uses(kind.directive):
        target = (ctx.root / use.argument).resolve()
        used.add(target)
        if not use.argument:
            problems.append(Problem(ctx.rel(use.page), use.line, f"a {{{kind.directive}}} directive needs the file "
                                    "to show", f"e.g. ```{{{kind.directive}}} {kind.example}"))
        elif not target.is_file():
            hint = did_you_mean(use.argument, [ctx.rel(f) for f in files])
            problems.append(Problem(ctx.rel(use.page), use.line,
                                    f"{kind.directive} file {use.argument!r} does not exist",
                                    hint or f"paths are relative to the repository root, e.g. {kind.example}"))
    problems += [Problem(ctx.rel(path), 1, kind.unused, kind.unused_hint)
                 for path in files if path.resolve() not in used]
    return problems


def _exercise_problems(ctx) -> list[Problem]:
    folders = ctx.project.paths("exercises")
    home = ctx.project.folder("exercises").resolve()
    problems, used = [], set()
    for use in ctx.uses("exercise"):
        argument = use.argument.strip().rstrip("/")
        target = (ctx.root / argument).resolve()
        used.add(target)
        if not argument:
            problems.append(Problem(ctx.rel(use.page), use.line, "{exercise} needs the exercise folder as its argument",
                                    "write ```{exercise} exercises/<slug>"))
        elif not (target.is_dir() and target.parent == home):
            problems.append(Problem(ctx.rel(use.page), use.line,
                                    f"{{exercise}} names {argument}, which is not a folder in {ctx.rel(home)}/",
                                    f"check the spelling; the argument is {ctx.rel(home)}/<slug>"))
    problems += [Problem(ctx.rel(Path(folder) / "task.md"), 1, "no page in _toc.yml shows this exercise",
                         f"add ```{{exercise}} {ctx.rel(folder)}``` to a chapter, or delete the folder")
                 for folder in folders if Path(folder).resolve() not in used]
    return problems


def run(ctx) -> list[Problem]:
    return [problem for kind in KINDS for problem in _file_problems(ctx, kind)] + _exercise_problems(ctx)
