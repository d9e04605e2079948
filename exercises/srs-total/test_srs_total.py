"""Tests for the srs-total exercise. The marks are invented."""

import math

from student import possible_concern, srs_total


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


def test_total_of_whole_numbers():
    result = srs_total([9, 8, 10, 7])
    assert result == 34, f"srs_total([9, 8, 10, 7]) should be 34 (9 + 8 + 10 + 7), got {result!r}"


def test_total_of_decimal_marks():
    result = srs_total([9.1, 8.7, 9.3, 8.9])
    assert isinstance(result, (int, float)) and math.isclose(result, 36.0), (
        f"srs_total([9.1, 8.7, 9.3, 8.9]) should be 36.0, got {result!r}"
    )


def test_total_is_rounded_to_one_decimal():
    result = srs_total([8.6, 9.7, 9.9, 7.8])
    assert result == 36.0, (
        f"srs_total([8.6, 9.7, 9.9, 7.8]) should be exactly 36.0, got {result!r}. "
        "Plain sum() gives 35.99999999999999 here: return round(total, 1)."
    )


def test_accepts_a_tuple_and_the_ends_of_the_line():
    assert srs_total((0, 10, 0, 10)) == 20, "A tuple of four marks is a valid form, and 0 and 10 are valid marks."
    assert srs_total([0, 0, 0, 0]) == 0, "Four marks of 0 total 0: 0 is a valid mark."


def test_wrong_number_of_marks_raises_value_error():
    for marks in ([9, 9, 9], [9, 9, 9, 9, 9], []):
        error = _raised(lambda: srs_total(marks))
        assert isinstance(error, ValueError), (
            f"srs_total({marks!r}) should raise ValueError (the SRS has exactly four marks), but {_describe(error)}"
        )
        assert str(error), "Give the ValueError a message that says what is wrong, e.g. 'expected 4 marks, got 3'."


def test_mark_outside_0_to_10_raises_value_error():
    for marks in ([9, 9, 9, 10.5], [-1, 9, 9, 9], [9, 12, 9, 9]):
        error = _raised(lambda: srs_total(marks))
        assert isinstance(error, ValueError), (
            f"srs_total({marks!r}) should raise ValueError (each mark is 0 to 10), but {_describe(error)}"
        )
        assert str(error), "Give the ValueError a message that says which mark is out of range."


def test_mark_that_is_not_a_number_raises_value_error():
    for marks in ([9, "9", 9, 9], [9, 9, None, 9]):
        error = _raised(lambda: srs_total(marks))
        assert isinstance(error, ValueError), (
            f"srs_total({marks!r}) should raise ValueError (every mark must be a number), but {_describe(error)}. "
            "Check the type with isinstance before you compare or add."
        )


def test_concern_below_36():
    assert possible_concern([8, 9, 9, 9]) is True, "A total of 35 is below 36: the flag should be True."
    assert possible_concern([0, 0, 0, 0]) is True, "A total of 0 is below 36: the flag should be True."
    assert possible_concern([9, 9, 9, 8.9]) is True, "A total of 35.9 is below 36: the flag should be True."


def test_no_concern_at_exactly_36():
    assert possible_concern([9, 9, 9, 9]) is False, (
        "A total of exactly 36 is not below 36: this exercise uses 'total < 36', so the flag should be False."
    )
    assert possible_concern([8.6, 9.7, 9.9, 7.8]) is False, (
        "These marks total 36.0 once rounded, so the flag should be False. Did you round the total?"
    )


def test_no_concern_above_36():
    assert possible_concern([10, 10, 10, 10]) is False, "A total of 40 is not below 36: the flag should be False."
    assert possible_concern([9, 9, 9, 9.1]) is False, "A total of 36.1 is not below 36: the flag should be False."


def test_concern_checks_the_form_too():
    error = _raised(lambda: possible_concern([9, 9, 9]))
    assert isinstance(error, ValueError), (
        f"possible_concern([9, 9, 9]) should raise ValueError like srs_total does, but {_describe(error)}"
    )
