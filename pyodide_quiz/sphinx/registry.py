"""Which page shows which quiz, vignette or exercise: collected while reading, for the progress page."""
from __future__ import annotations


def record(env, kind: str, name: str, title: str, items: list[str], anchor: str, **extra) -> None:
    """Note a widget of the page being read; `extra` holds what the progress page needs besides (a quiz's
    objective per question, a vignette's kind of ending per ending)."""
    entries = env.domaindata.setdefault("pyodide_quiz", {}).setdefault("uses", {})
    entries.setdefault(env.docname, []).append(
        {"kind": kind, "name": name, "title": title, "items": items, "anchor": anchor, **extra})


def uses(env) -> dict:
    return env.domaindata.get("pyodide_quiz", {}).get("uses", {})


def objectives_of(env, docname: str) -> dict[str, dict]:
    """The objectives of a page as the build read them (sphinx/objectives.py): id -> {"text": plain text,
    "section": label or None}."""
    return env.domaindata.get("pyodide_quiz", {}).get("objectives", {}).get(docname, {})


# What each page records, by document: its widgets (above) and its learning objectives (sphinx/objectives.py).
PER_DOCUMENT = ("uses", "objectives")


def purge(app, env, docname) -> None:
    for key in PER_DOCUMENT:
        env.domaindata.get("pyodide_quiz", {}).get(key, {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    for key in PER_DOCUMENT:
        mine = env.domaindata.setdefault("pyodide_quiz", {}).setdefault(key, {})
        for docname, entries in other.domaindata.get("pyodide_quiz", {}).get(key, {}).items():
            if docname in docnames:
                mine[docname] = entries
