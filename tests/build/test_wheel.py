"""A wheel of the engine is enough for a Sphinx site: it carries the runtime already minified (built by setup.py
with esbuild), so a site that installs it builds with no Node.js and no esbuild.

The wheel is built offline from a copy of the engine's files, installed into a new, empty venv, and a tiny book
is built there with esbuild pointing nowhere. The venv sees Sphinx, MyST and the engine's other dependencies
through a .pth line to this checkout's environment (installing them from a registry would need the network);
the engine itself can only come from the wheel: the venv's own site-packages comes first, and the checkout is
not on the path.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pyodide_quiz import minify
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
QUIZ = """title: A quiz from the wheel
questions:
  - id: pick-bond
    type: single
    prompt: Which part of the alliance is about trust?
    options:
      - {text: The goals, correct: false, feedback: Goals are what therapy aims at.}
      - {text: The bond, correct: true, feedback: Yes.}
    explanation: The bond is the affective part of the alliance.
"""


def run(*command, **options) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The engine's wheel, built offline from a copy of the files pyproject.toml and setup.py name."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT / "pyodide_quiz", source / "pyodide_quiz", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py", "quizzes/README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    env = dict(os.environ, PYODIDE_QUIZ_ESBUILD=str(ESBUILD))
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", work / "dist", source, env=env, cwd=work)
    [built] = (work / "dist").glob("pyodide_quiz-*.whl")
    return built


def test_the_wheel_carries_the_minified_runtime(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    static = wheel.parent.parent / "source" / "pyodide_quiz" / "static"  # the copy the wheel was built from
    sources = [p.relative_to(static).as_posix() for p in static.rglob("*") if p.suffix in (".js", ".css")]
    assert len(sources) >= 10
    for relative in sources:
        assert f"pyodide_quiz/static/{relative}" in names
        assert {f"pyodide_quiz/minified/{relative}", f"pyodide_quiz/minified/{relative}.map"} <= names, relative
    stamp = json.loads(zipfile.ZipFile(wheel).read("pyodide_quiz/minified/.esbuild.json"))
    assert stamp["sources"] == minify.sources_digest(static), "the wheel's runtime was not made from its sources"
    assert "pyodide_quiz/graders/python.py" in names and "pyodide_quiz/model/quiz.py" in names
    assert not any(name.startswith(("tests/", "scripts/", "course_site/")) for name in names)


def test_a_site_builds_with_the_wheel_alone(wheel, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel)
    own = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (own / "checkout-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    src = tmp_path / "site"
    src.mkdir()
    conf = write_sample_conf(src, exclude=("quizzes",))
    # No esbuild: the runtime must come from the wheel. The build notes where the engine was imported from.
    conf.write_text(conf.read_text(encoding="utf-8").replace(str(ESBUILD), str(tmp_path / "no" / "esbuild"))
                    + "pyodide_quiz_progress_file = 'wheel-course-progress'\n"
                    + "import pyodide_quiz, pathlib\n"
                    + "pathlib.Path('engine.txt').write_text(pyodide_quiz.__file__)\n", encoding="utf-8")
    (src / "quizzes").mkdir()
    (src / "quizzes" / "check.yml").write_text(QUIZ, encoding="utf-8")
    (src / "index.md").write_text("# From the wheel\n\n```{quiz} quizzes/check.yml\n```\n\n"
                                  "## Progress\n\n```{progress-summary}\n```\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = run(python, "-m", "sphinx", "-W", "-q", "-b", "html", src, src / "_build" / "html", cwd=src, env=env)
    assert done.stderr.strip() == ""

    engine = Path((src / "engine.txt").read_text(encoding="utf-8"))
    assert engine.is_relative_to(own), f"the engine came from {engine}, not the wheel"
    static = src / "_build" / "html" / "_static"
    installed = own / "pyodide_quiz" / "minified"
    for name in ("pq/loader.js", "pq/quiz.js", "pq/quiz.css", "pq/types/single.js"):
        assert (static / name).read_bytes() == (installed / name).read_bytes(), name
        assert (static / f"{name}.map").is_file(), name
    page = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="pq-quiz' in page and "Which part of the alliance is about trust?" in page
    # "Export my results" names its file as the site says (the engine knows no course's name).
    assert '{"file":"wheel-course-progress",' in page
