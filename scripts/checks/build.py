"""Build the whole site from scratch with warnings as errors; each warning becomes a file:line problem."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pyodide_quiz.model.source import Problem

TITLE = "build (jupyter-book, warnings as errors)"
STAGE = "build"

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# "/abs/book/x.md:12: WARNING: message [type.subtype]"  (line may be missing: "/abs/x.md: WARNING: ...")
WARNING = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*)$")
# Our own messages already start with the content file's location: "quizzes/x.yml:12: ...".
CONTENT_LOCATION = re.compile(r"^(?P<path>[\w./-]+\.(?:yml|yaml|py|md|csv)):(?P<line>\d+): (?P<message>.*)$")


def parse_warnings(output: str, ctx) -> list[Problem]:
    problems = []
    for raw in output.splitlines():
        line = ANSI.sub("", raw).strip()
        match = WARNING.match(line)
        if not match:
            bare = re.match(r"^(WARNING|ERROR|CRITICAL): (?P<message>.*)$", line)
            if bare:  # a warning with no location is about the configuration
                problems.append(Problem("_config.yml", 1, bare.group("message")))
            continue
        path, number, message = match.group("path"), int(match.group("line") or 1), match.group("message")
        inner = CONTENT_LOCATION.match(message)
        if inner:
            path, number, message = inner.group("path"), int(inner.group("line")), inner.group("message")
        problems.append(Problem(ctx.rel(Path(path)) if os.path.isabs(path) else path, number, message))
    return problems


def jupyter_book() -> list[str]:
    local = Path(sys.executable).with_name("jupyter-book")
    return [str(local)] if local.exists() else [sys.executable, "-m", "jupyter_book.cli.main"]


def run(ctx) -> list[Problem]:
    if ctx.html.exists():
        shutil.rmtree(ctx.html)  # from scratch: an incremental build would read nothing and pass
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ctx.engine_root), os.environ.get("PYTHONPATH")])),
               NO_COLOR="1", PYTHONWARNINGS="ignore")
    command = jupyter_book() + ["build", "--all", "-W", "-n", "--keep-going", "--path-output", str(ctx.html.parent.parent), str(ctx.root)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ctx.root)
    output = done.stdout + "\n" + done.stderr
    problems = parse_warnings(output, ctx)
    if done.returncode != 0 and not problems:
        tail = [ANSI.sub("", text) for text in output.strip().splitlines()[-15:]]
        problems.append(Problem("_config.yml", 1, "the build failed:\n    " + "\n    ".join(tail)))
    return problems
