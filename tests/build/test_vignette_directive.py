"""The {vignette} directive in a tiny Sphinx + MyST book: zero warnings, a readable tree, a payload, clean errors."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pyodide_quiz.model.vignette import load_vignette
from tests.conftest import write_sample_conf

ROOT = Path(__file__).resolve().parents[2]

STORY = """\
title: A tiny scenario
summary: Sam comes to a first session.
content_note: A client who is *wary*; nothing distressing.
client:
  name: Sam
  description: 40, a test client.
  note: Sam is an invented person.
start: opening
nodes:
  opening:
    narrative: Sam sits down.
    client_says: "Let's get this over with."
    choices:
      - response: "It sounds like you'd rather *not* be here."
        next: good-ending
        effects: {bond: 2}
        feedback: Naming the feeling invites Sam to say more.
      - response: Let's start with the forms.
        next: poor-ending
        effects: {task: -1, bond: -2}
        feedback: The forms come before Sam does.
  good-ending:
    ending: good
    narrative: Sam takes his coat off.
    debrief: Warmth first.
  poor-ending:
    ending: poor
    narrative: Sam leaves early.
    debrief: Forms first costs the bond.
"""

PAGE = """\
# Sample

Intro.

## A scenario

```{{vignette}} {path}
```

After the vignette.
"""


def make_book(tmp_path: Path, story: str = STORY, page: str | None = None) -> Path:
    src = tmp_path / "src"
    (src / "quizzes" / "vignettes").mkdir(parents=True)
    (src / "quizzes" / "vignettes" / "tiny.yml").write_text(story, encoding="utf-8")
    write_sample_conf(src, exclude=("quizzes",))
    (src / "index.md").write_text(page or PAGE.format(path="quizzes/vignettes/tiny.yml"), encoding="utf-8")
    return src




class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href", "").startswith("#") and len(attributes["href"]) > 1:
            self.hrefs.append(attributes["href"][1:])


def vignette_fragment(html: str) -> str:
    start = html.index('<div class="pq-vignette"')
    end = html.index("After the vignette.")
    return html[start:end]


@pytest.fixture(scope="module")
def built(tmp_path_factory, sphinx_build):
    src = make_book(tmp_path_factory.mktemp("book"))
    app, warnings = sphinx_build(src)
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    return src, app, warnings, html


def test_builds_without_warnings(built):
    _, _, warnings, _ = built
    assert warnings == ""


def test_html_fragment_matches_the_regression_file(built, file_regression):
    _, _, _, html = built
    file_regression.check(vignette_fragment(html), extension=".html")


def test_every_choice_links_to_a_node_on_the_page_and_ids_are_unique(built):
    _, _, _, html = built
    parsed = Ids()
    parsed.feed(html)
    assert len(parsed.ids) == len(set(parsed.ids))
    assert parsed.hrefs and all(href in parsed.ids for href in parsed.hrefs)
    for node in ("opening", "good-ending", "poor-ending"):
        assert f"pq-vignette-tiny-{node}" in parsed.ids
    # The skip link jumps to the anchor straight after the vignette.
    assert 'href="#pq-vignette-tiny-end"' in html
    assert html.index('id="pq-vignette-tiny-end"') > html.index('<script type="application/json" class="pq-data">')


def test_headings_continue_the_page_outline(built):
    _, _, _, html = built
    fragment = vignette_fragment(html)
    assert re.search(r'<h3 class="pq-vignette-title">A tiny scenario</h3>', fragment)
    assert re.findall(r'<h4 class="pq-node-title">([^<]+)</h4>', fragment) == ["Opening", "Good ending", "Poor ending"]
    assert 'data-level="4"' in fragment


def test_the_player_waits_for_javascript(built):
    _, _, _, html = built
    fragment = vignette_fragment(html)
    assert re.search(r'<div class="pq-vignette-play" hidden="hidden">', fragment)
    assert re.search(r'<button class="[^"]*pq-vignette-start" hidden="hidden"', fragment)
    assert ('<details class="pq-vignette-tree"><summary>Read the whole scenario as a decision tree</summary>'
            in fragment)


def test_effects_are_shown_in_words(built):
    _, _, _, html = built
    assert "Effect on the meters: <span class=\"pq-effect-words\">Task −1, Bond −2.</span>" in html
    assert "Bond +2." in html


def test_the_payload_holds_the_graph_and_no_text(built):
    src, _, _, html = built
    raw = re.search(r'<script type="application/json" class="pq-data">(.*?)</script>', html).group(1)
    data = json.loads(raw)
    vignette = load_vignette(src / "quizzes" / "vignettes" / "tiny.yml")
    assert data == {"kind": "vignette", "vignette": "tiny", "title": "A tiny scenario", "hash": vignette.hash,
                    **json.loads(json.dumps(vignette.graph()))}
    assert "Sam sits down" not in raw and "forms" not in raw


def test_the_vignette_is_recorded_for_the_progress_page(built):
    _, app, _, _ = built
    entries = app.env.domaindata["pyodide_quiz"]["uses"]["index"]
    assert entries == [{"kind": "vignette", "name": "tiny", "title": "A tiny scenario",
                        "items": ["good-ending", "poor-ending"], "anchor": "pq-vignette-tiny",
                        "endings": {"good-ending": "good", "poor-ending": "poor"}}]


def test_the_same_vignette_twice_gets_distinct_ids(tmp_path, sphinx_build):
    page = PAGE.format(path="quizzes/vignettes/tiny.yml") + "\n```{vignette} quizzes/vignettes/tiny.yml\n```\n"
    src = make_book(tmp_path, page=page)
    _, warnings = sphinx_build(src)
    assert warnings == ""
    parsed = Ids()
    parsed.feed((src / "_build" / "html" / "index.html").read_text(encoding="utf-8"))
    assert len(parsed.ids) == len(set(parsed.ids))
    assert "pq-vignette-tiny-2-opening" in parsed.ids


def test_a_plain_text_build_reads_as_a_decision_tree(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    _, warnings = sphinx_build(src, "text")
    assert warnings == ""
    text = (src / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    for words in ("A tiny scenario", "Sam sits down.", "Naming the feeling", "Effect on the meters: Bond +2.",
                  "Leads to: Good ending", "A good ending", "Forms first costs the bond."):
        assert words in text, words
    for control in ("Start the scenario", "Step back", "Restart", "Alliance meters"):
        assert control not in text


def test_a_broken_vignette_warns_with_file_line_and_node_and_the_build_goes_on(tmp_path, sphinx_build):
    src = make_book(tmp_path, story=STORY.replace("next: poor-ending", "next: bad-ending"))
    _, warnings = sphinx_build(src)
    line = next(n for n, text in enumerate(STORY.splitlines(), start=1) if "next: poor-ending" in text)
    assert f"quizzes/vignettes/tiny.yml:{line}: node 'opening': choice 2 leads to 'bad-ending'" in warnings
    assert "index.md:7" in warnings  # the directive's own location, too
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "This vignette could not be shown" in html and "After the vignette." in html
