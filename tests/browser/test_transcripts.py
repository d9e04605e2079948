"""Every transcript of the built site, coded by keyboard and compared with the coders' key.

One truth: the page's grader (transcript-grader.js) gives exactly what pyodide_quiz/graders/transcript.py gives,
on hundreds of answers per transcript (random, designed and damaged ones) and on the marks a student makes
through the interface: the kappa the page shows is Python's. The marks come from the YAML (never hard-coded), so
the tests follow the transcripts as authors change them. Marks and the comparison survive a reload; axe-core
finds no WCAG 2.2 A/AA violation while coding or after comparing, in light and dark mode; a phone-sized screen
can code a transcript end to end by touch without sideways scrolling; print shows a coding sheet, never the key.
"""
from __future__ import annotations

import json
import random

import pytest

from pyodide_quiz.graders.transcript import compare
from pyodide_quiz.model.transcript import KINDS, STRATEGIES, load_transcript
from tests.conftest import ROOT, pages_using

PAGES = pages_using("transcript", r"quizzes/transcripts/(?P<name>[\w-]+)\.yml")


def transcript(slug: str):
    return load_transcript(ROOT / "quizzes" / "transcripts" / f"{slug}.yml")


def root_selector(slug: str) -> str:
    return f'.pq-transcript[data-transcript="{slug}"]'


def open_page(page, site: str, slug: str) -> None:
    page.goto(f"{site}/{PAGES[slug]}")
    try:
        page.wait_for_selector(f"{root_selector(slug)}.pq-ready", timeout=60_000)
    except Exception:  # noqa: BLE001 - say why, then fail
        pytest.fail(f"the transcript {slug!r} never started; console errors: {page.watched.console_errors}; "
                    f"failed requests: {page.watched.failed_requests}")


def saved(page, slug: str):
    return page.evaluate("""(slug) => {
        const data = JSON.parse(localStorage.getItem('pyodide-quiz:progress') || '{}');
        return data.entries?.['transcript:' + slug]?.items?.coding ?? null;
    }""", slug)


def tab_to(page, selector: str, limit: int = 1500) -> None:
    """Press Tab until the focused element matches selector (keyboard only; fails if it is never reached)."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def designed_marks(slug: str) -> dict:
    """A student's coding that exercises every rule: exact hits with the right kind, an exact hit with another
    kind of the same family, a hit without a kind, a same-kind mark on the neighbouring client turn, a false
    alarm, and repairs with the right and with another strategy."""
    t = transcript(slug)
    units = t.turns_of("client")
    keyed = {m.turn for m in t.markers}
    def free_neighbours(marker):
        place = units.index(marker.turn)
        return [units[i] for i in (place + 1, place - 1) if 0 <= i < len(units) and units[i] not in keyed]

    shifted = next(m for m in t.markers if free_neighbours(m))
    markers = {free_neighbours(shifted)[0]: shifted.kind}
    for index, marker in enumerate(m for m in t.markers if m is not shifted):
        if index % 4 == 0:
            markers[marker.turn] = marker.kind
        elif index % 4 == 1:
            other = next(k for k, code in KINDS.items() if code.family == marker.family and k != marker.kind)
            markers[marker.turn] = other
        elif index % 4 == 2:
            markers[marker.turn] = None
    lonely = next(u for i, u in enumerate(units) if u not in keyed and u not in markers
                  and all(units[j] not in keyed for j in (i - 1, i + 1) if 0 <= j < len(units)))
    markers[lonely] = "denial"
    repairs = {}
    for index, repair in enumerate(t.repairs()[:2]):
        repairs[repair["turn"]] = repair["strategy"] if index == 0 else next(
            s for s in STRATEGIES if s != repair["strategy"])
    return {"markers": [{"turn": turn, "kind": markers[turn]} for turn in sorted(markers)],
            "repairs": [{"turn": turn, "strategy": repairs[turn]} for turn in sorted(repairs)]}


def random_answers(slug: str, count: int) -> list:
    """Answers for the parity test: random marks of every kind (and none), at several rates, shuffled; the
    sample answers; and damaged records."""
    t = transcript(slug)
    rng = random.Random(slug)
    turns = len(t.turns)
    answers = [answer for _, answer, _ in t.sample_answers()]
    for _ in range(count):
        rate = rng.choice([0.1, 0.3, 0.6])
        markers = [{"turn": n, "kind": rng.choice([*KINDS, None])} for n in range(0, turns + 3) if rng.random() < rate]
        repairs = [{"turn": n, "strategy": rng.choice([*STRATEGIES, None])} for n in range(0, turns + 3)
                   if rng.random() < rate / 2]
        rng.shuffle(markers)
        answers.append({"markers": markers, "repairs": repairs})
    damaged = [{"turn": 2, "kind": "sulking"}, {"turn": 2, "kind": "denial"}, {"turn": "4"}, {"turn": 4.5}, None]
    answers += [None, [], {"markers": "all"}, {"markers": damaged}]
    return answers


def straight(text: str) -> str:
    """Text with the typographic quotes the build puts in (Sphinx's smart quotes) made straight again."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def payload(page, slug: str | None = None) -> dict:
    selector = f"{root_selector(slug)} > script.pq-data" if slug else ".pq-transcript > script.pq-data"
    return json.loads(page.locator(selector).first.text_content())


def test_every_transcript_file_is_shown_on_a_page():
    files = sorted(p.stem for p in (ROOT / "quizzes" / "transcripts").glob("*.yml"))
    assert len(files) == 3 and sorted(PAGES) == files


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_the_page_grades_exactly_like_python(page, site, slug):
    open_page(page, site, slug)
    spec = payload(page, slug)["spec"]
    assert spec == json.loads(json.dumps(transcript(slug).grading_spec())), "stale payload: rebuild the site"
    answers = random_answers(slug, 300)
    # The module the page itself loaded (its URL from the page's preload link), not a copy.
    url = page.evaluate("() => document.querySelector('link[rel=modulepreload][href$=\"transcript-grader.js\"]').href")
    results = page.evaluate("""async ([url, spec, answers]) => {
        const { compare } = await import(url);
        return answers.map((answer) => compare(spec, answer));
    }""", [url, spec, answers])
    disagreements = [f"answer {answer!r}: page {got!r}, Python {expected!r}"
                     for answer, got in zip(answers, results)
                     if got != (expected := json.loads(json.dumps(compare(spec, answer))))]
    assert len(results) == len(answers) >= 300
    assert not disagreements, f"{len(disagreements)} of {len(answers)}:\n" + "\n".join(disagreements[:5])
    assert page.watched.console_errors == []


def mark_by_keyboard(page, slug: str, answer: dict) -> None:
    """Tick each mark's box with Space and choose its kind or strategy with the arrow keys, in turn order."""
    root = root_selector(slug)
    prefix = page.locator(root).get_attribute("id")
    entries = sorted([(m["turn"], m["kind"]) for m in answer["markers"]]
                     + [(r["turn"], r["strategy"]) for r in answer["repairs"]])
    tab_to(page, f"{root} .pq-transcript-skip")
    for turn, value in entries:
        tab_to(page, f"#{prefix}-mark-{turn}")
        page.keyboard.press("Space")
        assert page.locator(f"#{prefix}-mark-{turn}").is_checked()
        if value is None:
            continue
        select = f"#{prefix}-code-{turn}"
        tab_to(page, select)
        steps = page.evaluate("([s, v]) => [...document.querySelector(s).options].findIndex((o) => o.value === v)",
                              [select, value])
        assert steps > 0, f"{value} is not an option of turn {turn}"
        for _ in range(steps):
            page.keyboard.press("ArrowDown")
        assert page.locator(select).input_value() == value


def shown_result(page, slug: str) -> dict:
    return page.evaluate("""(root) => {
        const result = document.querySelector(root + ' .pq-transcript-result');
        return {hidden: result.hidden, kappa: result.dataset.kappa,
                summary: result.querySelector('.pq-transcript-summary-line')?.innerText ?? '',
                marks: [...result.querySelectorAll('.pq-transcript-marks > li')].map((li) =>
                    [Number(li.dataset.turn), li.dataset.outcome]),
                extra: [...result.querySelectorAll('.pq-transcript-extra > li')].map((li) => Number(li.dataset.turn)),
                table: Object.fromEntries([...result.querySelectorAll('.pq-transcript-table tr')].map((tr) =>
                    [tr.querySelector('th').innerText.trim(), tr.querySelector('td').innerText.trim()])),
                live: document.querySelector(root + ' .pq-transcript-count').innerText};
    }""", root_selector(slug))


def assert_result_is_pythons(page, slug: str, answer: dict) -> None:
    expected = compare(transcript(slug).grading_spec(), answer)
    shown = shown_result(page, slug)
    assert not shown["hidden"]
    assert float(shown["kappa"]) == expected["kappa"]
    assert shown["marks"] == [[e["turn"], "miss" if e["matched"] is None else "hit"] for e in expected["key"]]
    assert shown["extra"] == [m["turn"] for m in expected["extra"]]
    table = shown["table"]
    assert table["Markers the coders found"] == str(expected["hits"] + expected["misses"])
    assert table["Misses: you did not mark them"] == str(expected["misses"])
    assert table["False alarms: you marked a turn the coders did not"] == str(expected["false_alarms"])
    assert table["Same kind, of your hits"] == f"{expected['kinds_agree']} of {expected['hits']}"
    assert table["Same strategy, of the repairs you found"] == \
        f"{expected['repairs']['strategies_agree']} of {expected['repairs']['hits']}"
    kappa_words = f"{abs(expected['kappa']):.2f}"
    assert kappa_words in table["Cohen’s kappa over the client’s turns"]
    assert f"You found {expected['hits']} of the coders’" in shown["summary"] and kappa_words in shown["summary"]
    assert shown["live"] == shown["summary"]  # the live region says it too


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_code_by_keyboard_compare_and_come_back(page, site, slug):
    root = root_selector(slug)
    answer = designed_marks(slug)
    open_page(page, site, slug)
    assert page.locator(f"{root} details.pq-transcript-key").is_hidden()  # the key waits for the comparison
    mark_by_keyboard(page, slug, answer)
    record = saved(page, slug)
    assert record["verdict"] == "in-progress" and record["answer"] == answer

    # A reload while coding: every mark comes back, with its kind or strategy.
    page.reload()
    open_page(page, site, slug)
    assert saved(page, slug)["answer"] == answer
    prefix = page.locator(root).get_attribute("id")
    for mark in answer["markers"] + answer["repairs"]:
        assert page.locator(f"#{prefix}-mark-{mark['turn']}").is_checked()
        value = mark.get("kind", mark.get("strategy"))
        assert page.locator(f"#{prefix}-code-{mark['turn']}").input_value() == (value or "")
    assert "Welcome back" in page.locator(f"{root} .pq-transcript-count").inner_text()

    tab_to(page, f"{root} .pq-transcript-compare")
    page.keyboard.press("Enter")
    assert page.evaluate("(r) => document.activeElement.matches(r + ' .pq-transcript-result-title')", root)
    assert_result_is_pythons(page, slug, answer)
    # Every coders' marker is shown with its definition and its rationale from the key.
    expected = compare(transcript(slug).grading_spec(), answer)
    items = page.locator(f"{root} .pq-transcript-marks > li")
    for number, marker in enumerate(transcript(slug).markers):
        text = straight(" ".join(items.nth(number).inner_text().split()))
        assert straight(KINDS[marker.kind].definition) in text
        assert straight(" ".join(marker.rationale.split()))[:40] in text
    assert page.locator(f"{root} .pq-transcript-result .pq-debrief").is_visible()
    assert page.locator(f"{root} #{prefix}-mark-{answer['markers'][0]['turn']}").is_disabled()
    record = saved(page, slug)
    assert record["verdict"] == "complete" and record["answer"]["kappa"] == expected["kappa"]

    # After a reload the comparison is still there.
    page.reload()
    open_page(page, site, slug)
    assert_result_is_pythons(page, slug, answer)

    # "Code it again" opens the marks; a change is saved as coding in progress.
    tab_to(page, f"{root} .pq-transcript-again")
    page.keyboard.press("Enter")
    assert page.locator(f"{root} .pq-transcript-result").is_hidden()
    first = answer["markers"][0]["turn"]
    assert page.evaluate("(s) => document.activeElement.matches(s)", f"#{prefix}-mark-1")  # back to the first turn
    tab_to(page, f"#{prefix}-mark-{first}")
    page.keyboard.press("Space")
    record = saved(page, slug)
    assert record["verdict"] == "in-progress"
    assert first not in [m["turn"] for m in record["answer"]["markers"]]
    assert page.watched.console_errors == [] and page.watched.outside_requests == []


def test_the_progress_page_lists_a_compared_transcript(page, site):
    slug = sorted(PAGES)[0]
    answer = {"markers": [{"turn": m.turn, "kind": m.kind} for m in transcript(slug).markers], "repairs": []}
    open_page(page, site, slug)
    page.evaluate("""([slug, answer, hash]) => localStorage.setItem('pyodide-quiz:progress', JSON.stringify({
        version: 1, entries: {['transcript:' + slug]: {title: 'x', items: {coding: {hash, verdict: 'complete',
        answer: {...answer, kappa: 1}, at: ''}}}}}))""", [slug, answer, payload(page, slug)["hash"]])
    page.goto(f"{site}/book/progress.html")
    row = page.locator(f'.pq-progress-table tr[data-kind="transcript"][data-name="{slug}"]')
    assert "compared with the coders (kappa 1.00)" in row.inner_text()
    assert page.locator('.pq-progress-table tr[data-kind="transcript"]').count() == len(PAGES)


def in_transcripts(violations: list[dict]) -> list[dict]:
    found = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if "pq-transcript" in node.split(" :: ")[0]
                 or "pq-turn" in node.split(" :: ")[0]]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_accessibility_violations_while_coding_or_after_comparing(site, page, axe, dark):
    slug = sorted(PAGES)[0]
    root = root_selector(slug)
    open_page(page, site, slug)
    page.evaluate("document.querySelectorAll('details.pq-transcript-codes').forEach((d) => { d.open = true; })")
    states = [("before coding, codes open", axe(page, dark=dark))]
    answer = designed_marks(slug)
    prefix = page.locator(root).get_attribute("id")
    for mark in answer["markers"] + answer["repairs"]:
        page.locator(f"#{prefix}-mark-{mark['turn']}").check()
        value = mark.get("kind", mark.get("strategy"))
        if value:
            page.locator(f"#{prefix}-code-{mark['turn']}").select_option(value)
    states.append(("while coding", axe(page, dark=dark)))
    page.locator(f"{root} .pq-transcript-compare").click()
    states.append(("after comparing", axe(page, dark=dark)))
    for state, violations in states:
        assert in_transcripts(violations) == [], state
        assert violations == [], state


def test_a_phone_can_code_a_transcript_end_to_end(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    try:
        page = context.new_page()
        for slug in sorted(PAGES):
            root = root_selector(slug)
            page.goto(f"{site}/{PAGES[slug]}")
            page.wait_for_selector(f"{root}.pq-ready", timeout=60_000)
            prefix = page.locator(root).get_attribute("id")
            answer = designed_marks(slug)
            for mark in answer["markers"] + answer["repairs"]:
                label = page.locator(f'label[for="{prefix}-mark-{mark["turn"]}"]')
                box = label.bounding_box()
                assert box and box["height"] >= 24, f"turn {mark['turn']}: the tap target is {box}"
                label.tap()
                value = mark.get("kind", mark.get("strategy"))
                if value:
                    page.locator(f"#{prefix}-code-{mark['turn']}").select_option(value)
            page.locator(f"{root} .pq-transcript-compare").tap()
            assert_result_is_pythons(page, slug, answer)
            widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert widths[0] <= widths[1], f"{slug}: the page scrolls sideways: {widths}"
            inside = page.locator(root).evaluate("(r) => [r.scrollWidth, r.clientWidth]")
            assert inside[0] <= inside[1], f"{slug}: {inside}"
    finally:
        context.close()


def test_print_shows_a_coding_sheet_and_never_the_key(site, page):
    slug = sorted(PAGES)[0]
    root = root_selector(slug)
    open_page(page, site, slug)
    prefix = page.locator(root).get_attribute("id")
    marker = transcript(slug).markers[0]
    page.locator(f"#{prefix}-mark-{marker.turn}").check()
    page.locator(f"#{prefix}-code-{marker.turn}").select_option(marker.kind)
    page.emulate_media(media="print")
    assert page.locator(f"{root} .pq-transcript-controls").is_hidden()
    assert page.locator(f"{root} .pq-turn-code").first.is_hidden()
    assert page.locator(f"{root} details.pq-transcript-key").is_hidden()
    sheet = page.locator(f'{root} .pq-turn[data-turn="{marker.turn}"] .pq-turn-sheet')
    assert sheet.is_visible()
    assert sheet.inner_text() == f"Code: rupture marker, {KINDS[marker.kind].label}"
    assert page.locator(f'{root} .pq-turn[data-turn="1"] .pq-turn-sheet').inner_text() == "Code: ________________"
    assert page.locator(f"{root} .pq-transcript-codes dl").first.is_visible()  # the codes print with the sheet


def test_without_javascript_the_transcript_and_its_key_are_readable(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        slug = sorted(PAGES)[0]
        root = root_selector(slug)
        page.goto(f"{site}/{PAGES[slug]}")
        assert page.locator(f"{root} .pq-turn").count() == len(transcript(slug).turns)
        assert page.locator(f"{root} .pq-transcript-controls").is_hidden()
        assert page.locator(f"{root} .pq-turn-code").count() == 0
        page.locator(f"{root} details.pq-transcript-key > summary").click()
        assert page.locator(f"{root} .pq-key-mark").count() == len(transcript(slug).markers)
        assert page.locator(f"{root} .pq-debrief").is_visible()
    finally:
        context.close()


def test_marks_saved_against_other_turns_are_not_restored(site, page):
    slug = sorted(PAGES)[0]
    open_page(page, site, slug)
    page.evaluate("""(slug) => localStorage.setItem('pyodide-quiz:progress', JSON.stringify({version: 1, entries: {
        ['transcript:' + slug]: {items: {coding: {hash: 'not-this-one', verdict: 'complete', at: '',
                                                  answer: {markers: [{turn: 2, kind: 'denial'}], repairs: []}}}}}}))""",
                  slug)
    page.reload()
    open_page(page, site, slug)
    assert page.locator(f"{root_selector(slug)} .pq-turn-box:checked").count() == 0
    assert page.locator(f"{root_selector(slug)} .pq-transcript-result").is_hidden()
