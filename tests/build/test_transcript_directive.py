"""The {transcript} directive in a tiny Sphinx + MyST book: zero warnings, readable turns and key, a payload without
the transcript's words, the page's modules preloaded, clean errors."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pyodide_quiz.model.transcript import load_transcript
from tests.conftest import write_sample_conf
from tests.unit.test_transcript_model import BASE, line_of

PAGE = """\
# Sample

Intro.

## Practice

```{transcript} quizzes/transcripts/session.yml
```

After the transcript.
"""


def make_book(tmp_path: Path, text: str = BASE, page: str = PAGE) -> Path:
    src = tmp_path / "src"
    (src / "quizzes" / "transcripts").mkdir(parents=True)
    (src / "quizzes" / "transcripts" / "session.yml").write_text(text, encoding="utf-8")
    write_sample_conf(src, exclude=("quizzes",))
    (src / "index.md").write_text(page, encoding="utf-8")
    return src


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href", "").startswith("#") and len(attributes["href"]) > 1:
            self.hrefs.append(attributes["href"][1:])


def fragment(html: str) -> str:
    return html[html.index('<div class="pq-transcript"'):html.index("After the transcript.")]


@pytest.fixture(scope="module")
def built(tmp_path_factory, sphinx_build):
    src = make_book(tmp_path_factory.mktemp("book"))
    app, warnings = sphinx_build(src)
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    return src, app, warnings, html


def test_builds_without_warnings(built):
    assert built[2] == ""


def test_every_turn_is_numbered_with_its_speaker_and_stage_directions_in_italics(built):
    html = fragment(built[3])
    turns = re.findall(r'<li class="pq-turn" data-speaker="(\w+)" data-turn="(\d+)" id="pq-transcript-session-turn-\2">'
                       r'<p class="pq-turn-line"><span class="pq-turn-number">\2</span> '
                       r'<span class="pq-turn-speaker">([^<]+)</span>', html)
    assert len(turns) == 32
    assert turns[0] == ("therapist", "1", "Therapist:") and turns[1] == ("client", "2", "Sam:")
    assert '<span class="pq-turn-text">Turn 2 words. <em class="pq-stage">[pause]</em></span>' in html


def test_ids_are_unique_and_every_link_has_a_target(built):
    parsed = Tags()
    parsed.feed(built[3])
    assert len(parsed.ids) == len(set(parsed.ids))
    assert parsed.hrefs and all(href in parsed.ids for href in parsed.hrefs)
    assert 'href="#pq-transcript-session-end"' in built[3]


def test_the_controls_wait_for_javascript_and_the_key_is_closed(built):
    html = fragment(built[3])
    assert re.search(r'<div class="pq-transcript-controls" hidden="hidden">', html)
    assert re.search(r'<p class="pq-transcript-how" hidden="hidden">', html)
    assert re.search(r'<div aria-labelledby="pq-transcript-session-result-title" class="pq-transcript-result" '
                     r'hidden="hidden" role="region">', html)
    key = html[html.index('<details class="pq-transcript-key"'):]
    assert "<summary>The coders’ key and debrief (open it after coding)</summary>" in key
    assert re.search(r'<li class="pq-key-mark" data-kind="denial" data-turn="8"><p class="pq-key-head">'
                     r'<strong>Turn 8</strong> \(Sam\): Withdrawal marker, denial.</p>', key)
    assert "Why turn 8." in key and "Gives the reason." in key
    assert re.search(r"Turn 25</strong> \(Therapist\): metacommunication repair, answering the markers at "
                     r"turn 20, 24\.", key)


def test_the_codes_are_listed_with_their_definitions(built):
    html = fragment(built[3])
    assert re.search(r"<dt>Minimal response</dt>\s*<dd><p>Very short or silent answers", html)
    assert re.search(r"<dt>Metacommunication</dt>\s*<dd><p>Talks with the client", html)


def test_the_payload_holds_the_key_structure_and_no_words(built):
    src, _, _, html = built
    raw = re.search(r'<script type="application/json" class="pq-data">(.*?)</script>', html).group(1)
    data = json.loads(raw)
    transcript = load_transcript(src / "quizzes" / "transcripts" / "session.yml")
    assert data["kind"] == "transcript" and data["transcript"] == "session" and data["item"] == "coding"
    assert data["hash"] == transcript.hash
    assert data["spec"] == json.loads(json.dumps(transcript.grading_spec()))
    assert data["codes"]["kinds"]["denial"]["family"] == "withdrawal"
    assert "Turn 2 words" not in raw and "Why turn 8" not in raw


def test_the_page_preloads_the_transcript_modules(built):
    head = built[3][:built[3].index("</head>")]
    for module in ("transcript.js", "transcript-grader.js", "store.js", "payload.js"):
        assert f'<link rel="modulepreload" href="_static/pq/{module}" />' in head, module


def test_the_transcript_is_recorded_for_the_progress_page(built):
    entries = built[1].env.domaindata["pyodide_quiz"]["uses"]["index"]
    assert entries == [{"kind": "transcript", "name": "session", "title": "A test session", "items": ["coding"],
                        "anchor": "pq-transcript-session"}]


def test_a_plain_text_build_reads_as_a_transcript_with_its_key(tmp_path, sphinx_build):
    src = make_book(tmp_path)
    _, warnings = sphinx_build(src, "text")
    assert warnings == ""
    text = (src / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    for words in ("A test session", "1 Therapist: Turn 1 words. *[pause]*", "32 Sam: Turn 32 words.",
                  "Minimal response\n   Very short or silent answers", "**Turn 8** (Sam): Withdrawal marker, denial.",
                  "Why turn 8.", "What happened."):
        assert words in text, words
    for control in ("Compare with the coders", "Print coding sheet", "Code: ____", "Tick “Marker”"):
        assert control not in text


def test_a_broken_transcript_warns_with_file_and_line_and_the_build_goes_on(tmp_path, sphinx_build):
    broken = BASE.replace("  8:\n", "  9:\n")
    src = make_book(tmp_path, text=broken)
    _, warnings = sphinx_build(src)
    assert (f"quizzes/transcripts/session.yml:{line_of(broken, '  9:')}: turn 9: turn 9 is the therapist's; "
            "a rupture marker is coded on the client's words") in warnings
    assert "index.md:7" in warnings
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "This transcript could not be shown" in html and "After the transcript." in html
