"""Tests for the rupture-detection exercise. All scores are invented.

sessions.csv: 16 sessions, mean 4.94, population SD 0.83.
"""

from student import chart, count_by_threshold, find_ruptures, load_scores


def test_load_scores_reads_the_file():
    scores = load_scores()
    assert isinstance(scores, list) and len(scores) == 16, (
        f"load_scores() should return the 16 session scores from sessions.csv as a list, got {scores!r}"
    )
    assert scores[0] == 4.9 and scores[7] == 2.8, (
        f"Session 1 should score 4.9 and session 8 should score 2.8; got {scores[0]!r} and {scores[7]!r}"
    )


def test_ruptures_with_one_sd():
    result = find_ruptures(load_scores(), 1)
    assert result == [4, 8, 15], (
        f"With k = 1 the ruptures in sessions.csv are sessions [4, 8, 15], got {result!r}. "
        "Threshold = mean - 1 * pstdev = 4.11; a low session needs a score >= the mean (4.94) within the next 2 sessions."
    )


def test_ruptures_with_two_sd():
    result = find_ruptures(load_scores(), 2)
    assert result == [8], (
        f"With k = 2 only session 8 (score 2.8) is deep enough: threshold = mean - 2 * pstdev = 3.29. Got {result!r}"
    )


def test_session_numbers_are_one_based_ints():
    result = find_ruptures([5, 5, 5, 2, 5, 5, 5, 5], 1)
    assert result == [4], (
        f"In [5, 5, 5, 2, 5, 5, 5, 5] the dip is the 4th session, so the answer is [4] (sessions count from 1), got {result!r}"
    )
    assert all(type(n) is int for n in result), f"Session numbers should be int, got {result!r}"


def test_repair_may_come_in_the_second_session_after_the_dip():
    result = find_ruptures([5, 5, 5, 2, 4, 5, 5, 5], 1)
    assert result == [4], (
        "In [5, 5, 5, 2, 4, 5, 5, 5] the mean is 4.5: session 5 (4) is still below it, but session 6 (5) "
        f"is within the 2-session window, so session 4 counts. Expected [4], got {result!r}"
    )


def test_no_repair_within_the_window_is_not_counted():
    result = find_ruptures([5, 5, 5, 5, 2, 4, 4, 5, 5, 5], 1)
    assert result == [], (
        "In [5, 5, 5, 5, 2, 4, 4, 5, 5, 5] the mean is 4.5 and sessions 6 and 7 (both 4) stay below it: "
        f"the return in session 8 comes too late. Expected [], got {result!r}"
    )


def test_a_two_session_dip_counts_once():
    result = find_ruptures([5, 5, 5, 5, 2, 2, 5, 5, 5, 5], 1)
    assert result == [5], (
        "In [5, 5, 5, 5, 2, 2, 5, 5, 5, 5] sessions 5 and 6 are one dip: count it once, at session 5 "
        f"(session 6 follows a session that was already below the threshold). Expected [5], got {result!r}"
    )


def test_session_one_is_never_a_rupture():
    result = find_ruptures([2, 5, 5, 5, 5, 5, 5, 5], 1)
    assert result == [], (
        f"In [2, 5, 5, 5, 5, 5, 5, 5] only session 1 is low, but session 1 has no earlier session to drop from. Expected [], got {result!r}"
    )


def test_population_sd_is_used():
    scores = [6, 6, 2.1, 6, 6, 3.8, 6, 6]
    result = find_ruptures(scores, 1)
    assert result == [3, 6], (
        f"For {scores} with k = 1 the answer is [3, 6], got {result!r}. Session 6 (3.8) is below "
        "mean - pstdev = 3.85 but not below mean - stdev = 3.75: use the population SD, statistics.pstdev."
    )


def test_flat_or_empty_series_has_no_ruptures():
    flat = find_ruptures([5.0] * 10, 1)
    assert flat == [], f"When every score is the same the SD is 0 and there are no ruptures; got {flat!r}"
    empty = find_ruptures([], 1)
    assert empty == [], f"An empty list has no ruptures; got {empty!r}"


def test_count_by_threshold():
    result = count_by_threshold(load_scores())
    assert result == {1: 3, 2: 1}, (
        f"count_by_threshold(load_scores()) should be {{1: 3, 2: 1}} (3 ruptures with k = 1, 1 with k = 2), got {result!r}"
    )


def test_chart_marks_the_ruptures():
    picture = chart()
    assert isinstance(picture, dict) and picture.get("series"), f"chart() should return a dict with 'series', got {picture!r}"
    points = picture["series"][0]["points"]
    assert len(points) == 16 and list(points[0]) == [1, 4.9], (
        f"The first series should hold the 16 sessions as [session, score] points, starting [1, 4.9]; got {points[:2]!r}..."
    )
    marked = [mark["x"] for mark in picture.get("marks", [])]
    assert marked == [4, 8, 15], f"chart() should mark the k = 1 ruptures at sessions [4, 8, 15], got {marked!r}"
