"""Author errors in quiz files: every problem names the file, the line and the question, with a fix hint.

Each test writes a small quiz file to tmp_path and loads it with the same function the directive and the
checker use (pyodide_quiz.model.load_quiz). Line numbers in the expectations count from the first line of
the YAML text shown in the test.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from pyodide_quiz.model import ContentError, load_quiz, quiz_schema

ROOT = Path(__file__).resolve().parents[2]
NAME = "quizzes/sample.yml"


def load(tmp_path: Path, text: str):
    path = tmp_path / "sample.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load_quiz(path, NAME)


def problems(tmp_path: Path, text: str) -> list[str]:
    """The problems of a quiz file as the author reads them; fails the test if the file loads."""
    with pytest.raises(ContentError) as caught:
        load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def only(tmp_path: Path, text: str) -> str:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


GOOD_SINGLE = """
title: Sample
questions:
  - id: pick-one
    type: single
    prompt: Which?
    options:
      - {text: Right, correct: true, feedback: Yes.}
      - {text: Wrong, correct: false, feedback: Nope.}
    explanation: Because.
"""


def test_a_good_file_loads(tmp_path):
    quiz = load(tmp_path, GOOD_SINGLE)
    assert [q.id for q in quiz.questions] == ["pick-one"]
    assert quiz.questions[0].line == 3
    assert quiz.name == "sample"


def test_yaml_syntax_error_names_the_line_and_the_question(tmp_path):
    message = only(tmp_path, """
        title: Sample
        questions:
          - id: first
            type: single
            prompt: Fine
            options:
              - {text: A, correct: true, feedback: a}
              - {text: B, correct: false, feedback: b}
            explanation: E
          - id: broken-list
            type: order
            prompt: [never closed
            explanation: E
    """)
    assert message.startswith(f"{NAME}:13: question 'broken-list': YAML syntax error: "), message
    assert "quote text" in message


def test_yaml_syntax_error_before_any_question_blames_no_question(tmp_path):
    message = only(tmp_path, """
        title: "unterminated
        questions: []
    """)
    assert message.startswith(f"{NAME}:"), message
    assert "YAML syntax error" in message
    assert "question" not in message.split("YAML syntax error")[0]


def test_unknown_key_suggests_the_right_one(tmp_path):
    found = problems(tmp_path, GOOD_SINGLE.replace("    explanation: Because.", "    explanaton: Because."))
    # The misspelt key is reported at its own line, and the required key it stands for as missing.
    assert f"{NAME}:9: question 'pick-one': unknown key 'explanaton' (did you mean 'explanation'?)" in found
    assert f"{NAME}:3: question 'pick-one': missing required key 'explanation'" in found
    assert len(found) == 2, found


def only_first(found: list[str], prefix: str) -> str:
    """The first problem that starts with `prefix`; fails listing all problems if there is none."""
    hits = [p for p in found if p.startswith(prefix)]
    assert hits, f"no problem starts with {prefix!r}: {found}"
    return hits[0]


def test_unknown_key_in_an_option(tmp_path):
    found = problems(tmp_path, GOOD_SINGLE.replace("{text: Wrong, correct: false, feedback: Nope.}",
                                                   "{text: Wrong, corect: false, feedback: Nope.}"))
    message = only_first(found, f"{NAME}:8: question 'pick-one': unknown key 'corect'")
    assert "did you mean 'correct'?" in message


def test_wrong_type(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("prompt: Which?", "prompt: [a, b]"))
    assert message.startswith(f"{NAME}:5: question 'pick-one': 'prompt' must be text, not list"), message


def test_unquoted_yes_no_gets_a_quoting_hint(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("feedback: Nope.", "feedback: no"))
    assert message.startswith(f"{NAME}:8: question 'pick-one': 'feedback' must be text, not bool False"), message
    assert "quotes" in message


def test_missing_required_key(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("    prompt: Which?\n", ""))
    assert message == f"{NAME}:3: question 'pick-one': missing required key 'prompt'"


def test_missing_type(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("    type: single\n", ""))
    assert message.startswith(f"{NAME}:3: question 'pick-one': missing required key 'type'"), message
    assert "single, multiple, numeric, text, order, python" in message


def test_unknown_question_type_suggests_the_right_one(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("type: single", "type: multple"))
    assert message == f"{NAME}:4: question 'pick-one': unknown question type 'multple' (did you mean 'multiple'?)"


def test_unknown_question_type_far_from_any_lists_the_types(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("type: single", "type: essay"))
    assert message.startswith(f"{NAME}:4: question 'pick-one': unknown question type 'essay'"), message
    assert "one of: single, multiple, numeric, text, order, python" in message


def test_duplicate_ids(tmp_path):
    text = GOOD_SINGLE + GOOD_SINGLE.split("questions:\n", 1)[1]
    message = only(tmp_path, text)
    assert message.startswith(f"{NAME}:10: question 'pick-one': duplicate id 'pick-one'"), message
    assert "first used on line 3" in message


def test_duplicate_yaml_keys(tmp_path):
    twice = GOOD_SINGLE.replace("    prompt: Which?\n", "    prompt: Which?\n    prompt: Which one?\n")
    message = only(tmp_path, twice)
    assert message == f"{NAME}:6: question 'pick-one': the key 'prompt' appears twice (remove one of them)"


def test_duplicate_top_level_key(tmp_path):
    message = only(tmp_path, GOOD_SINGLE.replace("title: Sample\n", "title: Sample\ntitle: Again\n"))
    assert message == f"{NAME}:2: the key 'title' appears twice (remove one of them)"


@pytest.mark.parametrize("flags, count, hint", [
    (("false", "false"), 0, "mark the right option"),
    (("true", "true"), 2, "use type: multiple"),
])
def test_single_needs_exactly_one_correct_option(tmp_path, flags, count, hint):
    text = GOOD_SINGLE.replace("correct: true", f"correct: {flags[0]}")
    text = text.replace("correct: false", f"correct: {flags[1]}")
    message = only(tmp_path, text)
    assert message.startswith(
        f"{NAME}:7: question 'pick-one': a 'single' question needs exactly one option with correct: true, "
        f"it has {count}"), message
    assert hint in message


def test_multiple_needs_a_correct_option(tmp_path):
    text = GOOD_SINGLE.replace("type: single", "type: multiple").replace("correct: true", "correct: false")
    message = only(tmp_path, text)
    assert message == (f"{NAME}:7: question 'pick-one': a 'multiple' question needs at least one option "
                       "with correct: true")


NUMERIC = """
title: Sample
questions:
  - id: variance
    type: numeric
    prompt: r = .28; what percentage of variance?
    answer: 7.8
    tolerance: 0.1
    compute: |
      r = 0.28
      answer = COMPUTE
    explanation: Square it.
"""


def test_numeric_compute_that_agrees_loads(tmp_path):
    quiz = load(tmp_path, NUMERIC.replace("COMPUTE", "round(r ** 2 * 100, 1)"))
    assert quiz.questions[0].grading_spec() == {"answer": 7.8, "tolerance": 0.1}


def test_numeric_compute_mismatch(tmp_path):
    message = only(tmp_path, NUMERIC.replace("COMPUTE", "r ** 2 * 10"))
    assert message.startswith(f"{NAME}:6: question 'variance': answer is 7.8 but 'compute' gives 0.784"), message
    assert "tolerance is 0.1" in message


def test_numeric_compute_that_raises(tmp_path):
    message = only(tmp_path, NUMERIC.replace("COMPUTE", "r / 0"))
    assert message == f"{NAME}:8: question 'variance': 'compute' fails: ZeroDivisionError: float division by zero"


def test_numeric_compute_without_answer(tmp_path):
    message = only(tmp_path, NUMERIC.replace("answer = COMPUTE", "result = r ** 2"))
    assert message == f"{NAME}:8: question 'variance': 'compute' must assign the result to a variable called answer"


WRONG = """
title: Sample
questions:
  - id: variance
    type: numeric
    prompt: r = .28; what percentage of variance?
    answer: 7.8
    tolerance: 0.1
    wrong:
      - {value: 0.078, tolerance: 0.001, feedback: A proportion.}
      - {value: FIRST, feedback: Another slip.}
      - {value: SECOND, feedback: A third slip.}
    explanation: Square it.
"""


def test_numeric_wrong_values_load_into_the_spec(tmp_path):
    quiz = load(tmp_path, WRONG.replace("FIRST", "28").replace("SECOND", "2.8"))
    assert quiz.questions[0].grading_spec() == {"answer": 7.8, "tolerance": 0.1,
                                                "wrong": [[0.078, 0.001], [28, 0.1], [2.8, 0.1]]}
    assert ("28", "incorrect") in quiz.questions[0].sample_answers()


def test_numeric_wrong_value_that_would_be_graded_correct(tmp_path):
    message = only(tmp_path, WRONG.replace("FIRST", "7.85").replace("SECOND", "2.8"))
    assert message == (f"{NAME}:10: question 'variance': the wrong value 7.85 would be graded correct "
                       "(it is within the tolerance (0.1) of the answer 7.8)")


def test_numeric_wrong_value_shadowed_by_an_earlier_one(tmp_path):
    message = only(tmp_path, WRONG.replace("FIRST", "28").replace("SECOND", "28.05"))
    assert message.startswith(f"{NAME}:11: question 'variance': the wrong value 28.05 gets the feedback of "
                              "wrong value 2 (the first matching entry wins"), message


TEXT = """
title: Sample
questions:
  - id: name-the-bond
    type: text
    prompt: Name it.
    accept: [bond, the bond]
    patterns: [PATTERN]
    feedback:
      - {answer: goals, feedback: Goals are aims.}
      - {answer: FEEDBACK, feedback: Close.}
    explanation: The bond.
"""


def test_text_invalid_pattern(tmp_path):
    message = only(tmp_path, TEXT.replace("PATTERN", "'(emotional bond'").replace("FEEDBACK", "tasks"))
    assert message.startswith(f"{NAME}:7: question 'name-the-bond': pattern '(emotional bond' is not a valid "
                              "regular expression"), message


@pytest.mark.parametrize("pattern, construct", [
    ("'(?P<kind>emotional )?bond'", "(?P"),
    ("'(?i)bond'", "(?i"),
    (r"'\Abond\Z'", r"\A"),
])
def test_text_pattern_not_portable_to_javascript(tmp_path, pattern, construct):
    message = only(tmp_path, TEXT.replace("PATTERN", pattern).replace("FEEDBACK", "tasks"))
    assert message.startswith(f"{NAME}:7: question 'name-the-bond': pattern "), message
    assert f"uses {construct!r}, which JavaScript reads differently" in message


@pytest.mark.parametrize("wrong", ["The Bond.", "emotional bond", "  BOND "])
def test_text_feedback_answer_that_would_be_graded_correct(tmp_path, wrong):
    text = TEXT.replace("PATTERN", "'(emotional )?bond'").replace("FEEDBACK", f"'{wrong}'")
    message = only(tmp_path, text)
    assert message.startswith(f"{NAME}:10: question 'name-the-bond': the wrong answer {wrong!r} would be graded "
                              "correct"), message
    assert "remove it from the feedback list" in message


def test_text_accepted_answer_empty_after_normalisation(tmp_path):
    text = TEXT.replace("[bond, the bond]", "[bond, '...']").replace("PATTERN", "bond").replace("FEEDBACK", "tasks")
    message = only(tmp_path, text)
    assert message == f"{NAME}:6: question 'name-the-bond': accepted answer '...' is empty after normalisation"


def test_order_with_duplicate_items(tmp_path):
    message = only(tmp_path, """
        title: Sample
        questions:
          - id: history
            type: order
            prompt: Order them.
            items:
              - Freud
              - Zetzel
              - Freud
            explanation: By year.
    """)
    assert message == (f"{NAME}:7: question 'history': two items have the same text, so the order would be "
                       "ambiguous")


def test_order_needs_three_items(tmp_path):
    message = only(tmp_path, """
        title: Sample
        questions:
          - id: history
            type: order
            prompt: Order them.
            items: [Freud, Zetzel]
            explanation: By year.
    """)
    assert message == f"{NAME}:6: question 'history': 'items' needs at least 3 item(s)"


def test_unquoted_comma_in_a_flow_mapping_hints_at_quoting(tmp_path):
    found = problems(tmp_path, """
        title: Sample
        questions:
          - id: name-the-bond
            type: text
            prompt: Name it.
            accept: [bond]
            feedback:
              - {answer: goals, feedback: Goals are aims, not trust.}
            explanation: The bond.
    """)
    message = only_first(found, f"{NAME}:8: question 'name-the-bond': unknown key 'not trust.'")
    assert "comma" in message and "quoted" in message


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    found = problems(tmp_path, """
        title: Sample
        questions:
          - id: one
            type: single
            prompt: Which?
            options:
              - {text: A, correct: false, feedback: a}
              - {text: B, correct: false, feedback: b}
            explanation: E
          - id: two
            type: numerc
            prompt: How many?
            explanation: E
          - id: three
            type: text
            prompt: Name it.
            accept: [bond]
            feedback:
              - {answer: bond, feedback: That is right so it cannot be feedback.}
            explanation: E
          - id: one
            type: order
            prompt: Order.
            items: [a, b, a]
            explanation: E
    """)
    prefixes = [
        f"{NAME}:7: question 'one': a 'single' question needs exactly one option",
        f"{NAME}:11: question 'two': unknown question type 'numerc' (did you mean 'numeric'?)",
        f"{NAME}:19: question 'three': the wrong answer 'bond' would be graded correct",
        f"{NAME}:24: question 'one': two items have the same text",
        f"{NAME}:21: question 'one': duplicate id 'one'",
    ]
    for prefix in prefixes:
        only_first(found, prefix)
    assert len(found) == len(prefixes), found


def test_file_that_is_not_a_mapping(tmp_path):
    message = only(tmp_path, "- just\n- a list\n")
    assert message.startswith(f"{NAME}:1: a quiz file must be a mapping"), message


def test_empty_file(tmp_path):
    assert only(tmp_path, "\n") == f"{NAME}:1: the file is empty"


# --- the published schema -------------------------------------------------------------------------------


def test_checked_in_schema_equals_the_model():
    """quizzes/schema.json is what `python -m pyodide_quiz schema` writes; regenerate it after a model change."""
    published = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    assert published == quiz_schema(), "run `python -m pyodide_quiz schema` to update quizzes/schema.json"


def test_schema_cli_writes_the_checked_in_files(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pyodide_quiz", "schema", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "schema.json" in written, done.stdout
    for name in written:
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        assert fresh == (ROOT / "quizzes" / name).read_text(encoding="utf-8"), (
            f"quizzes/{name} is stale: run `python -m pyodide_quiz schema`")
        assert json.dumps(json.loads(fresh), indent=2, sort_keys=True, ensure_ascii=False) + "\n" == fresh


@pytest.mark.parametrize("path", sorted((ROOT / "quizzes").glob("*.yml")), ids=lambda p: p.name)
def test_course_quizzes_match_the_published_schema(path):
    """What editors check against agrees with what the loader accepts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(quiz_schema()).validate(data)
    load_quiz(path, f"quizzes/{path.name}")


def test_published_schema_rejects_what_the_loader_rejects(tmp_path):
    bad = yaml.safe_load(GOOD_SINGLE.replace("explanation:", "explanaton:"))
    errors = list(jsonschema.Draft202012Validator(quiz_schema()).iter_errors(bad))
    assert errors
    bad_type = yaml.safe_load(GOOD_SINGLE.replace("type: single", "type: essay"))
    assert list(jsonschema.Draft202012Validator(quiz_schema()).iter_errors(bad_type))


def test_confidence_is_a_per_quiz_yes_or_no(tmp_path):
    assert load(tmp_path, GOOD_SINGLE).confidence is None  # not said: the site's pyodide_quiz_confidence decides
    assert load(tmp_path, GOOD_SINGLE.replace("title: Sample", "title: Sample\nconfidence: true")).confidence is True
    message = only(tmp_path, GOOD_SINGLE.replace("title: Sample", "title: Sample\nconfidence: sometimes"))
    assert message.startswith(f"{NAME}:2:") and "confidence" in message
