"""Every citation names a work in the bibliography, before anything is built.

Reads the keys of every .bib file in _config.yml's `bibtex_bibfiles`, then every `{cite:p}`key1,key2``-style role
(any `{cite...}` role) in the pages of _toc.yml (the chapters' instructor notes included) and in the quiz,
vignette, transcript and exercise files they show, and every key in a YAML `cite:` list. An unknown key is a
problem at its line, with the nearest known key as a hint. (The full build catches the same keys in the pages;
this check also covers the YAML files, and runs in seconds.)
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from pyodide_quiz.model.source import Problem
from pyodide_quiz.model.validate import did_you_mean

TITLE = "citation keys"
STAGE = "content"

BIB_KEY = re.compile(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
INLINE_LIST = re.compile(r"^\s*-?\s*cite:\s*\[(?P<keys>[^\]]*)\]")
BLOCK_START = re.compile(r"^(?P<indent>\s*)-?\s*cite:\s*$")
BLOCK_ITEM = re.compile(r"^\s*-\s*(?P<key>[^\s#]+)")


def bibliography_keys(root: Path) -> tuple[set[str], list[Problem]]:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    keys, problems = set(), []
    for name in config.get("bibtex_bibfiles") or []:
        path = root / name
        if not path.is_file():
            problems.append(Problem("_config.yml", 1, f"bibtex_bibfiles names {name!r}, which does not exist"))
            continue
        keys |= set(BIB_KEY.findall(path.read_text(encoding="utf-8")))
    return keys, problems


def cited(text: str) -> list[tuple[int, str]]:
    """(line, key) for every key a text cites, in roles and in YAML `cite:` lists."""
    found = []
    block_indent = None
    for number, line in enumerate(text.splitlines(), start=1):
        for match in ROLE.finditer(line):
            found += [(number, key.strip()) for key in match.group(1).split(",") if key.strip()]
        if block_indent is not None:
            item = BLOCK_ITEM.match(line)
            if item and len(line) - len(line.lstrip()) >= block_indent:
                found.append((number, item.group("key").strip("'\"")))
                continue
            block_indent = None
        inline = INLINE_LIST.match(line)
        if inline:
            found += [(number, key.strip().strip("'\"")) for key in inline.group("keys").split(",") if key.strip()]
        start = BLOCK_START.match(line)
        if start:
            block_indent = len(start.group("indent"))
    return found


def toc_globs(root: Path) -> list[Path]:
    """Pages that _toc.yml names with `glob:` (Context.toc_pages lists only `file:` entries)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    patterns: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("glob"), str):
                patterns.append(node["glob"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return sorted({p for pattern in patterns for p in root.glob(pattern + ".md")} |
                  {p for pattern in patterns for p in root.glob(pattern) if p.suffix == ".md"})


def files_to_read(ctx) -> list[Path]:
    files = list(ctx.toc_pages) + toc_globs(ctx.root)
    for directive in ("quiz", "vignette", "transcript"):
        files += [ctx.root / use.argument for use in ctx.uses(directive)]
    for use in ctx.uses("exercise"):
        folder = ctx.root / use.argument.rstrip("/")
        files += [folder / "task.md"]
    seen, unique = set(), []
    for path in files:
        if path.is_file() and path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique


def run(ctx) -> list[Problem]:
    keys, problems = bibliography_keys(ctx.root)
    if not keys:
        return problems
    count = 0
    for path in files_to_read(ctx):
        for line, key in cited(path.read_text(encoding="utf-8")):
            count += 1
            if key not in keys:
                hint = did_you_mean(key, keys) or "add the work to book/references.bib, or correct the key"
                problems.append(Problem(ctx.rel(path), line, f"unknown citation key {key!r}", hint))
    ctx.notes.append(f"{count} citations of {len(keys)} works")
    return problems
