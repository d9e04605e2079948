"""Learning objectives: each chapter's objectives are assessed by its quiz, quizzes name only real ones, and each
objective names the section that teaches it by a label that exists (wrong answers link there)."""
from __future__ import annotations

import re

from pyodide_quiz.model import ContentError, load_quiz
from pyodide_quiz.model.objectives import read_objectives
from pyodide_quiz.model.source import Problem

TITLE = "objectives"
STAGE = "content"
LABEL = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")  # a MyST target, "(ch04-interpreting)=", on its own line


def labels(ctx) -> set[str]:
    """Every MyST label defined in the pages of the table of contents."""
    return {match.group("label") for page in ctx.toc_pages
            for match in map(LABEL.match, page.read_text(encoding="utf-8").splitlines()) if match}


def run(ctx) -> list[Problem]:
    problems: list[Problem] = []
    objectives_by_page = {}
    known = labels(ctx)
    for use in ctx.uses("objectives"):
        found, read_problems = read_objectives(use.content)
        problems += [Problem(ctx.rel(use.page), use.content_line + offset, message) for offset, message in read_problems]
        for objective in found:
            if objective.section and objective.section not in known:
                problems.append(Problem(ctx.rel(use.page), use.content_line + objective.offset + 1,
                                        f"objective {objective.id!r} names section {objective.section!r}, "
                                        "which no page labels", "write (label)= on the line above its heading"))
        objectives_by_page[use.page] = (use, found)
    for use in ctx.uses("quiz"):
        page_info = objectives_by_page.get(use.page)
        path = ctx.root / use.argument
        if not path.is_file():
            continue  # reported by the quizzes check
        try:
            quiz = load_quiz(path, ctx.rel(path))
        except ContentError:
            continue  # reported by the quizzes check
        for question in quiz.questions:
            objective = question.data.get("objective")
            subject = f"question '{question.id}'"
            if page_info is None:
                continue  # a page without objectives (the welcome page) may host an untagged quiz
            ids = [o.id for o in page_info[1]]
            if objective is None:
                problems.append(Problem(quiz.file, question.line, "has no objective",
                                        f"tag it with one of {ctx.rel(use.page)}'s objectives: {', '.join(ids)}", subject))
            elif objective not in ids:
                problems.append(Problem(quiz.file, question.line, f"names unknown objective {objective!r}",
                                        f"{ctx.rel(use.page)} defines: {', '.join(ids)}", subject))
        if page_info is not None:
            objectives_use, found = page_info
            assessed = {q.data.get("objective") for q in quiz.questions}
            for objective in found:
                if objective.id not in assessed:
                    problems.append(Problem(ctx.rel(use.page), objectives_use.content_line + objective.offset,
                                            f"objective {objective.id!r} is not assessed by any question in {quiz.file}",
                                            "add a question with objective: " + objective.id))
    for page, (use, _) in objectives_by_page.items():
        if not any(q.page == page for q in ctx.uses("quiz")):
            problems.append(Problem(ctx.rel(page), use.line, "this chapter has objectives but no {quiz}",
                                    "every chapter ends with a quiz that assesses its objectives"))
    return problems
