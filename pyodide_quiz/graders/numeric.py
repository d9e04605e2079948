"""Grade a `numeric` question: the answer is the text the student typed."""
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


def grade(spec: dict, answer) -> dict:
    value = parse(answer)
    if value is None:
        return {"verdict": "invalid"}
    ok = abs(value - spec["answer"]) <= spec["tolerance"] + _EPSILON
    return {"verdict": "correct" if ok else "incorrect"}
