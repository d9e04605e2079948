"""Accessibility of the whole built site: axe-core (WCAG 2.2 A/AA) on every page in light and dark mode,
a keyboard-only walk through a quiz, an exercise and a vignette with a visible focus indicator on every
control it lands on, and no motion left when the reader asks for reduced motion.

Each page gets its own browser context (a first visit); both colour modes are checked in that one tab. The same
sweep proves the Content-Security-Policy on every page (tests/browser/test_csp.py has the rest): no
`securitypolicyviolation` while the page loads (light, the first visit's "auto") nor when the theme's own button
switches it to dark, checked before axe runs (axe measures with inline styles, which the policy refuses).
"""
from __future__ import annotations

import pytest

from tests.browser.test_csp import watch
from tests.browser.vignette_play import practice_waiting, skip_practice
from tests.conftest import run_axe, site_pages

# The site's index.html only redirects to the welcome page (checked under its own name).
PAGES = site_pages()


def report(path: str, mode: str, violations: list[dict]) -> str:
    lines = [f"{path} ({mode} mode): {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"      {node}" for node in v["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_or_policy_violations_in_light_or_dark_mode(browser, site, path):
    # Reduced motion: the theme's colours then switch between modes at once (course.css), so axe never waits
    # for a transition nor measures colours half-way; the colours themselves are the same as with motion.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    policy_violations = watch(context)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{site}/{path}", wait_until="load")
        # The course's widgets render after load; axe must see them finished.
        page.wait_for_function("""() => [...document.querySelectorAll('.pq-quiz, .pq-exercise, .pq-vignette')]
                                  .every((w) => w.classList.contains('pq-ready'))""", timeout=30_000)
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
        # auto -> dark in the theme's cycle when the system is light: the theme's mode code runs under the policy.
        # A plain click event: the theme's handler runs, without the actionability checks that slow a sweep.
        page.dispatch_event(".theme-switch-button", "click")
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        assert policy_violations == [] and page.evaluate("window.pqViolations") == [], policy_violations
        failures = []
        for dark in (True, False):
            violations = run_axe(page, dark=dark)
            if violations:
                failures.append(report(path, "dark" if dark else "light", violations))
        assert not failures, "\n".join(failures)
    finally:
        context.close()


# ---- keyboard only ----------------------------------------------------------------------------------------

FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing focused';
    const visible = (node) => {
        const s = getComputedStyle(node);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    };
    // A radio inside a label, or the code editor's text area: the wrapper carries the ring (:focus-within).
    const wrapper = el.closest('label, .pq-editor');
    if (visible(el) || (wrapper && visible(wrapper))) return '';
    return `no focus indicator on <${el.tagName.toLowerCase()} class="${el.className}">`;
}"""


def tab_to(page, selector: str, limit: int = 400) -> list[str]:
    """Press Tab until the focused element matches selector; returns the problems with focus indicators seen on
    the way inside the course's widgets (every control the walk lands on must show where focus is)."""
    problems = []
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            problem = page.evaluate(FOCUS_SHOWN)
            return problems + ([f"{selector}: {problem}"] if problem else [])
        # A code box keeps Tab for indenting; Escape lets the next Tab leave it (as a keyboard user would do).
        if page.evaluate("() => document.activeElement?.matches('textarea.pq-code, .pq-editor-input')"):
            page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement?.closest('.pq-quiz, .pq-exercise, .pq-vignette')"):
            problem = page.evaluate(FOCUS_SHOWN)
            if problem:
                problems.append(problem)
    pytest.fail(f"Tab never reached {selector}")


def wait_ready(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}.pq-ready", timeout=60_000)


def test_keyboard_walk_through_a_quiz(page, site):
    page.goto(f"{site}/book/intro.html")
    wait_ready(page, ".pq-quiz")
    quiz = page.locator(".pq-quiz:has(input[type=radio])").first
    quiz_id = quiz.get_attribute("id")
    scope = f"#{quiz_id}" if quiz_id else ".pq-quiz"
    problems = tab_to(page, f"{scope} input[type=radio]")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), "Space should choose the focused option"
    problems += tab_to(page, f"{scope} .pq-check")
    page.keyboard.press("Enter")
    page.wait_for_function("(s) => document.querySelector(s).dataset.state || document.querySelector(s + ' .pq-feedback, ' + s + ' [role=status]')?.textContent.trim()",
                           arg=scope, timeout=10_000)
    assert problems == [], problems
    assert page.watched.console_errors == []


def test_keyboard_walk_through_an_exercise(page, site):
    page.goto(f"{site}/book/11-measuring.html")
    wait_ready(page, ".pq-exercise")
    root = page.locator(".pq-exercise").first
    slug = root.get_attribute("data-exercise")
    scope = f'.pq-exercise[data-exercise="{slug}"]'
    problems = tab_to(page, f"{scope} .pq-run-tests")
    page.keyboard.press("Enter")
    page.wait_for_function("(s) => document.querySelector(s).dataset.verdict", arg=scope, timeout=60_000)
    assert problems == [], problems
    assert page.watched.console_errors == []


def test_keyboard_walk_through_a_vignette(page, site):
    page.goto(f"{site}/book/13-vignettes/first-session-distrust.html")
    wait_ready(page, ".pq-vignette")
    scope = ".pq-vignette"
    problems = tab_to(page, f"{scope} .pq-vignette-start")
    page.keyboard.press("Enter")
    node = page.locator(f"{scope} .pq-vignette-scene").first.get_attribute("data-node")
    if practice_waiting(page, scope):  # the choices wait for a reply: skip writing, by keyboard too
        problems += tab_to(page, f"{scope} .pq-practice-skip")
        page.keyboard.press("Enter")
    problems += tab_to(page, f"{scope} .pq-vignette-choice")
    page.keyboard.press("Enter")
    page.wait_for_function("([s, n]) => document.querySelector(s + ' .pq-vignette-scene').dataset.node !== n",
                           arg=[scope, node], timeout=10_000)
    assert problems == [], problems
    assert page.watched.console_errors == []


# ---- reduced motion ---------------------------------------------------------------------------------------

LONG_MOTION = """() => {
    const seconds = (list) => Math.max(0, ...list.split(',').map((t) => t.trim().endsWith('ms')
        ? parseFloat(t) / 1000 : parseFloat(t)));
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        const s = getComputedStyle(el);
        const transition = seconds(s.transitionDuration) + seconds(s.transitionDelay);
        const animation = s.animationName !== 'none' ? seconds(s.animationDuration) : 0;
        if (transition > 0.01 || animation > 0.01)
            out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> transition ${s.transitionDuration} animation ${s.animationName} ${s.animationDuration}`);
    }
    const running = document.getAnimations().filter((a) => a.playState === 'running'
        && (a.effect?.getTiming().duration || 0) > 10).map((a) => `running ${a.constructor.name} on <${a.effect?.target?.tagName}> ${a.effect?.getTiming().duration} ms`);
    return [...running, ...out].slice(0, 10);
}"""


def test_reduced_motion_leaves_nothing_moving_on_the_vignette_page(page, site):
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{site}/book/13-vignettes/first-session-distrust.html")
    wait_ready(page, ".pq-vignette")
    page.locator(".pq-vignette .pq-vignette-start").first.click()
    skip_practice(page, ".pq-vignette")  # only the started vignette has a scene
    page.locator(".pq-vignette .pq-vignette-choice").first.click()
    moving = page.evaluate(LONG_MOTION)
    assert moving == [], f"with prefers-reduced-motion: reduce these still move: {moving}"
