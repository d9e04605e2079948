"""Vignette choices: the player offers them in the order the page's decision tree shows, which the build
derives from the vignette and node names; so the best reply is not always the first button."""
from __future__ import annotations

from pyodide_quiz.model.common import display_order
from pyodide_quiz.model.vignette import load_vignette
from tests.conftest import ROOT, pages_using


def test_the_player_offers_choices_in_the_trees_order_and_the_best_is_not_always_first(page, site):
    vignettes = pages_using("vignette", r"quizzes/vignettes/(?P<name>[\w-]+)\.yml")
    assert vignettes
    first_is_best, decisions = 0, 0
    for slug, url in sorted(vignettes.items()):
        story = load_vignette(ROOT / "quizzes" / "vignettes" / f"{slug}.yml")
        node = story.nodes[story.start]
        expected = display_order(f"{slug}/{node.id}", len(node.choices))
        page.goto(f"{site}/{url}")
        root = f'.pq-vignette[data-vignette="{slug}"]'
        page.wait_for_selector(f"{root}.pq-ready, {root}[data-state]", state="attached")
        tree = page.locator(f"{root} section.pq-vignette-node[data-node='{node.id}'] .pq-node-choice")
        assert [int(x) for x in tree.evaluate_all("els => els.map(e => e.dataset.choice)")] == expected
        page.locator(f"{root} .pq-vignette-start").click()
        buttons = page.locator(f"{root} .pq-vignette-choice")
        assert [int(x) for x in buttons.evaluate_all("els => els.map(e => e.dataset.choice)")] == expected, slug
        for other in story.nodes.values():
            if other.choices:
                shown = display_order(f"{slug}/{other.id}", len(other.choices))
                best = max(range(len(other.choices)), key=lambda i: sum(other.choices[i].effects.values()))
                first_is_best += shown[0] == best
                decisions += 1
    assert first_is_best <= decisions / 2, f"the best reply is shown first at {first_is_best} of {decisions} decisions"
    assert page.watched.console_errors == []
