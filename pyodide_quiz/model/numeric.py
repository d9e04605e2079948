"""`numeric`: a number within an absolute tolerance; `compute` proves the key from the prompt's data.

`wrong` lists common wrong values (a proportion given for a percentage, a score without its reverse key), each
with feedback that names the slip; a value within its tolerance (the question's, unless it sets its own) gets
that feedback.
"""
from __future__ import annotations

from ..graders.numeric import grade
from .common import MARKDOWN, question_schema

TYPE = "numeric"
SCHEMA = question_schema(
    {
        "answer": {"type": "number"},
        "tolerance": {"type": "number", "minimum": 0},
        "unit": {"type": "string"},
        "compute": {"type": "string", "description": "Python that assigns the right answer to `answer`"},
        "wrong": {
            "type": "array",
            "minItems": 1,
            "description": "common wrong values, each with feedback that says what went wrong",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["value", "feedback"],
                "properties": {
                    "value": {"type": "number"},
                    "tolerance": {"type": "number", "minimum": 0,
                                  "description": "defaults to the question's tolerance"},
                    "feedback": MARKDOWN,
                },
            },
        },
    },
    ["answer", "tolerance"],
    "A number; right when within the tolerance of the answer.",
)


def problems(question: dict, where) -> list:
    found = []
    spec = grading_spec(question)
    for index, entry in enumerate(question.get("wrong", [])):
        result = grade(spec, _text(entry["value"]))
        if result["verdict"] == "correct":
            found.append(where.at("wrong", index, "value").problem(
                f"the wrong value {entry['value']:g} would be graded correct",
                f"it is within the tolerance ({question['tolerance']:g}) of the answer {question['answer']:g}"))
        elif result["feedback"] != index:
            found.append(where.at("wrong", index, "value").problem(
                f"the wrong value {entry['value']:g} gets the feedback of wrong value {result['feedback'] + 1}",
                "the first matching entry wins: make the tolerances smaller, or remove one of them"))
    return found + _compute_problems(question, where)


def _compute_problems(question: dict, where) -> list:
    code = question.get("compute")
    if code is None:
        return []
    namespace: dict = {}
    try:
        exec(compile(code, f"{where.located.file} (compute)", "exec"), {"__builtins__": __builtins__}, namespace)
    except Exception as error:  # an author's code: any failure is reported, never raised
        return [where.at("compute").problem(f"'compute' fails: {type(error).__name__}: {error}")]
    if "answer" not in namespace:
        return [where.at("compute").problem("'compute' must assign the result to a variable called answer")]
    try:
        computed = float(namespace["answer"])
    except (TypeError, ValueError):
        return [where.at("compute").problem(f"'compute' gives answer = {namespace['answer']!r}, not a number")]
    if abs(computed - question["answer"]) > question["tolerance"]:
        return [where.at("answer").problem(
            f"answer is {question['answer']} but 'compute' gives {computed:g}",
            f"fix the answer or the data; the tolerance is {question['tolerance']}",
        )]
    return []


def grading_spec(question: dict) -> dict:
    spec = {"answer": question["answer"], "tolerance": question["tolerance"]}
    if question.get("wrong"):
        spec["wrong"] = [[entry["value"], entry.get("tolerance", question["tolerance"])] for entry in question["wrong"]]
    return spec


def _text(number: float) -> str:
    return f"{number:.10g}"


def sample_answers(question: dict) -> list:
    answer, tolerance = question["answer"], question["tolerance"]
    beyond = tolerance * 1.5 if tolerance else max(abs(answer) * 0.01, 0.01)
    samples = [
        (_text(answer), "correct"),
        (_text(answer + beyond), "incorrect"),
        (_text(answer - beyond), "incorrect"),
        (_text(answer).replace(".", ","), "correct"),
        ("not a number", "invalid"),
    ]
    if tolerance:
        samples.append((_text(answer + tolerance * 0.5), "correct"))
        samples.append((_text(answer - tolerance), "correct"))
    samples += [(_text(entry["value"]), "incorrect") for entry in question.get("wrong", [])]
    return samples
