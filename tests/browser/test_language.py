"""A site in German (`language: de`): the page says so, and every widget speaks German: verdicts, a summary, a
hint, the score and Python's start-up failure, with none of the English catalogue's sentences left in the
widgets' visible text. The tiny book, built once in German for this module."""
from __future__ import annotations

import re

import pytest

from pyodide_quiz import strings
from pyodide_quiz.model import load_quiz
from tests.conftest import serve
from tests.tinybook import TINY, build, copy_tiny

QUIZ = "sample"
PLACEHOLDER = re.compile(r"\{\w+\}")


def section(question: str) -> str:
    return f"div.pq-quiz[data-quiz='{QUIZ}'] section.pq-question[data-question-id='{question}']"


def english_sentences() -> set[str]:
    """The English catalogue's texts, cut at their placeholders, that German never shares: any one of them in a
    German page is a text the catalogue did not reach."""
    english, german = strings.catalogue("en"), strings.catalogue("de")
    found = set()
    for key, entry in english.items():
        translated = german[key] if isinstance(german[key], dict) else {"other": german[key]}
        for form, text in (entry if isinstance(entry, dict) else {"other": entry}).items():
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" :.,;()")
                if " " in piece and len(piece) >= 8 and piece not in translated.get(form, translated["other"]):
                    found.add(piece)
    return found


@pytest.fixture(scope="module")
def german_site(tmp_path_factory):
    book = copy_tiny(tmp_path_factory.mktemp("tiny-de") / "tiny")
    config = book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  config:\n", "  config:\n    language: de\n", 1),
                      encoding="utf-8")
    done = build(book)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with serve(book / "_build" / "html") as url:
        yield url


@pytest.fixture(scope="module")
def questions():
    quiz = load_quiz(TINY / "quizzes" / f"{QUIZ}.yml", f"quizzes/{QUIZ}.yml")
    return {question.type: question for question in quiz.questions}


def test_a_german_site_speaks_german_in_every_widget(browser, german_site, questions):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(20_000)
    missing_texts = []
    page.on("console", lambda m: missing_texts.append(m.text) if "no text for" in m.text else None)
    # The engine's own errors only: Sphinx's translations.js (any non-English site) compiles its plural rule with
    # `new Function`, which the site's CSP refuses; that is Sphinx's, reported to the lead, not the runtime's.
    page.on("pageerror",
            lambda e: missing_texts.append(f"uncaught: {e}") if "/_static/pq/" in (e.stack or "") else None)
    # Python cannot start: its WebAssembly is missing (the start-up's own message is the one to read).
    page.route("**/_static/pyodide/pyodide.asm.wasm",
               lambda route: route.fulfill(status=404, content_type="text/plain", body="Not found"))
    page.goto(f"{german_site}/book/intro.html")
    page.wait_for_selector(".pq-quiz.pq-ready")
    assert page.get_attribute("html", "lang") == "de"

    single = section(questions["single"].id)
    page.click(f"{single} .pq-hint")
    assert page.inner_text(f"{single} .pq-hint") == "Hinweis (1 von 2)"
    wrong = next(i for i, option in enumerate(questions["single"].data["options"]) if not option["correct"])
    page.click(f"{single} li.pq-option[data-index='{wrong}'] label")
    page.click(f"{single} .pq-check")
    assert page.inner_text(f"{single} .pq-verdict") == "✗ Noch nicht ganz."
    page.click(f"{single} .pq-retry")
    right = next(i for i, option in enumerate(questions["single"].data["options"]) if option["correct"])
    page.click(f"{single} li.pq-option[data-index='{right}'] label")
    page.click(f"{single} .pq-check")
    assert page.inner_text(f"{single} .pq-verdict") == "✓ Richtig."

    multiple = section(questions["multiple"].id)
    options = questions["multiple"].data["options"]
    one_right, one_wrong = (next(i for i, o in enumerate(options) if o["correct"] is right) for right in (True, False))
    for index in (one_right, one_wrong):
        page.click(f"{multiple} li.pq-option[data-index='{index}'] label")
    page.click(f"{multiple} .pq-check")
    assert page.locator(f"{multiple} .pq-status > p").all_inner_texts()[:2] == [
        "◐ Teilweise richtig.", "Sie haben 1 von 2 richtigen Optionen angekreuzt und 1 falsche."]

    python = section(questions["python"].id)
    assert page.inner_text(f"{python} .pq-check") == "Tests ausführen"
    page.fill(f"{python} textarea.pq-code", questions["python"].data["solution"])
    page.click(f"{python} .pq-check")
    notice = page.locator(f"{python} .pq-status .pq-python-failed")
    notice.wait_for()
    assert notice.inner_text().startswith("Python konnte nicht starten: Eine benötigte Datei (pyodide.asm.wasm) "
                                          "ließ sich nicht herunterladen (Fehler 404).")
    assert page.inner_text(f"{python} .pq-python-retry") == "Erneut versuchen"
    assert re.match(r"Ergebnis: 1 von \d+ richtig \(\d+ noch nicht beantwortet\)\.$", page.inner_text(".pq-score"))

    shown = page.inner_text(".pq-quiz")
    assert [sentence for sentence in english_sentences() if sentence in shown] == []
    assert missing_texts == []
    context.close()
