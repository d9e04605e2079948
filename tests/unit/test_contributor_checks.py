"""`scripts/check --fast` on a copy of the tiny book: an unknown citation key fails, at its line, in a page and in a
quiz's `cite:` list; a published question id that was renamed or removed fails, at the quiz file, until the change
is accepted on purpose with `scripts/check --accept-ids`; a new id passes.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tinybook import copy_tiny
from tests.unit.test_check_quizzes import CHECK, assert_fails_with, edit, line_of, run_check


@pytest.fixture
def book(tmp_path) -> Path:
    return copy_tiny(tmp_path / "tiny")


def known_key(book: Path) -> str:
    return re.search(r"^@\w+\{([^,]+),", (book / "references.bib").read_text(encoding="utf-8"), re.M).group(1)


def test_an_unknown_citation_key_in_a_page_fails_at_its_line(book):
    page = book / "book" / "page2.md"
    edit(page, "A page without objectives.", "A page without objectives {cite:p}`bordin1979generalisability`.")
    done = run_check(book)
    found = assert_fails_with(done, f"book/page2.md:{line_of(page, 'generalisability')}: unknown citation key")
    assert any("did you mean 'bordin1979generalizability'" in line for line in found), done.stdout


def test_an_unknown_key_in_a_quiz_cite_list_fails(book):
    quiz = book / "quizzes" / "sample.yml"
    edit(quiz, "    explanation: The bond is the affective part of the alliance.\n",
         f"    explanation: The bond is the affective part of the alliance.\n    cite: [{known_key(book)}, nobody2031]\n")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(quiz, 'nobody2031')}: unknown citation key 'nobody2031'")


def test_known_keys_pass(book):
    page = book / "book" / "page2.md"
    edit(page, "A page without objectives.", f"A page without objectives {{cite:t}}`{known_key(book)}`.")
    done = run_check(book)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"citation keys \.\.\.\n\s+ok \([\d.]+ s; [1-9]\d* citations", done.stdout), done.stdout


def accept(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), "--accept-ids", "--root", str(book)], capture_output=True,
                          text=True, timeout=120)


def test_a_renamed_published_question_id_fails_until_accepted(book):
    listing = book / "quizzes" / "published-ids.txt"
    done = accept(book)
    assert done.returncode == 0 and listing.is_file(), done.stdout + done.stderr
    assert "quiz:sample/pick-bond" in listing.read_text(encoding="utf-8")
    assert run_check(book).returncode == 0

    quiz = book / "quizzes" / "sample.yml"
    edit(quiz, "  - id: pick-bond\n", "  - id: choose-bond\n")
    done = run_check(book)
    found = assert_fails_with(done, "quizzes/sample.yml:1: published question id 'pick-bond' of quiz 'sample' is gone")
    assert any("--accept-ids" in line for line in found), done.stdout

    done = accept(book)
    assert "removed: quiz:sample/pick-bond" in done.stdout and "added: quiz:sample/choose-bond" in done.stdout
    assert run_check(book).returncode == 0


def test_a_new_question_passes_and_is_counted(book):
    assert accept(book).returncode == 0
    quiz = book / "quizzes" / "sample.yml"
    text = quiz.read_text(encoding="utf-8")
    first = text[text.index("  - id: pick-bond"):text.index("  - id: tick-agreements")]
    quiz.write_text(text + first.replace("pick-bond", "pick-bond-again").replace(
        "    level: remember\n", "    level: remember\n    allow: [near-duplicate]\n    reason: A copy for this test.\n", 1),
        encoding="utf-8")
    done = run_check(book)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 new, not yet in quizzes/published-ids.txt" in done.stdout


def test_without_a_list_nothing_is_checked(book):
    done = run_check(book)
    assert done.returncode == 0, done.stdout
    assert "no quizzes/published-ids.txt" in done.stdout
