"""Run a student's code and plain `test_*` functions against it; report each test's result.

The same file runs in CPython (the build proves solutions pass and starters fail) and in Pyodide (the browser
worker). Time limits are enforced outside: by a subprocess timeout at build time, by terminating the worker
in the browser.
"""
import contextlib
import io
import sys
import traceback
import types

STUDENT_FILE = "<your code>"
TESTS_FILE = "<tests>"
OUTPUT_LIMIT = 20_000  # characters of printed output kept; the rest is dropped with a note


class CappedWriter(io.TextIOBase):
    """A stdout that keeps the first OUTPUT_LIMIT characters, so a print loop cannot flood the page."""

    def __init__(self, limit: int = OUTPUT_LIMIT):
        self.parts, self.size, self.limit, self.truncated = [], 0, limit, False

    def writable(self):
        return True

    def write(self, text):
        room = self.limit - self.size
        if room > 0:
            kept = text[:room]
            self.parts.append(kept)
            self.size += len(kept)
        if len(text) > max(room, 0):
            self.truncated = True
            # Full: from now on every write is dropped by a C builtin that returns the length, as write() must.
            # A print loop of a million lines then costs no Python code per line, and ends within the time limit.
            self.write = len
        return len(text)

    def getvalue(self) -> str:
        note = f"\n[output truncated after {self.limit:,} characters]" if self.truncated else ""
        return "".join(self.parts) + note


def _describe_error(error: BaseException, source: str, filename: str) -> str:
    """An error message that points into the student's code only, never into our machinery."""
    lines = source.splitlines()
    if isinstance(error, SyntaxError) and error.filename == filename:
        where = f"line {error.lineno}: " if error.lineno else ""
        return f"{type(error).__name__} on {where}{error.msg}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in (STUDENT_FILE, TESTS_FILE)]
    out = []
    for frame in frames:
        text = ""
        if frame.filename == filename and frame.lineno and 0 < frame.lineno <= len(lines):
            text = lines[frame.lineno - 1].strip()
        label = "your code" if frame.filename == STUDENT_FILE else "the test"
        where = f"  {label}, line {frame.lineno}, in {frame.name}"
        out.append(where + (f"\n    {text}" if text else ""))
    message = "".join(traceback.format_exception_only(type(error), error)).strip()
    return ("\n".join(out) + "\n" if out else "") + message


def load_student(code: str, module_name: str = "student", output: CappedWriter | None = None):
    """Execute the student's code as a module; returns (module, error text or None, output).

    Pass `output` to keep printing in one capped writer across this run and the tests that follow.
    """
    module = types.ModuleType(module_name)
    module.__file__ = STUDENT_FILE
    output = CappedWriter() if output is None else output
    try:
        compiled = compile(code, STUDENT_FILE, "exec")
        with contextlib.redirect_stdout(output):
            exec(compiled, module.__dict__)
    except BaseException as error:  # the student's code may raise anything, even SystemExit
        if isinstance(error, KeyboardInterrupt):
            raise
        return module, _describe_error(error, code, STUDENT_FILE), output.getvalue()
    return module, None, output.getvalue()


def _assertion_message(error: AssertionError, tests: str) -> str:
    if error.args and str(error):
        return str(error)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == TESTS_FILE]
    if frames:
        lines = tests.splitlines()
        number = frames[-1].lineno or 0
        text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        return f"assertion failed: {text}" if text else "assertion failed"
    return "assertion failed"


def run_tests(code: str, tests: str) -> dict:
    """Run every `test_*` function of `tests` against `code`.

    Returns {"verdict", "error", "output", "results": [{"name", "passed", "message"}]}; the verdict is
    correct when there is at least one test and every test passed.
    """
    # One writer for the module's and the tests' printing, so the limit holds for the whole run.
    captured = CappedWriter()
    module, error, output = load_student(code, output=captured)
    if error is not None:
        return {"verdict": "incorrect", "error": error, "output": output, "results": []}
    previous = sys.modules.get("student")
    sys.modules["student"] = module
    try:
        namespace = {k: v for k, v in module.__dict__.items() if not k.startswith("__")}
        namespace["__name__"] = "tests"
        try:
            exec(compile(tests, TESTS_FILE, "exec"), namespace)
        except BaseException as failure:
            if isinstance(failure, KeyboardInterrupt):
                raise
            return {"verdict": "incorrect", "output": output, "results": [],
                    "error": "the tests could not load your code: " + _describe_error(failure, tests, TESTS_FILE)}
        results = []
        for name, test in list(namespace.items()):
            if not (name.startswith("test_") and callable(test)):
                continue
            try:
                with contextlib.redirect_stdout(captured):
                    test()
                results.append({"name": name, "passed": True, "message": ""})
            except AssertionError as failure:
                results.append({"name": name, "passed": False, "message": _assertion_message(failure, tests)})
            except BaseException as failure:
                if isinstance(failure, KeyboardInterrupt):
                    raise
                results.append({"name": name, "passed": False,
                                "message": _describe_error(failure, code, STUDENT_FILE)})
    finally:
        if previous is None:
            sys.modules.pop("student", None)
        else:
            sys.modules["student"] = previous
    passed = bool(results) and all(r["passed"] for r in results)
    return {"verdict": "correct" if passed else "incorrect", "error": None,
            "output": captured.getvalue(), "results": results}


def run_program(code: str) -> dict:
    """Run code as a script (the exercise Run button): its output, any error, and its chart() if it has one."""
    module, error, output = load_student(code, "__main__")
    chart = None
    if error is None and callable(module.__dict__.get("chart")):
        try:
            chart = module.__dict__["chart"]()
        except BaseException as failure:
            if isinstance(failure, KeyboardInterrupt):
                raise
            error = "chart() failed: " + _describe_error(failure, code, STUDENT_FILE)
    return {"output": output, "error": error, "chart": chart}


def grade(spec: dict, answer) -> dict:
    if not isinstance(answer, str):
        return {"verdict": "invalid"}
    return run_tests(answer, spec["tests"])
