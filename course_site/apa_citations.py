"""APA 7 citations and references: in the text, on the References page and in every citation's tooltip (names,
year and title: "Bordin (1979). The generalizability of the psychoanalytic concept of the working alliance.").

In the text: "(Bordin, 1979)" and "Bordin (1979)"; "(Horvath & Symonds, 1991)" but "Horvath and Symonds
(1991)"; "(Flückiger et al., 2018)"; several works in one citation separated by semicolons; a translated
classic with both years, "(Freud, 1912/1958)"; two works by the same authors in the same year as "2011a" and
"2011b"; two works whose authors shorten to the same "et al." form with as many names as tell them apart,
"(Flückiger, Del Re, et al., 2020)".

In the reference list, pybtex-apa7-style's entries with APA 7's order and form where it departs from them:
a book chapter is "Author. (Year). Chapter title. In E. Editor (Ed.), *Book title* (2nd ed., Vol. 1,
pp. x–y). Publisher."; titles are printed as written in references.bib (its titles are in sentence case
already; lower-casing them would turn "Working Alliance Inventory" into "working alliance inventory"); a DOI
is a https://doi.org/ address, and a URL is given only where there is no DOI; an edited book reads
"Editor, A. (Ed.). (Year)."; a thesis reads "*Title* [Master's thesis, School]."; "and others" in an author
list prints "et al.", and a list of 21 authors or more prints the first 19, an ellipsis and the last; an
entry with `origdate = {1912}` ends with "(Original work published 1912)"; entries sort by their printed
letters ("Flückiger" as "fluckiger"), not by the LaTeX source. The `verification` field, where
references.bib records how an entry was checked, is never printed (`scripts/checks/html_references.py`
fails the build if a note shows anyway).

Four plugins, each named "apa": pybtex label, sorting and formatting styles, and a sphinxcontrib-bibtex
referencing style. The label of each cited work is its in-text form ("Horvath & Symonds, 1991"), worked out
over all cited works at once, because APA tells works apart by looking at the other works in the list; the
in-text citation and the reference list's "(2011a)" are both read back from that label.
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from pybtex.plugin import find_plugin
from pybtex.plugin import register_plugin as register_pybtex_plugin
from pybtex.richtext import HRef, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from pybtex.style.template import FieldIsMissing, first_of, join, node, optional, optional_field, sentence, tag
from pybtex.style.template import field as bib_field  # `field` is dataclasses' here
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

# pybtex-apa7-style installs its modules under the bare names `formatting`, `labels` and `names`; reaching
# them through the plugin it registers does not depend on those names.
APA7Style = find_plugin("pybtex.style.formatting", "apa7")
_apa7 = importlib.import_module(APA7Style.__module__)

NO_DATE = "n.d."
ET_AL = "et al."
# Our labels are "<names>, <year>[<letter>]" (see in_text_label); this reads one back.
LABEL = re.compile(r"^(?P<names>.*), (?P<year>\d{4}(?:/\d{4})?|n\.d\.)(?:-?(?P<suffix>[a-z]))?$")


# ---- in-text form (pure functions over plain data) ---------------------------------------------------------

@dataclass(frozen=True)
class Work:
    """What APA's in-text rules need to know about one work."""
    key: str
    surnames: tuple[str, ...]  # every recorded author (or editor) surname, as printed: "Del Re", "de Jong"
    people: tuple[str, ...]  # every recorded author in full, to tell "the same authors" from similar ones
    incomplete: bool = False  # the list ends "and others": more authors than recorded
    year: str = NO_DATE
    original_year: str = ""  # first publication of a reprint or translation ("1912" for Freud 1912/1958)
    title: str = ""


def short_names(work: Work) -> str:
    """APA's in-text names: one or two authors by name, three or more as the first and "et al."."""
    if not work.surnames:
        return work.title or work.key
    if work.incomplete or len(work.surnames) >= 3:
        return f"{work.surnames[0]} {ET_AL}"
    return " & ".join(work.surnames)


def names_to_tell_apart(work: Work, others: list[Work]) -> str:
    """The in-text names of `work` when `others` (different authors, same year) shorten to the same form.

    APA 7: write out as many names as needed to tell the works apart, then "et al."; as "et al." never
    stands for a single name, a work whose last name alone is left over is cited with every name."""
    rivals = [other for other in others if other.people != work.people]
    if not rivals or (len(work.surnames) < 3 and not work.incomplete):
        return short_names(work)
    for count in range(2, len(work.surnames) + 1):
        if all(other.surnames[:count] != work.surnames[:count] for other in rivals):
            if count >= len(work.surnames) - 1 and not work.incomplete:
                return ", ".join(work.surnames[:-1]) + ", & " + work.surnames[-1]
            return ", ".join(work.surnames[:count]) + f", {ET_AL}"
    return short_names(work)  # nothing recorded tells them apart: the letters after the year still do


def in_text_labels(works: list[Work]) -> list[str]:
    """Each work's in-text form, "names, year", for works given in reference-list order.

    Works by the same authors in the same year get letters in list order (pybtex sorts them by title, as
    APA does): "2011a", "2011b"; undated works "n.d.-a"."""
    def year_of(work: Work) -> str:
        return f"{work.original_year}/{work.year}" if work.original_year else work.year

    by_short_form = defaultdict(list)
    for work in works:
        by_short_form[(short_names(work), year_of(work))].append(work)
    names = [names_to_tell_apart(work, by_short_form[(short_names(work), year_of(work))]) for work in works]

    same_authors = defaultdict(list)
    for index, work in enumerate(works):
        same_authors[(work.people or (work.title,), year_of(work))].append(index)
    letters = [""] * len(works)
    for indexes in same_authors.values():
        if len(indexes) > 1:
            for position, index in enumerate(indexes):
                letters[index] = chr(ord("a") + position)
    return [in_text_label(name, year_of(work), letter) for name, work, letter in zip(names, works, letters)]


def in_text_label(names: str, year: str, letter: str = "") -> str:
    separator = "-" if letter and year == NO_DATE else ""
    return f"{names}, {year}{separator}{letter}"


def split_label(label: str) -> tuple[str, str, str]:
    """(names, year as cited, letter) of a label made by in_text_label; a label of another style is all names."""
    match = LABEL.match(label)
    if not match:
        return label, "", ""
    return match.group("names"), label[match.start("year"):], match.group("suffix") or ""


def narrative_names(names: str) -> str:
    """Names as a sentence says them: "Horvath and Symonds", where a parenthesis says "Horvath & Symonds"."""
    head, amp, tail = names.rpartition(" & ")
    return f"{head} and {tail}" if amp else names


# ---- from pybtex entries ------------------------------------------------------------------------------------

def _plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def is_others(person) -> bool:
    """BibTeX's "and others": the author list goes on but was not recorded."""
    return str(person) == "others"


def work_of(entry) -> Work:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    known = [p for p in persons if not is_others(p)]
    return Work(key=entry.key,
                surnames=tuple(_plain(" ".join(p.prelast_names + p.last_names)) for p in known),
                people=tuple(str(p) for p in known) + (("others",) if len(known) < len(persons) else ()),
                incomplete=len(known) < len(persons),
                year=entry.fields.get("year") or entry.fields.get("date", "")[:4] or NO_DATE,
                original_year=entry.fields.get("origdate", ""),
                title=_plain(entry.fields.get("title", "")))


class ApaLabelStyle(BaseLabelStyle):
    """Each cited work's label is its in-text form, "Horvath & Symonds, 1991"."""

    def format_labels(self, sorted_entries):
        return iter(in_text_labels([work_of(entry) for entry in sorted_entries]))


# ---- the reference list -----------------------------------------------------------------------------------

@node
def _letter(children, context):
    """The letter that tells apart works by the same authors in the same year, from the entry's label."""
    _, year, letter = split_label(context.get("label") or "")
    return Text(f"-{letter}" if letter and year.startswith(NO_DATE) else letter)


@node
def reference_names(children, context, role):
    """Authors (or editors) as the reference list writes them: "Ackerman, S. J., & Hilsenroth, M. J."."""
    assert not children
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    style = context["style"]
    known = [p for p in persons if not is_others(p)]
    names = [style.format_name(person, style.abbreviate_names) for person in known]  # templates
    if len(known) < len(persons):
        initials = known and (known[-1].first_names or known[-1].middle_names)
        listed = join[join(sep=", ")[names], f"{', ' if initials else ' '}{ET_AL}"]  # "Doe, J., et al.", "Doe et al."
    elif len(names) > 20:  # APA 7: the first 19, an ellipsis, the last
        listed = join[join(sep=", ")[names[:19]], ", .\u00a0.\u00a0. ", names[-1]]  # dots kept on one line
    else:
        listed = join(sep=", ", sep2=", & ", last_sep=", & ")[names]
    return listed.format_data(context)


@node
def web_address(children, context, name, prefix=""):
    """A link that shows its own address, as APA 7 prints a DOI: https://doi.org/10.1037/h0085885."""
    assert not children
    value = context["entry"].fields.get(name)
    if not value:
        raise FieldIsMissing(name, context["entry"])
    address = prefix + value.strip()
    return HRef(address, address)


@node
def editors_in(children, context):
    """The editors after "In": "J. Strachey (Ed.)", "A. O. Horvath & L. S. Greenberg (Eds.)"."""
    assert not children
    editors = context["entry"].persons["editor"]
    names = [_apa7.firstlast.format(person, True) for person in editors]
    word = "(Eds.)" if len(editors) > 1 else "(Ed.)"
    return join(sep=" ")[join(sep=", ", sep2=" & ", last_sep=", & ")[names], word].format_data(context)


def _bracketed(parts: list) -> list:
    """"(…, …)" around the parts that exist, or nothing when none does."""
    return [join["(", join(sep=", ")[parts], ")"]] if parts else []


def sort_text(latex: str) -> str:
    """Letters to sort by: "Flückiger" by "fluckiger", "{National Institute ...}" by "national institute ..."."""
    letters = unicodedata.normalize("NFD", _plain(latex))
    return "".join(c for c in letters if not unicodedata.combining(c)).lower()


class ApaSortingStyle(AuthorYearTitleSorting):
    """pybtex's author, year, title order, on the printed letters rather than the LaTeX source (whose braces
    and accent commands put "{National Institute ...}" after "Zetzel")."""

    def person_key(self, person):
        return sort_text(super().person_key(person))

    def sorting_key(self, entry):
        authors, year, title = super().sorting_key(entry)
        return authors, year, sort_text(title)


class ApaStyle(APA7Style):
    """pybtex-apa7-style, with APA 7's chapter order, titles as written, DOIs as addresses, and more."""

    name = "apa"
    default_label_style = "apa"
    default_sorting_style = "apa"

    def format_entry(self, label, entry, bib_data=None):
        # As pybtex's, plus the label in the context: the reference list's "(2011a)" is read from it.
        context = {"entry": entry, "style": self, "bib_data": bib_data, "label": label}
        template = getattr(self, f"get_{entry.type}_template", self.get_misc_template)
        text = template(entry).format_data(context)
        if entry.fields.get("origdate"):
            text = Text(text, f" (Original work published {entry.fields['origdate']})")
        return FormattedEntry(entry.key, text, label)

    def format_names(self, role, as_sentence=True):
        names = reference_names(role)
        return sentence(capfirst=False)[names] if as_sentence else names

    def format_date(self, e):
        return sentence[join["(", first_of[optional[_apa7.date], NO_DATE], _letter, ")"]]

    def format_title(self, e, which_field, as_sentence=True):
        title = bib_field(which_field)
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e):
        """APA 7: the DOI as an address, else the URL (pybtex-apa7-style also prints PubMed and arXiv ids)."""
        return first_of[optional[web_address("doi", prefix="https://doi.org/")], optional[web_address("url")], ""]

    def _creators(self, e):
        """"Author, A." or, for an edited book, "Editor, E. (Ed.)." or "(Eds.).", as a sentence."""
        if "author" in e.persons:
            return self.format_names("author")
        word = "(Eds.)" if len(e.persons["editor"]) > 1 else "(Ed.)"
        return sentence[join(sep=" ")[self.format_names("editor", as_sentence=False), word]]

    @staticmethod
    def _book_details(e, with_pages: bool) -> list:
        """"2nd ed.", "Vol. 12", "pp. 97–108": those the entry has."""
        parts = []
        if "edition" in e.fields:
            parts.append(join[bib_field("edition"), " ed."])
        if "volume" in e.fields:
            parts.append(join["Vol. ", bib_field("volume")])
        if with_pages and "pages" in e.fields:
            parts.append(_apa7.pages)
        return parts

    def _ending(self, e) -> list:
        return [sentence[optional_field("publisher")], sentence[optional_field("note")], self.format_web_refs(e)]

    def get_book_template(self, e):
        title = join(sep=" ")[tag("em")[bib_field("title")], *_bracketed(self._book_details(e, with_pages=False))]
        if "author" in e.persons or "editor" in e.persons:
            opening = [self._creators(e), self.format_date(e), sentence[title]]
        else:  # no author or editor: the title takes the author's place
            opening = [sentence[title], self.format_date(e)]
        return toplevel[opening + self._ending(e)]

    def get_incollection_template(self, e):
        """Author. (Year). Chapter title. In E. Editor (Ed.), *Book title* (2nd ed., Vol. 1, pp. x–y). Publisher."""
        editors = [join[editors_in, ","]] if "editor" in e.persons else []
        book = join(sep=" ")["In", *editors, tag("em")[bib_field("booktitle")],
                             *_bracketed(self._book_details(e, with_pages=True))]
        if "author" in e.persons:
            opening = [self.format_names("author"), self.format_date(e), self.format_title(e, "title")]
        else:
            opening = [self.format_title(e, "title"), self.format_date(e)]
        return toplevel[opening + [sentence[book]] + self._ending(e)]

    get_inbook_template = get_incollection_template

    def _thesis(self, e, kind: str):
        """APA 7: *Title* [Master's thesis, School]."""
        return toplevel[
            self.format_names("author"), self.format_date(e),
            sentence[join[tag("em")[bib_field("title")], " [", kind, optional[", ", bib_field("school")], "]"]],
            sentence[optional_field("note")], self.format_web_refs(e)]

    def get_mastersthesis_template(self, e):
        return self._thesis(e, "Master's thesis")

    def get_phdthesis_template(self, e):
        return self._thesis(e, "Doctoral dissertation")


# ---- in-text citations ------------------------------------------------------------------------------------

@node
def label_names(children, data, narrative=False):
    names, _, _ = split_label(data["formatted_entry"].label)
    return Text(narrative_names(names) if narrative else names)


@node
def label_year(children, data):
    _, year, _ = split_label(data["formatted_entry"].label)
    return Text(year or NO_DATE)


def _round(**separators) -> BracketStyle:
    return BracketStyle(left="(", right=")", **separators)


def _plain_et_al() -> PersonStyle:
    return PersonStyle(sep2=" & ", last_sep=", & ", other=Text(" ", ET_AL))  # APA: "et al." is not italic


class ApaParenthetical(BasicAuthorYearParentheticalReferenceStyle):
    """(Horvath & Symonds, 1991): the label, which is the in-text form."""

    def inner(self, role_name):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text, reference[join(sep=", ")[label_names, label_year]], post_text]


class ApaTextual(BasicAuthorYearTextualReferenceStyle):
    """Horvath and Symonds (1991)."""

    def inner(self, role_name):
        return join(sep=" ")[
            label_names(narrative=True),
            join[self.bracket.left,
                 join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[label_year], post_text],
                 self.bracket.right]]


class ApaYear(ExtraYearReferenceStyle):
    def inner(self, role_name):
        return reference[label_year]


@dataclass
class ApaReferenceStyle(GroupReferenceStyle):
    """The `apa` referencing style: parenthetical and narrative citations in APA 7 form."""

    person: PersonStyle = field(default_factory=_plain_et_al)

    def __post_init__(self):
        self.styles.extend([
            ApaParenthetical(bracket=_round(sep="; "), person=self.person),
            ApaTextual(bracket=_round(), person=self.person),
            ExtraAuthorReferenceStyle(bracket=_round(), person=self.person),
            ExtraLabelReferenceStyle(bracket=_round(sep="; ")),
            ApaYear(bracket=_round()),
            ExtraEmptyReferenceStyle(),
        ])
        super().__post_init__()


# ---- the tooltip of each citation -------------------------------------------------------------------------

def tooltip_text(label: str, title: str) -> str:
    """A citation's tooltip: its in-text names and year, then the work's title, "Horvath & Symonds (1991).
    Relation between working alliance and outcome in psychotherapy: A meta-analysis." The full reference is one
    click away on the References page; repeating it in every citation's tooltip cost a chapter 10-30 KB."""
    names, year, _ = split_label(label)
    head = f"{names} ({year})." if year else f"{names}."
    title = title.strip()
    if not title:
        return head
    return f"{head} {title}" if title[-1] in ".?!" else f"{head} {title}."


class ApaTooltipStyle(ApaStyle):
    """The `apa-tooltip` formatting style (bibtex_tooltips_style): author, year and title only."""

    name = "apa-tooltip"

    def format_entry(self, label, entry, bib_data=None):
        return FormattedEntry(entry.key, Text(tooltip_text(label, work_of(entry).title)), label)


def _short_tooltips(app, config) -> None:
    if "bibtex_tooltips_style" in config and not config.bibtex_tooltips_style:  # sphinxcontrib-bibtex is loaded
        config.bibtex_tooltips_style = "apa-tooltip"


def register() -> None:
    """Make the `apa` plugins known (idempotent: each Sphinx app of a test run calls it again)."""
    register_pybtex_plugin("pybtex.style.labels", "apa", ApaLabelStyle, force=True)
    register_pybtex_plugin("pybtex.style.sorting", "apa", ApaSortingStyle, force=True)
    register_pybtex_plugin("pybtex.style.formatting", "apa", ApaStyle, force=True)
    register_pybtex_plugin("pybtex.style.formatting", "apa-tooltip", ApaTooltipStyle, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "apa", ApaReferenceStyle, force=True)


def setup(app):
    register()
    # Citation tooltips name author, year and title (a site that sets bibtex_tooltips_style keeps its own).
    app.connect("config-inited", _short_tooltips)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
