"""Which page shows which quiz, vignette or exercise: collected while reading, for the progress page."""
from __future__ import annotations


def record(env, kind: str, name: str, title: str, items: list[str], anchor: str) -> None:
    entries = env.domaindata.setdefault("pyodide_quiz", {}).setdefault("uses", {})
    entries.setdefault(env.docname, []).append(
        {"kind": kind, "name": name, "title": title, "items": items, "anchor": anchor})


def uses(env) -> dict:
    return env.domaindata.get("pyodide_quiz", {}).get("uses", {})


def purge(app, env, docname) -> None:
    uses(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    mine = env.domaindata.setdefault("pyodide_quiz", {}).setdefault("uses", {})
    for docname, entries in uses(other).items():
        if docname in docnames:
            mine[docname] = entries
