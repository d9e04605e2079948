"""The Markdown front end without MkDocs: directive fences found as the book writes them, author text rendered
with its roles, and problems reported with page and content-file lines (pyodide_quiz/mkdocs/)."""
from __future__ import annotations

import markdown
import pytest

from pyodide_quiz.mkdocs.extension import PyodideQuizError
from pyodide_quiz.mkdocs.fences import find_directives
from pyodide_quiz.mkdocs.markup import Bibliography, Links, MarkdownMarkup
from pyodide_quiz.mkdocs.plugin import front_matter_lines
from tests.conftest import ROOT
from tests.mkdocs.conftest import BROKEN_QUIZ

NAMES = {"quiz", "exercise", "vignette"}


def test_a_directive_with_options_is_found_with_its_lines():
    lines = ["# Page", "", "```{quiz} quizzes/a.yml", ":questions: one, two", ":confidence: true", "```", "after"]
    [found] = find_directives(lines, NAMES)
    assert (found.name, found.argument, found.start, found.end) == ("quiz", "quizzes/a.yml", 2, 6)
    assert found.options == {"questions": "one, two", "confidence": "true"}
    assert found.closed and not found.problems


def test_fences_inside_a_longer_fence_and_other_code_blocks_are_left_alone():
    lines = ["````md", "```{quiz} quizzes/example.yml", "```", "````", "~~~", "```{exercise} x", "~~~",
             "```python", "print('{quiz}')", "```", "```{vignette} quizzes/vignettes/v.yml", "```"]
    assert [(d.name, d.argument, d.start) for d in find_directives(lines, NAMES)] == [
        ("vignette", "quizzes/vignettes/v.yml", 10)]


def test_an_indented_directive_keeps_its_indent_and_a_stray_line_is_a_problem():
    lines = ["!!! note", "", "    ```{exercise} exercises/srs-total", "    :title: Score it", "    oops", "    ```"]
    [found] = find_directives(lines, NAMES)
    assert found.indent == "    " and found.options == {"title": "Score it"}
    assert found.problems == [(4, "not an option (`:name: value`): 'oops'")]


def test_an_unclosed_directive_fence_runs_to_the_end_of_the_page():
    [found] = find_directives(["```{quiz} quizzes/a.yml", "text"], NAMES)
    assert not found.closed and found.end == 2


def test_front_matter_lines_are_counted_for_messages():
    source = "---\ntitle: A page\ntags: [x]\n---\n\n# Page\n"
    assert front_matter_lines(source, "# Page\n") == 5
    assert front_matter_lines("# Page\n", "# Page\n") == 0


@pytest.fixture
def render():
    warnings: list[tuple[str, str]] = []
    links = Links(glossary="glossary.md", glossary_terms={"session rating scale"},
                  labels={"ch11": {"page": "measuring.md", "anchor": "srs", "title": "Measuring"}},
                  relative=lambda page: f"../{page}")
    markup = MarkdownMarkup(links, Bibliography(ROOT / "book" / "references.bib"),
                            lambda message, where: warnings.append((where, message)))
    markup.warnings = warnings
    return markup


def test_roles_become_glossary_links_citations_and_label_links(render):
    html = render.block("The {term}`SRS <Session Rating Scale>` {cite:p}`duncan2003srs,fluckiger2018alliance`; "
                        "{cite:t}`duncan2003srs`, see {ref}`ch11`.", "quizzes/x.yml:4")
    assert '<a class="pq-term" href="../glossary.md#term-session-rating-scale">SRS</a>' in html
    assert "(Duncan et al., 2003; Flückiger et al., 2018)" in html
    assert "Duncan et al. (2003)" in html
    assert '<a href="../measuring.md#srs">Measuring</a>' in html
    assert render.warnings == []


def test_unresolved_roles_warn_with_the_content_file_and_line(render):
    html = render.inline("{term}`rapport` {cite:p}`nobody1999` {ref}`nowhere`", "quizzes/x.yml:7")
    assert "rapport" in html and "<p>" not in html
    assert [where for where, _ in render.warnings] == ["quizzes/x.yml:7"] * 3
    assert "rapport" in render.warnings[0][1] and "nobody1999" in render.warnings[1][1]


def test_raw_html_in_a_field_is_shown_as_text(render):
    html = render.block('Try <script>alert(1)</script> and <img src=x onerror="y">', "q.yml:1")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html


def convert(tmp_path, page: str, **config) -> str:
    md = markdown.Markdown(extensions=["admonition", "pyodide_quiz.mkdocs"],
                          extension_configs={"pyodide_quiz.mkdocs": {"content_root": str(tmp_path), **config}})
    return md.convert(page)


def test_a_broken_quiz_fails_naming_the_page_line_and_the_quiz_line(tmp_path):
    (tmp_path / "broken.yml").write_text(BROKEN_QUIZ)
    with pytest.raises(PyodideQuizError, match=r"page:4: broken\.yml:11: "):
        convert(tmp_path, "# Page\n\n!!! note\n    ```{quiz} broken.yml\n    ```\n", strict=True)


def test_a_quiz_inside_an_admonition_is_rendered_inside_it(caplog):
    html = convert(ROOT, "!!! note\n\n    ```{quiz} quizzes/04-evidence.yml\n    :questions: d-interpretation\n"
                         "    ```\n\nAfter.\n", bibliography=str(ROOT / "book" / "references.bib"))
    note, _, after = html.partition("</div>\n<p>After.")
    assert '<div class="admonition note">' in note and 'class="pq-quiz"' in note
    assert note.count('class="pq-question"') == 1 and after
    assert not caplog.records


def test_an_unresolved_role_in_a_quiz_names_the_page_line_and_the_quiz_line(caplog):
    convert(ROOT, "# Page\n\n```{quiz} quizzes/04-evidence.yml\n:questions: d-interpretation\n```\n")
    assert "pyodide_quiz: page:3: quizzes/04-evidence.yml:32: citation fluckiger2018alliance: " in caplog.text


def test_a_widget_continues_the_outline_of_the_heading_above_it():
    from pyodide_quiz.mkdocs.fences import heading_level_before

    lines = ["# Page", "```python", "## not a heading", "```", "## Section", "", "```{vignette} v.yml", "```"]
    assert heading_level_before(lines, 6) == 2
    assert heading_level_before(lines, 1) == 1 and heading_level_before(lines, 0) == 0


def test_the_widgets_words_follow_the_sites_language():
    german = convert(ROOT, "```{quiz} quizzes/04-evidence.yml\n:questions: d-interpretation\n```\n", language="de",
                     bibliography=str(ROOT / "book" / "references.bib"))
    assert '<span class="pq-number">Frage 1</span>' in german
