"""Vignette files: schema and story graph (quizzes/vignettes/*.yml), each file shown by a page, each use found."""
from __future__ import annotations

from pathlib import Path

from pyodide_quiz.model import ContentError, Problem
from pyodide_quiz.model.validate import did_you_mean
from pyodide_quiz.model.vignette import load_vignette

TITLE = "vignettes"
STAGE = "content"


def check_vignette_file(ctx, path: Path) -> list[Problem]:
    try:
        load_vignette(path, ctx.rel(path))
    except ContentError as error:
        return error.problems
    return []


def run(ctx) -> list[Problem]:
    folder = ctx.root / "quizzes" / "vignettes"
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    problems: list[Problem] = []
    for path in files:
        problems += check_vignette_file(ctx, path)
    used = set()
    for use in ctx.uses("vignette"):
        target = (ctx.root / use.argument).resolve()
        used.add(target)
        if not use.argument:
            problems.append(Problem(ctx.rel(use.page), use.line, "a {vignette} directive needs the file to show",
                                    "e.g. ```{vignette} quizzes/vignettes/first-session.yml"))
        elif not target.is_file():
            hint = did_you_mean(use.argument, [ctx.rel(f) for f in files])
            problems.append(Problem(ctx.rel(use.page), use.line, f"vignette file {use.argument!r} does not exist",
                                    hint or "paths are relative to the repository root, e.g. quizzes/vignettes/x.yml"))
    for path in files:
        if path.resolve() not in used:
            problems.append(Problem(ctx.rel(path), 1, "this vignette is not shown on any page in _toc.yml",
                                    "add a {vignette} directive to a chapter, or delete the file"))
    return problems
