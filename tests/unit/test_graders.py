"""The graders: pure functions `grade(spec, answer) -> {"verdict": ...}`, the one truth for grading.

Specs are built from small questions through the model (`grading_spec`), exactly as the build builds the
page's payload, so a test exercises the same spec a student's browser receives.
"""
from __future__ import annotations

import pytest

from pyodide_quiz.graders import grade
from pyodide_quiz.graders import python as python_grader
from pyodide_quiz.graders.numeric import parse
from pyodide_quiz.graders.text import edits, normalise
from pyodide_quiz.model import QUESTION_TYPES


def spec(question_type: str, **data) -> dict:
    return QUESTION_TYPES[question_type].grading_spec({"id": "q", "type": question_type, **data})


def options(*flags: bool) -> list[dict]:
    return [{"text": f"option {i}", "correct": flag, "feedback": "f"} for i, flag in enumerate(flags)]


# --- single ----------------------------------------------------------------------------------------------

SINGLE = spec("single", options=options(False, True, False))


@pytest.mark.parametrize("answer, verdict", [
    (1, "correct"), (0, "incorrect"), (2, "incorrect"),
    (3, "invalid"), (-1, "invalid"), (None, "invalid"), ("1", "invalid"), (True, "invalid"), (1.0, "invalid"),
])
def test_single(answer, verdict):
    assert grade("single", SINGLE, answer)["verdict"] == verdict


# --- multiple --------------------------------------------------------------------------------------------

MULTIPLE = spec("multiple", options=options(True, False, True, False))


@pytest.mark.parametrize("answer, verdict, found, wrong", [
    ([0, 2], "correct", 2, 0),
    ([2, 0], "correct", 2, 0),
    ([0], "partial", 1, 0),
    ([0, 1], "partial", 1, 1),
    ([0, 1, 2], "partial", 2, 1),
    ([0, 1, 2, 3], "partial", 2, 2),
    ([1], "incorrect", 0, 1),
    ([1, 3], "incorrect", 0, 2),
])
def test_multiple_counts_right_and_wrong_ticks(answer, verdict, found, wrong):
    result = grade("multiple", MULTIPLE, answer)
    assert result == {"verdict": verdict, "found": found, "wrong": wrong, "right": 2}


@pytest.mark.parametrize("answer", [[], None, [4], [-1], ["0"], [True], 0])
def test_multiple_invalid(answer):
    """Nothing ticked, or something that is not a list of option indices, is not an attempt."""
    assert grade("multiple", MULTIPLE, answer) == {"verdict": "invalid"}


# --- numeric ---------------------------------------------------------------------------------------------

NUMERIC = spec("numeric", answer=7.8, tolerance=0.1)


@pytest.mark.parametrize("answer, verdict", [
    ("7.8", "correct"),
    ("7,8", "correct"),  # a decimal comma
    ("  7.8  ", "correct"),
    ("+7.8", "correct"),
    ("7.85", "correct"),
    ("7.9", "correct"),  # exactly at the tolerance: 7.9 - 7.8 is 0.10000000000000053 in floating point
    ("7.7", "correct"),  # exactly at the tolerance on the other side
    ("7,9", "correct"),
    ("7.91", "incorrect"),
    ("7.69", "incorrect"),
    ("78e-1", "correct"),
    ("0.78E1", "correct"),
    ("-7.8", "incorrect"),
    ("7.8 %", "invalid"),
    ("seven", "invalid"),
    ("", "invalid"),
    ("7.8.1", "invalid"),
    ("1,234.5", "invalid"),
    (7.8, "invalid"),  # the page sends the typed text, never a number
])
def test_numeric(answer, verdict):
    assert grade("numeric", NUMERIC, answer)["verdict"] == verdict


def test_numeric_exact_answer_with_zero_tolerance():
    exact = spec("numeric", answer=10, tolerance=0)
    assert grade("numeric", exact, "10")["verdict"] == "correct"
    assert grade("numeric", exact, "10,0")["verdict"] == "correct"
    assert grade("numeric", exact, "10.001")["verdict"] == "incorrect"


def test_numeric_unicode_minus_and_leading_decimal_mark():
    negative = spec("numeric", answer=-0.5, tolerance=0)
    assert parse("\u22120,5") == -0.5
    assert grade("numeric", negative, "\u2212.5")["verdict"] == "correct"
    assert grade("numeric", negative, "-,5")["verdict"] == "correct"


# Common wrong values: a proportion given for a percentage (within its own tolerance), a wrong sign (within the
# question's tolerance, the default).
WITH_WRONG = spec("numeric", answer=7.8, tolerance=0.1, wrong=[
    {"value": 0.078, "tolerance": 0.001, "feedback": "a proportion"}, {"value": -7.8, "feedback": "the sign"}])


@pytest.mark.parametrize("answer, verdict, feedback", [
    ("7.8", "correct", None),
    ("0.078", "incorrect", 0),
    ("0,0785", "incorrect", 0),  # within the wrong value's own tolerance
    ("0.08", "incorrect", -1),  # outside it
    ("-7.75", "incorrect", 1),  # within the question's tolerance, which a wrong value without its own takes
    ("-7.95", "incorrect", -1),
    ("28", "incorrect", -1),
])
def test_numeric_wrong_values_carry_their_feedback(answer, verdict, feedback):
    assert grade("numeric", WITH_WRONG, answer) == {"verdict": verdict, **({} if feedback is None else {"feedback": feedback})}


def test_numeric_spec_lists_wrong_values_only_when_the_question_has_them():
    assert NUMERIC == {"answer": 7.8, "tolerance": 0.1}
    assert WITH_WRONG["wrong"] == [[0.078, 0.001], [-7.8, 0.1]]
    assert grade("numeric", NUMERIC, "1") == {"verdict": "incorrect", "feedback": -1}


# --- text ------------------------------------------------------------------------------------------------

TEXT = spec("text", accept=["bond", "the bond"], patterns=["(emotional )?bond"],
            feedback=[{"answer": "Goals", "feedback": "f"}, {"answer": "the tasks", "feedback": "f"}])


@pytest.mark.parametrize("raw, normalised", [
    ("  The  Bond. ", "bond"),  # the README's own example
    ("BOND", "bond"),
    ("a bond", "bond"),
    ("An emotional bond!", "emotional bond"),
    ("\u201cbond\u201d", "bond"),  # curly double quotes at the ends
    ("client\u2019s bond", "client's bond"),  # a curly apostrophe made plain
    ("goal\u2013task", "goal-task"),  # an en dash made plain
    ("goal\u2014task", "goal-task"),  # an em dash made plain
    ("\uff42\uff4f\uff4e\uff44", "bond"),  # full-width letters, by NFKC
    ("bond\t\n and   trust", "bond and trust"),
    ("(bond)", "bond"),
    ("the", "the"),  # an article alone is a word, not a prefix
    ("theory", "theory"),
    ("...", ""),
])
def test_text_normalisation(raw, normalised):
    assert normalise(raw) == normalised


@pytest.mark.parametrize("answer, verdict, feedback", [
    ("bond", "correct", None),
    ("  The  Bond. ", "correct", None),
    ("emotional bond", "correct", None),  # by the pattern
    ("An Emotional Bond", "correct", None),
    ("emotional bonds", "incorrect", -1),  # a pattern matches the whole answer, not a part of it
    ("a strong emotional bond", "incorrect", -1),
    ("goals", "incorrect", 0),
    ("The goals.", "incorrect", 0),
    ("tasks", "incorrect", 1),  # feedback answers are normalised too ("the tasks" -> "tasks")
    ("trust", "incorrect", -1),
    ("   ", "invalid", None),
    ("?!", "invalid", None),
    (None, "invalid", None),
])
def test_text(answer, verdict, feedback):
    result = grade("text", TEXT, answer)
    assert result["verdict"] == verdict
    if feedback is not None:
        assert result["feedback"] == feedback


@pytest.mark.parametrize("answer, near", [
    ("bnd", True),  # one edit from "bond" (4 characters: one edit allowed)
    ("bondd", True),
    ("bodn", False),  # two edits (a swap is two) from a 4-character answer
    ("emotional bnd", False),  # patterns are not spelt out, so no slip is measured against them
    ("goals", False),  # a wrong answer with feedback of its own gets that feedback instead
    ("gols", False),
    ("trust", False),
])
def test_text_slip_of_a_short_answer(answer, near):
    result = grade("text", TEXT, answer)
    assert result["verdict"] == "incorrect" and result["near"] is near


LONG = spec("text", accept=["metacommunication", "ab", "360"], patterns=[], feedback=[])


@pytest.mark.parametrize("answer, near", [
    ("metacommunicaton", True),  # one edit
    ("metacomunicaton", True),  # two
    ("metakomunicaton", False),  # three
    ("metacommunciation", True),  # a swap of two letters: two edits
    ("ac", False),  # answers under three characters get no spelling hint: a slip there is another answer
    ("361", False),  # nor answers without a letter (numbers)
])
def test_text_slip_of_a_long_answer(answer, near):
    assert grade("text", LONG, answer)["near"] is near


@pytest.mark.parametrize("a, b, distance", [
    ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3), ("bond", "bodn", 2), ("flaw", "lawn", 2),
])
def test_edit_distance(a, b, distance):
    assert edits(a, b) == distance == edits(b, a)


# --- order -----------------------------------------------------------------------------------------------

ORDER = spec("order", items=["Freud", "Zetzel", "Greenson", "Bordin"])


@pytest.mark.parametrize("answer, verdict, in_place", [
    ([0, 1, 2, 3], "correct", 4),
    ([1, 0, 2, 3], "incorrect", 2),
    ([3, 2, 1, 0], "incorrect", 0),
    ([0, 2, 1, 3], "incorrect", 2),
])
def test_order(answer, verdict, in_place):
    assert grade("order", ORDER, answer) == {"verdict": verdict, "in_place": in_place, "count": 4}


@pytest.mark.parametrize("answer", [[0, 1, 2], [0, 1, 2, 2], [0, 1, 2, 4], None, "0123"])
def test_order_invalid(answer):
    assert grade("order", ORDER, answer) == {"verdict": "invalid"}


# --- python ----------------------------------------------------------------------------------------------

TESTS = '''
def test_sum():
    assert srs_total([9, 9, 8, 10]) == 36, "9 + 9 + 8 + 10 should be 36"

def test_empty():
    assert srs_total([]) == 0
'''
PYTHON = spec("python", starter="", solution="x", tests=TESTS)


def test_python_spec_carries_tests_and_default_timeout():
    assert PYTHON == {"tests": TESTS, "timeout": 5}


def test_python_pass():
    result = grade("python", PYTHON, "def srs_total(ratings):\n    return sum(ratings)\n")
    assert result["verdict"] == "correct"
    assert result["error"] is None
    assert [(r["name"], r["passed"]) for r in result["results"]] == [("test_sum", True), ("test_empty", True)]


def test_python_fail_reports_the_assertion_message():
    result = grade("python", PYTHON, "def srs_total(ratings):\n    return 0\n")
    assert result["verdict"] == "incorrect"
    by_name = {r["name"]: r for r in result["results"]}
    assert by_name["test_sum"] == {"name": "test_sum", "passed": False, "message": "9 + 9 + 8 + 10 should be 36"}
    assert by_name["test_empty"]["passed"] is True


def test_python_fail_without_message_quotes_the_assert():
    result = grade("python", PYTHON, "def srs_total(ratings):\n    return 1\n")
    by_name = {r["name"]: r for r in result["results"]}
    assert by_name["test_empty"]["message"] == "assertion failed: assert srs_total([]) == 0"


def test_python_syntax_error_names_the_line():
    result = grade("python", PYTHON, "def srs_total(ratings):\n    return sum(ratings\n\nx = 1\n")
    assert result["verdict"] == "incorrect"
    assert result["results"] == []
    assert result["error"].startswith("SyntaxError on line 2: "), result["error"]
    assert "never closed" in result["error"]


def test_python_indentation_error():
    result = grade("python", PYTHON, "def srs_total(ratings):\nreturn 0\n")
    assert result["error"].startswith("IndentationError on line 2: "), result["error"]


def test_python_exception_traceback_shows_only_the_students_code():
    code = "def helper(ratings):\n    return ratings[10]\n\ndef srs_total(ratings):\n    return helper(ratings)\n"
    result = grade("python", PYTHON, code)
    message = {r["name"]: r for r in result["results"]}["test_sum"]["message"]
    assert message == (
        "  the test, line 3, in test_sum\n"
        "  your code, line 5, in srs_total\n"
        "    return helper(ratings)\n"
        "  your code, line 2, in helper\n"
        "    return ratings[10]\n"
        "IndexError: list index out of range"
    )
    assert "graders" not in message and ".py" not in message and "File " not in message


def test_python_error_while_loading_points_at_the_students_line():
    result = grade("python", PYTHON, "ratings = [1, 2]\ntotal = ratings / 2\n")
    assert result["verdict"] == "incorrect"
    assert result["error"] == ("  your code, line 2, in <module>\n    total = ratings / 2\n"
                               "TypeError: unsupported operand type(s) for /: 'list' and 'int'")
    assert "graders" not in result["error"]


def test_python_system_exit_is_reported_not_obeyed():
    result = grade("python", PYTHON, "import sys\nsys.exit(3)\n")
    assert result["verdict"] == "incorrect"
    assert result["error"].endswith("SystemExit: 3")


def test_python_missing_name_is_a_failed_test():
    result = grade("python", PYTHON, "def total(ratings):\n    return sum(ratings)\n")
    messages = [r["message"] for r in result["results"]]
    assert all("NameError: name 'srs_total' is not defined" in m for m in messages), messages


def test_python_output_is_kept():
    code = "print('loading')\ndef srs_total(ratings):\n    print('called')\n    return sum(ratings)\n"
    result = grade("python", PYTHON, code)
    assert result["verdict"] == "correct"
    assert result["output"] == "loading\ncalled\ncalled\n"


def test_python_huge_output_is_truncated():
    limit = python_grader.OUTPUT_LIMIT
    code = ("print('x' * 300_000)\n"
            "def srs_total(ratings):\n    print('y' * 300_000)\n    return sum(ratings)\n")
    result = grade("python", PYTHON, code)
    assert result["verdict"] == "correct"
    output = result["output"]
    note = f"[output truncated after {limit:,} characters]"
    assert output.endswith(note)
    assert len(output) <= limit + len(note) + 1  # the whole run, module and tests together
    assert output.startswith("x" * 1000)


def test_python_no_tests_is_never_correct():
    no_tests = spec("python", starter="", solution="x", tests="x = 1\n")
    assert grade("python", no_tests, "y = 2\n")["verdict"] == "incorrect"


def test_python_tests_that_fail_to_load_are_reported():
    broken = spec("python", starter="", solution="x", tests="from nowhere import thing\n\ndef test_a():\n    pass\n")
    result = grade("python", broken, "x = 1\n")
    assert result["verdict"] == "incorrect"
    assert result["error"].startswith("the tests could not load your code: ")
    assert "ModuleNotFoundError" in result["error"]


def test_python_answer_must_be_text():
    assert grade("python", PYTHON, None) == {"verdict": "invalid"}
