"""Pytest wiring for the exercises.

Each exercise lives in ``exercises/<slug>/`` and its tests say ``from student import ...``.
In the browser, ``student`` is the code in the editor. Under pytest it is the exercise's
``solution.py``; set the environment variable ``EXERCISE_STUDENT_FILE=starter.py`` to test the
starters instead (they are expected to fail at least one test).

Two things happen for every test module found in an exercise folder:

1. Before the module is imported, that folder's student file is loaded as the module ``student``
   (``sys.modules["student"]``), with the exercise folder as the working directory, so that module-level
   code may open data files by their bare names.
2. While each test runs, ``sys.modules["student"]`` points at that folder's student module and the
   working directory is the exercise folder (an autouse fixture; both are restored afterwards).
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

EXERCISES_DIR = Path(__file__).resolve().parent
STUDENT_FILE = os.environ.get("EXERCISE_STUDENT_FILE", "solution.py")

_loaded = {}  # exercise folder (Path) -> its student module


def _exercise_folder(path):
    """Return the exercise folder that contains ``path``, or None if it is not in one."""
    path = Path(path).resolve()
    folder = path if path.is_dir() else path.parent
    if folder.parent == EXERCISES_DIR:
        return folder
    return None


def _student_module(folder):
    """Load (once) and return the student module of an exercise folder."""
    if folder not in _loaded:
        source = folder / STUDENT_FILE
        spec = importlib.util.spec_from_file_location("student", source)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {source}")
        module = importlib.util.module_from_spec(spec)
        previous_cwd = os.getcwd()
        sys.modules["student"] = module
        os.chdir(folder)
        try:
            spec.loader.exec_module(module)
        finally:
            os.chdir(previous_cwd)
        _loaded[folder] = module
    return _loaded[folder]


class ExerciseModule(pytest.Module):
    """A test module that imports with its exercise's ``student`` module in place."""

    def _getobj(self):
        folder = self.path.parent
        previous_cwd = os.getcwd()
        sys.modules["student"] = _student_module(folder)
        os.chdir(folder)
        try:
            return super()._getobj()
        finally:
            os.chdir(previous_cwd)


def pytest_pycollect_makemodule(module_path, parent):
    """Collect test files in exercise folders with ExerciseModule; leave all others alone."""
    if _exercise_folder(module_path) is None:
        return None
    return ExerciseModule.from_parent(parent, path=module_path)


@pytest.fixture(autouse=True)
def _exercise_context(request, monkeypatch):
    """Run each exercise test inside its folder, with its own ``student`` module."""
    folder = _exercise_folder(request.path)
    if folder is None:
        return
    monkeypatch.setitem(sys.modules, "student", _student_module(folder))
    monkeypatch.chdir(folder)
