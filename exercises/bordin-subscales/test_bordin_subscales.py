"""Tests for the bordin-subscales exercise (Practice Alliance Questionnaire, invented).

Item key: Goal = items 1, 4, 7; Task = 2, 5, 8; Bond = 3, 6, 9; reversed items 2, 6, 7.
All answers are invented.
"""

import math

from student import reverse_key, score_paq


def _raised(call):
    """Run call() and return the exception it raised, or None if it raised nothing."""
    try:
        call()
    except Exception as error:  # the tests check the type themselves
        return error
    return None


def _describe(error):
    if error is None:
        return "it raised nothing"
    return f"it raised {type(error).__name__}: {error}"


def _close(a, b):
    return a is not None and b is not None and math.isclose(a, b, abs_tol=1e-9)


def test_reverse_key_flips_the_scale():
    pairs = {1: 7, 2: 6, 3: 5, 4: 4, 5: 3, 6: 2, 7: 1}
    for answer, expected in pairs.items():
        result = reverse_key(answer)
        assert result == expected, f"reverse_key({answer}) should be 8 - {answer} = {expected}, got {result!r}"


def test_reverse_key_rejects_values_off_the_scale():
    for bad in (0, 8, 3.5):
        error = _raised(lambda: reverse_key(bad))
        assert isinstance(error, ValueError), (
            f"reverse_key({bad!r}) should raise ValueError (answers are whole numbers 1 to 7), but {_describe(error)}"
        )


def test_result_has_the_four_keys():
    result = score_paq([4] * 9)
    assert isinstance(result, dict), f"score_paq should return a dict, got {result!r}"
    assert set(result) == {"goal", "task", "bond", "total"}, (
        f"The dict should have exactly the keys 'goal', 'task', 'bond', 'total'; got {sorted(result)}"
    )


def test_middle_answers_stay_in_the_middle():
    result = score_paq([4] * 9)
    for key in ("goal", "task", "bond", "total"):
        assert _close(result[key], 4.0), f"All answers 4 (4 reversed is still 4): {key} should be 4.0, got {result[key]!r}"


def test_all_sevens_is_not_a_perfect_score():
    result = score_paq([7] * 9)
    for key in ("goal", "task", "bond"):
        assert _close(result[key], 5.0), (
            f"All answers 7: {key} should be (7 + 7 + 1) / 3 = 5.0, because one item per subscale is "
            f"reversed (8 - 7 = 1); got {result[key]!r}"
        )
    assert _close(result["total"], 5.0), f"All answers 7: total should be 5.0, got {result['total']!r}"


def test_complete_form():
    result = score_paq([6, 2, 7, 5, 6, 1, 3, 6, 7])
    expected = {"goal": 16 / 3, "task": 6.0, "bond": 7.0, "total": (16 / 3 + 6 + 7) / 3}
    for key, value in expected.items():
        assert _close(result[key], value), (
            f"For [6, 2, 7, 5, 6, 1, 3, 6, 7], {key} should be {value:.4f}, got {result[key]!r}. "
            "Goal = items 1, 4, 7 (7 reversed); Task = 2 (reversed), 5, 8; Bond = 3, 6 (reversed), 9."
        )


def test_one_missing_item_per_subscale_is_still_scored():
    result = score_paq([None, 2, 7, 5, None, 1, 3, 6, None])
    expected = {"goal": 5.0, "task": 6.0, "bond": 7.0, "total": 6.0}
    for key, value in expected.items():
        assert _close(result[key], value), (
            f"With items 1, 5 and 9 skipped, {key} should be {value} (mean of the two answered items), "
            f"got {result[key]!r}"
        )


def test_two_missing_items_leave_the_subscale_unscored():
    result = score_paq([None, 2, 7, None, 6, 1, 3, 6, 7])
    assert result["goal"] is None, (
        f"Items 1 and 4 are both skipped, so Goal has more than one missing item and should be None; got {result['goal']!r}"
    )
    assert _close(result["task"], 6.0) and _close(result["bond"], 7.0), (
        f"Task and Bond are complete and should still be scored (6.0 and 7.0); got {result['task']!r} and {result['bond']!r}"
    )
    assert result["total"] is None, f"With Goal unscored the total should be None, got {result['total']!r}"


def test_all_missing_gives_no_scores():
    result = score_paq([None] * 9)
    for key in ("goal", "task", "bond", "total"):
        assert result[key] is None, f"With every item skipped, {key} should be None, got {result[key]!r}"


def test_total_is_the_mean_of_subscale_means():
    result = score_paq([None, 2, 7, 5, 6, 1, 3, 6, 7])
    assert _close(result["total"], 6.0), (
        f"Goal 5.0, Task 6.0, Bond 7.0: the total is their mean, 6.0, not the mean of the 8 answered "
        f"items (6.125); got {result['total']!r}"
    )


def test_invalid_forms_raise_value_error():
    bad_forms = [
        [4] * 8,
        [4] * 10,
        [4, 4, 4, 0, 4, 4, 4, 4, 4],
        [4, 4, 4, 4, 8, 4, 4, 4, 4],
        [4, 4, 4, 4, 4, 3.5, 4, 4, 4],
        [4, 4, 4, 4, 4, 4, "4", 4, 4],
    ]
    for form in bad_forms:
        error = _raised(lambda: score_paq(form))
        assert isinstance(error, ValueError), (
            f"score_paq({form!r}) should raise ValueError (9 answers, each None or a whole number 1 to 7), "
            f"but {_describe(error)}"
        )
        assert str(error), "Give the ValueError a message that says what is wrong."


def test_the_form_is_not_changed():
    form = [6, 2, 7, 5, None, 1, 3, 6, 7]
    copy = list(form)
    score_paq(form)
    assert form == copy, f"score_paq should not change the list it is given: it was {copy}, now {form}"
