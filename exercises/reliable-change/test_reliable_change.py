"""Tests for the reliable-change exercise. The measure and all numbers are invented.

Daily Distress Checklist: SD_PRE = 7.5, RELIABILITY = 0.85, so S_diff = 4.108 and a change
must exceed 1.96 * 4.108 = 8.05 points to be reliable.
"""

import math

from student import classify, classify_file, reliable_change


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


def test_reliable_change_simple_numbers():
    result = reliable_change(20, 30, 10, 0.8)
    assert result is not None and math.isclose(result, 1.5811, abs_tol=1e-3), (
        "reliable_change(20, 30, 10, 0.8): SE = 10 * sqrt(0.2) = 4.472, S_diff = sqrt(2 * 4.472**2) = 6.325, "
        f"RC = 10 / 6.325 = 1.581; got {result!r}"
    )


def test_reliable_change_on_the_checklist():
    result = reliable_change(38, 27, 7.5, 0.85)
    assert result is not None and math.isclose(result, -2.678, abs_tol=1e-3), (
        "reliable_change(38, 27, 7.5, 0.85) should be -11 / 4.108 = -2.678 "
        f"(negative, because the score went down); got {result!r}"
    )


def test_no_change_gives_zero():
    result = reliable_change(30, 30, 7.5, 0.85)
    assert result == 0, f"When post equals pre the RC is 0, got {result!r}"


def test_lower_reliability_needs_more_change():
    sloppy = reliable_change(40, 32, 7.5, 0.60)
    precise = reliable_change(40, 32, 7.5, 0.90)
    assert sloppy is not None and precise is not None and abs(sloppy) < abs(precise), (
        "The same 8-point drop should give a smaller RC when the questionnaire is less reliable "
        f"(0.60: {sloppy!r}) than when it is more reliable (0.90: {precise!r})."
    )


def test_invalid_inputs_raise_value_error():
    cases = [
        ((38, 27, 0, 0.85), "sd_pre must be above 0"),
        ((38, 27, -7.5, 0.85), "sd_pre must be above 0"),
        ((38, 27, 7.5, 1.0), "a reliability of 1 would mean dividing by zero"),
        ((38, 27, 7.5, 1.2), "reliability must be below 1"),
        ((38, 27, 7.5, -0.1), "reliability must be at least 0"),
    ]
    for arguments, reason in cases:
        error = _raised(lambda: reliable_change(*arguments))
        assert isinstance(error, ValueError), (
            f"reliable_change{arguments} should raise ValueError ({reason}), but {_describe(error)}"
        )


def test_classify_when_lower_is_better():
    assert classify(-2.5) == "reliable improvement", f"RC = -2.5 on a distress scale: expected 'reliable improvement', got {classify(-2.5)!r}"
    assert classify(2.5) == "reliable deterioration", f"RC = 2.5 on a distress scale: expected 'reliable deterioration', got {classify(2.5)!r}"
    assert classify(0.4) == "no reliable change", f"RC = 0.4: expected 'no reliable change', got {classify(0.4)!r}"


def test_classify_boundary_is_strict():
    for rc in (1.96, -1.96):
        result = classify(rc)
        assert result == "no reliable change", (
            f"classify({rc}) should be 'no reliable change': a change is reliable only when abs(RC) > 1.96. Got {result!r}"
        )
    assert classify(-1.97) == "reliable improvement", f"classify(-1.97) should be 'reliable improvement', got {classify(-1.97)!r}"


def test_classify_when_higher_is_better():
    up = classify(2.5, lower_is_better=False)
    down = classify(-2.5, lower_is_better=False)
    assert up == "reliable improvement", f"On a scale where higher is better, RC = 2.5 is 'reliable improvement', got {up!r}"
    assert down == "reliable deterioration", f"On a scale where higher is better, RC = -2.5 is 'reliable deterioration', got {down!r}"


def test_classify_file():
    expected = {
        "A": "reliable improvement",
        "B": "no reliable change",
        "C": "reliable deterioration",
        "D": "no reliable change",
        "E": "reliable improvement",
        "F": "no reliable change",
        "G": "reliable improvement",
        "H": "no reliable change",
    }
    result = classify_file()
    assert isinstance(result, dict), f"classify_file() should return a dict, got {result!r}"
    for client, label in expected.items():
        assert result.get(client) == label, (
            f"Client {client} in clients.csv should be {label!r}, got {result.get(client)!r}. "
            "Use SD_PRE = 7.5, RELIABILITY = 0.85, lower is better."
        )
