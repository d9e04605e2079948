"""Never an older record over a newer one: two tabs of one browser share the store (each save re-reads it; each
open page shows what another tab saved, without counting it as an attempt), and importing an older export keeps
the newer attempts and says how many records it kept and skipped. Quiz answers, exercise code and vignette state.

Two pages in one browser context are two tabs: same localStorage, `storage` events between them. The merge rule
itself is unit-tested on store.js in tests/unit/test_store_merge.py.
"""
from __future__ import annotations

import json

import pytest

from tests.browser.test_exercises import PAGES as EXERCISE_PAGES
from tests.browser.test_exercises import root_of
from tests.browser.test_quiz_ui import CHAPTER, CHAPTER_QUIZ, open_quiz_page, quiz_file, right_options, section_of
from tests.browser.test_vignettes import PAGES as VIGNETTE_PAGES
from tests.browser.test_vignettes import root_selector, story

STORE_KEY = "pyodide-quiz:progress"
EXERCISE = sorted(EXERCISE_PAGES)[0]
VIGNETTE = sorted(VIGNETTE_PAGES)[0]


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}') || '{{}}'")).get("entries", {})


def choice_questions(count: int):
    quiz = quiz_file(CHAPTER_QUIZ)
    found = [q for q in quiz.questions if q.type == "single"][:count]
    assert len(found) == count, f"{CHAPTER_QUIZ} needs {count} single-choice questions for this test"
    return found


def answer(page, question, right: bool) -> None:
    section = section_of(CHAPTER_QUIZ, question.id)
    wanted = right_options(question)[0]
    index = wanted if right else next(i for i in range(len(question.data["options"])) if i != wanted)
    if page.get_attribute(section, "data-verdict"):
        page.click(f"{section} .pq-retry")
    page.click(f"{section} li.pq-option[data-index='{index}'] label")
    page.click(f"{section} .pq-check")
    assert page.get_attribute(section, "data-verdict") == ("correct" if right else "incorrect")


def open_exercise(page, site: str) -> None:
    page.goto(f"{site}/{EXERCISE_PAGES[EXERCISE]}")
    page.wait_for_selector(f"{root_of(EXERCISE)}.pq-ready")


def type_code(page, code: str) -> None:
    """Type into the editor and wait until the store holds the code (the editor saves half a second later)."""
    page.fill(f"{root_of(EXERCISE)} textarea.pq-code", code)
    page.wait_for_function("([key, slug, code]) => JSON.parse(localStorage.getItem(key) || '{}')"
                           ".entries?.['exercise:' + slug]?.items?.code?.answer === code",
                           arg=[STORE_KEY, EXERCISE, code])


def open_vignette(page, site: str) -> None:
    page.goto(f"{site}/{VIGNETTE_PAGES[VIGNETTE]}")
    page.wait_for_selector(f"{root_selector(VIGNETTE)}.pq-ready")


def choose(page, index: int) -> None:
    """Take choice `index` of the scene shown (skipping the scene's writing practice, if it asks for one first)."""
    root = root_selector(VIGNETTE)
    skip = page.locator(f"{root} .pq-vignette-scene .pq-practice-skip")
    if skip.count() and skip.first.is_visible():
        skip.first.click()
    page.click(f'{root} .pq-vignette-scene .pq-vignette-choice[data-choice="{index}"]')


def two_scenes() -> list[int]:
    """Two choices that lead to a scene that is not an ending (choice 0 where it does)."""
    data = story(VIGNETTE)
    nodes = {node["id"]: node for node in data["nodes"]} if isinstance(data["nodes"], list) else data["nodes"]
    path, node = [], data["start"]
    for _ in range(2):
        index = next(i for i, c in enumerate(nodes[node]["choices"]) if nodes[c["next"]].get("choices"))
        path.append(index)
        node = nodes[node]["choices"][index]["next"]
    return path


def vignette_path(page) -> list[int] | None:
    return (stored(page).get(f"vignette:{VIGNETTE}", {}).get("items", {}).get("path") or {}).get("answer")


def test_two_tabs_of_a_chapter_each_answer_a_question_and_both_see_both(context, site):
    first, second = choice_questions(2)
    tab_a, tab_b = context.new_page(), context.new_page()
    for tab in (tab_a, tab_b):
        open_quiz_page(tab, f"{site}/{CHAPTER}")
    answer(tab_a, first, right=True)
    answer(tab_b, second, right=False)

    for tab in (tab_a, tab_b):
        items = stored(tab)[f"quiz:{CHAPTER_QUIZ}"]["items"]
        assert {items[first.id]["verdict"], items[second.id]["verdict"]} == {"correct", "incorrect"}
    # Each tab shows the other's answer, restored into the question (the right option ticked, the verdict shown).
    tab_a.wait_for_selector(f"{section_of(CHAPTER_QUIZ, second.id)}[data-verdict='incorrect']")
    tab_b.wait_for_selector(f"{section_of(CHAPTER_QUIZ, first.id)}[data-verdict='correct']")
    ticked = tab_b.locator(f"{section_of(CHAPTER_QUIZ, first.id)} input[type=radio]:checked").get_attribute("value")
    assert int(ticked) == right_options(first)[0]
    # Showing it is not a new attempt: the record is still tab A's, to the millisecond.
    at = stored(tab_a)[f"quiz:{CHAPTER_QUIZ}"]["items"][first.id]["at"]
    answer(tab_b, second, right=True)  # a later save in tab B keeps tab A's answer as it was
    assert stored(tab_b)[f"quiz:{CHAPTER_QUIZ}"]["items"][first.id]["at"] == at
    tab_a.wait_for_selector(f"{section_of(CHAPTER_QUIZ, second.id)}[data-verdict='correct']")
    assert "Score: 2 of" in tab_a.inner_text(f".pq-quiz[data-quiz='{CHAPTER_QUIZ}'] .pq-score")

    # Exercise code typed in tab A appears in tab B's editor; vignette progress in tab A moves tab B on.
    for tab in (tab_a, tab_b):
        open_exercise(tab, site)
    type_code(tab_a, "# typed in tab A\n")
    tab_b.wait_for_function("([sel, code]) => document.querySelector(sel).value === code",
                            arg=[f"{root_of(EXERCISE)} textarea.pq-code", "# typed in tab A\n"])
    assert "another tab" in tab_b.inner_text(f"{root_of(EXERCISE)} .pq-output-panel")

    for tab in (tab_a, tab_b):
        open_vignette(tab, site)
    tab_a.click(f"{root_selector(VIGNETTE)} .pq-vignette-start")
    first_choice = two_scenes()[0]
    choose(tab_a, first_choice)
    tab_b.wait_for_function("(sel) => document.querySelector(sel + ' .pq-vignette-feedback').innerText"
                            ".includes('another tab')", arg=root_selector(VIGNETTE))
    assert vignette_path(tab_b) == [first_choice]
    assert "another tab" in tab_b.inner_text(f"{root_selector(VIGNETTE)} .pq-vignette-feedback")
    assert tab_a.locator(".pq-scene-title").inner_text() == tab_b.locator(".pq-scene-title").inner_text()


def test_importing_an_older_export_keeps_the_newer_attempts_and_says_so(context, site, tmp_path):
    first, second = choice_questions(2)
    page = context.new_page()
    progress = context.new_page()  # the progress page stays open in a tab of its own and follows every save
    progress.goto(f"{site}/book/progress.html")
    row = f".pq-progress tr[data-kind='quiz'][data-name='{CHAPTER_QUIZ}']"
    progress.wait_for_selector(row)

    # The older state, exported: a wrong answer, a first draft of the code, the first scene of the vignette.
    open_quiz_page(page, f"{site}/{CHAPTER}")
    answer(page, first, right=False)
    total = len(quiz_file(CHAPTER_QUIZ).questions)
    progress.wait_for_function("([row, text]) => document.querySelector(row).innerText.endsWith(text)",
                               arg=[row, f"0 of {total} right (1 answered)"])
    assert "another tab" in progress.inner_text(".pq-progress [role=status]")
    open_exercise(page, site)
    type_code(page, "# first draft\n")
    open_vignette(page, site)
    page.click(f"{root_selector(VIGNETTE)} .pq-vignette-start")
    choose(page, two_scenes()[0])
    with progress.expect_download() as download:
        progress.get_by_role("button", name="Export my results (JSON file)").click()
    older = tmp_path / "older.json"
    download.value.save_as(older)
    # The file also holds an answer this browser never had (given on another device): that one is new here.
    data = json.loads(older.read_text(encoding="utf-8"))
    quiz_items = data["entries"][f"quiz:{CHAPTER_QUIZ}"]["items"]
    quiz_items[second.id] = {"hash": second.hash, "answer": right_options(second)[0], "verdict": "correct",
                             "at": quiz_items[first.id]["at"]}
    older.write_text(json.dumps(data), encoding="utf-8")
    # The review schedule (store kind "review") follows from the answers: joined by the same rule, not counted.
    in_file = sum(len(entry["items"]) for key, entry in data["entries"].items() if not key.startswith("review:"))

    # Newer attempts, then the older file imported.
    open_quiz_page(page, f"{site}/{CHAPTER}")
    answer(page, first, right=True)
    open_exercise(page, site)
    type_code(page, "# second draft\n")
    open_vignette(page, site)
    choose(page, two_scenes()[1])  # one scene further on
    newer_path = vignette_path(page)
    assert newer_path == two_scenes()
    progress.set_input_files(".pq-progress input[type=file]", str(older))
    status = ".pq-progress [role=status]"
    progress.wait_for_function("(s) => document.querySelector(s).innerText.startsWith('Imported')", arg=status)
    assert progress.inner_text(status) == (f"Imported 1 result from the file. Skipped {in_file - 1} results that were "
                                           "older than (or the same as) what this browser already had.")

    entries = stored(page)
    assert entries[f"quiz:{CHAPTER_QUIZ}"]["items"][first.id]["verdict"] == "correct"
    assert entries[f"quiz:{CHAPTER_QUIZ}"]["items"][second.id]["verdict"] == "correct"
    assert entries[f"review:{CHAPTER_QUIZ}"]["items"][first.id]["verdict"] == "correct"  # the schedule too
    assert entries[f"exercise:{EXERCISE}"]["items"]["code"]["answer"] == "# second draft\n"
    assert vignette_path(page) == newer_path
    assert progress.inner_text(row).endswith(f"2 of {total} right (2 answered)")
    open_exercise(page, site)
    assert page.input_value(f"{root_of(EXERCISE)} textarea.pq-code") == "# second draft\n"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", accept_downloads=True)
    # Nothing here runs Python: an exercise page without Pyodide saves and shows code all the same, and the
    # tests do not pay for starting Pyodide in every tab.
    ctx.route("**/_static/pyodide/**", lambda route: route.abort())
    yield ctx
    ctx.close()
