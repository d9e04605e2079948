"""Every vignette of the built site, played by keyboard only along its best and its worst path.

Best and worst paths come from the YAML (the sum of all effects along a path), never hard-coded, so the tests
follow the stories as authors change them. After each choice the meters must equal the start values plus the
payload's effects; at the end the path summary must list every choice; step back, restart and reload must keep
the student's place. axe-core must find no WCAG 2.2 A/AA violation on the page, in light and dark mode.
"""
from __future__ import annotations

import json

import pytest
import yaml

from pyodide_quiz.model.vignette import effect_words
from tests.browser.vignette_play import practice_waiting, skip_practice
from tests.conftest import ROOT, pages_using

METERS = ("goal", "task", "bond")
def vignette_pages() -> dict[str, str]:
    """slug -> the built page that shows it (from the chapters' sources)."""
    return pages_using("vignette", r"quizzes/vignettes/(?P<name>[\w-]+)\.yml")


PAGES = vignette_pages()


def story(slug: str) -> dict:
    return yaml.safe_load((ROOT / "quizzes" / "vignettes" / f"{slug}.yml").read_text(encoding="utf-8"))


def effects_of(choice: dict) -> dict[str, int]:
    return {name: (choice.get("effects") or {}).get(name, 0) for name in METERS}


def all_paths(data: dict) -> list[tuple[list[int], int]]:
    """Every path from the start to an ending: (choice indices, sum of all effects along it)."""
    found = []

    def walk(node_id, path, total):
        node = data["nodes"][node_id]
        if "ending" in node:
            found.append((path, total))
            return
        for index, choice in enumerate(node["choices"]):
            walk(choice["next"], path + [index], total + sum(effects_of(choice).values()))

    walk(data["start"], [], 0)
    return found


def best_and_worst(data: dict) -> dict[str, list[int]]:
    paths = all_paths(data)
    return {"best": max(paths, key=lambda p: p[1])[0], "worst": min(paths, key=lambda p: p[1])[0]}


def replay(data: dict, path: list[int]) -> list[dict]:
    """The expected state after each step: node reached, meters, the choice taken (node, index)."""
    meters = {**{"goal": 5, "task": 5, "bond": 5}, **((data.get("meters") or {}).get("start") or {})}
    node, steps = data["start"], []
    for index in path:
        choice = data["nodes"][node]["choices"][index]
        meters = {name: meters[name] + effects_of(choice)[name] for name in METERS}
        steps.append({"from": node, "index": index, "node": choice["next"], "meters": dict(meters),
                      "effects": effects_of(choice)})
        node = choice["next"]
    return steps


def start_values(data: dict) -> dict[str, int]:
    return {**{"goal": 5, "task": 5, "bond": 5}, **((data.get("meters") or {}).get("start") or {})}


def root_selector(slug: str) -> str:
    return f'.pq-vignette[data-vignette="{slug}"]'


def tab_to(page, selector: str, limit: int = 800) -> None:
    """Press Tab until the focused element matches selector (keyboard only; fails if it is never reached)."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def meters_shown(page, slug: str) -> dict[str, tuple[int, int]]:
    """Each meter's number in words and its aria-valuenow."""
    return page.evaluate("""(sel) => {
        const out = {};
        document.querySelectorAll(sel + ' .pq-meter').forEach((m) => {
            out[m.dataset.meter] = [Number(m.querySelector('.pq-meter-value').textContent),
                                    Number(m.querySelector('[role=meter]').getAttribute('aria-valuenow'))];
        });
        return out;
    }""", root_selector(slug))


def saved(page, slug: str):
    return page.evaluate("""(slug) => {
        const data = JSON.parse(localStorage.getItem('pyodide-quiz:progress') || '{}');
        return data.entries?.['vignette:' + slug]?.items?.path ?? null;
    }""", slug)


def payload(page, slug: str) -> dict:
    return json.loads(page.locator(f"{root_selector(slug)} > script.pq-data").text_content())


def assert_scene(page, slug: str, node: str, meters: dict[str, int]) -> None:
    root = root_selector(slug)
    assert page.locator(f"{root} .pq-vignette-scene").get_attribute("data-node") == node
    assert meters_shown(page, slug) == {name: [meters[name], meters[name]] for name in METERS}
    # Focus went to the new scene's heading, so a screen reader starts reading there.
    assert page.evaluate("(s) => document.activeElement.matches(s + ' .pq-scene-title')", root)


def press_choice(page, slug: str, index: int, key: str) -> None:
    # At a scene with a practice the choices wait for a reply: skip writing, by keyboard too.
    if practice_waiting(page, root_selector(slug)):
        tab_to(page, f"{root_selector(slug)} .pq-vignette-scene .pq-practice-skip")
        page.keyboard.press(key)
    tab_to(page, f'{root_selector(slug)} .pq-vignette-choice[data-choice="{index}"]')
    page.keyboard.press(key)


def read_outcome(page, slug: str) -> str:
    """Scroll to what the last choice did to the alliance, as a reader does (the meters change only when it is in
    view, after the client's response); returns its text once the meters show the change."""
    outcome = page.locator(f"{root_selector(slug)} .pq-vignette-scene .pq-vignette-outcome")
    outcome.locator(".pq-vignette-effects").scroll_into_view_if_needed()
    page.wait_for_function("""(sel) => {
        const line = document.querySelector(sel + ' .pq-vignette-outcome .pq-vignette-meters-now').textContent;
        return [...document.querySelectorAll(sel + ' .pq-meter')].every((m) =>
            line.includes(`${m.querySelector('.pq-meter-name').textContent} ${m.querySelector('.pq-meter-value').textContent} of`));
    }""", arg=root_selector(slug))
    return outcome.inner_text()


def wait_ready(page, slug: str) -> None:
    # Generous: on a busy machine the page's scripts can take several seconds to start the widgets.
    try:
        page.wait_for_selector(f"{root_selector(slug)}.pq-ready", timeout=60_000)
    except Exception:  # noqa: BLE001 - say why, then fail
        watched = page.watched if hasattr(page, "watched") else None
        pytest.fail(f"the vignette {slug!r} never started; console errors: "
                    f"{watched.console_errors if watched else '?'}; failed requests: "
                    f"{watched.failed_requests if watched else '?'} (was _build/html rebuilt during the test?)")


def open_page(page, site: str, slug: str) -> None:
    page.goto(f"{site}/{PAGES[slug]}")
    wait_ready(page, slug)


def our_errors(page) -> list[str]:
    return [e for e in page.watched.console_errors if "uncaught" in e or "pq/" in e or "vignette" in e.lower()]


def test_every_vignette_file_is_shown_on_a_page():
    files = sorted(p.stem for p in (ROOT / "quizzes" / "vignettes").glob("*.yml"))
    assert files and sorted(PAGES) == files


@pytest.mark.parametrize("which", ["best", "worst"])
@pytest.mark.parametrize("slug", sorted(PAGES))
def test_play_by_keyboard(site, page, slug, which):
    data = story(slug)
    path = best_and_worst(data)[which]
    steps = replay(data, path)
    root = root_selector(slug)
    open_page(page, site, slug)
    spec = payload(page, slug)
    assert spec["meters"]["start"] == start_values(data)
    # The payload's graph is the YAML's graph: the runtime plays what the author wrote.
    for step in steps:
        choice = spec["nodes"][step["from"]]["choices"][step["index"]]
        assert choice == {"next": step["node"], "effects": step["effects"]}

    tab_to(page, f"{root} .pq-vignette-start")
    page.keyboard.press("Enter")
    assert_scene(page, slug, data["start"], start_values(data))
    assert page.locator(f"{root} details.pq-vignette-tree").is_hidden()

    for number, step in enumerate(steps):
        press_choice(page, slug, step["index"], "Enter" if number % 2 == 0 else " ")
        assert f"Effect: {effect_words(step['effects'])}" in read_outcome(page, slug)
        assert_scene(page, slug, step["node"], step["meters"])
        changes = page.locator(f"{root} .pq-meter-change").all_inner_texts()
        shown = [c.strip() for c in changes if c.strip()]
        assert len(shown) == sum(1 for value in step["effects"].values() if value)
        if number == 1 and len(steps) > 2:
            # Reload mid-way: the student resumes at the same scene, with the same meters.
            page.reload()
            wait_ready(page, slug)
            assert page.locator(f"{root} .pq-vignette-scene").get_attribute("data-node") == step["node"]
            assert meters_shown(page, slug) == {n: [step["meters"][n]] * 2 for n in METERS}
            assert saved(page, slug)["verdict"] == "in-progress"
            assert saved(page, slug)["answer"] == path[:2]

    ending = data["nodes"][steps[-1]["node"]]["ending"]
    assert page.locator(f"{root}").get_attribute("data-state") == "ended"
    assert ending in page.locator(f"{root} .pq-vignette-scene .pq-ending-kind").inner_text().lower()
    assert page.locator(f"{root} .pq-vignette-scene .pq-debrief").is_visible()
    record = saved(page, slug)
    assert record["answer"] == path and record["verdict"] == "complete" and record["hash"] == spec["hash"]

    # The path summary lists each choice made, with its feedback and effect, and where the meters ended.
    items = page.locator(f"{root} .pq-vignette-steps > li")
    assert items.count() == len(steps)
    for number, step in enumerate(steps):
        said = page.locator(f'{root} .pq-vignette-node[data-node="{step["from"]}"] '
                            f'.pq-node-choice[data-choice="{step["index"]}"] .pq-choice-text').text_content()
        text = " ".join(items.nth(number).inner_text().split())
        assert " ".join(said.split()) in text
        assert f"Effect: {effect_words(step['effects'])}" in text
    final = page.locator(f"{root} .pq-vignette-path").inner_text()
    assert "Where the meters ended: " + ", ".join(
        f"{n.capitalize()} {steps[-1]['meters'][n]} of {spec['meters']['max']}" for n in METERS) in final
    assert page.locator(f"{root} details.pq-vignette-tree").is_visible()

    # Step back: the last decision again, with the meters before the last choice; then the same choice again.
    tab_to(page, f"{root} .pq-vignette-back")
    page.keyboard.press("Enter")
    before = steps[-2]["meters"] if len(steps) > 1 else start_values(data)
    assert_scene(page, slug, steps[-1]["from"], before)
    assert saved(page, slug)["answer"] == path[:-1]
    press_choice(page, slug, steps[-1]["index"], " ")
    read_outcome(page, slug)
    assert_scene(page, slug, steps[-1]["node"], steps[-1]["meters"])

    # A finished vignette comes back finished after a reload, summary and all.
    page.reload()
    wait_ready(page, slug)
    assert page.locator(root).get_attribute("data-state") == "ended"
    assert page.locator(f"{root} .pq-vignette-steps > li").count() == len(steps)
    assert meters_shown(page, slug) == {n: [steps[-1]["meters"][n]] * 2 for n in METERS}

    # Restart: back to the first scene and the start values; the saved place is gone.
    tab_to(page, f"{root} .pq-vignette-restart")
    page.keyboard.press("Enter")
    assert_scene(page, slug, data["start"], start_values(data))
    assert saved(page, slug) is None
    assert page.locator(f"{root} .pq-vignette-back").is_disabled()
    assert our_errors(page) == [] and page.watched.outside_requests == []


def in_vignettes(violations: list[dict]) -> list[dict]:
    """The violations whose elements are inside a vignette (the rest belong to the theme or the chapter)."""
    found = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if "pq-vignette" in node.split(" :: ")[0]]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def axe_in_every_state(page, site, axe, dark: bool) -> list[tuple[str, list[dict]]]:
    """axe-core results before starting (every tree open), while playing, and at an ending."""
    slugs = sorted(PAGES)
    open_page(page, site, slugs[0])
    page.evaluate("document.querySelectorAll('details.pq-vignette-tree').forEach((d) => { d.open = true; })")
    results = [("before starting, trees open", axe(page, dark=dark))]
    data = story(slugs[0])
    path = best_and_worst(data)["best"]
    root = root_selector(slugs[0])
    page.locator(f"{root} .pq-vignette-start").click()
    if practice_waiting(page, root):
        results.append(("a scene that asks for a reply first", axe(page, dark=dark)))
    skip_practice(page, root)
    page.locator(f'{root} .pq-vignette-choice[data-choice="{path[0]}"]').click()
    results.append(("a scene after a choice", axe(page, dark=dark)))
    for index in path[1:]:
        skip_practice(page, root)
        page.locator(f'{root} .pq-vignette-choice[data-choice="{index}"]').click()
    assert page.locator(root).get_attribute("data-state") == "ended"
    results.append(("an ending with its path summary", axe(page, dark=dark)))
    return results


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_accessibility_violations_in_the_vignettes(site, page, axe, dark):
    for state, violations in axe_in_every_state(page, site, axe, dark):
        assert in_vignettes(violations) == [], state


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_accessibility_violations_on_the_vignette_page(site, page, axe, dark):
    for state, violations in axe_in_every_state(page, site, axe, dark):
        assert violations == [], state


def test_without_javascript_the_vignette_reads_as_a_decision_tree(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        slug = sorted(PAGES)[0]
        root = root_selector(slug)
        page.goto(f"{site}/{PAGES[slug]}")
        assert page.locator(f"{root} .pq-vignette-start").is_hidden()
        assert page.locator(f"{root} .pq-vignette-play").is_hidden()
        assert page.locator(f"{root} .pq-vignette-skip").is_visible()
        page.locator(f"{root} details.pq-vignette-tree > summary").click()
        nodes = page.locator(f"{root} .pq-vignette-node")
        assert nodes.count() == len(story(slug)["nodes"])
        # Every choice links to a node of this vignette; following one shows that node.
        hrefs = page.locator(f"{root} .pq-choice-next a").evaluate_all("(links) => links.map((a) => a.hash)")
        ids = set(page.locator(f"{root} .pq-vignette-node").evaluate_all("(nodes) => nodes.map((n) => '#' + n.id)"))
        assert hrefs and set(hrefs) <= ids
        page.locator(f"{root} .pq-choice-next a").first.click()
        assert page.locator(hrefs[0]).is_visible()
        # The skip link jumps past the vignette.
        page.locator(f"{root} .pq-vignette-skip").click()
        assert page.evaluate("location.hash") == page.locator(f"{root} .pq-vignette-skip").evaluate("(a) => a.hash")
    finally:
        context.close()


def test_in_print_the_tree_shows_and_the_player_does_not(site, page):
    slug = sorted(PAGES)[0]
    root = root_selector(slug)
    open_page(page, site, slug)
    page.locator(f"{root} .pq-vignette-start").click()
    page.emulate_media(media="print")
    assert page.locator(f"{root} .pq-vignette-play").is_hidden()
    assert page.locator(f"{root} .pq-vignette-node .pq-narrative").first.is_visible()
    assert page.locator(f"{root} .pq-vignette-node .pq-debrief").last.is_visible()


def test_a_phone_sized_screen_needs_no_sideways_scrolling(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for slug in sorted(PAGES):
            page.goto(f"{site}/{PAGES[slug]}")
            root = root_selector(slug)
            wait_ready(page, slug)
            page.locator(f"{root} .pq-vignette-start").click()
            skip_practice(page, root)
            page.locator(f"{root} .pq-vignette-choice").first.click()
            widths = page.locator(root).evaluate("(r) => [r.scrollWidth, r.clientWidth]")
            assert widths[0] <= widths[1], f"{slug}: {widths}"
    finally:
        context.close()


def test_reduced_motion_turns_off_the_meter_animation(site, page):
    page.emulate_media(reduced_motion="reduce")
    slug = sorted(PAGES)[0]
    open_page(page, site, slug)
    duration = page.locator(f"{root_selector(slug)} .pq-meter-fill").first.evaluate(
        "(e) => getComputedStyle(e).transitionDuration")
    assert duration in ("0s", "0s, 0s")


def test_a_saved_path_from_an_edited_story_is_not_restored(site, page):
    slug = sorted(PAGES)[0]
    open_page(page, site, slug)
    page.evaluate("""(slug) => localStorage.setItem('pyodide-quiz:progress', JSON.stringify({version: 1, entries: {
        ['vignette:' + slug]: {items: {path: {hash: 'not-this-one', answer: [0, 0], verdict: 'in-progress',
                                              at: ''}}}}}))""",
                  slug)
    page.reload()
    wait_ready(page, slug)
    assert page.locator(f"{root_selector(slug)} .pq-vignette-play").is_hidden()
    assert page.locator(f"{root_selector(slug)} .pq-vignette-start").is_visible()
