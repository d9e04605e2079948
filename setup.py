"""Building a wheel of the engine also writes its minified runtime into it (pyodide_quiz/minified/), so that a
site which installs the engine needs no Node.js. Everything else about the package is in pyproject.toml.

esbuild comes from $PYODIDE_QUIZ_ESBUILD, else node_modules/.bin/esbuild beside this file (`npm ci` installs it).
An editable install (`pip install -e .`) skips this: a checkout's site build minifies the runtime itself.
"""
import importlib.util
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _minify_module():
    # By its file: importing the package would need its dependencies, which a build environment may not have.
    spec = importlib.util.spec_from_file_location("pyodide_quiz_minify", HERE / "pyodide_quiz" / "minify.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithRuntime(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        minify = _minify_module()
        esbuild = Path(os.environ.get("PYODIDE_QUIZ_ESBUILD") or HERE / "node_modules" / ".bin" / "esbuild")
        out = Path(self.build_lib) / "pyodide_quiz" / minify.PREBUILT.name
        try:
            warnings = minify.build_runtime(esbuild, out, HERE / "pyodide_quiz" / "static", copy=True)
        except minify.MinifyError as error:
            raise SystemExit(f"pyodide_quiz: {error}") from None
        for warning in warnings:
            self.warn(f"esbuild: {warning['file']}:{warning['line']}: {warning['text']}")


setup(cmdclass={"build_py": BuildPyWithRuntime})
