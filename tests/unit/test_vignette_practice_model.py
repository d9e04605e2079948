"""Write your own reply (`practice:` on a vignette node): what loads, and every author mistake reported with the
file, the line and the node; the course's vignettes each have at least two practices; the instructor key shows
the rubrics and exemplars."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_site.teaching import vignette_key
from pyodide_quiz.model.vignette import load_vignette
from tests.unit.test_vignette_model import BASE, assert_at, edit, line_of, problems_of, the_problem

ROOT = Path(__file__).resolve().parents[2]

PRACTICE = """\
    practice:
      prompt: What would you say to Sam now?
      exemplars:
        - reply: You'd rather not be here, and that makes sense.
          why: Names the feeling.
        - reply: What would make today worth it for you?
          why: Invites Sam to choose.
      rubric:
        - names the client's feeling
        - invites the client to choose the next step
        - owns the therapist's part
"""
# On the 'opening' decision, just before its choices.
STORY = edit("    client_says: Hello.\n", "    client_says: Hello.\n" + PRACTICE)


def with_practice(old: str, new: str) -> str:
    return edit(old, new, STORY)


def load(tmp_path: Path, text: str):
    path = tmp_path / "story.yml"
    path.write_text(text, encoding="utf-8")
    return load_vignette(path)


def test_a_practice_loads_and_leaves_the_story_hash_alone(tmp_path):
    vignette = load(tmp_path, STORY)
    assert [node.id for node in vignette.practice_nodes()] == ["opening"]
    practice = vignette.nodes["opening"].practice
    assert practice["prompt"] == "What would you say to Sam now?" and len(practice["rubric"]) == 3
    # Adding a practice must not start students afresh on the story (the hash is the story's structure).
    assert vignette.hash == load(tmp_path, BASE).hash


def test_the_practice_hash_follows_the_prompt_and_rubric_not_the_exemplars(tmp_path):
    original = load(tmp_path, STORY).nodes["opening"].practice_hash
    assert load(tmp_path, with_practice("Names the feeling.", "Names it.")).nodes["opening"].practice_hash == original
    changed = with_practice("owns the therapist's part", "owns your part")
    assert load(tmp_path, changed).nodes["opening"].practice_hash != original


def test_a_practice_on_an_ending_names_the_file_line_and_node(tmp_path):
    text = edit("    debrief: Warmth and shared goals.\n", "    debrief: Warmth and shared goals.\n" + PRACTICE, STORY)
    problem = the_problem(problems_of(tmp_path, text), "an ending has no 'practice'")
    assert_at(problem, line_of(text, "    practice:", 2), "good-ending")
    assert "move 'practice' to the decision that leads here" in str(problem)


@pytest.mark.parametrize("old, new, words", [
    ("        - reply: What would make today worth it for you?\n          why: Invites Sam to choose.\n", "",
     "'exemplars' needs at least 2 item(s)"),
    ("      rubric:\n", "        - reply: Three.\n          why: c.\n        - reply: Four.\n          why: d.\n"
                        "      rubric:\n", "'exemplars' may have at most 3 item(s)"),
    ("        - owns the therapist's part\n", "", "'rubric' needs at least 3 item(s)"),
    ("        - owns the therapist's part\n", "        - owns the therapist's part\n" + "".join(
        f"        - marker {n}\n" for n in range(4)), "'rubric' may have at most 6 item(s)"),
])
def test_counts_are_checked_at_the_list(tmp_path, old, new, words):
    text = with_practice(old, new)
    key = "exemplars:" if "exemplars" in words else "rubric:"
    problem = the_problem(problems_of(tmp_path, text), words)
    # The line of the list's first item (where the list's value starts), in the node.
    assert_at(problem, line_of(text, f"      {key}") + 1, "opening")


def test_a_repeated_marker_or_exemplar_names_its_line(tmp_path):
    text = with_practice("        - owns the therapist's part\n", "        - Names the  client's feeling\n")
    problem = the_problem(problems_of(tmp_path, text), "practice marker 3 repeats marker 1")
    assert_at(problem, line_of(text, "Names the  client's feeling"), "opening")
    text = with_practice("What would make today worth it for you?", "you'd rather not be here, and that makes sense.")
    problem = the_problem(problems_of(tmp_path, text), "practice exemplar 2 repeats exemplar 1")
    assert_at(problem, line_of(text, "- reply: you'd rather"), "opening")


def test_a_misspelt_or_missing_key_is_named(tmp_path):
    text = with_practice("      rubric:", "      rubrics:")
    problem = the_problem(problems_of(tmp_path, text), "unknown key 'rubrics'")
    assert "did you mean 'rubric'?" in str(problem) and "node 'opening'" in str(problem)
    text = with_practice("          why: Names the feeling.\n", "")
    assert_at(the_problem(problems_of(tmp_path, text), "missing required key 'why'"),
              line_of(text, "- reply: You'd rather"), "opening")


@pytest.mark.parametrize("path", sorted((ROOT / "quizzes" / "vignettes").glob("*.yml")), ids=lambda p: p.stem)
def test_every_course_vignette_has_two_practices_and_its_key_shows_them(path):
    vignette = load_vignette(path)
    practices = vignette.practice_nodes()
    assert len(practices) >= 2, f"{path.name}: every vignette gets at least two practice nodes"
    key = vignette_key(ROOT, f"quizzes/vignettes/{path.name}", "A chapter")
    assert "Write your own reply: rubrics and exemplars" in key
    for node in practices:
        name = vignette.data["client"]["name"]
        assert name in node.practice["prompt"], f"{node.id}: the prompt names {name}"
        assert node.practice["prompt"] in key
        assert all(f"- {marker}" in key for marker in node.practice["rubric"])
        for exemplar in node.practice["exemplars"]:
            assert len(exemplar["reply"].split()) <= 45, f"{node.id}: an exemplar is brief (1-3 sentences)"
            assert " ".join(exemplar["reply"].split()) in key


def test_an_exemplar_that_repeats_a_choice_is_named(tmp_path):
    """The exemplars are read just before the choices: one in a choice's words hands the student that choice."""
    load(tmp_path, STORY)  # the sample itself is fine
    text = with_practice("      - response: Warm reply.", "      - response: What would make today worth it for you, Sam?")
    problem = the_problem(problems_of(tmp_path, text), "practice exemplar 2 repeats the wording of choice 1")
    assert_at(problem, line_of(text, "- reply: What would make today"), "opening")
    assert "say it in other words" in str(problem)
