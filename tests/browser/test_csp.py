"""The Content-Security-Policy every page carries (pyodide_quiz/sphinx/csp.py) holds in the browser.

- Every built page carries a policy whose script hashes are exactly its inline scripts, without 'unsafe-inline',
  'unsafe-eval' or 'wasm-unsafe-eval' (Pyodide and Pagefind compile WebAssembly in workers, which a `<meta>`
  policy does not reach: the Python and search steps below prove they work without it).
- No `securitypolicyviolation` event on any page, in light and dark mode (the site's pages in the same sweep as
  axe: tests/browser/test_accessibility.py; the redirect pages here), nor while every kind of widget is used
  (a choice question, a python question, an exercise, a vignette, a transcript, search, the progress page's export
  and import), nor on pages the offline copy serves.
- A quiz whose fields hold `<img onerror>` and `<script>` shows them as text and runs nothing; if a page carried
  that markup unescaped, the policy would still block it.
- An inline script altered after the build does not run, and the browser reports it.

Violations are collected with a `securitypolicyviolation` listener added before any script of the page runs.
"""
from __future__ import annotations

import json
import re

import pytest

from pyodide_quiz.sphinx.csp import inline_scripts, source_hash
from tests.browser.test_offline import copy_site, wait_for_offline_copy
from tests.browser.test_quiz_ui import open_quiz_page, quiz_file, right_options, section_of
from tests.conftest import ROOT, ensure_built_site, pages_using, redirects, serve, site_pages, write_sample_conf

# Each violation goes to the test (which keeps it across navigations) and into the page's own list (to wait on).
LISTENER = """window.pqViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const seen = {page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI,
                  sample: event.sample, line: event.lineNumber};
    window.pqViolations.push(seen);
    window.pqCspViolation(seen);
});"""
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)" />')
SEARCH_PAGE = "search.html"
PYTHON_PAGE = "book/11-measuring.html"
PYTHON_QUIZ = "11-measuring"
WELCOME = "book/intro.html"
WELCOME_QUIZ = "00-welcome"
RUN_LIMIT_MS = 90_000  # the first run waits for Pyodide, slow on a busy machine


def watch(context) -> list[dict]:
    """Every policy violation in any page of the context, from before the page's first script."""
    found: list[dict] = []
    context.expose_function("pqCspViolation", lambda violation: found.append(violation))
    context.add_init_script(LISTENER)
    return found


@pytest.fixture(scope="module")
def csp_context(browser):
    """One context (service worker blocked) that records violations, shared by the module's site tests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.violations = watch(context)
    yield context
    context.close()


@pytest.fixture
def csp_page(csp_context):
    page = csp_context.new_page()
    page.set_default_timeout(15_000)
    csp_context.violations.clear()
    yield page
    page.close()


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


# --- the policy the build writes ------------------------------------------------------------------------------


def test_every_page_carries_a_policy_with_the_hashes_of_exactly_its_inline_scripts():
    site = ensure_built_site()
    pages = site_pages(with_index=True) + sorted(redirects())
    for name in pages:
        text = (site / name).read_text(encoding="utf-8")
        found = POLICY.findall(text)
        assert len(found) == 1, f"{name}: one policy"
        assert "<script" not in text[:text.index(found[0])], f"{name}: the policy comes before every script"
        policy = directives(found[0].replace("&quot;", '"'))
        scripts = policy["script-src"]
        assert scripts[0] == "'self'" and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, name
        assert "'unsafe-hashes'" not in scripts, f"{name}: no inline event handler (onclick=...) on the course's pages"
        assert sorted(s for s in scripts if s.startswith("'sha256-")) == sorted(
            {source_hash(s) for s in inline_scripts(text)}), name
        assert "'wasm-unsafe-eval'" not in scripts, name
        assert "'unsafe-inline'" not in policy["style-src"], name
        for key, value in {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
                           "worker-src": ["'self'"], "connect-src": ["'self'"]}.items():
            assert policy[key] == value, f"{name}: {key}"
    # The quiz payloads are data: they are not scripts and need no hash.
    welcome = (site / WELCOME).read_text(encoding="utf-8")
    assert '<script type="application/json" class="pq-data">' in welcome
    assert not any(s.lstrip().startswith("{") for s in inline_scripts(welcome))


# --- the site in the browser ----------------------------------------------------------------------------------


def test_no_violation_on_any_redirect_page_nor_the_page_it_leads_to_in_light_or_dark_mode(csp_page, csp_context,
                                                                                          site):
    """Each redirect page (index.html and the old chapter addresses) loads as on a first visit (mode "auto", light
    here), its own script moves on, then the theme's own button switches the page it led to to dark. Every other
    page is swept with axe, in tests/browser/test_accessibility.py."""
    page = csp_page
    moved = {**redirects(), "index.html": WELCOME}
    for name in sorted(moved):
        page.goto(f"{site}/{name}", wait_until="load")
        if name in moved:  # a redirect page: its own scripts ran, then the page it leads to loads
            page.wait_for_url(re.compile(re.escape(f"{site}/{moved[name]}")))
            page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.theme") == "light", name
        # auto -> dark in the theme's cycle when the system is light. A plain click event: the theme's handler runs,
        # without the actionability checks that make a sweep of every page slow.
        page.dispatch_event(".theme-switch-button", "click")
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        page.evaluate("localStorage.setItem('mode', 'auto')")
    assert csp_context.violations == [] and page.evaluate("window.pqViolations") == []


def answer_right(page, quiz: str, question) -> None:
    section = section_of(quiz, question.id)
    page.click(f"{section} li.pq-option[data-index='{right_options(question)[0]}'] label")
    page.click(f"{section} .pq-check")
    page.wait_for_selector(f"{section}[data-verdict='correct']")


def exercise_solution(slug: str) -> str:
    return (ROOT / "exercises" / slug / "solution.py").read_text(encoding="utf-8")


def test_no_violation_while_every_kind_of_widget_is_used(csp_page, csp_context, site, tmp_path):
    page = csp_page
    # A choice question.
    open_quiz_page(page, f"{site}/{WELCOME}")
    welcome = quiz_file(WELCOME_QUIZ)
    answer_right(page, WELCOME_QUIZ, next(q for q in welcome.questions if q.type == "single"))

    # A python question and an exercise (Pyodide in its worker).
    open_quiz_page(page, f"{site}/{PYTHON_PAGE}")
    question = next(q for q in quiz_file(PYTHON_QUIZ).questions if q.type == "python")
    section = section_of(PYTHON_QUIZ, question.id)
    page.fill(f"{section} textarea.pq-code", question.data["solution"])
    page.click(f"{section} .pq-check")
    page.wait_for_selector(f"{section}[data-verdict='correct']", timeout=RUN_LIMIT_MS)
    slug, _ = next((s, p) for s, p in pages_using("exercise", r"exercises/(?P<name>[\w-]+)/?").items()
                   if p == PYTHON_PAGE)
    exercise = f'.pq-exercise[data-exercise="{slug}"]'
    page.wait_for_selector(f"{exercise}.pq-ready", timeout=RUN_LIMIT_MS)
    page.fill(f"{exercise} textarea.pq-code", exercise_solution(slug))
    page.click(f"{exercise} .pq-run-tests")
    page.wait_for_selector(f"{exercise}[data-verdict='correct']", timeout=RUN_LIMIT_MS)

    # A vignette: start it and make a choice.
    vignette, where = sorted(pages_using("vignette", r"quizzes/vignettes/(?P<name>[\w-]+)\.yml").items())[0]
    page.goto(f"{site}/{where}")
    root = f'.pq-vignette[data-vignette="{vignette}"]'
    page.wait_for_selector(f"{root}.pq-ready")
    page.click(f"{root} .pq-vignette-start")
    page.wait_for_selector(f"{root}[data-state='playing']")
    first = page.locator(f"{root} [data-node]").first.get_attribute("data-node")
    page.locator(f"{root} .pq-vignette-choice").first.click()
    page.wait_for_function("([s, first]) => document.querySelector(s + ' [data-node]').dataset.node !== first",
                           arg=[root, first])

    # A transcript: mark a turn and compare with the coders.
    transcript, where = sorted(pages_using("transcript", r"quizzes/transcripts/(?P<name>[\w-]+)\.yml").items())[0]
    page.goto(f"{site}/{where}")
    root = f'.pq-transcript[data-transcript="{transcript}"]'
    page.wait_for_selector(f"{root}.pq-ready")
    page.locator(f"{root} input[type=checkbox]").first.check()
    page.click(f"{root} .pq-transcript-compare")
    page.wait_for_selector(f"{root}[data-state='compared']")

    # Search (Pagefind's WebAssembly runtime, in its worker).
    page.goto(f"{site}/{SEARCH_PAGE}?q=rupture+repair")
    page.wait_for_selector("li.course-result")

    # The progress page: export, then import the file.
    page.goto(f"{site}/book/progress.html")
    page.wait_for_selector(f".pq-progress tr[data-kind='quiz'][data-name='{WELCOME_QUIZ}']")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my results (JSON file)").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["entries"]
    page.set_input_files(".pq-progress input[type=file]", str(exported))
    page.wait_for_function("() => /Imported/.test(document.querySelector('.pq-progress [role=status]').innerText)")

    assert csp_context.violations == [] and page.evaluate("window.pqViolations") == []


@pytest.mark.service_worker
def test_no_violation_on_pages_from_the_offline_copy(browser, tmp_path):
    copy = copy_site(tmp_path / "site")
    context = browser.new_context(service_workers="allow")
    violations = watch(context)
    page = context.new_page()
    try:
        with serve(copy) as url:
            page.goto(f"{url}/{WELCOME}")
            wait_for_offline_copy(page)
        # The server is gone: everything below comes from the service worker's copy.
        open_quiz_page(page, f"{url}/{WELCOME}")
        answer_right(page, WELCOME_QUIZ, next(q for q in quiz_file(WELCOME_QUIZ).questions if q.type == "single"))
        page.goto(f"{url}/{SEARCH_PAGE}?q=bond")
        page.wait_for_selector("li.course-result")
        page.goto(f"{url}/book/progress.html")
        page.wait_for_selector(".pq-progress tr[data-kind='quiz']")
        assert violations == []
    finally:
        context.close()


# --- markup in content, and a page altered after the build ------------------------------------------------------

PAYLOADS = ('<img src="x" onerror="window.pqRan = (window.pqRan || []).concat(\'img\')">',
            "<script>window.pqRan = (window.pqRan || []).concat('script')</script>")
HOSTILE_QUIZ = """title: Markup in every field
allow: [level-mix, right-longest-bank]
reason: A test of escaping and of the page's policy.
questions:
  - id: markup-everywhere
    type: single
    level: remember
    prompt: |
      Which is right? {img}

      {script}
    hints:
      - "{img_q}"
    options:
      - {{text: "Right {img_q}", correct: true, feedback: "{script_q}"}}
      - {{text: "Wrong", correct: false, feedback: "{img_q}"}}
      - {{text: "Also wrong", correct: false, feedback: "No."}}
    explanation: "{script_q} {img_q}"
  - id: typed-markup
    type: text
    level: remember
    prompt: Type anything.
    accept: [bond]
    explanation: The bond.
"""


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory, sphinx_build):
    """A tiny book whose quiz holds markup in its prompt, hint, options, feedback and explanation."""
    src = tmp_path_factory.mktemp("hostile") / "src"
    (src / "quizzes").mkdir(parents=True)
    quoted = [p.replace('"', '\\"') for p in PAYLOADS]
    (src / "quizzes" / "hostile.yml").write_text(HOSTILE_QUIZ.format(
        img=PAYLOADS[0], script=PAYLOADS[1], img_q=quoted[0], script_q=quoted[1]), encoding="utf-8")
    write_sample_conf(src, exclude=("quizzes",))
    (src / "index.md").write_text("# Hostile\n\n```{quiz} quizzes/hostile.yml\n```\n", encoding="utf-8")
    _, warnings = sphinx_build(src)
    assert "ERROR" not in warnings, warnings
    return src / "_build" / "html"


def test_markup_in_a_quiz_shows_as_text_and_nothing_runs(browser, hostile_book):
    context = browser.new_context(service_workers="block")
    violations = watch(context)
    page = context.new_page()
    try:
        with serve(hostile_book) as url:
            open_quiz_page(page, f"{url}/index.html")
            section = section_of("hostile", "markup-everywhere")
            page.click(f"{section} .pq-hint")
            page.click(f"{section} li.pq-option[data-index='1'] label")
            page.click(f"{section} .pq-check")
            page.wait_for_selector(f"{section}[data-verdict='incorrect']")
            page.click(f"{section} .pq-retry")
            page.click(f"{section} li.pq-option[data-index='0'] label")
            page.click(f"{section} .pq-check")
            page.wait_for_selector(f"{section}[data-verdict='correct']")
            typed = f"{section_of('hostile', 'typed-markup')}"
            page.fill(f"{typed} input.pq-input", PAYLOADS[0] + PAYLOADS[1])
            page.click(f"{typed} .pq-check")
            page.wait_for_selector(f"{typed}[data-verdict]")
            shown = page.inner_text(section)
            assert PAYLOADS[0] in shown and PAYLOADS[1] in shown, "the markup is shown as text"
            assert page.locator("img[src='x']").count() == 0
            assert page.evaluate("window.pqRan") is None
            assert violations == [], "escaping kept everything text: the policy had nothing to block"

            # The same page with the markup written raw beside the prompt, as an escaping bug would: blocked.
            text = (hostile_book / "index.html").read_text(encoding="utf-8")
            assert not any(p in text for p in PAYLOADS) and text.count("Which is right?") == 1
            text = text.replace("Which is right?", "Which is right? " + "".join(PAYLOADS))
            page.route(f"{url}/unescaped.html", lambda route: route.fulfill(body=text, content_type="text/html"))
            page.goto(f"{url}/unescaped.html", wait_until="load")
            page.wait_for_function("() => new Set(window.pqViolations.map((v) => v.directive)).size >= 2")
            assert page.locator("img[src='x']").count() == 1, "the unescaped image is on the page"
            assert page.evaluate("window.pqRan") is None, "neither its onerror nor the script ran"
    finally:
        context.close()
    assert {v["directive"] for v in violations} >= {"script-src-elem", "script-src-attr"}, violations


def test_an_inline_script_altered_after_the_build_is_blocked(csp_page, csp_context, site):
    page = csp_page
    original = (ensure_built_site() / WELCOME).read_text(encoding="utf-8")
    script = next(s for s in inline_scripts(original) if "DOCUMENTATION_OPTIONS.pagename" in s)
    altered = original.replace(script, script + "\nwindow.pqAltered = true;\n", 1)
    page.route(f"{site}/{WELCOME}", lambda route: route.fulfill(body=altered, content_type="text/html"))
    page.goto(f"{site}/{WELCOME}", wait_until="load")
    assert page.evaluate("window.pqAltered") is None, "the altered script did not run"
    assert [v["directive"] for v in page.evaluate("window.pqViolations")] == ["script-src-elem"]
    # The page's other inline scripts still ran: the theme's mode script set the mode.
    assert page.evaluate("document.documentElement.dataset.mode") in ("auto", "light", "dark")
    page.unroute(f"{site}/{WELCOME}")
    csp_context.violations.clear()
    page.goto(f"{site}/{WELCOME}", wait_until="load")
    assert csp_context.violations == [], "the page as built runs"

