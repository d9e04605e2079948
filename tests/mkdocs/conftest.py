"""The mkdocs-material example (examples/mkdocs-material), built once per session with `mkdocs build --strict`
and served from 127.0.0.1 on the port its `site_url` names (instant navigation engages only there)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, refuse_to_build, serve

EXAMPLE = ROOT / "examples" / "mkdocs-material"
# A quiz file whose line 11 is wrong (`correct` must be true or false).
BROKEN_QUIZ = """\
title: Broken
questions:
  - id: q1
    type: single
    prompt: Which?
    options:
      - text: A
        correct: true
        feedback: Right.
      - text: B
        correct: maybe
        feedback: No.
    explanation: Because.
"""


def mkdocs_build(config: Path, out: Path, site_url: str = "http://127.0.0.1:8000/") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into `out`: the finished process (output in stdout/stderr)."""
    refuse_to_build(f"the MkDocs site {config}")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=config.parent,
                          env=dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1"))


@pytest.fixture(scope="session")
def mkdocs_example(tmp_path_factory):
    """(base URL, the build's CompletedProcess, the site folder): the example built and served."""
    out = tmp_path_factory.mktemp("mkdocs-example") / "site"
    out.mkdir()
    with serve(out) as url:
        done = mkdocs_build(EXAMPLE / "mkdocs.yml", out, f"{url}/")
        yield url, done, out


@pytest.fixture(scope="session")
def mkdocs_site(mkdocs_example) -> str:
    url, done, _ = mkdocs_example
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return url
