"""APA citations in a tiny Sphinx + MyST book with the course's `apa` styles, and the html check that no built
reference prints a verification note (scripts/checks/html_references.py).

The works in these .bib files are invented for the tests, except Freud's chapter and Luborsky's, which are the
course's own entries."""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from checks import html_references  # noqa: E402
from checks.context import Context  # noqa: E402

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "course_site.apa_citations"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "apa"
bibtex_default_style = "apa"
exclude_patterns = ["_build"]
"""

BIB = r"""
@incollection{freud1912dynamics,
  author    = {Freud, Sigmund},
  title     = {The dynamics of transference},
  booktitle = {The standard edition of the complete psychological works of Sigmund Freud},
  editor    = {Strachey, James}, volume = {12}, pages = {97--108},
  publisher = {Hogarth Press}, year = {1958},
  origdate  = {1912},
  verification = {unverified: volume/pages}
}
@incollection{luborsky1976helping,
  author    = {Luborsky, Lester},
  title     = {Helping alliances in psychotherapy},
  booktitle = {Successful psychotherapy},
  editor    = {Claghorn, J. L.},
  publisher = {Brunner/Mazel}, year = {1976}, pages = {92--116},
  verification = {unverified: whole entry}
}
@article{rivera2011zeta,
  author  = {Rivera, Ana and Okafor, Ben},
  title   = {Zeta: A second paper},
  journal = {Journal of Examples}, year = {2011}, volume = {2}, pages = {10--20},
  verification = {verified: invented for a test}
}
@article{rivera2011alpha,
  author  = {Rivera, Ana and Okafor, Ben},
  title   = {Alpha: A first paper},
  journal = {Journal of Examples}, year = {2011}, volume = {1}, pages = {1--9}
}
@article{lind2020one,
  author  = {Lind, Maria and Berg, Jonas and Dahl, Eva},
  title   = {One study},
  journal = {Journal of Examples}, year = {2020}, volume = {3}, pages = {1--2}
}
@article{lind2020two,
  author  = {Lind, Maria and Sato, Ken and Dahl, Eva and Moreau, Luc},
  title   = {Another study},
  journal = {Journal of Examples}, year = {2020}, volume = {3}, pages = {3--4}
}
"""

PAGE = """\
# Citing

A classic {cite:p}`freud1912dynamics`, as {cite:t}`freud1912dynamics` put it. A chapter
{cite:p}`luborsky1976helping`. Two papers of one year {cite:p}`rivera2011alpha,rivera2011zeta`, as
{cite:t}`rivera2011zeta` says. Two teams {cite:p}`lind2020one,lind2020two`.

```{bibliography}
```
"""

NOTE = "  note    = {unverified: pages},\n"


def make_book(folder: Path, bib: str = BIB) -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(CONF, encoding="utf-8")
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "index.md").write_text(PAGE, encoding="utf-8")
    return folder


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def citations(page: str) -> list[str]:
    return [text(c) for c in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page, re.S)]


def entries(page: str) -> dict[str, str]:
    """Each reference list entry's text (without its hidden label) -> its HTML."""
    found = {}
    for body in re.findall(r'<div class="citation"[^>]*>.*?<p>(.*?)</p>', page, re.S):
        found[text(body)] = body
    return found


def entry(page: str, start: str) -> tuple[str, str]:
    """(text, HTML) of the one reference list entry that starts with `start`."""
    hits = [(plain, body) for plain, body in entries(page).items() if plain.startswith(start)]
    assert len(hits) == 1, (start, list(entries(page)))
    return hits[0]


@pytest.fixture(scope="module")
def clean_book(tmp_path_factory, sphinx_build):
    src = make_book(tmp_path_factory.mktemp("references") / "clean")
    _, warnings = sphinx_build(src)
    return src, warnings, (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_builds_without_warnings(clean_book):
    _, warnings, _ = clean_book
    assert warnings == ""


def test_a_translated_classic_is_cited_with_both_years(clean_book):
    _, _, page = clean_book
    assert "(Freud, 1912/1958)" in citations(page)
    assert "Freud (1912/1958)" in citations(page)
    plain, _ = entry(page, "Freud, S.")
    assert plain.startswith("Freud, S. (1958). The dynamics of transference.")
    assert plain.endswith("Hogarth Press. (Original work published 1912)")


def test_a_book_chapter_is_in_apa_order(clean_book):
    _, _, page = clean_book
    plain, body = entry(page, "Luborsky")
    assert plain == ("Luborsky, L. (1976). Helping alliances in psychotherapy. In J. L. Claghorn (Ed.), "
                     "Successful psychotherapy (pp. 92–116). Brunner/Mazel.")
    assert "<em>Successful psychotherapy</em>" in body
    freud, _ = entry(page, "Freud, S.")
    assert ("In J. Strachey (Ed.), The standard edition of the complete psychological works of Sigmund Freud "
            "(Vol. 12, pp. 97–108).") in freud


def test_works_by_the_same_authors_in_one_year_get_letters_in_title_order(clean_book):
    _, _, page = clean_book
    assert "(Rivera & Okafor, 2011a; Rivera & Okafor, 2011b)" in citations(page)
    assert "Rivera and Okafor (2011b)" in citations(page)
    alpha, _ = entry(page, "Rivera, A., & Okafor, B. (2011a). Alpha")
    zeta, _ = entry(page, "Rivera, A., & Okafor, B. (2011b). Zeta")
    assert alpha and zeta


def test_teams_that_shorten_alike_are_told_apart_by_more_names(clean_book):
    _, _, page = clean_book
    assert "(Lind, Berg, & Dahl, 2020; Lind, Sato, et al., 2020)" in citations(page)


def test_tooltips_name_author_year_and_title_of_the_reference_list_entry(clean_book):
    _, _, page = clean_book
    tooltips = {html.unescape(t) for t in re.findall(r'<a class="reference internal"[^>]* title="([^"]*)"', page)}
    plain, _ = entry(page, "Luborsky")
    assert "Luborsky (1976). Helping alliances in psychotherapy." in tooltips
    assert plain.startswith("Luborsky, L. (1976). Helping alliances in psychotherapy. In J. L. Claghorn")
    assert "Freud (1912/1958). The dynamics of transference." in tooltips


def test_no_entry_prints_its_verification_field(clean_book):
    src, _, page = clean_book
    assert not re.search("verified", page, re.IGNORECASE)
    ctx = Context(root=src, html=src / "_build" / "html", engine_root=ROOT)
    assert html_references.run(ctx) == []


def test_the_check_fails_on_a_printed_verification_note_naming_page_and_bib_line(tmp_path, sphinx_build):
    bib = BIB.replace("  publisher = {Brunner/Mazel}, year = {1976}, pages = {92--116},\n",
                      "  publisher = {Brunner/Mazel}, year = {1976}, pages = {92--116},\n" + NOTE)
    assert bib != BIB
    src = make_book(tmp_path / "noted", bib)
    _, warnings = sphinx_build(src)
    assert warnings == ""
    ctx = Context(root=src, html=src / "_build" / "html", engine_root=ROOT)

    problems = html_references.run(ctx)

    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    note_line = bib.splitlines().index(NOTE.rstrip("\n")) + 1
    assert (problem.file, problem.line) == ("refs.bib", note_line)
    assert "unverified: pages" in problem.message
    assert "_build/html/index.html" in problem.message
    # The note is in the publisher's field: printed in the reference list, not in the tooltip (author, year, title).
    assert "reference list entry" in problem.message and "citation tooltip" not in problem.message


def test_the_check_reads_entries_and_tooltips_only():
    page = """<p>We verified this by hand.</p>
<span class="bibtex-citation">(<a class="reference internal" href="#id1"
title="Doe, J. (2000). Title. Unverified: DOI.">Doe, 2000</a>)</span>
<div class="citation" id="id1" role="listitem">
<span class="label">Doe, 2000</span>
<p>Doe, J. (2000). <em>Title</em>. Publisher.<br>Verified.</p>
</div>
<p>Verified again, outside any reference.</p>"""
    found = html_references.references(page)
    assert [(r.kind, r.line) for r in found] == [("citation tooltip", 2), ("reference list entry", 4)]
    assert found[0].text == "Doe, J. (2000). Title. Unverified: DOI."
    assert found[1].text == "Doe, 2000 Doe, J. (2000). Title. Publisher.Verified."
