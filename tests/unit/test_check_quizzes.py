"""`scripts/check --fast` on a copy of the tiny book: each kind of quiz problem fails the check with
`path:line:` naming the file and the question or objective, and GitHub Actions gets an `::error` line.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tinybook import ROOT, copy_tiny

CHECK = ROOT / "scripts" / "check"
TIMEOUT = 2  # seconds per Python run, passed as --timeout


def run_check(book: Path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env)
    return subprocess.run([sys.executable, str(CHECK), "--fast", "--root", str(book), "--timeout", str(TIMEOUT)],
                          capture_output=True, text=True, env=environment, timeout=120)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the one line of `path` that contains `needle`."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits} of {path}"
    return hits[0]


def problem_lines(done: subprocess.CompletedProcess) -> list[str]:
    """The problems as printed: indented `path:line: ...` lines."""
    return [line.strip() for line in done.stdout.splitlines() if line.startswith("  ") and ":" in line]


def assert_fails_with(done: subprocess.CompletedProcess, *prefixes: str) -> list[str]:
    found = problem_lines(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "check: FAILED" in done.stdout, done.stdout
    for prefix in prefixes:
        assert any(p.startswith(prefix) for p in found), f"no problem starts with {prefix!r}:\n{done.stdout}"
    return found


def write_spare_copy(book: Path, sample: Path) -> Path:
    """quizzes/spare.yml: the sample quiz again, its questions allowed to repeat the sample's prompts."""
    text = sample.read_text(encoding="utf-8").replace(
        "    level: remember\n", "    level: remember\n    allow: [near-duplicate]\n    reason: A copy for this test.\n")
    spare = book / "quizzes" / "spare.yml"
    spare.write_text(text, encoding="utf-8")
    return spare


@pytest.fixture
def book(tmp_path) -> Path:
    return copy_tiny(tmp_path / "tiny")


@pytest.fixture
def sample(book) -> Path:
    return book / "quizzes" / "sample.yml"


def test_the_tiny_book_passes(book):
    done = run_check(book)
    assert done.returncode == 0, done.stdout + done.stderr
    content = len(re.findall(r"^\[\d+/\d+\] ", done.stdout, re.MULTILINE))  # every content check, whatever their number
    assert content >= 5 and f"check: passed, {content}/{content} checks ok" in done.stdout
    assert problem_lines(done) == []


def test_answer_key_that_disagrees_with_compute(book, sample):
    edit(sample, "    answer: 3\n", "    answer: 4\n")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, 'answer: 4')}: question 'count-parts': "
                            "answer is 4 but 'compute' gives 3")
    assert re.search(r"check: FAILED, 1 problem\(s\); 1/\d+ checks failed", done.stdout), done.stdout


def test_answer_key_with_two_right_options_in_a_single_question(book, sample):
    edit(sample, "{text: The tasks, correct: false,", "{text: The tasks, correct: true,")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, 'text: The goals')}: question 'pick-bond': "
                            "a 'single' question needs exactly one option with correct: true, it has 2")


def test_answer_key_the_grader_disagrees_with(book, sample):
    """An accepted answer whose upper-case form normalises to something else ("STRASSE" is not "straße")."""
    edit(sample, "    accept: [bond]\n    feedback:\n      - {answer: goals,",
         "    accept: [straße]\n    feedback:\n      - {answer: goals,")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, '- id: name-bond')}: question 'name-bond': "
                            "the grader says 'incorrect' for the answer '  STRASSE. ', the key implies 'correct'")


def test_python_solution_that_fails(book, sample):
    edit(sample, "          return sum(ratings)\n", "          return sum(ratings) - 1\n")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, '- id: srs-total')}: question 'srs-total': "
                            "the solution does not pass the tests (test_sum: 9 + 9 + 8 + 10 should be 36)")


def test_python_solution_with_a_syntax_error(book, sample):
    edit(sample, "          return sum(ratings)\n", "          return sum(ratings\n")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, '- id: srs-total')}: question 'srs-total': "
                            "the solution does not pass the tests (SyntaxError on line 2")


def test_python_starter_that_passes(book, sample):
    edit(sample, "          return 0\n", "          return sum(ratings)\n")
    done = run_check(book)
    found = assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, '- id: srs-total')}: "
                                    "question 'srs-total': the starter already passes every test")
    assert len(found) == 1, found


def test_python_solution_that_never_ends_is_a_timeout(book, sample):
    edit(sample, "          return sum(ratings)\n", "          while True:\n              pass\n")
    started = time.monotonic()
    done = run_check(book)
    elapsed = time.monotonic() - started
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, '- id: srs-total')}: question 'srs-total': "
                            f"the solution did not finish within {TIMEOUT} s")
    assert elapsed < TIMEOUT + 15, f"the check took {elapsed:.1f} s"


def test_unused_quiz_file(book, sample):
    write_spare_copy(book, sample)
    done = run_check(book)
    found = assert_fails_with(done, "quizzes/spare.yml:1: this quiz is not used by any page in _toc.yml")
    assert len(found) == 1, found


def test_quiz_directive_naming_a_missing_file(book):
    page = book / "book" / "page2.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```{quiz} quizzes/missing.yml\n```\n", encoding="utf-8")
    done = run_check(book)
    assert_fails_with(done, f"book/page2.md:{line_of(page, 'quizzes/missing.yml')}: quiz file 'quizzes/missing.yml' "
                            "does not exist")


def test_objective_not_assessed(book):
    intro = book / "book" / "intro.md"
    edit(intro, "    section: tiny-history\n", "    section: tiny-history\nspot-ruptures: Spot a rupture.\n"
                                                "    section: tiny-parts\n")
    done = run_check(book)
    found = assert_fails_with(done, f"book/intro.md:{line_of(intro, 'spot-ruptures:')}: objective 'spot-ruptures' "
                                    "is not assessed by any question in quizzes/sample.yml")
    assert len(found) == 1, found


def test_objective_without_a_section(book):
    """Each objective names the section that teaches it: wrong answers and the progress page link there."""
    intro = book / "book" / "intro.md"
    edit(intro, "order-history: Put the history of the idea in order.\n    section: tiny-history\n",
         "order-history: Put the history of the idea in order.\n")
    done = run_check(book)
    found = assert_fails_with(done, f"book/intro.md:{line_of(intro, 'order-history:')}: objective 'order-history' "
                                    "names no section that teaches it (add an indented line under it")
    assert len(found) == 1, found


def test_objective_naming_a_section_no_page_labels(book):
    intro = book / "book" / "intro.md"
    edit(intro, "    section: tiny-history\n", "    section: tiny-histroy\n")
    done = run_check(book)
    found = assert_fails_with(done, f"book/intro.md:{line_of(intro, 'section: tiny-histroy')}: objective "
                                    "'order-history' names section 'tiny-histroy', which no page labels")
    assert len(found) == 1, found


def test_question_naming_an_unknown_objective(book, sample):
    edit(sample, "    objective: order-history\n", "    objective: order-histroy\n")
    done = run_check(book)
    assert_fails_with(
        done,
        f"quizzes/sample.yml:{line_of(sample, '- id: history-order')}: question 'history-order': "
        "names unknown objective 'order-histroy'",
        # ... and the objective it meant is now not assessed
        f"book/intro.md:{line_of(book / 'book' / 'intro.md', 'order-history:')}: objective 'order-history' "
        "is not assessed",
    )


def test_schema_problem_is_reported_through_the_check(book, sample):
    edit(sample, "    type: order\n", "    type: ordr\n")
    done = run_check(book)
    assert_fails_with(done, f"quizzes/sample.yml:{line_of(sample, 'type: ordr')}: question 'history-order': "
                            "unknown question type 'ordr' (did you mean 'order'?)")


def test_every_problem_is_reported_with_a_summary(book, sample):
    """Problems of different files and different checks all appear in one run, then the summary counts them."""
    edit(sample, "          return 0\n", "          return sum(ratings)\n")
    spare = write_spare_copy(book, sample)
    intro = book / "book" / "intro.md"
    edit(intro, "    section: tiny-history\n", "    section: tiny-history\nspot-ruptures: Spot a rupture.\n"
                                                "    section: tiny-parts\n")
    done = run_check(book)
    starter = "question 'srs-total': the starter already passes every test"
    found = assert_fails_with(
        done,
        f"quizzes/sample.yml:{line_of(sample, '- id: srs-total')}: {starter}",
        f"quizzes/spare.yml:{line_of(spare, '- id: srs-total')}: {starter}",
        "quizzes/spare.yml:1: this quiz is not used by any page in _toc.yml",
        f"book/intro.md:{line_of(intro, 'spot-ruptures:')}: objective 'spot-ruptures' is not assessed",
    )
    assert len(found) == 4, found
    # The starters (engine's quiz check), the unused file (pages) and the objective (objectives): three checks.
    assert re.search(r"check: FAILED, 4 problem\(s\); 3/\d+ checks failed", done.stdout), done.stdout


def test_github_actions_annotations(book, sample):
    edit(sample, "    objective: order-history\n", "    objective: order-histroy\n")
    done = run_check(book, GITHUB_ACTIONS="true")
    line = line_of(sample, "- id: history-order")
    assert (f"::error file=quizzes/sample.yml,line={line}::question 'history-order': names unknown objective "
            "'order-histroy'") in done.stdout, done.stdout
    intro_line = line_of(book / "book" / "intro.md", "order-history:")
    assert f"::error file=book/intro.md,line={intro_line}::objective 'order-history' is not assessed" in done.stdout
    assert done.returncode == 1


def test_no_annotations_outside_github_actions(book, sample):
    edit(sample, "    objective: order-history\n", "    objective: order-histroy\n")
    done = run_check(book)
    assert done.returncode == 1
    assert "::error" not in done.stdout
