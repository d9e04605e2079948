"""Grade a `text` question after normalising the student's answer.

Normalisation (documented in quizzes/README.md): Unicode NFKC; lower case; curly quotes and dashes made
plain; punctuation at either end removed; white space collapsed; a leading article (the, a, an) removed.
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


def grade(spec: dict, answer) -> dict:
    given = normalise(answer)
    if not given:
        return {"verdict": "invalid"}
    if given in spec["accept"] or any(re.fullmatch(p, given) for p in spec["patterns"]):
        return {"verdict": "correct"}
    feedback = spec["feedback"].index(given) if given in spec["feedback"] else -1
    return {"verdict": "incorrect", "feedback": feedback}
