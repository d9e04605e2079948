"""Reading a chapter's {objectives}: `id: text` lines, each with the section that teaches it on an indented
`section: label` line under it. Problems carry their line within the directive (0 = its first content line)."""
from __future__ import annotations

from pyodide_quiz.sphinx.objectives import Objective, parse_objectives, read_objectives

LINES = [
    "evidence-interpret-r: Interpret r ≈ .28 as variance explained.",
    "    section: ch04-interpreting",
    "",
    "evidence-limits: Say what r does not show.",
    "  section:   ch04-limits  ",
]


def test_each_objective_gets_its_section_and_line():
    found, problems = read_objectives(LINES)
    assert problems == []
    assert found == [Objective("evidence-interpret-r", "Interpret r ≈ .28 as variance explained.", "ch04-interpreting", 0),
                     Objective("evidence-limits", "Say what r does not show.", "ch04-limits", 3)]


def test_tools_that_need_ids_and_texts_only_still_get_pairs():
    found, _ = parse_objectives(LINES)
    assert found == [("evidence-interpret-r", "Interpret r ≈ .28 as variance explained."),
                     ("evidence-limits", "Say what r does not show.")]


def test_an_objective_without_a_section_is_a_problem_on_its_line():
    found, problems = read_objectives(LINES[:1] + LINES[3:4])
    assert [o.section for o in found] == [None, None]
    assert [offset for offset, _ in problems] == [0, 1]
    assert problems[0][1].startswith("objective 'evidence-interpret-r' names no section that teaches it (add an "
                                     "indented line under it, '    section: <label>'")


def test_misplaced_and_malformed_section_lines():
    _, problems = read_objectives(["    section: ch04-tools", "an-objective: Text.", "    section: ch04 tools",
                                   "    section: ch04-tools", "    section: ch04-again"])
    messages = dict(problems)
    assert messages[0] == "a 'section:' line belongs under the objective it names a section for"
    assert messages[2] == "section 'ch04 tools' should be a label, e.g. 'ch04-interpreting'"
    assert messages[4] == "a 'section:' line belongs under the objective it names a section for"
    assert 3 not in messages  # the first well-formed section line under the objective is taken


def test_an_unindented_section_line_reads_as_an_objective_called_section():
    """Only indentation tells them apart; the problem then names the objective left without a section."""
    found, problems = read_objectives(["an-objective: Text.", "section: ch04-tools"])
    assert [o.id for o in found] == ["an-objective", "section"]
    assert len(problems) == 2
