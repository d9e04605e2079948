"""Run checks one after another and print what they find: `[n/N] title ...`, each problem as `path:line:
message (hint)`, the check's status and time, then one summary line. In GitHub Actions each problem is also
printed as an `::error` annotation, so it shows on the pull request's diff."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from ..model.source import Problem
from .project import ConfigError


def annotation(problem: Problem) -> str:
    message = f"{problem.subject + ': ' if problem.subject else ''}{problem.message}"
    if problem.hint:
        message += f" ({problem.hint})"
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.file},line={problem.line}::{message}"


def _run_one(check, ctx) -> list[Problem]:
    try:
        return check.run(ctx)
    except ConfigError as error:  # the project's settings: every check that reads them says so (once, as above)
        return error.problems
    except Exception as error:  # a crashing check is itself a problem, never a silent pass
        return [Problem(ctx.rel(Path(check.__file__)), 1, f"the check crashed: {type(error).__name__}: {error}")]


def run_checks(checks: list, ctx, skip: Callable[[object], str | None] = lambda check: None) -> int:
    """Run every check with `ctx` (anything with `rel()` and a `notes` list); 0 when none found a problem, else 1.

    `skip(check)` gives a reason not to run a check (e.g. no built site to check), or None. A problem that an
    earlier check already reported is not reported again.
    """
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    seen, problems, failed_checks = set(), [], 0
    started = time.monotonic()
    for number, check in enumerate(checks, start=1):
        print(f"[{number}/{len(checks)}] {check.TITLE} ...", flush=True)
        reason = skip(check)
        if reason:
            print(f"    skipped: {reason}", flush=True)
            continue
        tick = time.monotonic()
        found = _run_one(check, ctx)
        fresh = [p for p in found if (p.file, p.line, p.message) not in seen]
        seen.update((p.file, p.line, p.message) for p in found)
        for problem in fresh:
            print(f"  {problem}", flush=True)
            if github:
                print(annotation(problem), flush=True)
        status = f"{len(fresh)} problem(s)" if fresh else "ok"
        notes = "".join(f"; {note}" for note in ctx.notes)
        ctx.notes.clear()
        print(f"    {status} ({time.monotonic() - tick:.1f} s{notes})", flush=True)
        problems += fresh
        failed_checks += bool(fresh)
    elapsed = time.monotonic() - started
    if problems:
        print(f"check: FAILED, {len(problems)} problem(s); {failed_checks}/{len(checks)} checks failed ({elapsed:.1f} s)")
        return 1
    print(f"check: passed, {len(checks)}/{len(checks)} checks ok ({elapsed:.1f} s)")
    return 0
