"""A directive's options as a front end reads them (`:questions: a, b` lines), checked and converted to what the
renderers take. The Sphinx front end gets the same from docutils' option_spec."""
from __future__ import annotations

import re


# Per widget: option name -> converter of its text (raises ValueError with a message for the author).
def _class_list(text: str) -> list[str]:
    return [re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in text.split()]


def _true_false(text: str) -> bool:
    if text.strip() not in ("true", "false"):
        raise ValueError(f"should be true or false, not {text.strip()!r}")
    return text.strip() == "true"


def _text(text: str) -> str:
    return text.strip()


OPTIONS = {
    "quiz": {"questions": _text, "class": _class_list, "confidence": _true_false},
    "exercise": {"title": _text, "class": _class_list},
    "vignette": {"class": _class_list},
    "transcript": {"class": _class_list},
}


def read_options(kind: str, raw: dict[str, str]) -> dict:
    """The options of a `kind` widget ("quiz", "exercise", "vignette", "transcript") from their texts.
    Raises ValueError naming the option for an unknown option or a bad value."""
    known = OPTIONS[kind]
    options = {}
    for name, text in raw.items():
        if name not in known:
            raise ValueError(f"unknown option :{name}: for {kind} (known: {', '.join(known)})")
        try:
            options[name] = known[name](text or "")
        except ValueError as error:
            raise ValueError(f":{name}: {error}") from None
    return options
