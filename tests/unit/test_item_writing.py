"""The item-writing check: each rule reported with file, line and question; a clean bank passes; an `allow:`
with a reason is honoured and counted."""
from __future__ import annotations

import json

import pytest

from pyodide_quiz.checks import item_writing
from pyodide_quiz.model import load_quiz


def option(text: str, correct: bool) -> str:
    return f"      - text: {json.dumps(text)}\n        correct: {str(correct).lower()}\n        feedback: Because.\n"


def single(qid: str, prompt: str, right: str, wrongs: list[str], level: str = "apply", extra: str = "") -> str:
    body = option(right, True) + "".join(option(w, False) for w in wrongs)
    return (f"  - id: {qid}\n    type: single\n    level: {level}\n    prompt: {json.dumps(prompt)}\n{extra}"
            f"    explanation: Why.\n    options:\n{body}")


CLEAN = [
    single("reply-to-silence", "A client falls silent after a question about her mother. What fits best?",
           "Say what you notice and ask", ["Move on to the next topic", "Repeat the same question now"]),
    single("rating-drop", "Session ratings fall from 38 to 31 over three weeks. What does that suggest?",
           "A strain worth asking about", ["Progress, since change is hard", "Nothing: ratings always vary"]),
    single("study-claim", "A study finds r = .28 between alliance and outcome. What may you conclude?",
           "They rise and fall together", ["The alliance explains 28 % of it", "Therapy works for 28 % of people"],
           level="analyse"),
]


def write(tmp_path, name: str, questions: list[str], header: str = ""):
    path = tmp_path / f"{name}.yml"
    path.write_text(f"title: {name}\n{header}questions:\n" + "".join(questions), encoding="utf-8")
    return load_quiz(path, f"quizzes/{name}.yml")


def rules(problems) -> list[str]:
    return [p.message.rsplit("[", 1)[-1].rstrip("]") for p in problems]


def test_a_clean_bank_passes(tmp_path):
    assert item_writing.check([write(tmp_path, "clean", CLEAN)]) == []


def test_a_right_option_much_longer_than_the_others_is_named_at_its_line(tmp_path):
    long = single("long-right", "Which response repairs the rupture best in this case?",
                  "Acknowledge your part in the misunderstanding and invite the client to say more about it",
                  ["Explain the method again", "Change the subject"])
    quiz = write(tmp_path, "long", CLEAN + [long])
    problems = [p for p in item_writing.check([quiz]) if "[right-longest]" in p.message]
    assert len(problems) == 1
    text = (tmp_path / "long.yml").read_text().splitlines()
    assert "Acknowledge your part" in text[problems[0].line - 1]
    assert problems[0].file == "quizzes/long.yml" and problems[0].subject == "question 'long-right'"


def test_a_bank_whose_longest_option_is_usually_right_names_those_questions(tmp_path):
    # Right options a little longer (under 1.5x) in 2 of 3 questions: more than a third of the bank.
    questions = [
        single("one-item", "A client says the homework is pointless. What do you do first?",
               "Ask what makes it feel pointless", ["Assign it again for next week", "Explain why it matters"]),
        single("two-item", "A client arrives late twice in a row. What do you say first?",
               "Wonder aloud what the lateness means", ["Point out the rule on lateness", "Say nothing and start"]),
        CLEAN[0],
    ]
    problems = item_writing.check([write(tmp_path, "bank", questions)])
    assert sorted(p.subject for p in problems if "[right-longest-bank]" in p.message) == [
        "question 'one-item'", "question 'two-item'"]
    assert "2 of 3 choice questions" in problems[0].message


@pytest.mark.parametrize("text", ["All of the above", "None of these", "both of the above"])
def test_all_or_none_of_the_above_is_reported(tmp_path, text):
    question = single("above", "Which of these is a withdrawal marker in session?", "A minimal answer",
                      ["A complaint about you", text])
    problems = item_writing.check([write(tmp_path, "above", CLEAN + [question])])
    assert rules(problems) == ["above-option"]


def test_an_option_inside_another_is_reported(tmp_path):
    question = single("inside", "What does the client's silence most likely show here?", "Withdrawal",
                      ["Withdrawal, or anger", "Boredom with therapy"])
    problems = item_writing.check([write(tmp_path, "inside", CLEAN + [question])])
    assert rules(problems) == ["option-inside-option"]
    assert "'withdrawal'" in problems[0].message


def test_cue_words_in_wrong_options_are_each_named(tmp_path):
    questions = [
        single("c1", "A client doubts the plan after one session. What now?", "Ask about the doubt",
               ["Always stick to the plan", "Never change course"]),
        single("c2", "Ratings dip in session four. What does that mean?", "A strain to explore",
               ["It proves the therapy failed", "A reason to stop rating"]),
        single("c3", "A study finds r = .30 for empathy and outcome. What follows?", "A modest association",
               ["Empathy causes recovery", "A large share of change"]),
    ]
    problems = item_writing.check([write(tmp_path, "cues", questions)])
    cued = [p for p in problems if "[cue-words]" in p.message]
    assert len(cued) == 4  # always, never, proves, causes
    assert {p.subject for p in cued} == {"question 'c1'", "question 'c2'", "question 'c3'"}
    assert "4 of 6 wrong options" in cued[0].message


def test_a_text_prompt_that_gives_its_answer_is_reported(tmp_path):
    question = ("  - id: genuine\n    type: text\n    level: understand\n"
                "    prompt: Rogers named genuineness as a condition. Which condition is about being genuine?\n"
                "    explanation: Why.\n    accept: [genuineness, congruence]\n")
    problems = item_writing.check([write(tmp_path, "text", CLEAN + [question])])
    assert rules(problems) == ["answer-in-prompt"]
    lines = (tmp_path / "text.yml").read_text(encoding="utf-8").splitlines()
    assert lines[problems[0].line - 1].strip().startswith("prompt: Rogers named genuineness")


def test_near_duplicate_prompts_across_banks_name_both_places(tmp_path):
    first = write(tmp_path, "first", CLEAN)
    copy = single("again", "A client falls silent after a question about her father. What fits best?",
                  "Name the silence gently", ["Ask another question", "Wait for the hour to end"])
    second = write(tmp_path, "second", [copy])
    problems = [p for p in item_writing.check([first, second]) if "[near-duplicate]" in p.message]
    assert len(problems) == 1
    assert problems[0].file == "quizzes/second.yml" and "quizzes/first.yml:3" in problems[0].message
    assert "'reply-to-silence'" in problems[0].message


def test_every_question_needs_a_level_and_a_bank_needs_half_application(tmp_path):
    questions = [single("r1", "Which three parts did Bordin name for the alliance?", "Goals, tasks, bond",
                        ["Empathy, regard, congruence", "Trust, warmth, respect"], level="remember"),
                 single("r2", "Who proposed the real relationship as a component?", "Gelso and Carter",
                        ["Rogers and Truax", "Safran and Muran"], level="remember"),
                 CLEAN[0]]
    no_level = questions[0].replace("    level: remember\n", "")
    problems = item_writing.check([write(tmp_path, "levels", [no_level] + questions[1:])])
    assert rules(problems) == ["level-mix", "level"]
    assert "1 of 3 questions are at apply or analyse" in problems[0].message


def test_an_allowed_exception_is_honoured_counted_and_needs_a_reason(tmp_path):
    question = single("scale", "Which option is the most typical SRS total for a good session?", "None of the above",
                      ["A total of 22", "A total of 30"], extra="    allow: [above-option]\n    reason: The scale item needs it.\n")
    quiz = write(tmp_path, "allowed", CLEAN + [question])
    assert item_writing.check([quiz]) == []
    assert item_writing.exceptions([quiz]) == 1
    without_reason = question.replace("    reason: The scale item needs it.\n", "")
    quiz = write(tmp_path, "unreasoned", CLEAN + [without_reason])
    assert rules(item_writing.check([quiz])) == ["allow"]


def test_a_bank_may_allow_the_level_mix_with_a_reason(tmp_path):
    recall = [q.replace("level: apply", "level: remember").replace("level: analyse", "level: remember") for q in CLEAN]
    quiz = write(tmp_path, "welcome", recall, header="allow: [level-mix]\nreason: An orientation quiz.\n")
    assert item_writing.check([quiz]) == []
    assert item_writing.exceptions([quiz]) == 1
