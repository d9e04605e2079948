"""Command line: `python -m pyodide_quiz schema [--out DIR]`.

`schema` writes the JSON Schemas that editors use to complete and check content files (the files name them in
their `# yaml-language-server: $schema=...` line): quizzes/schema.json, quizzes/transcript.schema.json, and
quizzes/vignette.schema.json when the vignette model is present. The text is stable (sorted keys, indent 2), so a test can compare the
checked-in files with the model.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "quizzes"


def schema_text(schema: dict) -> str:
    """The published text of a schema: sorted keys, indent 2, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schemas() -> dict[str, dict]:
    """File name -> schema, for every schema the engine publishes."""
    from .model import quiz_schema

    found = {"schema.json": quiz_schema()}
    try:
        from .model.vignette import vignette_schema
    except ImportError:  # the vignette model is optional: publish the quiz schema alone
        vignette_schema = None
    if vignette_schema is not None:
        found["vignette.schema.json"] = vignette_schema()
    from .model.transcript import transcript_schema

    found["transcript.schema.json"] = transcript_schema()
    return found


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pyodide_quiz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    schema = commands.add_parser("schema", help="write quizzes/schema.json, vignette.schema.json and transcript.schema.json")
    schema.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder to write to (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
