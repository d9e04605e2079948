"""Published ids stay: a quiz question, vignette, exercise or transcript that students may have answered keeps its id.

A student's saved progress (in their browser) is keyed by the activity's name and, for a quiz, by each question's
id: "quiz:07-ruptures-and-repair/define-rupture". Renaming or removing one loses every student's answer to it
without a word. `quizzes/published-ids.txt` lists every id the site has published, one a line; this check fails
when one of them is gone, at the file that held it. New ids pass (a note counts them).

The list changes on purpose only: `scripts/check --accept-ids` rewrites it from the content as it is now (adding
new ids and dropping removed ones) and prints what changed. Commit the file with the change that needed it, and
say in the pull request why a published id went.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from pyodide_quiz.model.source import Problem

TITLE = "published ids"
STAGE = "content"

LIST = Path("quizzes") / "published-ids.txt"
HEADER = """\
# Every id the course has published: students' saved progress is keyed by these (see scripts/checks/published_ids.py).
# `scripts/check --fast` fails when one of them disappears. Change this file with `scripts/check --accept-ids` only,
# and only on purpose: a renamed or removed id loses every student's saved answer to it.
"""
KINDS = ("quiz", "vignette", "exercise", "transcript")


def current_ids(ctx) -> dict[str, Path]:
    """Every id the pages of _toc.yml show now -> the file that defines it."""
    found: dict[str, Path] = {}
    for kind in KINDS:
        for use in ctx.uses(kind):
            path = ctx.root / use.argument.rstrip("/")
            if kind == "exercise":
                if path.is_dir():
                    found[f"exercise:{path.name}"] = path / "task.md"
                continue
            if not path.is_file():
                continue
            found[f"{kind}:{path.stem}"] = path
            if kind == "quiz":
                try:
                    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                except yaml.YAMLError:
                    continue  # the quizzes check reports the file
                for question in data.get("questions") or []:
                    if isinstance(question, dict) and question.get("id"):
                        found[f"quiz:{path.stem}/{question['id']}"] = path
    return found


def read_list(path: Path) -> dict[str, int]:
    """id -> its line in the list."""
    ids = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            ids[line] = number
    return ids


def run(ctx) -> list[Problem]:
    listing = ctx.root / LIST
    if not listing.is_file():
        ctx.notes.append(f"no {LIST}, so nothing checked (scripts/check --accept-ids creates it)")
        return []
    published = read_list(listing)
    now = current_ids(ctx)
    problems = []
    for gone in sorted(set(published) - set(now)):
        kind, _, rest = gone.partition(":")
        name, _, question = rest.partition("/")
        holder = next((path for key, path in now.items() if key == f"{kind}:{name}"), None)
        what = f"question id {question!r} of {kind} {name!r}" if question else f"{kind} {name!r}"
        hint = ("restore it, or if it must go, run `scripts/check --accept-ids`, commit quizzes/published-ids.txt "
                "and say why in the pull request")
        message = f"published {what} is gone (renamed or removed); students' saved answers are kept under it"
        if holder is not None:
            problems.append(Problem(ctx.rel(holder), 1, message, hint))
        else:
            problems.append(Problem(str(LIST), published[gone], message, hint))
    new = sorted(set(now) - set(published))
    ctx.notes.append(f"{len(published)} published ids" + (f"; {len(new)} new, not yet in {LIST} "
                                                          "(scripts/check --accept-ids adds them)" if new else ""))
    return problems


def accept(ctx) -> tuple[list[str], list[str]]:
    """Rewrite the list from the content as it is now; returns (added, removed)."""
    listing = ctx.root / LIST
    before = set(read_list(listing)) if listing.is_file() else set()
    now = current_ids(ctx)
    listing.write_text(HEADER + "".join(f"{key}\n" for key in sorted(now)), encoding="utf-8")
    return sorted(set(now) - before), sorted(before - set(now))
