"""Every word the engine shows a student, in one catalogue per language (en.json, de.json beside this file).

A catalogue maps a key to a text with `{name}` placeholders, or, where a number decides the wording, to plural
forms (`{"one": ..., "other": ...}`, chosen by the `count` placeholder; the browser uses Intl.PluralRules). The
Python-rendered HTML reads it through `text`. The browser gets the site's catalogue split by area, the part of a
key before its first dot (`quiz.score` is in the area `quiz`): one module per area, `_static/pq/strings/<area>.js`,
plus `strings/language.js` (`runtime_modules`). Each runtime module imports the areas whose texts it shows, so a
page loads the few kilobytes its widgets use rather than the whole catalogue. No Sphinx here: every front end
(Sphinx, MkDocs) picks the language from its own configuration with `resolve`.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
DEFAULT = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def languages() -> list[str]:
    """The languages shipped, as codes (the catalogue files' names)."""
    return sorted(path.stem for path in FOLDER.glob("*.json"))


def resolve(language: str | None) -> tuple[str, bool]:
    """The catalogue for a site's `language` setting ("de", "de_DE", "de-AT", None), and whether there is one:
    (code, True), or (DEFAULT, False) for a language without a catalogue (the front end warns, naming it)."""
    if not language:
        return DEFAULT, True
    shipped = languages()
    for candidate in (language, re.split(r"[-_]", language)[0]):
        if candidate.lower() in shipped:
            return candidate.lower(), True
    return DEFAULT, False


@cache
def catalogue(language: str) -> dict:
    """The catalogue of a shipped language (KeyError for another: call `resolve` first)."""
    path = FOLDER / f"{language}.json"
    if language not in languages():
        raise KeyError(f"pyodide_quiz has no catalogue for language {language!r} (shipped: {', '.join(languages())})")
    return json.loads(path.read_text(encoding="utf-8"))


def plural_form(language: str, count: float) -> str:
    """The plural form a count takes. Exact for the shipped languages (English and German: one for 1, else
    other); a new language with other rules adds them here and in nothing else (the browser asks Intl)."""
    return "one" if count == 1 else "other"


def text(language: str | None, key: str, **values) -> str:
    """The text of `key` in the site's `language` (as `resolve` reads it: English for a language without a
    catalogue), its placeholders filled from `values` (plural forms chosen by `count`)."""
    language = resolve(language)[0]
    entry = catalogue(language)[key]
    if isinstance(entry, dict):
        entry = entry.get(plural_form(language, values.get("count", 0)), entry["other"])
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), entry)


# The runtime's folder for these modules (under pq/), and the one module that is not an area: the language.
RUNTIME_FOLDER = "strings"
LANGUAGE_MODULE = f"{RUNTIME_FOLDER}/language.js"


def area(key: str) -> str:
    """The area a key belongs to: the part before its first dot (the runtime module strings/<area>.js)."""
    return key.split(".", 1)[0]


def area_module(name: str) -> str:
    """The runtime module, relative to pq/, that holds an area's texts."""
    return f"{RUNTIME_FOLDER}/{name}.js"


def runtime_modules(language: str) -> dict[str, str]:
    """The browser's catalogue as ES modules, by path under pq/: strings/language.js exports LANGUAGE (i18n.js
    imports it), and strings/<area>.js adds one area's texts to i18n.js's when imported (`import
    "./strings/quiz.js";` in a module that shows quiz.* texts)."""
    areas: dict[str, dict] = {}
    for key, entry in sorted(catalogue(language).items()):
        areas.setdefault(area(key), {})[key] = entry
    source = f"pyodide_quiz/strings/{language}.json"
    modules = {LANGUAGE_MODULE: f"// pyodide_quiz: the language of the site's texts, written by the build ({source})\n"
                                f"export const LANGUAGE = {json.dumps(language)};\n"}
    for name, texts in areas.items():
        if area_module(name) in modules:
            raise ValueError(f"{source}: the area {name!r} would overwrite {LANGUAGE_MODULE}; rename its keys")
        words = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
        # A short header: a quiz page loads about ten of these, unminified.
        modules[area_module(name)] = (f"// {name}.* from {source}\n"
                                      f'import {{ addTexts }} from "../i18n.js";\naddTexts({words});\n')
    return modules


def pieces(language: str | None, key: str, **values) -> list:
    """The text of `key` as a list of strings and values, for a sentence with an element inside (a link, a bold
    word): each placeholder becomes its value as given (a string is kept as text), so the translation decides
    where the element goes. Empty strings are left out."""
    # Placeholders stay placeholders to split at; `count` is filled at once (it chooses the plural form).
    entry = text(language, key, **{name: value if name == "count" else f"{{{name}}}" for name, value in values.items()})
    out = []
    for index, piece in enumerate(PLACEHOLDER.split(entry)):
        value = piece if index % 2 == 0 else values.get(piece, f"{{{piece}}}")
        if value != "":
            out.append(value)
    return out
