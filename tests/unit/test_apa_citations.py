"""course_site/apa_citations.py without Sphinx: APA 7's in-text forms, worked out over a list of works, and the
reference list entries pybtex formats with the `apa` style. The works are invented for the tests."""
from __future__ import annotations

import pytest
from pybtex.database import parse_string

from course_site import apa_citations as apa
from course_site.apa_citations import Work, in_text_labels, narrative_names, split_label


def work(key, *surnames, year="2000", **fields) -> Work:
    return Work(key=key, surnames=surnames, people=tuple(f"{s}, A." for s in surnames), year=year, **fields)


def test_one_two_and_three_authors():
    assert in_text_labels([work("a", "Bordin"), work("b", "Horvath", "Symonds"), work("c", "Lind", "Berg", "Dahl")]) \
        == ["Bordin, 2000", "Horvath & Symonds, 2000", "Lind et al., 2000"]


def test_same_authors_same_year_get_letters_in_list_order():
    works = [work("x", "Rivera", "Okafor", year="2011"), work("y", "Rivera", "Okafor", year="2011"),
             work("z", "Rivera", "Okafor", year="2012")]
    assert in_text_labels(works) == ["Rivera & Okafor, 2011a", "Rivera & Okafor, 2011b", "Rivera & Okafor, 2012"]


def test_undated_works_get_letters_after_a_hyphen():
    works = [work("x", "Doe", year="n.d."), work("y", "Doe", year="n.d.")]
    assert in_text_labels(works) == ["Doe, n.d.-a", "Doe, n.d.-b"]
    assert split_label("Doe, n.d.-b") == ("Doe", "n.d.-b", "b")


def test_teams_that_shorten_alike_get_as_many_names_as_tell_them_apart():
    works = [work("x", "Kapoor", "Bloom", "Montez", "Warner", "Hill"),
             work("y", "Kapoor", "Bloom", "Zucker", "Tang", "Daly")]
    assert in_text_labels(works) == ["Kapoor, Bloom, Montez, et al., 2000", "Kapoor, Bloom, Zucker, et al., 2000"]


def test_et_al_never_stands_for_one_name():
    works = [work("x", "Lind", "Berg", "Dahl"), work("y", "Lind", "Sato", "Dahl", "Moreau")]
    assert in_text_labels(works) == ["Lind, Berg, & Dahl, 2000", "Lind, Sato, et al., 2000"]


def test_teams_in_different_years_keep_the_short_form():
    works = [work("x", "Lind", "Berg", "Dahl", year="2019"), work("y", "Lind", "Sato", "Dahl", year="2020")]
    assert in_text_labels(works) == ["Lind et al., 2019", "Lind et al., 2020"]


def test_an_unrecorded_rest_of_the_list_is_et_al():
    assert in_text_labels([work("x", "Park", incomplete=True)]) == ["Park et al., 2000"]


def test_a_reprint_is_cited_with_both_years():
    label = in_text_labels([work("f", "Freud", year="1958", original_year="1912")])[0]
    assert label == "Freud, 1912/1958"
    assert split_label(label) == ("Freud", "1912/1958", "")


def test_a_sentence_says_and_where_a_parenthesis_says_ampersand():
    assert narrative_names("Horvath & Symonds") == "Horvath and Symonds"
    assert narrative_names("Lind, Berg, & Dahl") == "Lind, Berg, and Dahl"
    assert narrative_names("Lind et al.") == "Lind et al."


BIB = r"""
@book{edited,
  editor = {Norcross, John C. and Lambert, Michael J.},
  title = {Psychotherapy relationships that work: Volume 1},
  edition = {3rd}, publisher = {Oxford University Press}, year = {2019}
}
@incollection{chapter,
  author = {Asay, Ted P. and Lambert, Michael J.},
  title = {The empirical case for the common factors in therapy: Quantitative findings},
  booktitle = {The heart and soul of change},
  editor = {Hubble, Mark A. and Duncan, Barry L. and Miller, Scott D.},
  publisher = {American Psychological Association}, year = {1999}, pages = {23--55},
  doi = {10.1037/11132-001}
}
@inbook{nobody,
  author = {Roe, Pat},
  title = {A chapter without editors},
  booktitle = {A book}, edition = {2nd}, volume = {3}, pages = {5--9},
  publisher = {Press}, year = {2001}
}
@mastersthesis{thesis,
  author = {Handelsman, Jessica B.},
  title = {Linking therapist characteristics to the alliance},
  school = {University of South Florida}, year = {2006}
}
@article{others,
  author = {Fuertes, Jairo N. and others},
  title = {The Working Alliance Inventory in medicine},
  journal = {A Journal}, year = {2009}, volume = {24}, number = {1}, pages = {80--85}
}
@article{crowd,
  author = {A1, A. and A2, A. and A3, A. and A4, A. and A5, A. and A6, A. and A7, A. and A8, A. and A9, A. and
            A10, A. and A11, A. and A12, A. and A13, A. and A14, A. and A15, A. and A16, A. and A17, A. and
            A18, A. and A19, A. and A20, A. and A21, A.},
  title = {Many hands},
  journal = {A Journal}, year = {2020}, volume = {1}, pages = {1--2}
}
@misc{undated-beta, author = {Doe, Jane}, title = {Beta}}
@misc{undated-alpha, author = {Doe, Jane}, title = {Alpha}}
"""


@pytest.fixture(scope="module")
def formatted() -> dict[str, str]:
    apa.register()
    style = apa.ApaStyle()
    entries = style.sort(parse_string(BIB, "bibtex").entries.values())
    return {entry.key: style.format_entry(label, entry).text.render_as("text")
            for label, entry in zip(style.format_labels(entries), entries)}


def test_an_edited_book(formatted):
    assert formatted["edited"] == ("Norcross, J. C., & Lambert, M. J. (Eds.). (2019). Psychotherapy relationships "
                                   "that work: Volume 1 (3rd ed.). Oxford University Press.")


def test_a_chapter_has_its_title_before_the_editors_and_a_doi_address(formatted):
    assert formatted["chapter"] == (
        "Asay, T. P., & Lambert, M. J. (1999). The empirical case for the common factors in therapy: Quantitative "
        "findings. In M. A. Hubble, B. L. Duncan, & S. D. Miller (Eds.), The heart and soul of change (pp. 23–55). "
        "American Psychological Association. https://doi.org/10.1037/11132-001")


def test_a_chapter_without_editors_gives_edition_volume_and_pages(formatted):
    assert formatted["nobody"] == ("Roe, P. (2001). A chapter without editors. In A book (2nd ed., Vol. 3, pp. 5–9). "
                                   "Press.")


def test_a_thesis_names_its_kind_and_school_in_brackets(formatted):
    assert formatted["thesis"] == ("Handelsman, J. B. (2006). Linking therapist characteristics to the alliance "
                                   "[Master's thesis, University of South Florida].")


def test_titles_keep_their_capitals_and_others_is_et_al(formatted):
    assert formatted["others"].startswith("Fuertes, J. N., et al. (2009). The Working Alliance Inventory in medicine.")


def test_twenty_one_authors_or_more_list_nineteen_an_ellipsis_and_the_last(formatted):
    names = ", ".join(f"A{n}, A." for n in range(1, 20))
    assert formatted["crowd"].startswith(f"{names}, .\u00a0.\u00a0. A21, A. (2020). Many hands.")


def test_undated_works_by_one_author_are_lettered_by_title(formatted):
    assert formatted["undated-alpha"] == "Doe, J. (n.d.-a). Alpha."
    assert formatted["undated-beta"] == "Doe, J. (n.d.-b). Beta."
