"""Where content files live, how directives find them, and how their problems reach the Sphinx log."""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger("pyodide_quiz")


def content_path(directive, argument: str) -> tuple[Path, str]:
    """The file an argument names (relative to the project root, the folder of conf/_config), and its display name."""
    root = Path(directive.env.srcdir)
    relative = argument.strip()
    return root / relative, relative


def report(directive, problems, subtype: str) -> None:
    """Log each problem as a warning at the directive, so `-W` fails the build and names the YAML line too."""
    for problem in problems:
        logger.warning(str(problem), location=directive.get_location(), type="pyodide_quiz", subtype=subtype)


def html_id(*parts: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")


def unique_prefix(env, base: str) -> str:
    """A prefix unique on the page: the same quiz shown twice gets -2, -3, ... (still deterministic)."""
    used = env.temp_data.setdefault("pq_prefixes", set())
    prefix, count = base, 1
    while prefix in used:
        count += 1
        prefix = f"{base}-{count}"
    used.add(prefix)
    return prefix
