"""The catalogue of student-facing texts (pyodide_quiz/strings/): every language complete, every text the runtime
shows taken from it, and the module the build writes for the browser."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from pyodide_quiz import strings
from tests.unit.js_literals import literals
from tests.unit.node_module import run_module

PACKAGE = Path(strings.__file__).resolve().parent.parent
RUNTIME = PACKAGE / "static" / "pq"
PLACEHOLDER = re.compile(r"\{(\w+)\}")

# A literal a student could read: words with a space between them, a capitalised word, or a verdict mark.
LOOKS_VISIBLE = re.compile(r"[A-Za-z]{2,}[,;:.!?’']?\s+[A-Za-z]|^[A-Z][a-z]|[✓✗◐…]")
CLASS_LIST = re.compile(r"^(?:pq-[\w-]*(?:\{\})?\s*)+$")
SELECTOR_PART = re.compile(r"^(?:[a-z]+)?(?:[.#][\w-]+|\[[^\]]+\]|:[\w-]+(?:\([^)]*\))?)*,?$|^>$")
# Literals that look like words but never reach the page, each with the reason.
NOT_VISIBLE = {
    "Escape": "a KeyboardEvent.key value", "Enter": "a KeyboardEvent.key value", "Tab": "a KeyboardEvent.key value",
    "Shift": "a KeyboardEvent.key value", "ArrowUp": "a KeyboardEvent.key value",
    "ArrowDown": "a KeyboardEvent.key value",
    "False": "a Python keyword (code-editor.js highlights it)", "True": "a Python keyword (code-editor.js)",
    "None": "Python's own name for nothing: chart.js quotes it in a message about a Python value",
    "ResizeObserver": "a feature test", "IntersectionObserver": "a feature test",
    "(prefers-reduced-motion: reduce)": "a media query",
}
NOT_VISIBLE_PATTERNS = [
    (re.compile(r"^pyodide_quiz: "), "a message for developers, in the browser's console"),
    (re.compile(r"^(False None True and|finally for from|abs all any|open print range|IndexError )"),
     "Python's keywords and built-in names (code-editor.js highlights them)"),
    (re.compile(r"import graders\.python|^graders\.python\.run_"), "Python code the worker runs"),
]


def runtime_files() -> list[Path]:
    return sorted(RUNTIME.rglob("*.js"))


def is_selector(text: str) -> bool:
    parts = text.split()
    return any(ch in text for ch in ".#[:") and all(SELECTOR_PART.match(part) for part in parts)


def visible_outside_catalogue(source: str, keys: set[str]) -> list[tuple[int, str]]:
    """The literals of a module's source that look like student-facing text and are neither a catalogue key nor
    known to stay out of sight."""
    found = []
    for line, text in literals(source):
        if text in keys or not LOOKS_VISIBLE.search(text) or CLASS_LIST.match(text) or is_selector(text):
            continue
        if text in NOT_VISIBLE or any(pattern.search(text) for pattern, _ in NOT_VISIBLE_PATTERNS):
            continue
        found.append((line, text))
    return found


def placeholders(entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


@pytest.fixture(scope="module")
def english() -> dict:
    return strings.catalogue("en")


def test_no_runtime_module_shows_a_text_outside_the_catalogue(english):
    problems = []
    for path in runtime_files():
        for line, text in visible_outside_catalogue(path.read_text(encoding="utf-8"), set(english)):
            problems.append(f"{path.relative_to(PACKAGE)}:{line}: {text!r}")
    assert not problems, ("texts a student may see, written in the runtime instead of the catalogue "
                          "(pyodide_quiz/strings/en.json; see CONTRIBUTING.md):\n" + "\n".join(problems))


def test_the_scan_finds_the_texts_it_must_find(english):
    # The scan itself: a sentence, a capitalised button word and a verdict mark are caught in strings and in
    # templates, a class list, a selector, a key and a regular expression holding quotes are not.
    source = '''el("p", "Your code is back.", "pq-note pq-good"); b.textContent = "Retry";
      status.textContent = `✓ ${n} passed`; // "In a comment."
      x.querySelector(".pq-options input[type=radio]:checked"); t("python.retry");
      const re = /["']Not a string['"]/g; /* "Nor this." */ y = `pq-series-${i}`;'''
    found = [text for _, text in visible_outside_catalogue(source, set(english))]
    assert found == ["Your code is back.", "Retry", "✓ {} passed"]


def test_every_language_has_every_key_with_the_same_placeholders(english):
    assert strings.languages() == ["de", "en"]
    for language in strings.languages():
        catalogue = strings.catalogue(language)
        assert set(catalogue) == set(english), (language, set(catalogue) ^ set(english))
        for key, entry in catalogue.items():
            assert placeholders(entry) == placeholders(english[key]), (language, key)
            if isinstance(entry, dict):
                assert "other" in entry and set(entry) <= set(strings.PLURAL_FORMS), (language, key)
            texts = entry.values() if isinstance(entry, dict) else [entry]
            assert all(isinstance(text, str) and text.strip() for text in texts), (language, key)


def test_every_key_the_runtime_names_is_in_the_catalogue_and_every_key_is_used(english):
    prefixes = {key.split(".")[0] for key in english}
    key_like = re.compile(rf"^(?:{'|'.join(map(re.escape, prefixes))})\.[\w.-]+$")
    named = set()
    for path in runtime_files():
        for _, text in literals(path.read_text(encoding="utf-8")):
            if key_like.match(text):
                named.add(text)
    python = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    named |= {key for key in english if f'"{key}"' in python}
    assert named - set(english) == set(), "keys named in the runtime but missing from the catalogue"
    # Keys the runtime builds from a value: confidence.<value> for each of schedule.js CONFIDENCE, verdict.<verdict>.
    built = {f"confidence.{value}" for value in ("guessing", "fairly-sure", "sure")} | {
        f"verdict.{value}" for value in ("correct", "incorrect", "partial")}
    assert set(english) - named - built == set(), "catalogue keys nothing uses"


# Modules that name keys for another module to show: the store's import messages are shown by the progress page,
# the Python worker's start-up problems by python-client.js (a worker has no page to show them on).
SHOWN_BY = {"store.js": "progress-page.js", "python-worker.js": "python-client.js"}


def keys_named(source: str, prefixes: set[str]) -> set[str]:
    """The catalogue keys a module's source names, a key built from a value (`confidence.${level}`) as
    `confidence.{}`: enough to know its area."""
    key_like = re.compile(rf"^(?:{'|'.join(map(re.escape, prefixes))})\.[\w.{{}}-]+$")
    return {text for _, text in literals(source) if key_like.match(text)}


def imported_areas(module: str) -> set[str]:
    """The areas of the catalogue a runtime module has loaded when it runs: those it imports, and those the
    modules it imports import (the same static import tree a page preloads)."""
    from pyodide_quiz.sphinx.preload import module_tree

    return {name.removeprefix(f"{strings.RUNTIME_FOLDER}/").removesuffix(".js") for name in module_tree([module])
            if name.startswith(f"{strings.RUNTIME_FOLDER}/") and name != strings.LANGUAGE_MODULE}


def test_every_module_imports_the_areas_of_the_keys_it_names(english):
    """A page loads only the areas its modules import, so a module that shows a key of an area it does not import
    shows the bare key wherever no other module happens to import that area: this fails instead."""
    prefixes = {strings.area(key) for key in english}
    problems = []
    for path in runtime_files():
        module = path.relative_to(RUNTIME).as_posix()
        shown_by = SHOWN_BY.get(module, module)
        missing = {strings.area(key) for key in keys_named(path.read_text(encoding="utf-8"), prefixes)}
        missing -= imported_areas(shown_by)
        problems += [f"{path.relative_to(PACKAGE)}: names {area}.* keys, but {shown_by} does not import "
                     f'"./strings/{area}.js"' for area in sorted(missing)]
    assert not problems, "\n".join(problems)
    # The check itself: quiz.js has its own areas and those of what it imports (payload.js: verdicts), not others.
    quiz_areas = imported_areas("quiz.js")
    assert {"quiz", "confidence", "verdict"} <= quiz_areas and "progress" not in quiz_areas
    assert keys_named('t(`confidence.${x}`); t("quiz.check"); "quiz"; "pq-quiz.x"', prefixes) == {
        "confidence.{}", "quiz.check"}


def test_text_fills_placeholders_and_chooses_the_plural_form():
    assert strings.text("en", "quiz.hint_count", shown=1, count=3) == "Hint (1 of 3)"
    assert strings.text("en", "tests.passing", count=1) == "1 passing test"
    assert strings.text("de", "tests.passing", count=4) == "4 bestandene Tests"


@pytest.mark.parametrize(("setting", "expected"), [
    (None, ("en", True)), ("en", ("en", True)), ("de", ("de", True)), ("de_AT", ("de", True)),
    ("de-CH", ("de", True)), ("fr", ("en", False)),
])
def test_a_site_language_picks_its_catalogue_or_english(setting, expected):
    assert strings.resolve(setting) == expected


def test_the_browser_module_speaks_the_language_it_was_written_for(tmp_path):
    """The modules the build writes, imported as a runtime module imports them under Node: placeholders, plural
    forms, numbers and a link placed inside a sentence (tNodes); an area not imported has no texts."""
    for name, module in strings.runtime_modules("de").items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(module, encoding="utf-8")
    (tmp_path / "i18n.js").write_text((RUNTIME / "i18n.js").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "widget.js").write_text('export * from "./i18n.js";\nimport "./strings/quiz.js";\n'
                                        'import "./strings/tests.js";\nimport "./strings/review.js";\n')
    out = run_module(tmp_path / "widget.js", """
      globalThis.Node = class {};
      const link = new Node();
      const warned = [];
      console.warn = (message) => warned.push(message);
      return [s.LANGUAGE, s.t("quiz.hint_count", {shown: 2, count: 3}), s.t("tests.passing", {count: 1}),
        s.t("tests.passing", {count: 5}), s.formatNumber(7.85, 1),
        s.tNodes("review.calibration_line", {link}).map((part) => part === link ? "<link>" : part),
        s.t("vignette.restart"), warned];
    """)
    assert out == ["de", "Hinweis (2 von 3)", "1 bestandener Test", "5 bestandene Tests", "7,9",
                   ["Wie sicher Sie waren und wie oft Sie richtig lagen, steht auf ", "<link>", "."],
                   "vignette.restart", ['pyodide_quiz: no text for "vignette.restart" in the de catalogue '
                                        "(is ./strings/vignette.js imported?)"]]


def test_the_areas_hold_the_whole_catalogue_once(english):
    modules = strings.runtime_modules("en")
    assert modules.pop(strings.LANGUAGE_MODULE).endswith('export const LANGUAGE = "en";\n')
    found = {}
    for name, module in modules.items():
        texts = json.loads(module.split("addTexts(", 1)[1].removesuffix(");\n"))
        assert {strings.area_module(strings.area(key)) for key in texts} == {name}
        assert not set(texts) & set(found), name
        found |= texts
    assert found == english


def test_the_build_writes_the_sites_catalogue_and_warns_once_for_a_language_it_lacks(tmp_path, monkeypatch):
    from pyodide_quiz.sphinx import assets

    warnings = []
    monkeypatch.setattr(assets.logger, "warning", lambda message, *args, **kwargs: warnings.append(message % args))
    folder = tmp_path / "pq" / "strings"
    folder.mkdir(parents=True)
    (folder / "gone.js").write_text("// an area the catalogue no longer has")
    assets.stage_strings("de_DE", tmp_path / "pq")
    assert warnings == []
    assert 'LANGUAGE = "de"' in (folder / "language.js").read_text(encoding="utf-8")
    assert {f"strings/{p.name}" for p in folder.iterdir()} == set(strings.runtime_modules("de"))
    assets.stage_strings("tlh", tmp_path / "pq")
    assert len(warnings) == 1 and "'tlh'" in warnings[0] and "en" in warnings[0]
    assert 'LANGUAGE = "en"' in (folder / "language.js").read_text(encoding="utf-8")


# The engine's Python that writes student-facing HTML, and the calls whose text a student reads.
RENDERING = [*sorted((PACKAGE / "render").glob("*.py")), PACKAGE / "sphinx" / "progress.py",
             PACKAGE / "sphinx" / "review.py", PACKAGE / "sphinx" / "content.py"]
TEXT_CALLS = {"element": 1, "para": 0, "strong": 0, "emphasis": 0, "link": 0, "Text": 0, "paragraph": 1, "_heading": 0}
TEXT_KEYWORDS = {"aria_label", "aria_valuetext", "title", "alt", "placeholder"}


def python_texts_outside_catalogue(source: str) -> list[tuple[int, str]]:
    """String constants (and f-strings' literal parts) a rendering call puts in the page, that look like words."""
    def literal(node) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        return None

    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        shown = call.args[TEXT_CALLS[name]:] if name in TEXT_CALLS else []
        shown += [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]
        for node in shown:
            text = literal(node)
            if text is not None and LOOKS_VISIBLE.search(text):
                found.append((node.lineno, text))
    return found


def test_no_rendered_html_holds_a_text_outside_the_catalogue():
    problems = [f"{path.relative_to(PACKAGE)}:{line}: {text!r}" for path in RENDERING
                for line, text in python_texts_outside_catalogue(path.read_text(encoding="utf-8"))]
    assert not problems, ("student-facing texts written in the engine's Python, not the catalogue:\n"
                          + "\n".join(problems))
    sample = 'para(strong("Answer: "), x); element("p", "Run", aria_label=f"Move {n}"); element("p", key)'
    assert sorted(python_texts_outside_catalogue(sample)) == [(1, "Answer: "), (1, "Move {}"), (1, "Run")]
