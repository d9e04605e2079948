"""Vignette files: the schema and the story graph (every node reachable, every path ends, meters in range)."""
from __future__ import annotations

from pathlib import Path

from ..model import ContentError, Problem
from ..model.vignette import load_vignette

TITLE = "vignettes"
KIND = "vignettes"


def check_file(project, path: Path) -> list[Problem]:
    try:
        load_vignette(path, project.rel(path))
    except ContentError as error:
        return error.problems
    return []


def run(project) -> list[Problem]:
    return [problem for path in project.paths(KIND)
            for problem in check_file(project, path)]
