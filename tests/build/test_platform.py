"""The publishing platform: `scripts/check` (what `make check` and CI run) stops a broken site, naming the
source file and line, and the GitHub Actions workflows are valid.

Each case breaks a fresh copy of tests/books/platform (two pages, no quizzes, no exercises) in one way and runs
the full check on it: the build with warnings as errors, the links and anchors of the built site, and its assets.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PLATFORM = ROOT / "tests" / "books" / "platform"
CHECK = ROOT / "scripts" / "check"
PAGE = "book/second.md"

# Each case appends one paragraph to book/second.md; the check must point at that paragraph's line.
BROKEN = {
    "link to a missing page": "See [a page that does not exist](missing.md).",
    "link to a missing anchor": "See [a section that does not exist](intro.md#no-such-section).",
    "HTML link to a missing page": '<p>See <a href="missing.html">a page that does not exist</a>.</p>',
    "HTML link to a missing anchor":
        '<p>See <a href="intro.html#no-such-section">a section that does not exist</a>.</p>',
    "image from another host": "![A picture kept elsewhere](https://example.org/picture.png)",
    "HTML image from another host": '<img src="https://example.org/picture.png" alt="A picture kept elsewhere">',
}


def copy_book(tmp_path: Path) -> Path:
    book = tmp_path / "book-copy"
    shutil.copytree(PLATFORM, book, ignore=shutil.ignore_patterns("_build"))
    return book


def run_check(book: Path, github: bool = False) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        environment["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, str(CHECK), "--root", str(book)], capture_output=True, text=True,
                          env=environment, cwd=ROOT, timeout=300)


def test_the_clean_sample_book_passes(tmp_path):
    done = run_check(copy_book(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "check: passed" in done.stdout
    assert (tmp_path / "book-copy" / "_build" / "html" / "book" / "second.html").is_file()


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_check_fails_naming_file_and_line(tmp_path, case):
    book = copy_book(tmp_path)
    page = book / PAGE
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + BROKEN[case] + "\n"
    page.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    done = run_check(book, github=True)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "check: FAILED" in done.stdout, output
    assert f"{PAGE}:{line}:" in done.stdout, f"{case}: expected a problem at {PAGE}:{line}:\n{output}"
    assert f"::error file={PAGE},line={line}::" in done.stdout, f"{case}: no GitHub annotation\n{output}"


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def validate_workflows(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / ".venv" / "bin" / "check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", *map(str, files)], capture_output=True, text=True, timeout=120)


def test_the_workflows_are_valid():
    assert {w.name for w in WORKFLOWS} >= {"tests.yml", "deploy.yml"}
    done = validate_workflows(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_validator_rejects_a_broken_workflow(tmp_path):
    """The validator really reads the schema (offline, from the package): a misspelt key fails."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    runs_on: ubuntu-latest\n    steps:\n      - run: make test\n")
    done = validate_workflows(broken)
    assert done.returncode != 0, done.stdout + done.stderr


def test_find_chromium_uses_the_chromium_it_is_given_or_stops(tmp_path):
    given = subprocess.run([str(ROOT / "scripts" / "find-chromium")], capture_output=True, text=True,
                           env={**os.environ, "CHROMIUM": "/bin/true"})
    assert (given.returncode, given.stdout.strip()) == (0, "/bin/true")
    missing = subprocess.run([str(ROOT / "scripts" / "find-chromium")], capture_output=True, text=True,
                             env={**os.environ, "CHROMIUM": str(tmp_path / "no-such-chrome")})
    assert missing.returncode == 1 and "no-such-chrome is not an executable" in missing.stderr


def test_the_workflows_run_the_projects_commands():
    import yaml

    tests = yaml.safe_load((ROOT / ".github/workflows/tests.yml").read_text())
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    # PyYAML reads the key `on` as True.
    assert set(tests[True]) == {"pull_request", "push"} and tests[True]["push"]["branches"] == ["main"]
    steps = [s for job in tests["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert {"actions/checkout", "actions/setup-python", "actions/setup-node"} <= set(uses)
    assert "make test" in runs and "make bench" in runs
    # Ubuntu's chromium is a snap Playwright cannot drive: Chrome for Testing, its path given to the tests.
    assert "apt-get install -y chromium" not in runs
    chrome = next(s for s in steps if s.get("uses", "").startswith("browser-actions/setup-chrome@"))
    for step in steps:
        if "make test" in step.get("run", "") or "make bench" in step.get("run", ""):
            assert step["env"]["CHROMIUM"] == f"${{{{ steps.{chrome['id']}.outputs.chrome-path }}}}"
    # The venv and node_modules are cached, keyed on their lock files, and the bench figures are uploaded.
    caches = {s["with"]["path"]: s["with"]["key"] for s in steps if s.get("uses", "").startswith("actions/cache@")}
    assert "requirements/requirements.txt" in caches[".venv"] and "package-lock.json" in caches["node_modules"]
    bench = next(s for s in steps if s.get("with", {}).get("name") == "bench")
    assert bench["uses"].startswith("actions/upload-artifact@") and "bench-results.json" in bench["with"]["path"]
    assert deploy[True]["push"]["branches"] == ["main"]
    assert {"pages": "write", "id-token": "write"}.items() <= deploy["permissions"].items()
    steps = [s for job in deploy["jobs"].values() for s in job["steps"]]
    assert "make check" in "\n".join(s.get("run", "") for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
