"""Exercise folders: required files, the solution passes every test, the starter fails one, all within the time
limit, the solution's Run works; every exercise is shown by a page and every `{exercise}` names a folder.

The tests run under CPython with the same grader the browser uses (pyodide_quiz/graders/python.py), each run in
a child process with the exercise folder as working directory, so that a run that never ends can be stopped.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pyodide_quiz.graders import python as python_grader
from pyodide_quiz.model import ContentError, Problem
from pyodide_quiz.model.exercise import Exercise, load_exercise

TITLE = "exercises"
STAGE = "content"

# Loads the grader from its file (not the package), reads one job on stdin, prints the result as JSON.
_RUNNER = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("pq_python_grader", sys.argv[1])
grader = importlib.util.module_from_spec(spec)
spec.loader.exec_module(grader)
job = json.load(sys.stdin)
if job["action"] == "tests":
    result = grader.run_tests(job["code"], job["tests"])
else:
    result = grader.run_program(job["code"])
sys.stdout.write("\\n" + json.dumps(result, default=repr))
"""


def run_in_folder(folder: Path, action: str, code: str, tests: str, timeout: float) -> dict:
    """Run the grader in a fresh interpreter inside `folder`; {"verdict": "timeout"} if it takes too long."""
    job = json.dumps({"action": action, "code": code, "tests": tests})
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _RUNNER, python_grader.__file__], input=job,
                              capture_output=True, text=True, timeout=timeout, cwd=folder,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8"))
    except subprocess.TimeoutExpired:
        return {"verdict": "timeout"}
    lines = done.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"verdict": "crashed", "error": tail}


def _failures(result: dict) -> str:
    if result.get("error"):
        return str(result["error"]).strip().splitlines()[-1]
    failed = [f"{r['name']}: {r['message'].splitlines()[0] if r['message'] else 'failed'}"
              for r in result.get("results", []) if not r["passed"]]
    return "; ".join(failed) if failed else "no test_ functions were found"


def check_exercise(exercise: Exercise, timeout: float) -> list[Problem]:
    """Run the tests against the solution and the starter, and the solution as a script (the Run button)."""
    jobs = {"solution": ("tests", exercise.solution), "starter": ("tests", exercise.starter),
            "run": ("run", exercise.solution)}
    results = {name: run_in_folder(exercise.folder, action, code, exercise.tests, timeout)
               for name, (action, code) in jobs.items()}
    problems = []
    tests_file, limit = exercise.path(exercise.test_name), f"{timeout:g} s"
    for name in ("solution", "starter"):
        if results[name]["verdict"] == "timeout":
            problems.append(Problem(tests_file, 1, f"the tests did not finish within {limit} against {name}.py",
                                    "every test must finish well within the browser's time limit"))
        elif results[name]["verdict"] == "crashed":
            problems.append(Problem(exercise.path(f"{name}.py"), 1,
                                    f"running the tests crashed Python: {results[name]['error']}"))
    solved, started, ran = results["solution"], results["starter"], results["run"]
    if solved["verdict"] == "incorrect":
        problems.append(Problem(exercise.path("solution.py"), 1,
                                f"the solution does not pass the tests ({_failures(solved)})",
                                f"fix solution.py or {exercise.test_name}"))
    if started["verdict"] == "correct":
        problems.append(Problem(exercise.path("starter.py"), 1, "the starter already passes every test",
                                "a starter must leave something for the student to do"))
    if ran.get("verdict") == "timeout":
        problems.append(Problem(exercise.path("solution.py"), 1, f"running solution.py did not finish within {limit}",
                                "the Run button runs the whole file, including `if __name__ == \"__main__\":`"))
    elif ran.get("error"):
        problems.append(Problem(exercise.path("solution.py"), 1,
                                f"running solution.py as a script fails: {str(ran['error']).strip().splitlines()[-1]}",
                                "the Run button runs the whole file; it must run without an error"))
    return problems


def exercise_folders(root: Path) -> list[Path]:
    folder = root / "exercises"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__" and not p.name.startswith("."))


def run(ctx) -> list[Problem]:
    problems: list[Problem] = []
    folders = exercise_folders(ctx.root)
    loaded = []
    for folder in folders:
        try:
            loaded.append(load_exercise(folder, ctx.rel(folder)))
        except ContentError as error:
            problems += error.problems
    # One exercise per core at a time: more would slow each run down and make the time limit unfair.
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        for found in pool.map(lambda exercise: check_exercise(exercise, ctx.timeout), loaded):
            problems += found
    used = set()
    for use in ctx.uses("exercise"):
        argument = use.argument.strip().rstrip("/")
        target = (ctx.root / argument).resolve()
        used.add(target)
        if not argument:
            problems.append(Problem(ctx.rel(use.page), use.line, "{exercise} needs the exercise folder as its argument",
                                    "write ```{exercise} exercises/<slug>"))
        elif not (target.is_dir() and target.parent == (ctx.root / "exercises").resolve()):
            problems.append(Problem(ctx.rel(use.page), use.line,
                                    f"{{exercise}} names {argument}, which is not a folder in exercises/",
                                    "check the spelling; the argument is exercises/<slug>"))
    for folder in folders:
        if folder.resolve() not in used:
            problems.append(Problem(ctx.rel(folder / "task.md"), 1, "no page in _toc.yml shows this exercise",
                                    f"add ```{{exercise}} {ctx.rel(folder)}``` to a chapter, or delete the folder"))
    return problems
