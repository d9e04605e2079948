"""Grade a `text` question after normalising the student's answer.

Normalisation (documented in quizzes/README.md): Unicode NFKC; lower case; curly quotes and dashes made
plain; punctuation at either end removed; white space collapsed; a leading article (the, a, an) removed.

A wrong answer without feedback of its own that is a slip away from an accepted answer is marked `near`, so the
page can ask the student to check the spelling: one edit from an accepted answer of 3 or 4 characters, two from
a longer one (an edit adds, removes or changes one character). Answers of one or two characters, and answers
without a letter (numbers), get no such hint: there a slip is a different answer. static/pq/types/text.js
grades the same way.
"""
import re
import unicodedata

_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}-_ "
_ARTICLE = re.compile(r"^(the|a|an) ")


def normalise(text) -> str:
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).lower().translate(_PLAIN)
    text = " ".join(text.split())
    text = text.strip(_EDGE_PUNCTUATION)
    text = _ARTICLE.sub("", text)
    return text


def edits(a: str, b: str) -> int:
    """Levenshtein distance: the fewest single-character insertions, deletions or substitutions."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def is_slip(given: str, accepted: str) -> bool:
    """Whether `given` reads as a misspelling of `accepted` (see the module's docstring)."""
    allowed = 0 if len(accepted) < 3 or not any(c.isalpha() for c in accepted) else 1 if len(accepted) < 5 else 2
    return edits(given, accepted) <= allowed


def grade(spec: dict, answer) -> dict:
    given = normalise(answer)
    if not given:
        return {"verdict": "invalid"}
    if given in spec["accept"] or any(re.fullmatch(p, given) for p in spec["patterns"]):
        return {"verdict": "correct"}
    feedback = spec["feedback"].index(given) if given in spec["feedback"] else -1
    near = feedback < 0 and any(is_slip(given, accepted) for accepted in spec["accept"])
    return {"verdict": "incorrect", "feedback": feedback, "near": near}
