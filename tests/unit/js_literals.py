"""The string literals of a JavaScript module, outside comments and regular expressions, with their lines.

Enough of a tokenizer for the runtime's own plain ES modules (tests/unit/test_strings.py): strings, template
literals (each `${...}` becomes `{}`, and the literals inside it are read too), comments, and a regular expression
told from a division by the token before it. It fails loudly on anything unterminated rather than guess.
"""
from __future__ import annotations

import re

# After these tokens a "/" starts a regular expression; after a name, a number or ")" it divides.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"", "return", "typeof", "case", "in", "of", "void", "yield", "await"}
NAME = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*")


class JsSyntax(ValueError):
    pass


def _string_end(source: str, start: int) -> int:
    quote, i = source[start], start + 1
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == quote:
            return i
        if source[i] == "\n":
            break
        i += 1
    raise JsSyntax(f"unterminated string at offset {start}")


def _template(source: str, start: int) -> tuple[int, str, list[str]]:
    """From the backquote at `start`: the closing backquote's index, the text with {} per substitution, and the
    substitutions' source."""
    i, text, inner = start + 1, "", []
    while i < len(source):
        c = source[i]
        if c == "\\":
            text += source[i:i + 2]
            i += 2
        elif c == "`":
            return i, text, inner
        elif source.startswith("${", i):
            depth, j = 1, i + 2
            while depth:
                if j >= len(source):
                    raise JsSyntax(f"unterminated ${{...}} at offset {i}")
                ch = source[j]
                if ch in "\"'":
                    j = _string_end(source, j) + 1
                    continue
                if ch == "`":
                    j = _template(source, j)[0] + 1
                    continue
                depth += (ch == "{") - (ch == "}")
                j += 1
            inner.append(source[i + 2:j - 1])
            text += "{}"
            i = j
        else:
            text += c
            i += 1
    raise JsSyntax(f"unterminated template at offset {start}")


def literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string and template literal, in order; escapes are left as written."""
    found, i, last = [], 0, ""
    line_of = lambda offset: source.count("\n", 0, offset) + 1  # noqa: E731
    while i < len(source):
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif c in "\"'":
            end = _string_end(source, i)
            found.append((line_of(i), source[i + 1:end]))
            i, last = end + 1, "string"
        elif c == "`":
            end, text, inner = _template(source, i)
            found.append((line_of(i), text))
            for expression in inner:
                found += [(line_of(i), text) for _, text in literals(expression)]
            i, last = end + 1, "string"
        elif c == "/" and last in REGEX_AFTER:
            j, in_class = i + 1, False
            while source[j] != "/" or in_class:
                if source[j] == "\n":
                    raise JsSyntax(f"unterminated regular expression on line {line_of(i)}")
                if source[j] == "\\":
                    j += 2
                    continue
                if source[j] in "[]":
                    in_class = source[j] == "["
                j += 1
            i = j + 1
            while i < len(source) and source[i].isalpha():
                i += 1
            last = "regex"
        elif match := NAME.match(source, i):
            last = match.group(0)
            i = match.end()
        else:
            last = c
            i += 1
    return found
