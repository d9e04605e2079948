"""The transcript grader: matching within one turn of the same speaker, counts, agreement on kind, Cohen's kappa,
and tolerance of damaged answers. Also: on every course transcript, marking everything or nothing earns no
agreement beyond chance, so the score cannot be gamed that way."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pyodide_quiz.graders.transcript import compare, kappa, match
from pyodide_quiz.model.transcript import KINDS, STRATEGIES, load_transcript

ROOT = Path(__file__).resolve().parents[2]
COURSE = sorted((ROOT / "quizzes" / "transcripts").glob("*.yml"))

# Twenty turns, therapist on odd turns and client on even ones; markers on client turns 4, 10, 12 and 18 (turns
# 10 and 12 are neighbouring client turns), repairs on therapist turns 5 and 13.
SPEC = {
    "units": list(range(2, 21, 2)),
    "markers": [{"turn": 4, "kind": "minimal-response"}, {"turn": 10, "kind": "deferring"},
                {"turn": 12, "kind": "complaint-therapist"}, {"turn": 18, "kind": "complaint-progress"}],
    "repair_units": list(range(1, 21, 2)),
    "repairs": [{"turn": 5, "strategy": "direct"}, {"turn": 13, "strategy": "metacommunication"}],
    "families": {kind: code.family for kind, code in KINDS.items()},
    "strategies": list(STRATEGIES),
}


def marks(*pairs) -> dict:
    return {"markers": [{"turn": turn, "kind": kind} for turn, kind in pairs], "repairs": []}


def test_every_marker_found_with_its_kind_is_perfect_agreement():
    result = compare(SPEC, {"markers": SPEC["markers"], "repairs": SPEC["repairs"]})
    assert (result["hits"], result["misses"], result["false_alarms"]) == (4, 0, 0)
    assert result["kinds_agree"] == result["families_agree"] == 4
    assert result["kappa"] == 1.0
    assert result["repairs"]["hits"] == 2 and result["repairs"]["strategies_agree"] == 2


def test_no_marks_and_every_client_turn_marked_both_score_zero():
    none = compare(SPEC, marks())
    assert (none["hits"], none["misses"], none["false_alarms"], none["kappa"]) == (0, 4, 0, 0.0)
    everything = compare(SPEC, marks(*[(turn, None) for turn in SPEC["units"]]))
    assert (everything["hits"], everything["misses"], everything["false_alarms"]) == (4, 0, 6)
    assert everything["kappa"] == 0.0


def test_a_mark_on_the_neighbouring_client_turn_is_matched():
    result = compare(SPEC, marks((6, "minimal-response"), (16, "complaint-progress")))
    by_turn = {entry["turn"]: entry for entry in result["key"]}
    assert by_turn[4]["matched"] == 6 and by_turn[4]["offset"] == 1 and by_turn[4]["kind_agrees"]
    assert by_turn[18]["matched"] == 16 and by_turn[18]["offset"] == -1
    assert (result["hits"], result["misses"], result["false_alarms"]) == (2, 2, 0)


def test_every_marker_one_client_turn_off_still_scores_kappa_one():
    spec = {**SPEC, "markers": [{"turn": 4, "kind": "denial"}, {"turn": 14, "kind": "denial"}]}
    result = compare(spec, marks((6, "denial"), (12, "denial")))
    assert (result["hits"], result["false_alarms"], result["kappa"]) == (2, 0, 1.0)


def test_two_client_turns_away_is_a_miss_and_a_false_alarm():
    spec = {**SPEC, "markers": [{"turn": 4, "kind": "minimal-response"}]}
    result = compare(spec, marks((8, "minimal-response")))  # two client turns after the marker on turn 4
    assert result["key"][0]["matched"] is None
    assert (result["hits"], result["misses"], result["false_alarms"]) == (0, 1, 1)
    assert result["extra"] == [{"turn": 8, "kind": "minimal-response"}]


def test_a_neighbour_matches_only_with_the_same_kind_but_the_same_turn_with_any():
    spec = {**SPEC, "markers": [{"turn": 4, "kind": "minimal-response"}]}
    other_kind = compare(spec, marks((6, "deferring")))
    assert (other_kind["hits"], other_kind["false_alarms"]) == (0, 1)
    no_kind = compare(spec, marks((6, None)))
    assert (no_kind["hits"], no_kind["false_alarms"]) == (0, 1)
    same_turn = compare(spec, marks((4, "denial")))
    assert same_turn["hits"] == 1 and same_turn["key"][0]["family_agrees"] and not same_turn["key"][0]["kind_agrees"]


def test_same_turn_pairs_come_before_neighbours():
    # Turn 12 is marked: it belongs to the marker on 12, not to its neighbour on 10, which is then missed.
    result = compare(SPEC, marks((12, "complaint-therapist")))
    by_turn = {entry["turn"]: entry for entry in result["key"]}
    assert by_turn[12]["matched"] == 12 and by_turn[10]["matched"] is None


def test_an_unmatched_marker_takes_the_earlier_neighbour_first():
    pairs, extra = match([{"turn": 4, "kind": "denial"}],
                         [{"turn": 2, "kind": "denial"}, {"turn": 6, "kind": "denial"}], SPEC["units"], "kind")
    assert pairs[0][1] == {"turn": 2, "kind": "denial"}
    assert extra == [{"turn": 6, "kind": "denial"}]


def test_kind_and_family_agreement():
    result = compare(SPEC, marks((4, "denial"), (10, "deferring"), (12, "denial"), (18, None)))
    assert [e["kind_agrees"] for e in result["key"]] == [False, True, False, False]
    assert [e["family_agrees"] for e in result["key"]] == [True, True, False, False]
    assert (result["kinds_agree"], result["families_agree"]) == (1, 2)


def test_repairs_are_matched_over_the_therapists_turns():
    result = compare(SPEC, {"markers": [], "repairs": [{"turn": 3, "strategy": "direct"},
                                                       {"turn": 13, "strategy": "indirect"},
                                                       {"turn": 15, "strategy": "indirect"},
                                                       {"turn": 19, "strategy": None}]})
    repairs = result["repairs"]
    assert [e["matched"] for e in repairs["key"]] == [3, 13]  # turn 3: the turn before 5, with its strategy
    assert (repairs["hits"], repairs["misses"], repairs["strategies_agree"]) == (2, 0, 1)
    assert repairs["extra"] == [{"turn": 15, "strategy": "indirect"}, {"turn": 19, "strategy": None}]
    assert result["kappa"] == 0.0  # repairs never enter kappa, which is about markers


def test_kappa_matches_the_textbook_formula():
    # 10 turns: 3 marked by both, 1 by the student only, 1 by the coders only, 5 by neither.
    observed = 8 / 10
    chance = (4 / 10) * (4 / 10) + (6 / 10) * (6 / 10)
    assert kappa(10, 3, 1, 1) == pytest.approx((observed - chance) / (1 - chance))
    assert kappa(10, 0, 0, 0) is None  # nobody marks anything: agreement is certain, kappa undefined
    assert kappa(10, 0, 5, 5) == pytest.approx(-1.0)  # each marks exactly what the other leaves


@pytest.mark.parametrize("answer", [None, [], "marks", {"markers": "all"}, {"markers": [None, 4, [4]]},
                                    {"markers": [{"turn": True, "kind": "denial"}, {"turn": 3, "kind": "denial"},
                                                 {"turn": 99, "kind": "denial"}, {"turn": 4.0, "kind": "denial"}]}])
def test_damaged_answers_count_as_no_marks(answer):
    result = compare(SPEC, answer)
    assert (result["marked"], result["hits"], result["false_alarms"]) == (0, 0, 0)


def test_a_repeated_turn_counts_once_and_an_unknown_kind_as_not_chosen():
    result = compare(SPEC, marks((4, "sulking"), (4, "denial")))
    assert result["marked"] == 1
    assert result["key"][0]["student_kind"] is None and not result["key"][0]["family_agrees"]


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_marking_everything_or_nothing_cannot_game_a_course_transcript(path):
    transcript = load_transcript(path)
    spec = transcript.grading_spec()
    every_turn = {"markers": [{"turn": t, "kind": "denial"} for t in range(1, len(transcript.turns) + 1)],
                  "repairs": [{"turn": t, "strategy": "direct"} for t in range(1, len(transcript.turns) + 1)]}
    assert compare(spec, every_turn)["kappa"] == 0.0
    assert compare(spec, {"markers": [], "repairs": []})["kappa"] == 0.0
    # Random marking at the coders' own rate, with random kinds, agrees only by chance: on average kappa stays
    # near 0 (the neighbour rule is what keeps it there: matching neighbours of any kind gave 0.1 to 0.3).
    rng = random.Random(path.stem)
    rate = len(spec["markers"]) / len(spec["units"])
    kinds = sorted(KINDS)
    scores = [compare(spec, marks(*[(t, rng.choice(kinds)) for t in spec["units"] if rng.random() < rate]))["kappa"]
              for _ in range(1000)]
    assert abs(sum(scores) / len(scores)) < 0.06
    # Nor does any regular pattern: every second, third or fourth client turn, all with one kind.
    periodic = {(step, start, kind): compare(spec, marks(*[(t, kind) for t in spec["units"][start::step]]))["kappa"]
                for step in (2, 3, 4) for start in range(step) for kind in [*kinds, None]}
    best = max(periodic, key=periodic.get)
    assert periodic[best] < 0.4, f"marking every {best[0]} client turns from the {best[1] + 1}. as {best[2]}: " \
                                 f"kappa {periodic[best]:.2f}"


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_the_sample_answers_of_a_course_transcript(path):
    transcript = load_transcript(path)
    samples = transcript.sample_answers()
    assert [name for name, _, _ in samples] == ["all hits", "none", "everything", "off by one"]
    for name, answer, expected in samples:
        result = compare(transcript.grading_spec(), answer)
        assert {key: result[key] for key in expected} == expected, name
    # The off-by-one sample really moves markers (those with a free neighbour; in a run of markers none is free).
    shifted = {name: answer for name, answer, _ in samples}["off by one"]["markers"]
    moved = sum(mark["turn"] != marker.turn for mark, marker in zip(shifted, transcript.markers))
    assert moved >= 2
