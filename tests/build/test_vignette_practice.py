"""Write your own reply in a vignette: a tiny book with a practice and a progress page builds without warnings, the
tree prints the prompt with ruled space, the rubric and the exemplars, the payload names the practice, the page
preloads the writing module, and the progress page lists the prompt for the practice log."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from pyodide_quiz.model.vignette import load_vignette
from tests.build.test_vignette_directive import STORY, make_book

PRACTICE = """\
    practice:
      prompt: What would you say to Sam now?
      exemplars:
        - reply: "This visit was *not* your idea, and that makes sense to me."
          why: Names the feeling without arguing with it.
        - reply: "Shall we decide together what would make today worth your while?"
          why: Invites Sam to choose what the session is for.
      rubric:
        - names the client's feeling
        - invites the client to choose the next step
        - leaves the forms for later
"""
# The practice sits on the opening decision, just before its choices.
PRACTICE_STORY = STORY.replace("    choices:\n", PRACTICE + "    choices:\n", 1)
PAGE = """\
# Sample

## A scenario

```{vignette} quizzes/vignettes/tiny.yml
```

After the vignette.

## Progress

```{progress-summary}
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, sphinx_build):
    src = make_book(tmp_path_factory.mktemp("practice"), story=PRACTICE_STORY, page=PAGE)
    app, warnings = sphinx_build(src)
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    return src, app, warnings, BeautifulSoup(html, "html.parser")


def payload_of(soup, selector: str) -> dict:
    return json.loads(soup.select_one(f"{selector} > script.pq-data").string)


def test_builds_without_warnings(built):
    assert built[2] == ""


def test_the_tree_holds_the_prompt_ruled_space_rubric_and_exemplars(built):
    _, _, _, soup = built
    practice = soup.select_one('.pq-vignette-node[data-node="opening"] > .pq-practice')
    assert practice is not None
    assert practice.select_one(".pq-practice-prompt").get_text() == "What would you say to Sam now?"
    # Ruled space to write on paper (and without JavaScript); hidden from screen readers.
    assert practice.select_one(".pq-practice-lines")["aria-hidden"] == "true"
    markers = [li.get_text(strip=True) for li in practice.select(".pq-practice-markers > li")]
    assert markers == ["names the client’s feeling", "invites the client to choose the next step",
                       "leaves the forms for later"]
    replies = [p.get_text(" ", strip=True) for p in practice.select(".pq-exemplar-reply")]
    assert len(replies) == 2 and "not" in replies[0] and practice.select_one(".pq-exemplar-reply em")
    assert "Invites Sam" in practice.select(".pq-exemplar-why")[1].get_text()
    # Before the choices, as the student meets it; endings have none.
    node = soup.select_one('.pq-vignette-node[data-node="opening"]')
    assert str(node).index("pq-practice") < str(node).index("pq-node-choices")
    assert not soup.select('.pq-vignette-node[data-ending] .pq-practice')


def test_the_payload_names_the_practice_and_the_story_hash_is_unchanged(built):
    src, _, _, soup = built
    data = payload_of(soup, ".pq-vignette")
    vignette = load_vignette(src / "quizzes" / "vignettes" / "tiny.yml")
    assert data["practice"] == {"opening": vignette.nodes["opening"].practice_hash}
    assert data["hash"] == vignette.hash
    # Adding a practice keeps students' saved paths: the story's hash is the one without it.
    (src / "plain.yml").write_text(STORY, encoding="utf-8")
    assert load_vignette(src / "plain.yml").hash == vignette.hash
    assert soup.select_one(".pq-vignette")["data-client"] == "Sam"


def test_the_page_preloads_the_writing_module(built):
    _, _, _, soup = built
    modules = [link["href"].split("_static/pq/", 1)[1] for link in soup.select('link[rel="modulepreload"]')]
    assert {"vignette.js", "practice.js", "practice-log.js", "progress-page.js"} <= set(modules)


def test_the_progress_page_lists_the_prompt_for_the_practice_log(built):
    _, app, _, soup = built
    log = soup.select_one(".pq-progress-view .pq-practice-log")
    assert log is not None and "nothing is scored automatically" in log.get_text()
    data = payload_of(soup, ".pq-practice-log")
    assert data["kind"] == "practice-log" and data["project"] == app.config.project
    assert data["vignettes"] == [{"name": "tiny", "title": "A tiny scenario", "url": "#pq-vignette-tiny",
                                  "practice": [{"node": "opening", "prompt": "What would you say to Sam now?"}]}]


def test_a_vignette_without_practice_loads_no_writing_module(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    _, warnings = sphinx_build(src)
    assert warnings == ""
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "practice.js" not in html and "pq-practice" not in html
    assert '"practice"' not in re.search(r'class="pq-data">(.*?)</script>', html).group(1)


def test_a_practice_on_an_ending_warns_with_file_line_and_node(tmp_path, sphinx_build):
    story = STORY.replace("    ending: good\n", "    ending: good\n" + PRACTICE, 1)
    src = make_book(tmp_path, story=story)
    _, warnings = sphinx_build(src)
    line = next(n for n, text in enumerate(story.splitlines(), start=1) if text.strip() == "practice:")
    assert (f"quizzes/vignettes/tiny.yml:{line}: node 'good-ending': an ending has no 'practice'") in warnings
