"""The quiz as a student uses it: keyboard only, hints, retry, show answer, saved answers, the progress page,
Python questions (pass, fail, syntax error, a loop that never ends), markup that must stay text, and axe.

Chapter and welcome-page tests use the built course site (`site`); Python questions and the markup test use
the tiny book (tests/books/tiny plus the README's examples), whose quizzes the tests control. The answers
come from the quiz files through the model, never from the page.
"""
from __future__ import annotations

import json

import pytest

from pyodide_quiz.model import load_quiz
from tests.conftest import ROOT, evaluate_axe

STORE_KEY = "pyodide-quiz:progress"
CHAPTER = "book/01-what-is-the-alliance.html"
CHAPTER_QUIZ = "01-what-is-the-alliance"
WELCOME = "book/intro.html"
WELCOME_QUIZ = "00-welcome"
PYTHON_TIMEOUT = 5  # the README's default `timeout`, which the tiny book's python questions keep


def quiz_file(name: str, root=ROOT):
    return load_quiz(root / "quizzes" / f"{name}.yml", f"quizzes/{name}.yml")


def section_of(quiz: str, question: str) -> str:
    return f"div.pq-quiz[data-quiz='{quiz}'] section.pq-question[data-question-id='{question}']"


def open_quiz_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => document.querySelectorAll('.pq-quiz').length > 0 && "
                           "document.querySelectorAll('.pq-quiz:not(.pq-ready)').length === 0")


def verdict(page, section: str):
    return page.get_attribute(section, "data-verdict")


def saved(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{STORE_KEY}') || 'null'") or "null") or {}


def assert_clean(page) -> None:
    """No console error, no uncaught exception, no request to another host, no HTTP error response.

    (A request that a reload cut short is also recorded as failed, without a status; that is no fault.)
    """
    assert page.watched.console_errors == []
    assert page.watched.outside_requests == []
    assert [r for r in page.watched.failed_requests if r[:3].isdigit()] == []


def tab_to(page, selector: str, backwards: bool = False, limit: int = 600) -> int:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`; returns the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def focused(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector)


def shown_order(page, section: str) -> list[int]:
    """The order items' indices as the page shows them."""
    return page.evaluate(
        "(s) => [...document.querySelectorAll(`${s} .pq-order-item`)].map((li) => Number(li.dataset.index))", section)


def checked(page, section: str) -> list[int]:
    """The values of the question's ticked options."""
    return page.evaluate("(s) => [...document.querySelectorAll(`${s} input:checked`)].map((i) => Number(i.value))",
                         section)


def right_options(question) -> list[int]:
    return [i for i, option in enumerate(question.data["options"]) if option["correct"]]


# --- keyboard only ---------------------------------------------------------------------------------------


def test_keyboard_only_answers_every_type(page, site):
    """Tab, arrow keys, Space and Enter answer single, multiple, numeric, text and order: no mouse at all."""
    quiz = quiz_file(CHAPTER_QUIZ)
    firsts = {}
    for question in quiz.questions:
        firsts.setdefault(question.type, question)
    assert {"single", "multiple", "numeric", "text", "order"} <= set(firsts)
    open_quiz_page(page, f"{site}/{CHAPTER}")
    answered = 0
    for question in quiz.questions:  # in page order, so Tab only ever moves forward
        if firsts.get(question.type) is not question:
            continue
        section = section_of(CHAPTER_QUIZ, question.id)
        if question.type == "single":
            tab_to(page, f"{section} input[type=radio]")
            right = right_options(question)[0]
            shown_at = question.option_order().index(right)  # options are shown in their derived order
            for _ in range(shown_at):
                page.keyboard.press("ArrowDown")  # moves to the next option and selects it
            if shown_at == 0:
                page.keyboard.press("Space")
            assert checked(page, section) == [right]
            tab_to(page, f"{section} .pq-check")
            page.keyboard.press("Enter")
        elif question.type == "multiple":
            order = question.option_order()
            tab_to(page, f"{section} li.pq-option[data-index='{order[0]}'] input")
            right = right_options(question)
            for index in order:
                assert focused(page, f"{section} li.pq-option[data-index='{index}'] input")
                if index in right:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
            tab_to(page, f"{section} .pq-check")
            page.keyboard.press("Space")
        elif question.type in ("numeric", "text"):
            tab_to(page, f"{section} input.pq-input")
            if question.type == "numeric":
                typed = question.sample_answers()[0][0]  # the key's own answer, as the model writes it
            else:
                typed = question.data["accept"][0]
            page.keyboard.type(typed)
            page.keyboard.press("Enter")  # Enter in the box checks the answer
        elif question.type == "order":
            count = len(question.data["items"])
            for position in range(count):
                item = f"{section} .pq-order-item[data-index='{position}']"
                tab_to(page, item)
                shown = shown_order(page, section)
                for _ in range(shown.index(position) - position):
                    page.keyboard.press("Alt+ArrowUp")
                assert focused(page, item), "the moved item keeps the focus"
            tab_to(page, f"{section} .pq-check")
            page.keyboard.press("Enter")
        assert verdict(page, section) == "correct", (question.id, page.inner_text(f"{section} .pq-status"))
        answered += 1
        # The result is announced in the live region, the inputs are locked and Try again is reachable.
        assert "Correct" in page.inner_text(f"{section} .pq-status")
        tab_to(page, f"{section} .pq-retry")
        if question.type == "single":  # Enter on Try again clears and puts the focus back on the options
            page.keyboard.press("Enter")
            assert verdict(page, section) is None
            assert focused(page, f"{section} input[type=radio]")
            shown_at = question.option_order().index(right_options(question)[0])
            for _ in range(shown_at):
                page.keyboard.press("ArrowDown")
            if shown_at == 0:
                page.keyboard.press("Space")
            tab_to(page, f"{section} .pq-check")
            page.keyboard.press("Enter")
            assert verdict(page, section) == "correct"
    total = len(quiz.questions)
    assert page.inner_text(f"div.pq-quiz[data-quiz='{CHAPTER_QUIZ}'] .pq-score") == (
        f"Score: {answered} of {total} right ({total - answered} not answered yet).")
    assert_clean(page)


def test_order_buttons_and_keys_announce_the_move(page, site):
    quiz = quiz_file(CHAPTER_QUIZ)
    question = next(q for q in quiz.questions if q.type == "order")
    section = section_of(CHAPTER_QUIZ, question.id)
    open_quiz_page(page, f"{site}/{CHAPTER}")
    before = shown_order(page, section)
    page.focus(f"{section} .pq-order-item[data-index='{before[1]}']")
    page.keyboard.press("Alt+ArrowUp")
    after = shown_order(page, section)
    assert after == [before[1], before[0], *before[2:]]
    assert page.inner_text(f"{section} .pq-status") == f"Moved to position 1 of {len(before)}."
    page.click(f"{section} .pq-order-item[data-index='{before[1]}'] button[data-move='1']")
    assert shown_order(page, section) == before
    assert_clean(page)


# --- hints, retry, show answer ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_quiz(tiny_book):
    book, _ = tiny_book
    return quiz_file("sample", root=book)


def test_hints_are_shown_one_at_a_time(page, tiny_site, tiny_quiz):
    question = next(q for q in tiny_quiz.questions if len(q.data.get("hints", [])) >= 2)
    hints = question.data["hints"]
    section = section_of("sample", question.id)
    open_quiz_page(page, f"{tiny_site}/book/intro.html")
    button = f"{section} .pq-hint"
    assert page.inner_text(button) == f"Hint (0 of {len(hints)})"
    assert page.locator(f"{section} .pq-hint-text").evaluate_all("hs => hs.map(h => h.hidden)") == [True] * len(hints)
    for shown in range(1, len(hints) + 1):
        page.click(button)
        visible = page.locator(f"{section} .pq-hint-text").evaluate_all("hs => hs.map(h => !h.hidden)")
        assert visible == [True] * shown + [False] * (len(hints) - shown)
        assert page.inner_text(f"{section} .pq-hint-text[data-hint='{shown - 1}']").strip() == hints[shown - 1]
        assert page.inner_text(button) == f"Hint ({shown} of {len(hints)})"
    assert page.is_disabled(button)
    assert_clean(page)


def test_retry_clears_the_answer_and_the_saved_result(page, site):
    question = next(q for q in quiz_file(WELCOME_QUIZ).questions if q.type == "single")
    wrong = next(i for i, o in enumerate(question.data["options"]) if not o["correct"])
    section = section_of(WELCOME_QUIZ, question.id)
    open_quiz_page(page, f"{site}/{WELCOME}")
    page.click(f"{section} li.pq-option[data-index='{wrong}'] label")
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "incorrect"
    status = page.inner_text(f"{section} .pq-status")
    assert "Not quite" in status and question.data["options"][wrong]["feedback"].split("*")[0].strip() in status
    assert page.is_disabled(f"{section} input[type=radio]") and page.is_hidden(f"{section} .pq-check")
    assert saved(page)["entries"][f"quiz:{WELCOME_QUIZ}"]["items"][question.id]["verdict"] == "incorrect"

    page.click(f"{section} .pq-retry")
    assert verdict(page, section) is None
    assert page.inner_text(f"{section} .pq-status") == ""
    assert checked(page, section) == []
    assert page.is_enabled(f"{section} input[type=radio]") and page.is_visible(f"{section} .pq-check")
    assert page.is_hidden(f"{section} .pq-retry") and page.is_hidden(f"{section} .pq-show")
    assert focused(page, f"{section} input[type=radio]")
    assert question.id not in saved(page)["entries"][f"quiz:{WELCOME_QUIZ}"]["items"]
    assert_clean(page)


def test_show_answer_opens_the_answer(page, site):
    question = next(q for q in quiz_file(WELCOME_QUIZ).questions if q.type == "numeric")
    section = section_of(WELCOME_QUIZ, question.id)
    open_quiz_page(page, f"{site}/{WELCOME}")
    details = f"{section} details.pq-answer"
    assert page.is_hidden(details), "with JavaScript the answer waits for an attempt"
    assert page.is_hidden(f"{section} .pq-show")
    page.fill(f"{section} input.pq-input", str(question.data["answer"] + 10 * question.data["tolerance"] + 1))
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "incorrect"
    page.click(f"{section} .pq-show")
    assert page.is_visible(details)
    assert page.evaluate(f"() => document.querySelector(\"{details}\").open")
    assert focused(page, f"{details} summary")
    assert f"{question.data['answer']:g}" in page.inner_text(f"{details} .pq-key")
    assert_clean(page)


# --- saved answers ---------------------------------------------------------------------------------------


def answer_welcome_quiz(page, quiz) -> dict[str, str]:
    """Answer every welcome question (the single one rightly, the others wrongly); returns id -> verdict."""
    verdicts = {}
    for question in quiz.questions:
        section = section_of(WELCOME_QUIZ, question.id)
        if question.type == "single":
            page.click(f"{section} li.pq-option[data-index='{right_options(question)[0]}'] label")
        elif question.type == "multiple":
            page.click(f"{section} li.pq-option[data-index='{right_options(question)[0]}'] label")
        elif question.type == "numeric":
            page.fill(f"{section} input.pq-input", "12,5")
        else:
            raise AssertionError(f"the welcome quiz has a {question.type} question; extend this test")
        page.click(f"{section} .pq-check")
        verdicts[question.id] = verdict(page, section)
    return verdicts


def test_answers_and_verdicts_survive_a_reload(page, site):
    quiz = quiz_file(WELCOME_QUIZ)
    open_quiz_page(page, f"{site}/{WELCOME}")
    verdicts = answer_welcome_quiz(page, quiz)
    assert set(verdicts.values()) >= {"correct"} and None not in verdicts.values()
    score = page.inner_text(f"div.pq-quiz[data-quiz='{WELCOME_QUIZ}'] .pq-score")
    page.reload()
    open_quiz_page(page, f"{site}/{WELCOME}")
    for question in quiz.questions:
        section = section_of(WELCOME_QUIZ, question.id)
        assert verdict(page, section) == verdicts[question.id], question.id
        assert page.is_visible(f"{section} .pq-retry")
        if question.type in ("single", "multiple"):
            assert checked(page, section) == [right_options(question)[0]]
        else:
            assert page.input_value(f"{section} input.pq-input") == "12,5"
    assert page.inner_text(f"div.pq-quiz[data-quiz='{WELCOME_QUIZ}'] .pq-score") == score
    assert_clean(page)


def test_a_changed_question_is_not_restored(page, site):
    """A saved answer whose question hash differs (the question was edited) is ignored, the others kept."""
    quiz = quiz_file(WELCOME_QUIZ)
    open_quiz_page(page, f"{site}/{WELCOME}")
    verdicts = answer_welcome_quiz(page, quiz)
    edited, kept = quiz.questions[0], quiz.questions[1]
    page.evaluate("""([key, quiz, id]) => {
        const progress = JSON.parse(localStorage.getItem(key));
        progress.entries[`quiz:${quiz}`].items[id].hash = "0123456789ab";
        localStorage.setItem(key, JSON.stringify(progress));
    }""", [STORE_KEY, WELCOME_QUIZ, edited.id])
    page.reload()
    open_quiz_page(page, f"{site}/{WELCOME}")
    edited_section = section_of(WELCOME_QUIZ, edited.id)
    assert verdict(page, edited_section) is None
    assert checked(page, edited_section) == []
    assert page.is_visible(f"{edited_section} .pq-check")
    assert verdict(page, section_of(WELCOME_QUIZ, kept.id)) == verdicts[kept.id]
    assert_clean(page)


def test_garbage_in_storage_does_not_break_the_page(page, site):
    open_quiz_page(page, f"{site}/{WELCOME}")
    page.evaluate(f"() => localStorage.setItem('{STORE_KEY}', '{{not json')")
    page.reload()
    open_quiz_page(page, f"{site}/{WELCOME}")
    question = quiz_file(WELCOME_QUIZ).questions[0]
    section = section_of(WELCOME_QUIZ, question.id)
    page.click(f"{section} li.pq-option[data-index='{right_options(question)[0]}'] label")
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "correct"
    assert saved(page)["entries"][f"quiz:{WELCOME_QUIZ}"]["items"][question.id]["verdict"] == "correct"
    assert_clean(page)


# --- the progress page -----------------------------------------------------------------------------------


def test_progress_page_export_reset_import(page, site, tmp_path):
    quiz = quiz_file(WELCOME_QUIZ)
    open_quiz_page(page, f"{site}/{WELCOME}")
    verdicts = answer_welcome_quiz(page, quiz)
    right = sum(v == "correct" for v in verdicts.values())
    total = len(quiz.questions)

    page.goto(f"{site}/book/progress.html")
    row = f".pq-progress tr[data-kind='quiz'][data-name='{WELCOME_QUIZ}']"
    page.wait_for_selector(row)
    assert page.inner_text(row).endswith(f"{right} of {total} right ({total} answered)")
    # Every quiz of the course is listed, with a score or "not started".
    listed = page.locator(".pq-progress tr[data-kind='quiz']").evaluate_all("rows => rows.map(r => r.dataset.name)")
    assert WELCOME_QUIZ in listed and CHAPTER_QUIZ in listed
    assert "not started" in page.inner_text(f".pq-progress tr[data-kind='quiz'][data-name='{CHAPTER_QUIZ}']")

    with page.expect_download() as download:
        page.get_by_role("button", name="Export my results (JSON file)").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    items = data["entries"][f"quiz:{WELCOME_QUIZ}"]["items"]
    assert {k: v["verdict"] for k, v in items.items()} == verdicts
    assert {k: v["hash"] for k, v in items.items()} == {q.id: q.hash for q in quiz.questions}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset all my results").click()
    assert "not started" in page.inner_text(row)
    assert saved(page) == {}

    page.set_input_files(".pq-progress input[type=file]", str(exported))
    page.wait_for_function(f"() => document.querySelector(\"{row}\").innerText.includes('{right} of {total} right')")
    assert page.inner_text(".pq-progress [role=status]") == f"Imported {total} results from the file."

    bad = tmp_path / "not-progress.json"
    bad.write_text("this is not json", encoding="utf-8")
    page.set_input_files(".pq-progress input[type=file]", str(bad))
    page.wait_for_function("() => document.querySelector('.pq-progress [role=status]').innerText.includes('not JSON')")
    assert page.inner_text(row).endswith(f"{right} of {total} right ({total} answered)")

    # The imported answers are back on the quiz's own page.
    open_quiz_page(page, f"{site}/{WELCOME}")
    for question in quiz.questions:
        assert verdict(page, section_of(WELCOME_QUIZ, question.id)) == verdicts[question.id]
    assert_clean(page)


# --- python questions ------------------------------------------------------------------------------------


def forget_verdict(page, section: str) -> None:
    """Drop the shown verdict's marker, so that the next data-verdict can only come from the next run."""
    page.evaluate("(s) => { delete document.querySelector(s).dataset.verdict; }", section)


def run_code(page, section: str, code: str, timeout_s: float = 90) -> None:
    """Type `code` over the code box's content, run the tests and wait for this run's verdict."""
    page.fill(f"{section} textarea.pq-code", code)
    forget_verdict(page, section)
    page.click(f"{section} .pq-check")
    page.wait_for_selector(f"{section}[data-verdict]", timeout=timeout_s * 1000)


def test_python_question_pass_fail_syntax_error_and_endless_loop(page, tiny_site, tiny_quiz):
    question = next(q for q in tiny_quiz.questions if q.type == "python")
    assert "timeout" not in question.data  # so the page allows PYTHON_TIMEOUT seconds
    section = section_of("sample", question.id)
    other = next(q for q in tiny_quiz.questions if q.type == "single")
    other_section = section_of("sample", other.id)
    open_quiz_page(page, f"{tiny_site}/book/intro.html")
    results = f"{section} .pq-test-results"
    assert page.input_value(f"{section} textarea.pq-code") == question.data["starter"]

    # Fail: the starter's result names the failing test and quotes the assertion's message.
    page.click(f"{section} .pq-check")
    page.wait_for_selector(f"{section}[data-verdict]", timeout=90_000)
    assert verdict(page, section) == "incorrect"
    assert "✗ failed: sum" in page.inner_text(results)
    assert "9 + 9 + 8 + 10 should be 36" in page.inner_text(results)

    # Pass, with printed markup shown as text.
    solution = question.data["solution"] + "print('<img src=x onerror=\"window.__pwned = 6\">')\n"
    run_code(page, section, solution)
    assert verdict(page, section) == "correct", page.inner_text(results)
    assert "✓ passed: sum" in page.inner_text(results)
    assert '<img src=x onerror="window.__pwned = 6">' in page.inner_text(f"{results} .pq-output")
    assert page.evaluate("() => document.querySelectorAll('.pq-test-results img').length") == 0

    # A syntax error names the line.
    run_code(page, section, "def srs_total(ratings):\n    return sum(ratings\n")
    assert verdict(page, section) == "incorrect"
    assert "SyntaxError on line 2" in page.inner_text(f"{results} .pq-error")

    # An endless loop is stopped after the time limit; meanwhile the page answers, and the code is kept.
    endless = "def srs_total(ratings):\n    while True:\n        pass\n"
    page.fill(f"{section} textarea.pq-code", endless)
    forget_verdict(page, section)
    started = page.evaluate("() => performance.now()")
    page.click(f"{section} .pq-check")
    assert page.is_disabled(f"{section} .pq-check"), "no second run while one is running"
    page.click(f"{other_section} li.pq-option[data-index='{right_options(other)[0]}'] label")
    page.click(f"{other_section} .pq-check")
    assert verdict(page, other_section) == "correct"
    assert verdict(page, section) is None, "the other question was graded while Python ran"
    page.wait_for_selector(f"{section}[data-verdict]", timeout=(PYTHON_TIMEOUT + 5) * 1000)
    elapsed = (page.evaluate("() => performance.now()") - started) / 1000
    assert PYTHON_TIMEOUT - 0.5 <= elapsed <= PYTHON_TIMEOUT + 5, elapsed
    assert verdict(page, section) == "incorrect"
    assert f"more than {PYTHON_TIMEOUT} seconds" in page.inner_text(f"{results} .pq-error")
    assert page.input_value(f"{section} textarea.pq-code") == endless
    assert page.is_enabled(f"{section} .pq-check")

    # Python was restarted: the next run works.
    run_code(page, section, question.data["solution"])
    assert verdict(page, section) == "correct", page.inner_text(results)
    assert page.evaluate("() => window.__pwned") is None
    assert_clean(page)


# --- markup stays text -----------------------------------------------------------------------------------


def test_markup_in_a_prompt_or_an_answer_is_never_run(page, tiny_site, tiny_quiz):
    question = tiny_quiz.question("html-in-prompt")
    section = section_of("sample", question.id)
    open_quiz_page(page, f"{tiny_site}/book/intro.html")
    prompt = page.inner_text(f"{section} .pq-prompt")
    assert "<b>this</b>" in prompt and '<img src="x" onerror="window.__pwned = 1">' in prompt
    assert "<script>window.__pwned = 2</script>" in prompt
    assert page.evaluate(f"() => document.querySelectorAll(\"{section} .pq-prompt *:is(b, img, script)\").length") == 0

    # A typed payload with its own feedback: the feedback (markup too) is shown as text.
    page.fill(f"{section} input.pq-input", question.data["feedback"][0]["answer"])
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "incorrect"
    assert question.data["feedback"][0]["feedback"] in page.inner_text(f"{section} .pq-status")
    page.click(f"{section} .pq-retry")

    payload = "<img src=x onerror=\"window.__pwned = 5\"><script>window.__pwned = 5</script>"
    page.fill(f"{section} input.pq-input", payload)
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "incorrect"
    page.click(f"{section} .pq-retry")

    page.fill(f"{section} input.pq-input", question.data["accept"][0])
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "correct"
    assert "<script>window.__pwned = 4</script>" in page.inner_text(f"{section} .pq-status")

    # Restored from storage after a reload, the typed payload is still only a value.
    page.click(f"{section} .pq-retry")
    page.fill(f"{section} input.pq-input", "<img src=x onerror=\"window.__pwned = 7\">")
    page.click(f"{section} .pq-check")
    page.reload()
    open_quiz_page(page, f"{tiny_site}/book/intro.html")
    assert page.input_value(f"{section} input.pq-input") == "<img src=x onerror=\"window.__pwned = 7\">"
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate(f"() => document.querySelectorAll(\"{section} .pq-status :is(img, script, b)\").length") == 0
    assert_clean(page)


# --- accessibility ---------------------------------------------------------------------------------------

IN_QUIZZES = """async () => {
    const result = await axe.run({include: [[".pq-quiz"]]}, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
    return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").slice(0, 300))}));
}"""


def quiz_violations(page, axe, dark: bool) -> list[dict]:
    """axe-core (WCAG 2.2 A/AA) violations inside the page's quizzes, in light or dark mode.

    The conftest's run_axe sets the mode and loads axe; its whole-page result also holds the theme's own
    problems, which are not the quiz's to fix, so the quizzes are checked on their own.
    """
    axe(page, dark=dark)
    return evaluate_axe(page, IN_QUIZZES)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_quiz_page_has_no_axe_violations(page, site, axe, dark):
    """axe-core on a chapter with every kind of feedback on screen: a verdict, a hint, an opened answer."""
    quiz = quiz_file(CHAPTER_QUIZ)
    open_quiz_page(page, f"{site}/{CHAPTER}")
    single = next(q for q in quiz.questions if q.type == "single")
    section = section_of(CHAPTER_QUIZ, single.id)
    wrong = next(i for i, o in enumerate(single.data["options"]) if not o["correct"])
    page.click(f"{section} li.pq-option[data-index='{wrong}'] label")
    page.click(f"{section} .pq-check")
    page.click(f"{section} .pq-show")
    multiple = next(q for q in quiz.questions if q.type == "multiple")
    multiple_section = section_of(CHAPTER_QUIZ, multiple.id)
    page.click(f"{multiple_section} li.pq-option[data-index='{right_options(multiple)[0]}'] label")
    page.click(f"{multiple_section} .pq-check")
    with_hint = next((q for q in quiz.questions if q.data.get("hints")), None)
    if with_hint is not None:
        page.click(f"{section_of(CHAPTER_QUIZ, with_hint.id)} .pq-hint")
    violations = quiz_violations(page, axe, dark)
    assert violations == [], json.dumps(violations, indent=1)
    assert_clean(page)


def test_tiny_book_quizzes_have_no_axe_violations(page, tiny_site, axe):
    """Every type, the README's examples included (python's code box, citations), in both modes."""
    for url in ("book/intro.html", "book/page2.html"):
        open_quiz_page(page, f"{tiny_site}/{url}")
        for dark in (False, True):
            violations = quiz_violations(page, axe, dark)
            assert violations == [], f"{url} dark={dark}: " + json.dumps(violations, indent=1)
    assert_clean(page)


def test_feedback_copied_into_the_status_keeps_ids_unique(page, tiny_site, tiny_book):
    """Feedback and explanations are copied from the answer key; a citation inside must not duplicate its id."""
    book, _ = tiny_book
    quiz = quiz_file("readme-examples", root=book)
    question = next(q for q in quiz.questions if q.type == "single" and "{cite" in str(q.data))
    right = right_options(question)[0]
    assert "{cite" in question.data["options"][right]["feedback"]
    section = section_of("readme-examples", question.id)
    open_quiz_page(page, f"{tiny_site}/book/page2.html")
    page.click(f"{section} li.pq-option[data-index='{right}'] label")
    page.click(f"{section} .pq-check")
    assert verdict(page, section) == "correct"
    status = f"{section} .pq-status"
    assert page.evaluate("(s) => document.querySelectorAll(`${s} .bibtex-citation`).length", status) >= 1
    duplicates = page.evaluate("""() => {
        const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
        return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    }""")
    assert duplicates == []
    assert_clean(page)


def test_choice_quizzes_are_ready_when_the_page_has_been_parsed(page, site):
    """A chapter's quiz (choice types only) is gradable by DOMContentLoaded: the page imports its modules
    statically (sphinx/preload.py), so nothing waits for a round trip or for the first rendering."""
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        window.__atDCL = [document.querySelectorAll('.pq-quiz').length,
                          document.querySelectorAll('.pq-quiz.pq-ready').length];
    }, {capture: true, once: true});""")
    page.goto(f"{site}/{CHAPTER}", wait_until="domcontentloaded")
    total, ready = page.evaluate("window.__atDCL")
    assert total >= 1 and ready == total, (total, ready)
