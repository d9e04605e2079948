"""What every front end puts beside its pages for the Python worker: a self-hosted Pyodide and the graders, with
the manifest the worker reads first. The front ends only decide where the files go (Sphinx: staged static folders,
pyodide_quiz/sphinx/assets.py; MkDocs: copied into the built site, pyodide_quiz/mkdocs/assets.py)."""
from __future__ import annotations

from pathlib import Path

GRADERS = Path(__file__).resolve().parent / "graders"
# The files a stdlib-only Pyodide needs; the npm package also ships a Node build and type files we skip.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def missing_pyodide_files(pyodide_dir: Path) -> list[str]:
    """The names of PYODIDE_FILES not in `pyodide_dir` (all of them when it does not exist)."""
    return [name for name in PYODIDE_FILES if not (pyodide_dir / name).is_file()]


def grader_files() -> list[Path]:
    """The graders the worker loads into Pyodide's file system, in a stable order."""
    return sorted(GRADERS.glob("*.py"))


def grader_manifest(pyodide_dir: Path, graders: list[Path], runtime: str | None = None) -> dict:
    """What the worker reads first: the grader files to load, the bytes Pyodide fetches on a first start (its
    module scripts are imported, not fetched) for its progress bar, and each fetched file's size, so the worker can
    tell a file cut off on its way (a damaged download) by name. `runtime`: the runtime version the pages name, when
    the front end has one (the worker then refuses graders from another build)."""
    sizes = {name: (pyodide_dir / name).stat().st_size for name in PYODIDE_FILES if not name.endswith(".mjs")}
    manifest = {"files": [g.name for g in graders], "download_bytes": sum(sizes.values()), "pyodide_sizes": sizes}
    if runtime is not None:
        manifest["runtime"] = runtime
    return manifest
