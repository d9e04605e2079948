"""Quiz files: schema, answer keys proven by the graders, python solutions and starters run, files used."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pyodide_quiz.checks import item_writing
from pyodide_quiz.graders import grade
from pyodide_quiz.model import ContentError, Problem, load_quiz

TITLE = "quizzes"
STAGE = "content"

# The python grader runs in a child process, so that a solution that never ends can be stopped.
_RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pyodide_quiz.graders.python import run_tests
job = json.load(sys.stdin)
print(json.dumps(run_tests(job["code"], job["tests"]), default=repr))
"""


def run_python(root: Path, code: str, tests: str, timeout: float) -> dict:
    """Run code against tests in a fresh interpreter; {"verdict": "timeout"} when it takes too long."""
    try:
        done = subprocess.run([sys.executable, "-c", _RUNNER, str(root)], input=json.dumps({"code": code, "tests": tests}),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"verdict": "timeout"}
    if done.returncode != 0:
        return {"verdict": "crashed", "error": done.stderr.strip().splitlines()[-1:] or ["no output"]}
    return json.loads(done.stdout)


def _python_problems(ctx, quiz, question, where: str) -> list[Problem]:
    data = question.data
    timeout = float(data.get("timeout", ctx.timeout))
    problems = []
    solved = run_python(ctx.root, data["solution"], data["tests"], timeout)
    subject = f"question '{question.id}'"
    if solved["verdict"] == "timeout":
        problems.append(Problem(where, question.line, f"the solution did not finish within {timeout:g} s", "", subject))
    elif solved["verdict"] != "correct":
        failed = [r["name"] for r in solved.get("results", []) if not r["passed"]]
        detail = solved.get("error") or f"failing: {', '.join(failed) or 'no test_ functions found'}"
        problems.append(Problem(where, question.line, f"the solution does not pass the tests ({detail})", "", subject))
    started = run_python(ctx.root, data["starter"], data["tests"], timeout)
    if started["verdict"] == "correct":
        problems.append(Problem(where, question.line, "the starter already passes every test",
                                "a starter must leave something for the student to do", subject))
    return problems


def check_quiz_file(ctx, path: Path, loaded: list | None = None) -> list[Problem]:
    """Schema, answer keys and python questions of one file; the loaded quiz is appended to `loaded`."""
    display = ctx.rel(path)
    try:
        quiz = load_quiz(path, display)
    except ContentError as error:
        return error.problems
    if loaded is not None:
        loaded.append(quiz)
    problems: list[Problem] = []
    for question in quiz.questions:
        if question.type == "python":
            problems += _python_problems(ctx, quiz, question, display)
            continue
        spec = question.grading_spec()
        for answer, expected in question.sample_answers():
            verdict = grade(question.type, spec, answer)["verdict"]
            if verdict != expected:
                problems.append(Problem(display, question.line,
                                        f"the grader says {verdict!r} for the answer {answer!r}, the key implies {expected!r}",
                                        "check the options' correct flags, accept list and tolerance",
                                        f"question '{question.id}'"))
    return problems


def run(ctx) -> list[Problem]:
    folder = ctx.root / "quizzes"
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    problems: list[Problem] = []
    quizzes: list = []
    for path in files:
        problems += check_quiz_file(ctx, path, quizzes)
    problems += item_writing.check(quizzes)
    allowed = item_writing.exceptions(quizzes)
    ctx.notes.append(f"{allowed} documented item-writing exception(s) in {len(quizzes)} bank(s)")
    used = set()
    for use in ctx.uses("quiz"):
        target = (ctx.root / use.argument).resolve()
        used.add(target)
        if not target.is_file():
            problems.append(Problem(ctx.rel(use.page), use.line, f"quiz file {use.argument!r} does not exist",
                                    "paths are relative to the repository root, e.g. quizzes/01-x.yml"))
    for path in files:
        if path.resolve() not in used:
            problems.append(Problem(ctx.rel(path), 1, "this quiz is not used by any page in _toc.yml",
                                    "add a {quiz} directive to a chapter, or delete the file"))
    return problems
