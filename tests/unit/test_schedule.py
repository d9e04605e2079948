"""The spaced-review schedule (pyodide_quiz/static/pq/schedule.js), run by Node as the browser runs it, and the
build's extraction of question sections for the review page (pyodide_quiz/sphinx/review.py)."""
from __future__ import annotations

from pyodide_quiz.sphinx.review import question_sections
from tests.conftest import ROOT
from tests.unit.node_module import run_module

SCHEDULE = ROOT / "pyodide_quiz" / "static" / "pq" / "schedule.js"


def run(body: str):
    return run_module(SCHEDULE, body, {"TZ": "Europe/Berlin"})


def test_boxes_move_up_on_right_answers_and_back_to_one_on_a_wrong_one():
    steps = run("""
        const answers = [["2026-03-01T09:00:00", "incorrect"], ["2026-03-02T09:00:00", "correct"],
                         ["2026-03-05T09:00:00", "correct"], ["2026-03-12T09:00:00", "correct"],
                         ["2026-04-02T09:00:00", "correct"], ["2026-06-01T09:00:00", "correct"],
                         ["2026-08-01T09:00:00", "partial"]];
        let record = null;
        return answers.map(([at, verdict]) => {
          record = s.schedule(record, {hash: "h", verdict, at: new Date(at).toISOString()});
          return [record.box, record.due];
        });""")
    assert steps == [[1, "2026-03-02"], [2, "2026-03-05"], [3, "2026-03-12"], [4, "2026-04-02"],
                     [5, "2026-06-01"], [5, "2026-07-31"], [1, "2026-08-02"]]


def test_a_new_question_right_goes_to_the_three_day_box_and_a_retry_the_same_day_moves_nothing():
    result = run("""
        const at = (t) => new Date(t).toISOString();
        const right = s.schedule(null, {hash: "h", verdict: "correct", at: at("2026-03-01T23:30:00")});
        const wrong = s.schedule(null, {hash: "h", verdict: "incorrect", at: at("2026-03-01T10:00:00")});
        const retried = s.schedule(wrong, {hash: "h", verdict: "correct", at: at("2026-03-01T10:01:00")});
        const twice = s.schedule(right, {hash: "h", verdict: "correct", at: at("2026-03-01T23:40:00")});
        return [[right.box, right.due], [wrong.box, wrong.due], [retried.box, retried.due], [twice.box, twice.due],
                s.addDays("2026-03-28", 3), s.addDays("2026-10-24", 2), s.addDays("2026-12-31", 1)];""")
    # Late at night is still that day: due on the calendar day, not 24 hours later; clock changes move no day.
    assert result == [[2, "2026-03-04"], [1, "2026-03-02"], [1, "2026-03-02"], [2, "2026-03-04"],
                      "2026-03-31", "2026-10-26", "2027-01-01"]


def test_an_edited_question_restarts_in_box_one_and_keeps_its_history():
    result = run("""
        let record = null;
        for (const at of ["2026-03-01", "2026-03-04", "2026-03-11"]) {
          record = s.schedule(record, {hash: "old", verdict: "correct", at: new Date(at + "T12:00:00").toISOString(),
                                       confidence: "sure"});
        }
        const before = s.standing(record, "old", "2026-03-12");
        const edited = s.standing(record, "new", "2026-03-12");
        const after = s.schedule(record, {hash: "new", verdict: "correct", at: new Date("2026-03-12T12:00:00").toISOString()});
        return {box: record.box, before, edited, after: [after.box, after.due, after.history.length]};""")
    assert result["box"] == 4
    assert result["before"] == {"box": 4, "due": "2026-04-01", "state": "right", "sureWrong": False}
    assert result["edited"] == {"box": 1, "due": "2026-03-12", "state": "changed", "sureWrong": False}
    assert result["after"] == [2, "2026-03-15", 4]


def test_the_queue_puts_sure_but_wrong_first_interleaves_chapters_and_skips_untried_ones():
    queue = run("""
        const at = new Date("2026-03-10T12:00:00").toISOString();
        const rec = (verdict, confidence, box = 1, due = "2026-03-11") =>
          ({hash: "h", verdict, at, box, due, confidence, history: [[at, verdict, confidence || ""]]});
        const quizzes = [
          {quiz: "one", questions: [{id: "a", hash: "h"}, {id: "b", hash: "h"}, {id: "c", hash: "h"}, {id: "d", hash: "h"}]},
          {quiz: "two", questions: [{id: "e", hash: "h"}, {id: "f", hash: "h"}]},
          {quiz: "never", questions: [{id: "g", hash: "h"}]},
        ];
        const records = {
          one: {a: rec("correct", "sure", 2, "2026-03-11"), b: rec("incorrect", "fairly-sure"), c: rec("correct", "", 3, "2026-03-20")},
          two: {e: rec("incorrect", "sure"), f: rec("correct", "guessing", 2, "2026-03-13")},
        };
        return s.reviewQueue(quizzes, records, "2026-03-11");""")
    assert [f"{d['quiz']}/{d['id']}:{d['state']}" for d in queue["due"]] == [
        "two/e:wrong",  # sure but wrong
        "one/b:wrong", "one/a:right", "one/d:new",  # then interleaved: one quiz has nothing else due
    ]
    assert queue["due"][0]["sureWrong"] is True
    assert queue["upcoming"] == [{"day": "2026-03-13", "count": 1}, {"day": "2026-03-20", "count": 1}]
    assert queue["attempted"] == 2
    mixed = run("""return s.interleave([["a1", "a2", "a3"], ["b1"], ["c1", "c2"]]);""")
    assert mixed == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_calibration_counts_every_rated_answer_by_level():
    rows = run("""
        const h = (...entries) => ({history: entries});
        return s.calibration([h(["t", "correct", "sure"], ["t", "incorrect", "sure"], ["t", "correct", ""]),
                              h(["t", "partial", "guessing"], ["t", "correct", "sure"], ["t", "x", "unknown"])]);""")
    assert rows == [{"level": "guessing", "answers": 1, "right": 0}, {"level": "fairly-sure", "answers": 0, "right": 0},
                    {"level": "sure", "answers": 3, "right": 2}]


def test_question_sections_are_cut_out_whole_in_page_order():
    body = ('<div class="pq-quiz"><section class="pq-question" data-question-id="one" id="x-one"><p>A</p>'
            '<section class="inner"><p>nested</p></section><p>B</p></section>'
            '<section class="other"><p>not a question</p></section>'
            '<section class="pq-question extra" data-hash="h" data-question-id="two"><p>C</p></section></div>')
    found = question_sections(body)
    assert [question_id for question_id, _ in found] == ["one", "two"]
    assert found[0][1].endswith('<p>nested</p></section><p>B</p></section>')
    assert found[1][1] == '<section class="pq-question extra" data-hash="h" data-question-id="two"><p>C</p></section>'
