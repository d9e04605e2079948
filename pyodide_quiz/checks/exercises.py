"""Exercise folders: the required files, the solution passes every test, the starter fails one, all within the
time limit, and the solution runs as a script (the Run button).

The tests run under CPython with the grader the browser uses (graders/python.py), each run in a child process
with the exercise folder as working directory, so that a run that never ends can be stopped.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from ..model import ContentError, Problem
from ..model.exercise import Exercise, load_exercise
from .runner import failures, run_grader

TITLE = "exercises"
KIND = "exercises"


def _timeouts(exercise: Exercise, results: dict, limit: str) -> list[Problem]:
    problems = []
    for name in ("solution", "starter"):
        if results[name]["verdict"] == "timeout":
            problems.append(Problem(exercise.path(exercise.test_name), 1,
                                    f"the tests did not finish within {limit} against {name}.py",
                                    "every test must finish well within the browser's time limit"))
        elif results[name]["verdict"] == "crashed":
            problems.append(Problem(exercise.path(f"{name}.py"), 1,
                                    f"running the tests crashed Python: {results[name]['error']}"))
    return problems


def check_exercise(exercise: Exercise, timeout: float) -> list[Problem]:
    """Run the tests against the solution and the starter, and the solution as a script (the Run button)."""
    jobs = {"solution": ("tests", exercise.solution), "starter": ("tests", exercise.starter),
            "run": ("run", exercise.solution)}
    results = {name: run_grader(action, code, exercise.tests, timeout, exercise.folder)
               for name, (action, code) in jobs.items()}
    limit = f"{timeout:g} s"
    problems = _timeouts(exercise, results, limit)
    solved, started, ran = results["solution"], results["starter"], results["run"]
    if solved["verdict"] == "incorrect":
        problems.append(Problem(exercise.path("solution.py"), 1,
                                f"the solution does not pass the tests ({failures(solved)})",
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


def run(project) -> list[Problem]:
    problems: list[Problem] = []
    loaded = []
    for folder in project.paths(KIND):
        try:
            loaded.append(load_exercise(folder, project.rel(folder)))
        except ContentError as error:
            problems += error.problems
    # One exercise per core at a time: more would slow each run down and make the time limit unfair.
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        for found in pool.map(lambda exercise: check_exercise(exercise, project.timeout), loaded):
            problems += found
    return problems
