"""course_site/trim_css.py: the CSS reader, which rules stay, and the built site's files afterwards."""
from __future__ import annotations

import json
import zlib

import pytest

from course_site.trim_css import (
    CSSSyntaxError,
    Known,
    drop_unread_custom_properties,
    drop_unreferenced,
    learn_from_page,
    learn_from_script,
    parse,
    refresh_checksums,
    rule_may_match,
    serialize,
    trim_rules,
    trim_site,
)

PAGE = '<html><body><div class="card lead" id="main"><p class="note">Hi</p><svg><circle/></svg></div></body></html>'


def known_from(page: str = PAGE, script: str = "") -> Known:
    known = Known(tags={"html", "head", "body"})
    learn_from_page(known, page)
    learn_from_script(known, script)
    return known


def trimmed(css: str, known: Known | None = None) -> str:
    return serialize(trim_rules(parse(css), known or known_from()))


def test_the_reader_keeps_strings_comments_and_nested_blocks_apart():
    css = ('/*! licence: keep me */\n@charset "UTF-8";\n.card::after { content: "} { ;"; }\n'
           '/* a comment with { braces } */\n@media (min-width: 40em) { @supports (display: grid) {'
           ' @layer base { .card { display: grid } } } }\n.x { background: url(data:image/svg+xml;utf8,<svg/>) }')
    rules = parse(css)
    assert [r.comment or r.prelude for r in rules] == [
        "/*! licence: keep me */", '@charset "UTF-8"', ".card::after", "@media (min-width: 40em)", ".x"]
    assert serialize(rules) == ('/*! licence: keep me */@charset "UTF-8";.card::after{ content: "} { ;"; }'
                                "@media (min-width: 40em){@supports (display: grid){@layer base{.card{ display: grid }"
                                "}}}.x{ background: url(data:image/svg+xml;utf8,<svg/>) }")


def test_a_block_left_open_is_an_error():
    with pytest.raises(CSSSyntaxError):
        parse("@media print { .card { color: red }")


@pytest.mark.parametrize("selector, kept", [
    (".card", True), (".modal", False), ("#main", True), ("#nowhere", False), ("p.note", True),
    ("table.note", False), ("div > .card + p", True), (".card .modal", False),
    (".modal, .card", True),                     # one selector of the list is enough; the list stays whole
    ("[data-theme=dark] .card", True),           # attributes are not judged
    ("html:not(.modal) .card", True),            # nor what :not() names
    (":is(.modal, .toast) p", False), (":where(.modal, .card) p", True),
    (".card::before", True), ("svg circle", True), ("*", True), (":root", True),
    (r".w-50\%", False), (r".card\:hover", False),
    ("p[title^='#'", True),                       # not understood: kept
])
def test_a_rule_stays_when_its_selector_may_match(selector, kept):
    assert rule_may_match(selector, known_from()) is kept


def test_words_and_prefixes_of_scripts_count_as_classes_they_may_add():
    known = known_from(script='el.classList.add("is-open"); tip.className = "bs-tooltip-" + where;')
    assert rule_may_match(".card.is-open", known)
    assert rule_may_match(".bs-tooltip-top .tooltip-arrow", known) is False  # tooltip-arrow: no page, no script
    assert rule_may_match(".bs-tooltip-top", known)


def test_inline_scripts_of_pages_count_too():
    known = known_from(PAGE + '<script>document.body.classList.toggle("menu-shown")</script>')
    assert rule_may_match(".menu-shown", known)


def test_media_queries_keep_what_their_rules_keep_and_go_when_empty():
    css = "@media (max-width: 40em) { .card { color: red } .modal { color: blue } } @media print { .modal { x: y } }"
    assert trimmed(css) == "@media (max-width: 40em){.card{ color: red }}"


def test_keyframes_and_font_faces_stay_only_when_a_kept_rule_names_them():
    css = ("@keyframes spin { to { transform: rotate(1turn) } } @keyframes pulse { to { opacity: 0 } }"
           "@font-face { font-family: 'Icons'; src: url(icons.woff2) }"
           "@font-face { font-family: Serif; src: url(s.woff2) }"
           ".card { animation: spin 1s; font-family: Serif, serif } .modal { animation: pulse 1s; font-family: Icons }")
    site_rules = trim_rules(parse(css), known_from())
    from course_site.trim_css import drop_unnamed, named_in_declarations
    text = serialize(drop_unnamed(site_rules, named_in_declarations([site_rules])))
    assert "spin" in text and "Serif" in text
    assert "pulse" not in text and "Icons" not in text


def test_custom_properties_nobody_reads_go_and_so_do_those_only_they_read():
    sheet = parse(":root { --used: red; --unused: blue; --chain: var(--unused); --from-js: 1px }"
                  " .card { color: var(--used) }")
    known = known_from(script='el.style.getPropertyValue("--from-js")')
    dropped = drop_unread_custom_properties([sheet], [], known)
    assert dropped == 2
    assert serialize(sheet) == ":root{ --used: red; --from-js: 1px }.card{ color: var(--used) }"


def test_a_custom_property_read_by_our_own_stylesheet_stays():
    sheet, ours = parse(":root { --pst-gap: 1rem; --bs-gap: 2rem }"), parse(".course { margin: var(--pst-gap) }")
    drop_unread_custom_properties([sheet], [ours], known_from())
    assert serialize(sheet) == ":root{ --pst-gap: 1rem}"


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "html"
    (site / "_static" / "styles").mkdir(parents=True)
    (site / "_static" / "pq").mkdir()
    (site / "_static" / "scripts").mkdir()
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="_static/styles/theme.css?digest=abc"><link rel="stylesheet" '
        'href="_static/styles/big.css?v=00000000"><link rel="stylesheet" href="_static/course.css?v=11111111">'
        '<link rel="stylesheet" href="_static/pq/quiz.css?v=22222222"><script src="_static/scripts/app.js"></script>'
        + PAGE, encoding="utf-8")
    (site / "_static" / "styles" / "theme.css").write_text('@import "../basic.css";', encoding="utf-8")
    (site / "_static" / "basic.css").write_text(".note { margin: 0 } .sidebar { float: right }", encoding="utf-8")
    (site / "_static" / "styles" / "big.css").write_text(
        "/*! Bootstrap | MIT */ .card { color: red } .carousel { color: blue }\n/*# sourceMappingURL=big.css.map */",
        encoding="utf-8")
    (site / "_static" / "styles" / "big.css.map").write_text("{}", encoding="utf-8")
    (site / "_static" / "course.css").write_text("/* why */\n.never-used {\n  color:  red;\n}\n", encoding="utf-8")
    (site / "_static" / "pq" / "quiz.css").write_text(".pq-added-later{color:red}", encoding="utf-8")
    (site / "_static" / "scripts" / "app.js").write_text('x.classList.add("sidebar")\n//# sourceMappingURL=app.js.map',
                                                        encoding="utf-8")
    (site / "_static" / "scripts" / "app.js.map").write_text("{}", encoding="utf-8")
    (site / "_static" / "scripts" / "icons.js").write_text("unused()", encoding="utf-8")
    (site / "_static" / "scripts" / "icons.js.LICENSE.txt").write_text("licence", encoding="utf-8")
    return site


def test_the_site_keeps_its_own_rules_and_the_untrimmed_copies(site):
    report = trim_site(site, keep_originals=site.parent / "untrimmed-css")
    static = site / "_static"
    assert (static / "styles" / "big.css").read_text() == "/*! Bootstrap | MIT */.card{color: red}"
    assert (static / "basic.css").read_text() == ".note{margin: 0}.sidebar{float: right}"  # .sidebar: a script adds it
    assert (static / "course.css").read_text() == ".never-used{color: red;}"  # ours: every rule, compacted
    assert (static / "pq" / "quiz.css").read_text() == ".pq-added-later{color:red}"  # the engine's: untouched
    kept = site.parent / "untrimmed-css"
    assert (kept / "_static" / "styles" / "big.css").read_text().startswith("/*! Bootstrap | MIT */ .card")
    listed = json.loads((kept / "trimmed.json").read_text())
    assert {row["file"]: row["how"] for row in listed} == {
        "_static/basic.css": "trimmed", "_static/styles/big.css": "trimmed", "_static/styles/theme.css": "trimmed",
        "_static/course.css": "compacted"}
    assert {row["file"] for row in report} == {row["file"] for row in listed}


def test_pages_and_imports_name_the_trimmed_files_by_their_new_checksum(site):
    report = trim_site(site)
    refresh_checksums(site, [row["file"] for row in report])
    static = site / "_static"

    def crc(path):
        return f"{zlib.crc32(path.read_bytes()):08x}"

    assert (static / "styles" / "theme.css").read_text() == f'@import "../basic.css?v={crc(static / "basic.css")}";'
    page = (site / "index.html").read_text()
    assert f'href="_static/styles/theme.css?v={crc(static / "styles" / "theme.css")}"' in page
    assert f'href="_static/styles/big.css?v={crc(static / "styles" / "big.css")}"' in page
    assert 'href="_static/pq/quiz.css?v=22222222"' in page  # not rewritten by this step


def test_theme_files_nothing_refers_to_leave_the_site_but_licences_stay(site):
    trim_site(site)
    removed = {row["file"] for row in drop_unreferenced(site)}
    assert removed == {"_static/scripts/icons.js", "_static/styles/big.css.map"}  # the trimmed file names no map
    assert (site / "_static" / "scripts" / "icons.js.LICENSE.txt").is_file()
    assert (site / "_static" / "scripts" / "app.js.map").is_file()  # still named by app.js
