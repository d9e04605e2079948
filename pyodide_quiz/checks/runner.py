"""Run the Python grader (graders/python.py, the file the browser runs too) on code in a child process, so that
code that never ends can be stopped: the quiz check's python questions and the exercise check use it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..graders import python as python_grader

# Loads the grader from its file (never the package, whose other modules may import more than a run needs),
# reads one job on stdin and prints the result as JSON on a line of its own, after anything the code printed.
_CHILD = """
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


def run_grader(action: str, code: str, tests: str, timeout: float, folder: Path | None = None) -> dict:
    """The grader's result for `code`: "tests" runs `tests` against it, "run" runs it as a script.

    It runs in a fresh, isolated interpreter inside `folder` (an exercise's data files are there), or in an empty
    temporary folder. {"verdict": "timeout"} when it takes longer than `timeout` seconds; {"verdict": "crashed",
    "error": last line of stderr} when Python itself fails.
    """
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="pq-run-") as scratch:
            return run_grader(action, code, tests, timeout, Path(scratch))
    job = json.dumps({"action": action, "code": code, "tests": tests})
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _CHILD, python_grader.__file__], input=job,
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


def failures(result: dict) -> str:
    """Why a run did not pass, in a line: its error, or each failing test with the first line of its message."""
    if result.get("error"):
        return str(result["error"]).strip().splitlines()[-1]
    failed = [f"{r['name']}: {r['message'].splitlines()[0] if r['message'] else 'failed'}"
              for r in result.get("results", []) if not r["passed"]]
    return "; ".join(failed) if failed else "no test_ functions were found"
