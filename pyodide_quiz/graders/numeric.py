"""Grade a `numeric` question: the answer is the text the student typed.

A wrong answer that matches one of the question's common wrong values (`wrong`: a proportion for a percentage,
a forgotten reverse key) carries that value's index as `feedback`, so the page can say what went wrong;
-1 when it matches none. static/pq/types/numeric.js grades the same way.
"""
import re

# A plain decimal number: optional sign, digits with a '.' or ',' decimal mark, optional exponent.
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
# Floating-point slack, so that an answer exactly at the tolerance is not rejected by rounding.
_EPSILON = 1e-9


def parse(text):
    """The number in `text`, or None. Accepts a decimal comma and surrounding spaces."""
    if not isinstance(text, str):
        return None
    cleaned = text.strip().replace("\u2212", "-")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance + _EPSILON


def grade(spec: dict, answer) -> dict:
    value = parse(answer)
    if value is None:
        return {"verdict": "invalid"}
    if near(value, spec["answer"], spec["tolerance"]):
        return {"verdict": "correct"}
    wrong = spec.get("wrong", [])
    feedback = next((i for i, (target, tolerance) in enumerate(wrong) if near(value, target, tolerance)), -1)
    return {"verdict": "incorrect", "feedback": feedback}
