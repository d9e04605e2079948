"""Command line: `python -m pyodide_quiz check [PATH...]` and `python -m pyodide_quiz schema [--out DIR]`.

`check` runs the engine's author checks: each quiz's schema and answer keys proven by the graders, python
questions' solutions pass and starters fail (within a time limit), the item-writing rules, each vignette's story
graph, each transcript's key, and each exercise's solution, starter and Run. With no PATH it checks the project's
content folders; a PATH may be a quiz, vignette or transcript file, an exercise folder, or a folder holding
them. Problems read `path:line: message (hint)`; it ends with a summary and exits 1 on any problem. The folders
and the time limit come from the `[tool.pyodide_quiz]` table of the project's pyproject.toml (see
pyodide_quiz/checks/project.py); --root and --timeout override them.

`schema` writes the JSON Schemas that editors use to complete and check content files (the files name them in
their `# yaml-language-server: $schema=...` line): schema.json, vignette.schema.json and transcript.schema.json,
into the project's quizzes folder unless --out says otherwise. The text is stable (sorted keys, indent 2), so a
test can compare the checked-in files with the model.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .checks.project import ConfigError, load_project, select


def schema_text(schema: dict) -> str:
    """The published text of a schema: sorted keys, indent 2, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schemas() -> dict[str, dict]:
    """File name -> schema, for every schema the engine publishes."""
    from .model import quiz_schema
    from .model.transcript import transcript_schema
    from .model.vignette import vignette_schema

    return {"schema.json": quiz_schema(), "vignette.schema.json": vignette_schema(),
            "transcript.schema.json": transcript_schema()}


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def check(root: Path, paths: list[Path], timeout: float | None) -> int:
    from .checks import CHECKS
    from .checks.report import run_checks

    try:
        project = load_project(root, timeout=timeout)
        if paths:
            project.selection = select(project, paths)
    except ConfigError as error:
        for problem in error.problems:
            print(f"  {problem}")
        print(f"check: FAILED, {len(error.problems)} problem(s) before any check ran")
        return 1
    return run_checks(CHECKS, project)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pyodide_quiz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="check quizzes, vignettes, transcripts and exercises")
    checking.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="files or folders to check (default: the project's content folders)")
    checking.add_argument("--root", type=Path, default=Path.cwd(),
                          help="the project's root, with its pyproject.toml (default: the current folder)")
    checking.add_argument("--timeout", type=float, help="seconds allowed per Python run (default 5)")
    schema = commands.add_parser("schema", help="write schema.json, vignette.schema.json and transcript.schema.json")
    schema.add_argument("--out", type=Path, help="folder to write to (default: the project's quizzes folder)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root, args.paths, args.timeout)
    for path in write_schemas(args.out or load_project(Path.cwd()).folder("quizzes")):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
