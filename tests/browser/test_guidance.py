"""What guides a student, on a phone (375 px) and a desktop (1366 px): feedback that teaches (a common wrong
value's feedback, "check the spelling", order items marked in place, "Review:" links to the section that teaches
each question's objective, the sections to revisit under the last question); Python's download shown with its
progress and an honest note on a slow connection; the first failing test open and the rest folded with a count;
the progress page (continue where you left off, progress per part and objective, vignette endings, buttons that
look like buttons, a print view); and vignette meters explained where they are, changing only after the client's
response has been read, and kept in view on a phone.

Expectations come from the content files through the model and the graders, never from the page.
"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from pyodide_quiz.graders import grade
from pyodide_quiz.model import load_quiz
from pyodide_quiz.sphinx.objectives import read_objectives
from tests.browser.vignette_play import skip_practice
from tests.conftest import ROOT, SITE, directive_uses, pages_using

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1366, "height": 900}}
STORE_KEY = "pyodide-quiz:progress"


@pytest.fixture(params=sorted(VIEWPORTS))
def screen(request, browser):
    """A fresh page at a phone's or a desktop's size (service worker blocked, as in the conftest's `page`)."""
    phone = request.param == "phone"
    context = browser.new_context(viewport=VIEWPORTS[request.param], is_mobile=phone, has_touch=phone,
                                  service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.errors = errors
    page.phone = phone
    yield page
    context.close()


def no_sideways_scrolling(page, selector: str) -> None:
    widths = page.locator(selector).first.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"{selector}: {widths}"


def click(page, locator) -> None:
    """A tap on a phone, a click on a desktop."""
    locator.scroll_into_view_if_needed()
    locator.tap() if page.phone else locator.click()


# --- feedback that teaches -------------------------------------------------------------------------------


def chapter_with_every_kind_of_feedback() -> tuple[str, str]:
    """(quiz name, built page) of the first chapter quiz with a numeric `wrong` value, a text and an order question."""
    for name, page in directive_uses("quiz", r"quizzes/(?P<name>[\w.-]+)\.yml"):
        quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml")
        types = {q.type for q in quiz.questions}
        if {"text", "order"} <= types and any(q.data.get("wrong") for q in quiz.questions):
            return name, page
    raise AssertionError("no chapter quiz has a numeric question with wrong values, a text and an order question")


def sections_of(page_url: str) -> dict[str, str]:
    """objective id -> the label of the section that teaches it, from the chapter's {objectives}."""
    source = (ROOT / page_url.replace(".html", ".md")).read_text(encoding="utf-8")
    block = re.search(r"```\{objectives\}\n(.*?)\n```", source, re.DOTALL).group(1)
    return {o.id: o.section for o in read_objectives(block.splitlines())[0]}


def slip_of(spec: dict, accepted: str) -> str:
    """A misspelling of an accepted answer that the grader calls a slip (a letter doubled, or dropped)."""
    for slip in (accepted[:2] + accepted[1:], accepted[:2] + accepted[3:]):
        if grade("text", spec, slip).get("near"):
            return slip
    raise AssertionError(f"no slip of {accepted!r} is near it")


def test_wrong_answers_teach(screen, site):
    page = screen
    name, url = chapter_with_every_kind_of_feedback()
    quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml")
    sections = sections_of(url)
    page.goto(f"{site}/{url}")
    page.wait_for_selector(f"div.pq-quiz[data-quiz='{name}'].pq-ready")
    at = lambda q: f"div.pq-quiz[data-quiz='{name}'] section.pq-question[data-question-id='{q.id}']"  # noqa: E731
    wrong_ones = []

    numeric = next(q for q in quiz.questions if q.data.get("wrong"))
    slip = numeric.data["wrong"][0]
    page.locator(f"{at(numeric)} input.pq-input").fill(str(slip["value"]).replace(".", ","))
    click(page, page.locator(f"{at(numeric)} .pq-check"))
    status = page.locator(f"{at(numeric)} .pq-status")
    assert "✗ Not quite." in status.inner_text()
    # The wrong value's own feedback, as the answer key has it (typographic quotes and all).
    key = page.locator(f"{at(numeric)} details.pq-answer [data-feedback-for='0']").text_content()
    assert " ".join(key.split()) in " ".join(status.inner_text().split())
    assert key.split()[:3] == slip["feedback"].split()[:3]
    review = status.locator(".pq-review a")
    assert review.get_attribute("href").endswith(f"#{sections[numeric.data['objective']]}")
    wrong_ones.append(numeric)

    text = next(q for q in quiz.questions if q.type == "text")
    typed = slip_of(text.grading_spec(), text.grading_spec()["accept"][0])
    page.locator(f"{at(text)} input.pq-input").fill(typed)
    click(page, page.locator(f"{at(text)} .pq-check"))
    assert "Check the spelling: your answer is close to an accepted one." in page.inner_text(f"{at(text)} .pq-status")
    wrong_ones.append(text)

    order = next(q for q in quiz.questions if q.type == "order")
    click(page, page.locator(f"{at(order)} .pq-check"))  # as shown: never the right order
    shown = page.locator(f"{at(order)} .pq-order-item").evaluate_all(
        "(items) => items.map((li) => [Number(li.dataset.index), li.dataset.place,"
        " getComputedStyle(li, '::before').content])")
    assert [place for _, place, _ in shown] == ["right" if index == position else "wrong"
                                                for position, (index, _, _) in enumerate(shown)]
    assert all(("✓" if place == "right" else "✗") in content for _, place, content in shown)
    in_place = sum(place == "right" for _, place, _ in shown)
    assert f"{in_place} of {len(shown)} items are in the right place" in page.inner_text(f"{at(order)} .pq-status")
    wrong_ones.append(order)

    # Under the last question: the score again, and each section to revisit once, with its questions' numbers.
    end = page.locator(f"div.pq-quiz[data-quiz='{name}'] .pq-quiz-end")
    assert end.is_visible() and "Score: 0 of" in end.inner_text()
    numbers = {q.id: number for number, q in enumerate(quiz.questions, start=1)}
    expected: dict[str, list[int]] = {}
    for question in sorted(wrong_ones, key=lambda q: numbers[q.id]):
        expected.setdefault(f"#{sections[question.data['objective']]}", []).append(numbers[question.id])
    listed = end.locator("li").evaluate_all("(items) => items.map((li) => [li.querySelector('a').hash, li.textContent])")
    assert [hash_ for hash_, _ in listed] == list(expected)
    for (hash_, line) in listed:
        assert line.endswith(f"({'questions' if len(expected[hash_]) > 1 else 'question'} "
                             f"{', '.join(map(str, expected[hash_]))})"), line
    # The link leads to the section.
    click(page, end.locator("a").first)
    page.wait_for_function("(hash) => location.hash === hash", arg=listed[0][0])
    no_sideways_scrolling(page, f"div.pq-quiz[data-quiz='{name}']")
    assert page.errors == []


# --- Python's start-up and the test results --------------------------------------------------------------

EXERCISES = pages_using("exercise", r"exercises/(?P<name>[\w-]+)/?")


def test_python_shows_its_download_and_is_honest_about_a_slow_connection(screen, site):
    page = screen
    total = json.loads((SITE / "_static" / "pq-graders" / "manifest.json").read_text())["download_bytes"]
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    # 0.6 MB/s: a first start takes about 20 seconds, so after a few the page says how long is left.
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 50, "downloadThroughput": 600_000,
                                                     "uploadThroughput": 100_000})
    slug = sorted(EXERCISES)[0]
    page.goto(f"{site}/{EXERCISES[slug]}")
    state = page.locator(f".pq-exercise[data-exercise='{slug}'] .pq-python-state")
    state.wait_for()
    state.locator("progress").wait_for(timeout=30_000)
    assert state.locator("progress").get_attribute("max") == str(total)
    assert re.search(rf"Downloading Python: \d+\.\d of {total / 1e6:.1f} MB", state.inner_text()), state.inner_text()
    first = float(state.locator("progress").get_attribute("value") or 0)
    page.wait_for_function("(line) => /About \\d+ s left at this speed/.test(line.textContent)",
                           arg=state.element_handle(), timeout=30_000)
    assert float(state.locator("progress").get_attribute("value")) > first
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                     "uploadThroughput": -1})
    page.wait_for_function("(line) => line.textContent === '✓ Python is ready.'", arg=state.element_handle(),
                           timeout=120_000)
    assert state.locator("progress").count() == 0
    assert page.errors == []


def test_the_first_failing_test_is_open_and_the_rest_folded(screen, site):
    page = screen
    # The exercise with the most tests: its starter fails them all, the wall of red this replaces.
    slug = max(EXERCISES, key=lambda s: len(re.findall(r"^def test_", (ROOT / "exercises" / s / f"test_{s.replace('-', '_')}.py")
                                                      .read_text(encoding="utf-8"), re.MULTILINE)))
    root = f".pq-exercise[data-exercise='{slug}']"
    page.goto(f"{site}/{EXERCISES[slug]}")
    page.wait_for_selector(f"{root}.pq-ready", timeout=60_000)
    click(page, page.locator(f"{root} .pq-run-tests"))
    page.wait_for_function("(s) => document.querySelector(s).dataset.verdict === 'incorrect'", arg=root,
                           timeout=120_000)
    summary = page.inner_text(f"{root} .pq-output-panel .pq-verdict")
    failed, total = map(int, re.match(r"✗ (\d+) of (\d+) tests failed", summary).groups())
    results = page.locator(f"{root} .pq-test-results")
    shown = results.locator(":scope > ul.pq-tests > li")
    assert shown.count() == 1 and shown.first.is_visible()
    assert shown.first.get_attribute("class") == "pq-fail" and shown.first.locator("pre").is_visible()
    folds = results.locator(":scope > details.pq-more-tests")
    labels = folds.locator("summary").all_inner_texts()
    expected = ([f"{failed - 1} more failing test{'s' if failed > 2 else ''}"] if failed > 1 else []) + (
        [f"{total - failed} passing test{'s' if total - failed > 1 else ''}"] if total > failed else [])
    assert labels == expected
    assert folds.evaluate_all("(ds) => ds.every((d) => !d.open)")
    assert results.locator("li.pq-fail").count() == failed and results.locator("li.pq-pass").count() == total - failed
    # Opening the fold shows the rest.
    if failed > 1:
        click(page, folds.first.locator("summary"))
        assert folds.first.locator("li.pq-fail").first.is_visible()
    no_sideways_scrolling(page, root)
    assert page.errors == []


# --- the progress page -----------------------------------------------------------------------------------

VIGNETTES = pages_using("vignette", r"quizzes/vignettes/(?P<name>[\w-]+)\.yml")


def play_to_an_ending(page, site, slug: str) -> str:
    """Play a vignette along its first choices; returns the ending node reached."""
    root = f".pq-vignette[data-vignette='{slug}']"
    page.goto(f"{site}/{VIGNETTES[slug]}")
    page.wait_for_selector(f"{root}.pq-ready", timeout=60_000)
    click(page, page.locator(f"{root} .pq-vignette-start"))
    while page.get_attribute(root, "data-state") != "ended":
        skip_practice(page, root)
        click(page, page.locator(f"{root} .pq-vignette-choice").first)
    return page.get_attribute(f"{root} .pq-vignette-scene", "data-node")


def done_of(store: dict, refs: list[str]) -> int:
    """How many saved results the progress page should count as done (its rule, written out here)."""
    count = 0
    for ref in refs:
        key, item = ref.split("/")
        record = store.get("entries", {}).get(key, {}).get("items", {}).get(item)
        count += bool(record) and record["verdict"] not in ("incorrect", "partial", "in-progress", "draft")
    return count


def test_the_progress_page_guides(screen, site):
    page = screen
    slug = sorted(VIGNETTES)[0]
    ending = play_to_an_ending(page, site, slug)
    # Then part of a chapter quiz, one answer right and one wrong: it becomes the place to continue.
    name, url = chapter_with_every_kind_of_feedback()
    quiz = load_quiz(ROOT / "quizzes" / f"{name}.yml")
    single = [q for q in quiz.questions if q.type == "single"][:2]
    page.goto(f"{site}/{url}")
    page.wait_for_selector(f"div.pq-quiz[data-quiz='{name}'].pq-ready")
    for question, right in zip(single, (True, False)):
        at = f"section.pq-question[data-question-id='{question.id}']"
        index = next(i for i, o in enumerate(question.data["options"]) if o["correct"] is right)
        click(page, page.locator(f"{at} li.pq-option[data-index='{index}'] label"))
        click(page, page.locator(f"{at} .pq-check"))

    page.goto(f"{site}/book/progress.html")
    view = page.locator(".pq-progress-view")
    view.wait_for()
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))

    # Continue where you left off: the unfinished quiz, as a button-like link to it.
    cont = page.locator(".pq-continue a")
    assert cont.inner_text() == f"Continue where you left off: {quiz.title}"
    assert cont.get_attribute("href").split("#")[0].endswith(url.split("/")[-1])

    # Every count says what the saved results say.
    counts = page.locator(".pq-progress-view span[data-refs]").evaluate_all(
        "(spans) => spans.map((s) => [s.dataset.refs.split(' '), s.textContent])")
    assert counts and all(text == f"{done_of(saved, refs)} of {len(refs)}" for refs, text in counts), counts
    assert any(text.startswith("1 of") for _, text in counts)
    bars = page.locator(".pq-progress-view progress[data-refs]").evaluate_all(
        "(bars) => bars.map((b) => [b.dataset.refs.split(' '), b.value, b.max])")
    assert all(value == done_of(saved, refs) and maximum == len(refs) for refs, value, maximum in bars)

    # Per objective: the right answer's objective counts it, with a link to the section that teaches it.
    objective = single[0].data["objective"]
    row = page.locator(".pq-progress-chapter li", has=page.locator(f"span[data-refs*='quiz:{name}/{single[0].id}']"))
    assert row.locator(".pq-row-review a").get_attribute("href").endswith(f"#{sections_of(url)[objective]}")

    # The vignette ending reached is listed; the others are not.
    endings = page.locator(f".pq-endings li[data-ref^='vignette:{slug}/']")
    reached = endings.evaluate_all("(items) => items.filter((li) => !li.hidden).map((li) => li.dataset.ref)")
    assert reached == [f"vignette:{slug}/end-{ending}"]

    # Buttons look like buttons: a visible border and padding, not bare text.
    for button in [cont, *page.locator(".pq-progress .pq-controls .pq-button").all()]:
        style = button.evaluate("(b) => { const s = getComputedStyle(b); return [s.borderTopStyle, "
                                "parseFloat(s.borderTopWidth), parseFloat(s.paddingLeft), s.borderTopColor]; }")
        assert style[0] != "none" and style[1] >= 1 and style[2] >= 8 and style[3] != "rgba(0, 0, 0, 0)", style
    no_sideways_scrolling(page, ".pq-progress")

    # The print view: every chapter's objectives, no buttons.
    page.emulate_media(media="print")
    assert page.locator(".pq-progress .pq-controls").first.is_hidden() and cont.is_hidden()
    assert page.locator(".pq-progress-chapter li .pq-row-name").first.is_visible()
    assert page.errors == []


# --- vignette meters -------------------------------------------------------------------------------------


def meter_values(page, root: str) -> list[int]:
    return [int(v) for v in page.locator(f"{root} .pq-meter-value").all_inner_texts()]


def test_meters_are_explained_follow_the_response_and_stay_in_view(screen, site):
    page = screen
    slug = sorted(VIGNETTES)[0]
    data = yaml.safe_load((ROOT / "quizzes" / "vignettes" / f"{slug}.yml").read_text(encoding="utf-8"))
    root = f".pq-vignette[data-vignette='{slug}']"
    page.goto(f"{site}/{VIGNETTES[slug]}")
    page.wait_for_selector(f"{root}.pq-ready", timeout=60_000)
    click(page, page.locator(f"{root} .pq-vignette-start"))

    # Where the meters are: what each stands for and why they start where they do.
    help_box = page.locator(f"{root} details.pq-meters-help")
    assert help_box.evaluate("(d) => d.open") and help_box.is_visible()
    words = help_box.inner_text()
    for meter in ("Goal", "Task", "Bond"):
        assert f"{meter}: " in words
    why = (data.get("meters") or {}).get("why")
    assert (" ".join(why.split()) if why else "the middle of the scale") in " ".join(words.split())

    # After a choice: what you said, the client's response, and only then its effect on the meters.
    start = meter_values(page, root)
    choice = data["nodes"][data["start"]]["choices"][0]
    skip_practice(page, root)
    click(page, page.locator(f"{root} .pq-vignette-choice[data-choice='0']"))
    assert not help_box.evaluate("(d) => d.open"), "read once, the meanings fold away"
    order = page.locator(f"{root} .pq-vignette-scene > *").evaluate_all("(parts) => parts.map((p) => p.className)")
    assert [c for c in order if c in ("pq-vignette-said", "pq-narrative", "pq-says", "pq-vignette-outcome")][:2] == [
        "pq-vignette-said", "pq-narrative"]
    assert order.index("pq-vignette-outcome") > order.index("pq-narrative")
    effects = page.locator(f"{root} .pq-vignette-outcome .pq-vignette-effects")
    after = [start[i] + choice["effects"].get(name, 0) for i, name in enumerate(("goal", "task", "bond"))]
    below = effects.evaluate("(e) => e.getBoundingClientRect().top > innerHeight")
    if below:  # on a phone the response fills the screen: the numbers wait for it to be read
        page.wait_for_timeout(500)
        assert meter_values(page, root) == start
    effects.scroll_into_view_if_needed()
    page.wait_for_function("([sel, want]) => [...document.querySelectorAll(sel + ' .pq-meter-value')]"
                           ".map((v) => Number(v.textContent)).join() === want.join()", arg=[root, after])
    if page.phone:
        assert below, "at 375 px the outcome should start below the fold after a choice"
        # Scrolled down to the choices, the meters are still on screen, under the theme's header.
        skip_practice(page, root)
        page.locator(f"{root} .pq-vignette-choice").last.scroll_into_view_if_needed()
        box = page.locator(f"{root} .pq-meters").evaluate("(m) => { const r = m.getBoundingClientRect(); "
                                                          "return [r.top, r.bottom, innerHeight]; }")
        assert 0 <= box[0] < 120 and box[1] < box[2] / 3, box
    no_sideways_scrolling(page, root)

    # Every ending reached is kept, even after a restart.
    while page.get_attribute(root, "data-state") != "ended":
        skip_practice(page, root)
        click(page, page.locator(f"{root} .pq-vignette-choice").first)
    node = page.get_attribute(f"{root} .pq-vignette-scene", "data-node")
    click(page, page.locator(f"{root} .pq-vignette-restart"))
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))["entries"][f"vignette:{slug}"]["items"]
    assert "path" not in saved and saved[f"end-{node}"]["verdict"] == data["nodes"][node]["ending"]
    assert page.errors == []
