"""Learning objectives: each chapter's objectives are assessed by its quiz, and quizzes name only real ones."""
from __future__ import annotations

from pyodide_quiz.model import ContentError, load_quiz
from pyodide_quiz.model.source import Problem
from pyodide_quiz.sphinx.objectives import parse_objectives

TITLE = "objectives"
STAGE = "content"


def run(ctx) -> list[Problem]:
    problems: list[Problem] = []
    objectives_by_page = {}
    for use in ctx.uses("objectives"):
        found, _ = parse_objectives(use.content)
        objectives_by_page[use.page] = (use, [objective_id for objective_id, _ in found])
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
            objectives_use, ids = page_info
            if objective is None:
                problems.append(Problem(quiz.file, question.line, "has no objective",
                                        f"tag it with one of {ctx.rel(use.page)}'s objectives: {', '.join(ids)}", subject))
            elif objective not in ids:
                problems.append(Problem(quiz.file, question.line, f"names unknown objective {objective!r}",
                                        f"{ctx.rel(use.page)} defines: {', '.join(ids)}", subject))
        if page_info is not None:
            objectives_use, ids = page_info
            assessed = {q.data.get("objective") for q in quiz.questions}
            for index, objective_id in enumerate(ids):
                if objective_id not in assessed:
                    problems.append(Problem(ctx.rel(use.page), objectives_use.content_line + index,
                                            f"objective {objective_id!r} is not assessed by any question in {quiz.file}",
                                            "add a question with objective: " + objective_id))
    for page, (use, ids) in objectives_by_page.items():
        if not any(q.page == page for q in ctx.uses("quiz")):
            problems.append(Problem(ctx.rel(page), use.line, "this chapter has objectives but no {quiz}",
                                    "every chapter ends with a quiz that assesses its objectives"))
    return problems
