"""The vignette model: schema and story-graph checks, each problem naming the file, the line and the node."""
from __future__ import annotations

from pathlib import Path

import pytest

from pyodide_quiz.__main__ import schema_text
from pyodide_quiz.model import ContentError
from pyodide_quiz.model.vignette import load_vignette, vignette_schema

ROOT = Path(__file__).resolve().parents[2]

# A small valid story. Tests change one thing and find the expected line by its text.
BASE = """\
title: Test scenario
summary: A test.
content_note: Nothing distressing.
client:
  name: Sam
  description: A test client.
  note: Sam is invented.
start: opening
nodes:
  opening:
    narrative: Sam sits down.
    client_says: Hello.
    choices:
      - response: Warm reply.
        next: middle
        effects: {goal: 1, bond: 2}
        feedback: Warm.
      - response: Cold reply.
        next: poor-ending
        effects: {task: -1, bond: -2}
        feedback: Cold.
  middle:
    narrative: Sam relaxes.
    choices:
      - response: Agree on a goal.
        next: good-ending
        effects: {goal: 2}
        feedback: Shared goal.
      - response: Impose a goal.
        next: poor-ending
        effects: {goal: -2}
        feedback: Imposed.
  good-ending:
    ending: good
    narrative: Sam books again.
    debrief: Warmth and shared goals.
  poor-ending:
    ending: poor
    narrative: Sam leaves.
    debrief: Cold and imposed.
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing fragment."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def problems_of(tmp_path: Path, text: str) -> list:
    path = tmp_path / "story.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_vignette(path, "quizzes/vignettes/story.yml")
    return raised.value.problems


def the_problem(problems: list, words: str):
    found = [p for p in problems if words in p.message]
    assert found, f"no problem says {words!r}: {[str(p) for p in problems]}"
    return found[0]


def assert_at(problem, line: int, node: str | None) -> None:
    text = str(problem)
    assert text.startswith(f"quizzes/vignettes/story.yml:{line}: "), text
    assert problem.line == line
    if node is not None:
        assert f"node '{node}'" in text, text


# --- a valid file -------------------------------------------------------------------------------------------

def test_a_valid_story_loads_with_its_graph(tmp_path):
    path = tmp_path / "story.yml"
    path.write_text(BASE, encoding="utf-8")
    vignette = load_vignette(path)
    assert vignette.name == "story"
    assert vignette.endings == ["good-ending", "poor-ending"]
    graph = vignette.graph()
    assert graph["start"] == "opening"
    assert graph["meters"] == {"names": ["goal", "task", "bond"], "start": {"goal": 5, "task": 5, "bond": 5},
                               "min": 0, "max": 10}
    assert graph["nodes"]["opening"]["choices"][0] == {"next": "middle", "effects": {"goal": 1, "task": 0, "bond": 2}}
    assert graph["nodes"]["good-ending"] == {"ending": "good"}
    assert vignette.nodes["middle"].line == line_of(BASE, "  middle:")


def test_the_hash_follows_the_structure_not_the_wording(tmp_path):
    def hash_of(text):
        path = tmp_path / "story.yml"
        path.write_text(text, encoding="utf-8")
        return load_vignette(path).hash

    original = hash_of(BASE)
    assert hash_of(edit("Sam relaxes.", "Sam relaxes a little.")) == original
    assert hash_of(edit("effects: {goal: 2}", "effects: {goal: 1}")) != original


@pytest.mark.parametrize("path", sorted((ROOT / "quizzes" / "vignettes").glob("*.yml")), ids=lambda p: p.stem)
def test_every_course_vignette_loads(path):
    vignette = load_vignette(path)
    assert len(vignette.endings) >= 2


def test_the_published_schema_is_the_generated_one():
    published = (ROOT / "quizzes" / "vignette.schema.json").read_text(encoding="utf-8")
    assert published == schema_text(vignette_schema()), (
        "quizzes/vignette.schema.json is out of date: run `.venv/bin/python -m pyodide_quiz schema`")


# --- schema errors --------------------------------------------------------------------------------------------

def test_a_choice_without_feedback(tmp_path):
    text = edit("        feedback: Imposed.\n", "")
    problem = the_problem(problems_of(tmp_path, text), "missing required key 'feedback'")
    assert_at(problem, line_of(text, "- response: Impose a goal."), "middle")


def test_an_unknown_key_in_a_node_suggests_the_right_one(tmp_path):
    text = edit("narrative: Sam relaxes.", "narative: Sam relaxes.")
    problems = problems_of(tmp_path, text)
    problem = the_problem(problems, "unknown key 'narative'")
    assert_at(problem, line_of(text, "narative:"), "middle")
    assert "did you mean 'narrative'" in str(problem)


def test_an_effect_on_an_unknown_meter(tmp_path):
    text = edit("effects: {goal: 2}", "effects: {trust: 2}")
    problem = the_problem(problems_of(tmp_path, text), "unknown key 'trust'")
    assert_at(problem, line_of(text, "{trust: 2}"), "middle")


def test_an_effect_that_is_not_a_whole_number(tmp_path):
    text = edit("effects: {goal: 2}", "effects: {goal: 1.5}")
    problem = the_problem(problems_of(tmp_path, text), "must be a whole number")
    assert_at(problem, line_of(text, "{goal: 1.5}"), "middle")


def test_a_decision_with_one_choice(tmp_path):
    text = edit("""      - response: Impose a goal.
        next: poor-ending
        effects: {goal: -2}
        feedback: Imposed.
""", "")
    problem = the_problem(problems_of(tmp_path, text), "needs at least 2 item(s)")
    assert_at(problem, line_of(text, "- response: Agree on a goal."), "middle")


def test_an_unknown_ending_kind(tmp_path):
    text = edit("ending: good", "ending: great")
    problem = the_problem(problems_of(tmp_path, text), "it must be one of: good, mixed, poor")
    assert_at(problem, line_of(text, "ending: great"), "good-ending")


def test_a_node_id_of_the_wrong_form(tmp_path):
    text = edit("  middle:\n", "  Middle_Part:\n")
    text = text.replace("next: middle", "next: Middle_Part")
    problem = the_problem(problems_of(tmp_path, text), "the node id 'Middle_Part' does not have the expected form")
    assert_at(problem, line_of(text, "  Middle_Part:"), "Middle_Part")


def test_a_missing_top_level_key(tmp_path):
    text = edit("content_note: Nothing distressing.\n", "")
    problem = the_problem(problems_of(tmp_path, text), "missing required key 'content_note'")
    assert problem.line == 1


def test_a_duplicate_key(tmp_path):
    text = edit("    narrative: Sam leaves.\n", "    narrative: Sam leaves.\n    narrative: Sam stays.\n")
    problem = the_problem(problems_of(tmp_path, text), "the key 'narrative' appears twice")
    assert problem.line == line_of(text, "narrative: Sam stays.")


def test_a_yaml_syntax_error_names_its_line(tmp_path):
    text = edit("    narrative: Sam relaxes.\n", "    narrative: Sam relaxes.\n   choices: [\n")
    problem = the_problem(problems_of(tmp_path, text), "YAML syntax error")
    assert problem.line >= line_of(text, "Sam relaxes.")


# --- node shape -------------------------------------------------------------------------------------------

def test_an_ending_with_choices(tmp_path):
    text = edit("""    debrief: Cold and imposed.
""", """    debrief: Cold and imposed.
    choices:
      - {response: Again, next: opening, effects: {}, feedback: Again.}
      - {response: Stop, next: good-ending, effects: {}, feedback: Stop.}
""")
    problem = the_problem(problems_of(tmp_path, text), "an ending has no choices")
    assert_at(problem, line_of(text, "- {response: Again"), "poor-ending")


def test_a_decision_without_choices(tmp_path):
    text = edit("""  middle:
    narrative: Sam relaxes.
    choices:
      - response: Agree on a goal.
        next: good-ending
        effects: {goal: 2}
        feedback: Shared goal.
      - response: Impose a goal.
        next: poor-ending
        effects: {goal: -2}
        feedback: Imposed.
""", """  middle:
    narrative: Sam relaxes.
""")
    problem = the_problem(problems_of(tmp_path, text), "a decision node needs 'choices'")
    assert_at(problem, line_of(text, "narrative: Sam relaxes."), "middle")


def test_an_ending_without_a_debrief(tmp_path):
    text = edit("    debrief: Warmth and shared goals.\n", "")
    problem = the_problem(problems_of(tmp_path, text), "an ending needs a 'debrief'")
    assert_at(problem, line_of(text, "ending: good"), "good-ending")


def test_a_debrief_on_a_decision(tmp_path):
    text = edit("    narrative: Sam relaxes.\n", "    narrative: Sam relaxes.\n    debrief: Too early.\n")
    problem = the_problem(problems_of(tmp_path, text), "only an ending has a 'debrief'")
    assert_at(problem, line_of(text, "debrief: Too early."), "middle")


# --- graph errors -----------------------------------------------------------------------------------------

def test_an_unknown_next(tmp_path):
    text = edit("next: good-ending", "next: good-endng")
    problem = the_problem(problems_of(tmp_path, text), "leads to 'good-endng', which is not a node")
    assert_at(problem, line_of(text, "next: good-endng"), "middle")
    assert "did you mean 'good-ending'" in str(problem)


def test_a_start_that_does_not_exist(tmp_path):
    text = edit("start: opening", "start: openng")
    problem = the_problem(problems_of(tmp_path, text), "start names node 'openng', which does not exist")
    assert_at(problem, line_of(text, "start: openng"), "openng")
    assert "did you mean 'opening'" in str(problem)


def test_a_node_that_cannot_be_reached(tmp_path):
    text = BASE + """  aside:
    narrative: Nobody comes here.
    choices:
      - {response: A, next: good-ending, effects: {}, feedback: A.}
      - {response: B, next: poor-ending, effects: {}, feedback: B.}
"""
    problem = the_problem(problems_of(tmp_path, text), "cannot be reached from the start node 'opening'")
    assert_at(problem, line_of(text, "  aside:"), "aside")


def test_a_node_that_cannot_reach_an_ending(tmp_path):
    # A decision node always has choices, so in a story without loops every path ends; only a loop traps.
    text = edit("next: good-ending", "next: trap-a") + """  trap-a:
    narrative: Round and round.
    choices:
      - {response: A, next: trap-b, effects: {}, feedback: A.}
      - {response: B, next: trap-b, effects: {}, feedback: B.}
  trap-b:
    narrative: And round.
    choices:
      - {response: C, next: trap-a, effects: {}, feedback: C.}
      - {response: D, next: trap-a, effects: {}, feedback: D.}
"""
    problems = problems_of(tmp_path, text)
    trapped = [p for p in problems if "no path from this node reaches an ending" in p.message]
    assert {p.subject for p in trapped} == {"node 'trap-a'", "node 'trap-b'"}
    assert_at(next(p for p in trapped if "trap-a" in p.subject), line_of(text, "  trap-a:"), "trap-a")


def test_fewer_than_two_endings(tmp_path):
    text = edit("next: poor-ending", "next: good-ending")
    text = text.replace("next: poor-ending", "next: good-ending")
    text = text[:text.index("  poor-ending:")]
    problem = the_problem(problems_of(tmp_path, text), "the story has 1 ending ('good-ending'); it needs at least two")
    assert_at(problem, line_of(text, "nodes:"), "good-ending")


def test_a_loop(tmp_path):
    text = edit("""      - response: Impose a goal.
        next: poor-ending""", """      - response: Impose a goal.
        next: opening""")
    problem = the_problem(problems_of(tmp_path, text), "leads back to 'opening'")
    assert_at(problem, line_of(text, "next: opening"), "middle")
    assert "the story loops: opening -> middle -> opening" in problem.message


def test_a_meter_above_its_maximum_on_one_path(tmp_path):
    text = edit("start: opening\n", "meters:\n  start: {goal: 8}\n  why: Sam wants this.\nstart: opening\n")
    problems = problems_of(tmp_path, text)
    problem = the_problem(problems, "goal reaches 11 after opening -> middle -> good-ending")
    assert_at(problem, line_of(text, "effects: {goal: 2}"), "middle")
    assert "above its maximum 10" in problem.message
    assert len(problems) == 1


def test_a_meter_below_its_minimum(tmp_path):
    text = edit("start: opening\n", "meters:\n  start: {bond: 1}\nstart: opening\n")
    problem = the_problem(problems_of(tmp_path, text), "bond reaches -1 after opening -> poor-ending")
    assert_at(problem, line_of(text, "effects: {task: -1, bond: -2}"), "opening")
    assert "below its minimum 0" in problem.message


def test_a_meter_that_starts_out_of_range(tmp_path):
    text = edit("start: opening\n", "meters:\n  start: {task: 12}\nstart: opening\n")
    problem = the_problem(problems_of(tmp_path, text), "the task meter starts at 12, outside its range 0..10")
    assert problem.line == line_of(text, "start: {task: 12}")


def test_a_meter_range_the_wrong_way_round(tmp_path):
    text = edit("start: opening\n", "meters:\n  min: 10\n  max: 0\nstart: opening\n")
    problem = the_problem(problems_of(tmp_path, text), "max (0) must be greater than min (10)")
    assert problem.line == line_of(text, "max: 0")


def test_every_problem_is_reported_at_once(tmp_path):
    text = edit("next: good-ending", "next: nowhere")
    text += "  aside:\n    ending: mixed\n    narrative: Nobody comes here.\n    debrief: None.\n"
    problems = problems_of(tmp_path, text)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert_at(the_problem(problems, "'nowhere', which is not a node"), line_of(text, "next: nowhere"), "middle")
    unreachable = {p.subject: p for p in problems if "cannot be reached" in p.message}
    assert set(unreachable) == {"node 'aside'", "node 'good-ending'"}
    assert_at(unreachable["node 'aside'"], line_of(text, "  aside:"), "aside")


def test_a_schema_problem_in_one_node_does_not_hide_another_nodes_problem(tmp_path):
    text = edit("        feedback: Imposed.\n", "")
    text = edit("    debrief: Cold and imposed.\n", "", text)
    problems = problems_of(tmp_path, text)
    assert_at(the_problem(problems, "missing required key 'feedback'"), line_of(text, "- response: Impose"), "middle")
    assert_at(the_problem(problems, "an ending needs a 'debrief'"), line_of(text, "ending: poor"), "poor-ending")


def test_the_readme_example_is_a_valid_excerpt(tmp_path):
    """The example in quizzes/vignettes/README.md is an excerpt: only the nodes it leaves out are missing."""
    readme = (ROOT / "quizzes" / "vignettes" / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```\n", 1)[0]
    found = sorted((p.subject, p.message) for p in problems_of(tmp_path, example))
    assert found == [
        ("node 'good-ending'", "cannot be reached from the start node 'opening'"),
        ("node 'good-ending'", "the story has 1 ending ('good-ending'); it needs at least two"),
        ("node 'opening'", "choice 1 leads to 'softening', which is not a node"),
        ("node 'opening'", "choice 2 leads to 'guarded', which is not a node"),
        ("node 'opening'", "no path from this node reaches an ending"),
    ]


def test_meters_that_do_not_start_in_the_middle_need_a_why(tmp_path):
    text = edit("start: opening\n", "meters:\n  start: {goal: 3, task: 3, bond: 3}\nstart: opening\n")
    problems = problems_of(tmp_path, text)
    problem = the_problem(problems, "the meters do not all start in the middle of their range, and 'why' does not say why")
    assert problem.line == line_of(text, "start: {goal: 3")
    assert "meters: why:" in problem.hint and len(problems) == 1


def test_why_the_meters_start_where_they_do_is_text_not_structure(tmp_path):
    """`why` is shown under the meters; it is not in the runtime's graph, so rewording it keeps saved paths."""
    path = tmp_path / "story.yml"
    hashes = []
    for why in ("Sam came willingly.", "Sam came willingly, for once."):
        path.write_text(edit("start: opening\n", f"meters:\n  start: {{goal: 3}}\n  why: {why}\nstart: opening\n"),
                        encoding="utf-8")
        vignette = load_vignette(path)
        assert vignette.meters["why"] == why and "why" not in vignette.graph()["meters"]
        hashes.append(vignette.hash)
    assert hashes[0] == hashes[1]
