"""The pure parts of the way through the site: chapter times, source links, role-play cards, the CI preview.

Browser tests (tests/browser/test_front_door.py, test_instructors.py, test_search.py, test_contributing.py) check
what a student and an instructor see; these pin the rules behind it.
"""
from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from course_site import timing
from course_site.contributing import source_addresses
from course_site.teaching import role_play
from pyodide_quiz.sphinx.source_links import edit_link, issue_text, report_link
from tests.conftest import ROOT


def test_estimate_uses_the_stated_rates():
    counts = timing.Counts(words=2300, questions=10, python_questions=1, exercises=5, vignettes=1, transcripts=2)
    found = timing.estimate(counts)
    assert found.reading == round(2300 / timing.WORDS_PER_MINUTE) == 12
    assert found.quiz == 9 * timing.MINUTES_PER_QUESTION + timing.MINUTES_PER_PYTHON_QUESTION
    assert found.exercise_minutes == 5 * timing.MINUTES_PER_EXERCISE
    assert found.vignette_minutes == timing.MINUTES_PER_VIGNETTE
    assert found.transcript_minutes == 2 * timing.MINUTES_PER_TRANSCRIPT
    assert found.total == found.reading + found.quiz + found.exercise_minutes + found.vignette_minutes + 20


def test_the_time_line_reads_as_the_issue_asked():
    line = timing.describe(timing.estimate(timing.Counts(words=2400, questions=10, exercises=5)))
    assert line == "reading ~12 min · quiz ~10 min · 5 exercises ~60 min"
    assert timing.describe(timing.estimate(timing.Counts(words=40, vignettes=1))) == \
        "reading ~1 min · 1 vignette ~10 min"


@pytest.mark.parametrize("minutes, text", [(45, "45 min"), (60, "1 h"), (85, "1 h 25 min")])
def test_duration(minutes, text):
    assert timing.duration(minutes) == text


def test_the_rates_are_stated_in_words():
    text = timing.rates_text()
    for rate in (timing.WORDS_PER_MINUTE, timing.MINUTES_PER_EXERCISE, timing.MINUTES_PER_VIGNETTE):
        assert str(rate) in text


def test_source_addresses_come_from_a_github_repository_only():
    found = source_addresses("https://github.com/o/r/", "main")
    assert found["pyodide_quiz_edit_url"] == "https://github.com/o/r/edit/main/{path}"
    assert found["pyodide_quiz_folder_url"] == "https://github.com/o/r/tree/main/{path}"
    assert found["pyodide_quiz_issue_url"].startswith("https://github.com/o/r/issues/new?")
    assert source_addresses("https://github.com/o/r", "dev", "course")["pyodide_quiz_edit_url"].endswith(
        "/edit/dev/course/{path}")
    assert source_addresses("https://gitlab.example/o/r", "main") == {}
    assert source_addresses("", "main") == {}


CONFIG = SimpleNamespace(language="en", **source_addresses("https://github.com/o/r", "main"))


def test_suggest_an_edit_opens_the_widgets_own_file():
    [paragraph] = edit_link(CONFIG, "quiz", "quizzes/07-x.yml")
    reference = paragraph[0]
    assert reference["refuri"] == "https://github.com/o/r/edit/main/quizzes/07-x.yml"
    assert paragraph.astext() == "Suggest an edit to this quiz (quizzes/07-x.yml)"
    [folder] = edit_link(CONFIG, "exercise", "exercises/srs-total/", folder=True)
    assert folder[0]["refuri"] == "https://github.com/o/r/tree/main/exercises/srs-total"


def test_report_a_problem_fills_in_the_quiz_and_question():
    [paragraph] = report_link(CONFIG, "07-x", "quizzes/07-x.yml", "define-rupture", 3, "book/07-x")
    url = urlsplit(paragraph[0]["refuri"])
    assert url.netloc == "github.com" and url.path == "/o/r/issues/new"
    query = parse_qs(url.query)
    title, body = issue_text("07-x", "quizzes/07-x.yml", "define-rupture", 3, "book/07-x")
    assert query["title"] == [title] and query["body"] == [body]
    assert "define-rupture" in title and "07-x" in title
    assert "quizzes/07-x.yml" in body and "question 3" in body and "book/07-x" in body
    assert paragraph.astext() == "Report a problem with question 3"
    assert "&" not in unquote(url.query.split("body=")[0].split("title=")[1].rstrip("&"))


def test_no_links_without_an_address():
    empty = SimpleNamespace(pyodide_quiz_edit_url="", pyodide_quiz_folder_url="", pyodide_quiz_issue_url="", language="en")
    assert edit_link(empty, "quiz", "quizzes/x.yml") == []
    assert report_link(empty, "x", "quizzes/x.yml", "q", 1, "p") == []


VIGNETTES = sorted((ROOT / "quizzes" / "vignettes").glob("*.yml"))


@pytest.mark.parametrize("path", VIGNETTES, ids=lambda p: p.stem)
def test_role_play_cards_come_from_the_vignette(path):
    argument = path.relative_to(ROOT).as_posix()
    cards = role_play(ROOT, argument)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert cards["client"]["name"] == raw["client"]["name"]
    assert cards["first_words"] == raw["nodes"][raw["start"]].get("client_says", "")
    # Every line the client says after the opening is on the client card, in one of the two groups.
    said = [node["client_says"] for node_id, node in raw["nodes"].items()
            if node_id != raw["start"] and node.get("client_says")]
    assert sorted(cards["helpful"] + cards["unhelpful"] + cards["either"]) == sorted(said)
    # A line "after a helpful reply" is reached by choices that raise the meters overall; "unhelpful", lower them.
    change = {}
    for node in raw["nodes"].values():
        for choice in node.get("choices", []):
            change[choice["next"]] = change.get(choice["next"], 0) + sum(choice["effects"].values())
    by_line = {node["client_says"]: change.get(node_id, 0) for node_id, node in raw["nodes"].items()
               if node_id != raw["start"] and node.get("client_says")}
    assert all(by_line[line] > 0 for line in cards["helpful"])
    assert all(by_line[line] < 0 for line in cards["unhelpful"])
    assert cards["helpful"] and cards["unhelpful"], "a vignette has replies that help and replies that do not"
    # One check per decision: the reply that gains most on the meters.
    decisions = [n for n in raw["nodes"].values() if "choices" in n]
    assert len(cards["checks"]) == len(decisions)
    assert {kind for _, kind in cards["endings"]} <= {"good", "mixed", "poor"}


def test_a_pull_request_uploads_the_built_site_to_preview():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    names = [step.get("uses", "").split("@")[0] for step in steps]
    upload = steps[names.index("actions/upload-artifact")]
    assert names.index("actions/upload-artifact") > next(i for i, s in enumerate(steps) if "make test" in s.get("run", ""))
    assert upload["with"]["path"] == "_build/html"
    assert "pull_request" in upload["if"] and "!cancelled()" in upload["if"]


def test_the_published_id_list_is_committed_and_documented():
    listing = ROOT / "quizzes" / "published-ids.txt"
    assert listing.is_file(), "quizzes/published-ids.txt: run scripts/check --accept-ids"
    ids = [line for line in listing.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert any(i.startswith("quiz:") and "/" in i for i in ids)
    docs = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8") + (ROOT / "quizzes" / "README.md").read_text(
        encoding="utf-8")
    assert "--accept-ids" in docs


def test_the_search_index_keeps_headings_linkable():
    """The indexed copy gives a section's heading the section's id: Pagefind links a result only to a heading with
    an id, and Sphinx puts ids on <section> (with a MyST label's empty <span> between)."""
    import json
    import subprocess

    module = (ROOT / "course_site" / "search-headings.mjs").as_uri()
    script = f"import {{ headingsWithIds }} from {json.dumps(module)}; process.stdout.write(headingsWithIds(process.argv[1]));"
    html = ('<section id="two-kinds">\n<span id="ch07-markers"></span><h2>Two kinds</h2></section>'
            '<section class="x" id="plain"><h3>Plain</h3></section>')
    done = subprocess.run(["node", "--input-type=module", "-e", script, html], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ('<section>\n<span id="ch07-markers"></span><h2 id="two-kinds">Two kinds</h2></section>'
                           '<section class="x"><h3 id="plain">Plain</h3></section>')


def test_the_sidebar_toggle_of_the_current_page_is_named_too():
    """On its own page a section's link is "current reference internal"; its toggle still needs a name (axe)."""
    from course_site.site_assets import name_sidebar_toggles

    here = ('<a class="current reference internal" href="#">For instructors</a><details open="open"><summary>'
            '<span class="toctree-toggle" role="presentation"></span></summary>')
    elsewhere = here.replace('class="current reference internal" href="#"', 'class="reference internal" href="x.html"')
    for text in (here, elsewhere):
        assert '<summary aria-label="Pages in For instructors">' in name_sidebar_toggles(text)


class FakeConfig(dict):
    """Enough of Sphinx's Config for course_site.contributing: `in`, item access and html_theme_options."""

    def __init__(self, options: dict):
        super().__init__(pyodide_quiz_edit_url="", pyodide_quiz_folder_url="", pyodide_quiz_issue_url="")
        self.html_theme_options = options


@pytest.mark.parametrize("options, linked", [
    ({"repository_url": "https://github.com/o/r", "use_edit_page_button": True}, True),
    ({"repository_url": "https://github.com/o/r", "use_repository_button": True}, True),
    ({"repository_url": "https://github.com/o/r"}, False),  # the book shows no repository: its quizzes neither
    ({"repository_url": "https://github.com/executablebooks/jupyter-book", "use_edit_page_button": True}, False),
    ({}, False),
])
def test_links_only_for_a_book_that_names_and_shows_its_repository(options, linked):
    from course_site.contributing import _configure

    config = FakeConfig(options)
    _configure(None, config)
    assert bool(config["pyodide_quiz_issue_url"]) is linked
    if linked:
        assert config["pyodide_quiz_edit_url"] == "https://github.com/o/r/edit/main/{path}"


def test_the_course_names_its_own_repository():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    options = config["sphinx"]["config"]["html_theme_options"]
    config_ = FakeConfig(options)
    from course_site.contributing import _configure

    _configure(None, config_)
    assert config_["pyodide_quiz_issue_url"].startswith(config["repository"]["url"] + "/issues/new?")
