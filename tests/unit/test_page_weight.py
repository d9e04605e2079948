"""Lighter pages (issue 16): a page links only the engine stylesheets its widgets use, citation tooltips name
author, year and title, and the course's scripts ship minified."""
from __future__ import annotations

import json
import re

import pytest

from course_site.apa_citations import tooltip_text
from course_site.minify_js import minified_static
from course_site.site_assets import STATIC
from pyodide_quiz.sphinx.assets import needed_stylesheets
from tests.conftest import ROOT

ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>Prose only.</p>", {"pq/quiz.css"}),
    ('<div class="pq-quiz" data-quiz="x"><section data-type="single"></section></div>', {"pq/quiz.css"}),
    ('<div class="pq-quiz"><section class="pq-question" data-type="python"></section></div>',
     {"pq/quiz.css", "pq/exercise.css"}),
    ('<div class="pq-exercise pq-ready" data-exercise="x"></div>', {"pq/quiz.css", "pq/exercise.css"}),
    ('<div class="pq-vignette" data-vignette="x"></div>', {"pq/quiz.css", "pq/vignette.css"}),
    ('<section class="pq-practice-log"></section>', {"pq/quiz.css", "pq/vignette.css"}),
    ('<div class="pq-transcript" data-transcript="x"></div>', {"pq/quiz.css", "pq/transcript.css"}),
    # A word in the prose or a class that only starts the same is not a widget.
    ("<p>The pq-vignette class and pq-transcripts.</p>", {"pq/quiz.css"}),
    ('<p class="pq-transcripts-note">x</p>', {"pq/quiz.css"}),
])
def test_a_page_links_the_engine_stylesheets_its_widgets_use(body, expected):
    assert needed_stylesheets(body) == expected


def test_a_citation_tooltip_names_authors_year_and_title():
    assert tooltip_text("Horvath & Symonds, 1991", "Relation between working alliance and outcome") == \
        "Horvath & Symonds (1991). Relation between working alliance and outcome."
    assert tooltip_text("Freud, 1912/1958", "The dynamics of transference") == \
        "Freud (1912/1958). The dynamics of transference."
    assert tooltip_text("Safran et al., 2011b", "Repairing alliance ruptures?") == \
        "Safran et al. (2011b). Repairing alliance ruptures?"
    assert tooltip_text("Anonymous, n.d.", "") == "Anonymous (n.d.)."


def test_the_course_scripts_ship_minified_with_their_source_in_a_map(tmp_path):
    out = minified_static(ESBUILD, tmp_path / "out")
    for source in sorted(STATIC.glob("*.js")):
        shipped = (out / source.name).read_text(encoding="utf-8")
        assert len(shipped) < len(source.read_text(encoding="utf-8")), source.name
        assert shipped.rstrip().endswith(f"//# sourceMappingURL={source.name}.map"), source.name
        source_map = json.loads((out / f"{source.name}.map").read_text(encoding="utf-8"))
        assert source_map["sources"] == [f"../course_site/static/{source.name}"]  # no path of this machine
        assert source_map["sourcesContent"] == [source.read_text(encoding="utf-8")]
    for other in sorted(p for p in STATIC.iterdir() if p.suffix != ".js"):
        assert (out / other.name).read_bytes() == other.read_bytes(), other.name  # as written
    # A script removed from the sources leaves nothing behind on the next build.
    (out / "gone.js").write_text("x", encoding="utf-8")
    minified_static(ESBUILD, out)
    assert not (out / "gone.js").exists()
    assert not re.search(r"\n\s*//", (out / "theme-widgets.js").read_text(encoding="utf-8").split("//# source")[0])
