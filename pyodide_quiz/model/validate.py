"""Check a located YAML document against a JSON Schema and explain each problem in an author's words."""
from __future__ import annotations

import difflib
from pathlib import Path

import jsonschema

from .source import ContentError, Located, Problem, load_yaml


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, tuple]:
    """(message, hint, path) for one schema error; path points at the offending key or value."""
    path = tuple(error.absolute_path)
    where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this value"
    kind = error.validator
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = sorted(set(error.instance) - set(allowed))
        key = extras[0] if extras else "?"
        hint = did_you_mean(key, allowed) or f"allowed keys: {', '.join(allowed)}"
        if " " in str(key):  # "{answer: x, feedback: a, b}" splits at the comma
            hint = "text with a comma inside { } must be quoted: feedback: \"...\""
        return f"unknown key '{key}'", hint, path + (key,)
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required key '{missing}'", "", path
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        names = {"string": "text", "array": "a list", "object": "a mapping of keys", "integer": "a whole number",
                 "number": "a number", "boolean": "true or false"}
        wanted = names.get(expected, expected)
        hint = ""
        if expected == "string" and isinstance(error.instance, (bool, int, float)):
            # YAML reads unquoted yes/no/on/off/true/false as booleans and 1979 as a number.
            hint = "put the text in quotes: YAML reads an unquoted yes, no, on, off, true, false or number as a value"
        return f"{where} must be {wanted}, not {type(error.instance).__name__} {error.instance!r:.40}", hint, path
    if kind == "enum":
        options = ", ".join(map(str, error.validator_value))
        hint = did_you_mean(error.instance, error.validator_value)
        return f"{where} is {error.instance!r}; it must be one of: {options}", hint, path
    if kind == "pattern":
        return f"{where} {error.instance!r} does not have the expected form", error.schema.get("description", ""), path
    if kind == "minItems":
        return f"{where} needs at least {error.validator_value} item(s)", "", path
    if kind == "maxItems":
        return f"{where} may have at most {error.validator_value} item(s)", "", path
    if kind == "minimum":
        return f"{where} must be at least {error.validator_value}", "", path
    if kind == "minLength":
        return f"{where} must not be empty", "", path
    return error.message, "", path


def schema_problems(located: Located, schema: dict, base_path: tuple = (), subject: str = "") -> list[Problem]:
    """Every schema violation in the value at base_path, each with its line."""
    value = located.data
    for step in base_path:
        value = value[step]
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path]):
        message, hint, path = _describe(error)
        full = base_path + path
        line = located.key_line(full) if error.validator == "additionalProperties" else located.line(full)
        problems.append(Problem(located.file, line, message, hint, subject))
    return problems


def load_mapping(path: Path | str, display_name: str | None, not_a_mapping: str,
                 schema: dict) -> tuple[Located, list[Problem], list[Problem]]:
    """Parse a content file that must be a mapping and check it against `schema`: (the document, every problem
    so far, the schema's problems alone). Raises ContentError with `not_a_mapping` (what the file must hold) when
    it is something else."""
    located = load_yaml(path, display_name)
    if not isinstance(located.data, dict):
        raise ContentError([Problem(located.file, 1, not_a_mapping)])
    top = schema_problems(located, schema)
    duplicates = [Problem(located.file, line, f"the key '{p[-1]}' appears twice", "remove one of them")
                  for p, line in located.duplicate_keys]
    return located, duplicates + top, top
